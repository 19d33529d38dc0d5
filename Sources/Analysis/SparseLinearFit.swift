/// Least squares with an ℓ1 penalty on some coefficients (the lasso, Tibshirani 1996), solved by cyclic
/// coordinate descent with soft thresholding (Friedman, Hastie & Tibshirani 2010, "Regularization paths
/// for generalized linear models via coordinate descent", J. Stat. Softw. 33(1)).
///
/// Minimises (1/N)·Σᵢ (yᵢ − Σⱼ βⱼ·xᵢⱼ)² + λ·Σ_{j penalised} |βⱼ|. Proxy adaptation (seed 002, Eq. 3.3)
/// is this problem with one unpenalised column (the proxy's prediction, coefficient α) and one penalised
/// column per operator (the sparse corrections b).
public struct SparseLinearFit: Hashable, Sendable {
  /// The fitted coefficients, one per column.
  public let coefficients: [Double]
  /// Sweeps used until convergence.
  public let sweeps: Int

  /// Fits the model.
  ///
  /// - Parameters:
  ///   - rows: N rows of features (all the same length d).
  ///   - targets: N targets.
  ///   - penalised: for each column, whether its coefficient is penalised.
  ///   - lambda: the ℓ1 weight λ ≥ 0.
  ///   - tolerance: stop when no coefficient moves more than this (relative to the largest).
  /// - Complexity: O(sweeps · N · d).
  public init(rows: [[Double]], targets: [Double], penalised: [Bool], lambda: Double,
              tolerance: Double = 1e-9, maxSweeps: Int = 2_000) {
    let n = rows.count
    let d = penalised.count
    precondition(targets.count == n && rows.allSatisfy { $0.count == d }, "rows, targets and columns must agree")
    var beta = [Double](repeating: 0, count: d)
    var residual = targets
    // Column squared norms / N; a zero column keeps a zero coefficient.
    let scale: [Double] = (0..<d).map { j in rows.reduce(0) { $0 + $1[j] * $1[j] } / Double(max(n, 1)) }
    var sweeps = 0
    while sweeps < maxSweeps {
      sweeps += 1
      var largestStep = 0.0, largestBeta = 0.0
      for j in 0..<d where scale[j] > 0 {
        // ρ = (1/N) Σ x_ij (r_i + x_ij β_j): the fit of column j to the partial residual.
        var rho = 0.0
        for i in 0..<n { rho += rows[i][j] * (residual[i] + rows[i][j] * beta[j]) }
        rho /= Double(n)
        // The objective's ℓ1 term λ|β| against (1/N)Σr² has threshold λ/2.
        let threshold = penalised[j] ? lambda / 2 : 0
        let updated = (rho > threshold ? rho - threshold : rho < -threshold ? rho + threshold : 0) / scale[j]
        let step = updated - beta[j]
        if step != 0 {
          for i in 0..<n { residual[i] -= rows[i][j] * step }
          beta[j] = updated
        }
        largestStep = max(largestStep, abs(step))
        largestBeta = max(largestBeta, abs(updated))
      }
      if largestStep <= tolerance * max(largestBeta, 1e-300) { break }
    }
    self.coefficients = beta
    self.sweeps = sweeps
  }

  /// The prediction for one row.
  public func predict(_ row: [Double]) -> Double {
    zip(row, coefficients).reduce(0) { $0 + $1.0 * $1.1 }
  }
}
