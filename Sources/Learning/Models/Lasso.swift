import Analysis

/// The lasso (Tibshirani 1996): least squares with an ℓ1 penalty, minimising
/// (1/2n)·Σᵢ (yᵢ − w·xᵢ − b)² + α‖w‖₁ (scikit-learn's `Lasso` objective; the intercept is not
/// penalised), by the cyclic coordinate descent that proxy adaptation uses (``SparseLinearFit``, whose
/// λ is 2α in these units).
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
    var columns = [Double](repeating: 0, count: n * d)
    for i in 0..<n { for j in 0..<d { columns[j * n + i] = data.features[i * d + j] } }
    let fit = SparseLinearFit(columnMajor: columns, rowCount: n, targets: data.targets,
                              penalised: [Bool](repeating: true, count: d), lambda: 2 * alpha,
                              tolerance: 1e-7, maxSweeps: 10_000)
    return LinearModel(coefficients: fit.coefficients, centred: data)
  }
}
