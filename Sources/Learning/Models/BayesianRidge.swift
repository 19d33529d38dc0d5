/// Bayesian linear regression (Bishop, *Pattern Recognition and Machine Learning*, 2006, §3.5): a
/// Gaussian prior w ~ N(0, λ⁻¹I) and noise precision α, both chosen by maximising the evidence with
/// MacKay's fixed-point updates (MacKay 1992), under Gamma hyperpriors, as scikit-learn's
/// `BayesianRidge` does. One of [Laube22]'s predictors.
///
/// Starting from α = 1/Var(y), λ = 1, each round takes the posterior mean w = (XᵀX + λ/α·I)⁻¹Xᵀy, the
/// effective number of parameters γ = Σₖ αsₖ/(λ + αsₖ) over the eigenvalues sₖ of XᵀX, then
/// λ ← (γ + 2λ₁)/(‖w‖² + 2λ₂) and α ← (n − γ + 2α₁)/(‖y − Xw‖² + 2α₂), until Σ|Δw| < `tolerance` or
/// `max_iterations` rounds; the prediction is the posterior mean under the final α, λ.
///
/// Hyperparameter space: the Gamma hyperpriors' shape and rate `alpha_1`, `alpha_2`, `lambda_1`,
/// `lambda_2`, each log-uniform in [10⁻⁸, 10⁻²], default 10⁻⁶ (nearly flat, scikit-learn's default);
/// `tolerance` (default 10⁻³) and `max_iterations` (default 300) are settings, not searched.
public enum BayesianRidge: Regressor {
  public static let name = "bayesian-ridge"
  public static let hyperparameterSpace = HyperparameterSpace(["alpha_1", "alpha_2", "lambda_1", "lambda_2"].map {
    .init($0, .real(lower: 1e-8, upper: 1e-2, logarithmic: true))
  })
  public static let defaultHyperparameters = Hyperparameters([
    "alpha_1": 1e-6, "alpha_2": 1e-6, "lambda_1": 1e-6, "lambda_2": 1e-6,
  ])

  public static func fit(features: FeatureMatrix, targets: [Double], hyperparameters: Hyperparameters,
                         seed: UInt64) throws(LearningError) -> LinearModel {
    var priors: [Double] = []
    for key in ["alpha_1", "alpha_2", "lambda_1", "lambda_2"] {
      let value = hyperparameters.value(key, default: 1e-6)
      guard value >= 0, value.isFinite else { throw .invalidHyperparameter(model: name, name: key, value: value) }
      priors.append(value)
    }
    let tolerance = hyperparameters.value("tolerance", default: 1e-3)
    let maxIterations = hyperparameters.integer("max_iterations", default: 300)
    guard maxIterations >= 1 else {
      throw .invalidHyperparameter(model: name, name: "max_iterations", value: Double(maxIterations))
    }
    let data = CentredData(features: features, targets: targets)
    let spectrum = LeastSquaresSpectrum(data)
    let n = Double(data.rowCount)
    let variance = data.targets.reduce(0) { $0 + $1 * $1 } / max(n, 1)
    var alpha = 1 / (variance + Double.ulpOfOne), lambda = 1.0
    var previous: [Double]?
    for _ in 0..<maxIterations {
      let w = spectrum.ridge(shift: lambda / alpha)
      let residual = data.residualSumOfSquares(w)
      let gamma = spectrum.eigenvalues.reduce(0) { $0 + alpha * $1 / (lambda + alpha * $1) }
      lambda = (gamma + 2 * priors[2]) / (w.reduce(0) { $0 + $1 * $1 } + 2 * priors[3])
      alpha = (n - gamma + 2 * priors[0]) / (residual + 2 * priors[1])
      guard alpha.isFinite, lambda.isFinite, alpha > 0, lambda > 0 else {
        throw .numerical(model: name, "evidence maximisation diverged (alpha \(alpha), lambda \(lambda))")
      }
      if let previous, zip(previous, w).reduce(0, { $0 + abs($1.0 - $1.1) }) < tolerance { break }
      previous = w
    }
    return LinearModel(coefficients: spectrum.ridge(shift: lambda / alpha), centred: data)
  }
}
