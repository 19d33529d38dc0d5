import Analysis

/// The lasso (Tibshirani 1996): least squares with an ℓ1 penalty, minimising
/// (1/2n)·Σᵢ (yᵢ − w·xᵢ − b)² + α‖w‖₁ (scikit-learn's `Lasso` objective; the intercept is not
/// penalised), by the cyclic coordinate descent that proxy adaptation uses (``SparseLinearFit``, whose
/// λ is 2α in these units), in its Gram form: sweeps cost O(d²) whatever the number of samples.
///
/// Hyperparameter space: `alpha` log-uniform in [10⁻⁵, 1], default 10⁻³ (on standardised targets,
/// α ≥ max|xⱼ·y|/n zeroes every coefficient; scikit-learn's default of 1 does so on standardised data).
public enum Lasso: Regressor {
  public static let name = "lasso"
  public static let hyperparameterSpace = HyperparameterSpace([
    .init("alpha", .real(lower: 1e-5, upper: 1, logarithmic: true))
  ])
  public static let defaultHyperparameters = Hyperparameters(["alpha": 1e-3])

  public static func fit(features: FeatureMatrix, targets: [Double], hyperparameters: Hyperparameters,
                         seed: UInt64) throws(LearningError) -> LinearModel {
    let alpha = hyperparameters.value("alpha", default: 1e-3)
    guard alpha >= 0, alpha.isFinite else { throw .invalidHyperparameter(model: name, name: "alpha", value: alpha) }
    let data = CentredData(features: features, targets: targets)
    let n = data.rowCount, d = data.columnCount
    // The Gram form: one O(n·d²) product, then sweeps of O(d²) whatever the number of samples.
    let scale = 1 / Double(max(n, 1))
    let gram = LinearAlgebra.gram(data.features, rows: n, columns: d).map { $0 * scale }
    let correlations = LinearAlgebra.transposedProduct(data.features, rows: n, columns: d, data.targets).map { $0 * scale }
    let fit = SparseLinearFit(gram: gram, correlations: correlations, penalised: [Bool](repeating: true, count: d),
                              lambda: 2 * alpha, tolerance: 1e-7, maxSweeps: 10_000)
    return LinearModel(coefficients: fit.coefficients, centred: data)
  }
}
