/// Ordinary least squares: the model of [Laube22] ("an independent value/cost for each operation/layer,
/// which only need to be summed up", fitted by least squares on the training data).
///
/// One-hot features are always rank deficient (each decision's columns sum to one), so the fit is the
/// minimum-norm least-squares solution (the pseudo-inverse, as scikit-learn's `LinearRegression` gives
/// through `lstsq`), computed from the spectrum of the centred data; the intercept is fitted unpenalised.
/// No hyperparameters: the search space is empty.
public enum LinearRegression: Regressor {
  public static let name = "linear"
  public static let hyperparameterSpace = HyperparameterSpace([])
  public static let defaultHyperparameters = Hyperparameters()

  public static func fit(features: FeatureMatrix, targets: [Double], hyperparameters: Hyperparameters,
                         seed: UInt64) throws(LearningError) -> LinearModel {
    let data = CentredData(features: features, targets: targets)
    return LinearModel(coefficients: LeastSquaresSpectrum(data).minimumNorm(), centred: data)
  }
}
