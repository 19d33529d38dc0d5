/// Least squares with an ℓ1 penalty on some coefficients (the lasso, Tibshirani 1996), solved by cyclic
/// coordinate descent with soft thresholding (Friedman, Hastie & Tibshirani 2010, "Regularization paths
/// for generalized linear models via coordinate descent", J. Stat. Softw. 33(1)).
///
/// Minimises (1/N)·Σᵢ (yᵢ − Σⱼ βⱼ·xᵢⱼ)² + λ·Σ_{j penalised} |βⱼ|. Proxy adaptation ([Lu22] Eq. 3.3)
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
    let d = penalised.count
    precondition(targets.count == rows.count && rows.allSatisfy { $0.count == d }, "rows, targets and columns must agree")
    var columns = [Double](repeating: 0, count: rows.count * d)
    for (i, row) in rows.enumerated() { for j in 0..<d { columns[j * rows.count + i] = row[j] } }
    self.init(columnMajor: columns, rowCount: rows.count, targets: targets, penalised: penalised, lambda: lambda,
              tolerance: tolerance, maxSweeps: maxSweeps)
  }

  /// Fits the model on features stored column by column (column j of N rows at `j * N ..< (j + 1) * N`),
  /// the layout coordinate descent reads.
  ///
  /// - Parameters: as ``init(rows:targets:penalised:lambda:tolerance:maxSweeps:)``, with `columnMajor`
  ///   holding the N × d features and `rowCount` = N.
  /// - Complexity: O(sweeps · N · d).
  public init(columnMajor x: [Double], rowCount n: Int, targets: [Double], penalised: [Bool], lambda: Double,
              tolerance: Double = 1e-9, maxSweeps: Int = 2_000) {
    let d = penalised.count
    precondition(targets.count == n && x.count == n * d, "rows, targets and columns must agree")
    var beta = [Double](repeating: 0, count: d)
    var residual = targets
    var sweeps = 0
    x.withUnsafeBufferPointer { xp in
      residual.withUnsafeMutableBufferPointer { rp in
        let r = rp.baseAddress!
        // Column squared norms / N; a zero column keeps a zero coefficient.
        let scale: [Double] = (0..<d).map { j in
          let column = xp.baseAddress! + j * n
          var sum = 0.0
          for i in 0..<n { sum += column[i] * column[i] }
          return sum / Double(max(n, 1))
        }
        while sweeps < maxSweeps {
          sweeps += 1
          var largestStep = 0.0, largestBeta = 0.0
          for j in 0..<d where scale[j] > 0 {
            let column = xp.baseAddress! + j * n
            // ρ = (1/N) Σ x_ij (r_i + x_ij β_j): the fit of column j to the partial residual.
            var rho = 0.0
            for i in 0..<n { rho += column[i] * (r[i] + column[i] * beta[j]) }
            rho /= Double(n)
            // The objective's ℓ1 term λ|β| against (1/N)Σr² has threshold λ/2.
            let threshold = penalised[j] ? lambda / 2 : 0
            let updated = (rho > threshold ? rho - threshold : rho < -threshold ? rho + threshold : 0) / scale[j]
            let step = updated - beta[j]
            if step != 0 {
              for i in 0..<n { r[i] -= column[i] * step }
              beta[j] = updated
            }
            largestStep = max(largestStep, abs(step))
            largestBeta = max(largestBeta, abs(updated))
          }
          if largestStep <= tolerance * max(largestBeta, 1e-300) { break }
        }
      }
    }
    self.coefficients = beta
    self.sweeps = sweeps
  }

  /// Fits the same model from the Gram form: G = XᵀX/N (d × d, row-major) and b = Xᵀy/N, with
  /// "covariance updates" (Friedman, Hastie & Tibshirani 2010, §2.2): ρⱼ = bⱼ − (Gβ)ⱼ + Gⱼⱼβⱼ, keeping Gβ
  /// up to date after each move. A sweep costs O(d²) instead of O(N·d), which pays when N ≫ d. The
  /// iterates equal those of the row form up to rounding.
  ///
  /// - Parameters: `gram` and `correlations` as above; the rest as
  ///   ``init(rows:targets:penalised:lambda:tolerance:maxSweeps:)``.
  /// - Complexity: O(sweeps · d²).
  public init(gram: [Double], correlations b: [Double], penalised: [Bool], lambda: Double,
              tolerance: Double = 1e-9, maxSweeps: Int = 2_000) {
    let d = penalised.count
    precondition(gram.count == d * d && b.count == d, "the Gram matrix, correlations and columns must agree")
    var beta = [Double](repeating: 0, count: d)
    // Gβ.
    var fitted = [Double](repeating: 0, count: d)
    var sweeps = 0
    while sweeps < maxSweeps {
      sweeps += 1
      var largestStep = 0.0, largestBeta = 0.0
      for j in 0..<d where gram[j * d + j] > 0 {
        let scale = gram[j * d + j]
        let rho = b[j] - fitted[j] + scale * beta[j]
        let threshold = penalised[j] ? lambda / 2 : 0
        let updated = (rho > threshold ? rho - threshold : rho < -threshold ? rho + threshold : 0) / scale
        let step = updated - beta[j]
        if step != 0 {
          for k in 0..<d { fitted[k] += gram[k * d + j] * step }
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
