/// Ridge regression: least squares with an ℓ2 penalty, minimising Σᵢ (yᵢ − w·xᵢ − b)² + α‖w‖²
/// (scikit-learn's `Ridge` objective; the intercept b is not penalised). One of [Laube22]'s predictors,
/// and its recommendation for small training sets.
///
/// Hyperparameter space: `alpha` log-uniform in [10⁻³, 10³], default 1 (scikit-learn's and [Laube22]
/// Table 2's default; the paper searched only [0.25, 2.5], too narrow to matter on standardised data).
public enum RidgeRegression: Regressor {
  public static let name = "ridge"
  public static let hyperparameterSpace = HyperparameterSpace([
    .init("alpha", .real(lower: 1e-3, upper: 1e3, logarithmic: true))
  ])
  public static let defaultHyperparameters = Hyperparameters(["alpha": 1])

  public static func fit(features: FeatureMatrix, targets: [Double], hyperparameters: Hyperparameters,
                         seed: UInt64) throws(LearningError) -> LinearModel {
    let alpha = hyperparameters.value("alpha", default: 1)
    guard alpha > 0, alpha.isFinite else { throw .invalidHyperparameter(model: name, name: "alpha", value: alpha) }
    let data = CentredData(features: features, targets: targets)
    return LinearModel(coefficients: LeastSquaresSpectrum(data).ridge(shift: alpha), centred: data)
  }
}
