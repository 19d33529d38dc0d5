import Analysis
import Foundation

/// A linear latency predictor L(x) = wᵀx over an architecture encoding x (one-hot per decision plus a
/// constant 1 for the fixed parts), as in seed 002, §3.5.3.
public struct LinearLatencyPredictor: Hashable, Sendable, Codable {
  public var weights: [Double]
  public init(weights: [Double]) { self.weights = weights }

  public func predict(_ x: [Double]) -> Double { zip(weights, x).reduce(0) { $0 + $1.0 * $1.1 } }

  /// Least-squares fit on (encoding, latency) samples; a small ridge term keeps collinear one-hot
  /// blocks (each block sums to 1, like the constant column) solvable, and is what a device's
  /// "predictor built a priori" from many measurements amounts to.
  public static func fit(encodings: [[Double]], latencies: [Double], ridge: Double = 1e-6) -> LinearLatencyPredictor {
    let d = encodings.first?.count ?? 0
    var gram = [[Double]](repeating: [Double](repeating: 0, count: d), count: d)
    var rhs = [Double](repeating: 0, count: d)
    for (x, y) in zip(encodings, latencies) {
      for i in 0..<d where x[i] != 0 {
        rhs[i] += x[i] * y
        for j in 0..<d where x[j] != 0 { gram[i][j] += x[i] * x[j] }
      }
    }
    let scale = gram.indices.map { gram[$0][$0] }.max() ?? 1
    for i in 0..<d { gram[i][i] += ridge * max(scale, 1e-300) }
    return LinearLatencyPredictor(weights: solveSymmetric(gram, rhs))
  }

  /// Solves A·x = b for a symmetric positive definite A by Cholesky decomposition.
  static func solveSymmetric(_ a: [[Double]], _ b: [Double]) -> [Double] {
    let n = b.count
    var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for i in 0..<n {
      for j in 0...i {
        var sum = a[i][j]
        for k in 0..<j { sum -= l[i][k] * l[j][k] }
        if i == j { l[i][i] = sum > 0 ? sum.squareRoot() : 1e-300 } else { l[i][j] = sum / l[j][j] }
      }
    }
    var y = [Double](repeating: 0, count: n)
    for i in 0..<n {
      var sum = b[i]
      for k in 0..<i { sum -= l[i][k] * y[k] }
      y[i] = sum / l[i][i]
    }
    var x = [Double](repeating: 0, count: n)
    for i in stride(from: n - 1, through: 0, by: -1) {
      var sum = y[i]
      for k in (i + 1)..<max(n, i + 1) { sum -= l[k][i] * x[k] }
      x[i] = sum / l[i][i]
    }
    return x
  }
}

/// Proxy adaptation, seed 002 Eq. (3.3): from a proxy's linear predictor w and a few target
/// measurements (xᵢ, yᵢ), find a scale α and a sparse correction b so that
/// L_{d₀,d}(x) = [(α·1 + b) ∘ w]ᵀ x ranks architectures as the target does:
///
///   min_{α, b} (1/N) Σᵢ ( [(α·1 + b) ∘ w]ᵀ xᵢ − yᵢ )² + λ‖b‖₁,
///
/// with λ chosen on a validation split by Spearman ρ (Algorithm 5, line 8).
public struct AdaptedPredictor: Hashable, Sendable, Codable {
  public var alpha: Double
  public var corrections: [Double]
  public var lambda: Double
  /// Spearman ρ of the adapted predictor on the validation split.
  public var validationRho: Double
  public var proxy: LinearLatencyPredictor

  /// The adapted weights (α + bⱼ)·wⱼ.
  public var weights: [Double] { zip(proxy.weights, corrections).map { (alpha + $1) * $0 } }
  public func predict(_ x: [Double]) -> Double { zip(weights, x).reduce(0) { $0 + $1.0 * $1.1 } }
}

public enum ProxyAdaptation {
  /// Solves Eq. (3.3) for one λ. Column 0 of the design is the proxy prediction wᵀx (coefficient α,
  /// not penalised); column j+1 is wⱼxⱼ (coefficient bⱼ, penalised).
  public static func solve(proxy: LinearLatencyPredictor, encodings: [[Double]], latencies: [Double], lambda: Double)
    -> (alpha: Double, corrections: [Double])
  {
    let rows = encodings.map { x in [proxy.predict(x)] + zip(proxy.weights, x).map { $0 * $1 } }
    let penalised = [false] + Array(repeating: true, count: proxy.weights.count)
    let fit = SparseLinearFit(rows: rows, targets: latencies, penalised: penalised, lambda: lambda)
    return (fit.coefficients[0], Array(fit.coefficients.dropFirst()))
  }

  /// How λ is chosen.
  public enum LambdaSelection: String, Hashable, Sendable, Codable, CaseIterable {
    /// Fit on the training split; pick λ by Spearman ρ on the held-out validation split (seed 002, §3.5.3).
    case validationSplit = "split"
    /// As `split`, then refit with that λ on train + validation (every measurement informs the fit).
    case validationSplitRefit = "split-refit"
    /// Pick λ by the Spearman ρ of pooled out-of-fold predictions over all samples (5 folds), then
    /// refit on all of them: the same measurements, a less noisy choice of λ.
    case crossValidation = "cv"
  }

  /// The λ grid: `grid` log-spaced values from λ_max (every correction zero) down to λ_max·10⁻⁴, then 0.
  static func lambdaGrid(proxy: LinearLatencyPredictor, x: [[Double]], y: [Double], grid: Int) -> [Double] {
    let (alphaOnly, _) = solve(proxy: proxy, encodings: x, latencies: y, lambda: .infinity)
    var lambdaMax = 0.0
    for j in proxy.weights.indices {
      var dot = 0.0
      for i in x.indices {
        let residual = y[i] - alphaOnly * proxy.predict(x[i])
        dot += proxy.weights[j] * x[i][j] * residual
      }
      lambdaMax = max(lambdaMax, 2 * abs(dot) / Double(max(x.count, 1)))
    }
    return (0..<grid).map { lambdaMax * pow(10, -4 * Double($0) / Double(max(grid - 1, 1))) } + [0]
  }

  /// Adapts the proxy to the target's measured samples.
  ///
  /// - Parameters:
  ///   - train: samples the fit uses; `validation`: samples that choose λ (`split` modes), or, for
  ///     `cv`, more samples pooled with `train`.
  ///   - grid: number of λ values between λ_max and λ_max·10⁻⁴ (plus λ = 0). Ties in ρ go to the larger λ
  ///     (the sparser correction).
  public static func adapt(proxy: LinearLatencyPredictor, train: [(encoding: [Double], latency: Double)],
                           validation: [(encoding: [Double], latency: Double)], selection: LambdaSelection = .validationSplit,
                           grid: Int = 24) -> AdaptedPredictor {
    let all = train + validation
    switch selection {
    case .validationSplit, .validationSplitRefit:
      let x = train.map(\.encoding), y = train.map(\.latency)
      var best: AdaptedPredictor? = nil
      for lambda in lambdaGrid(proxy: proxy, x: x, y: y, grid: grid) {
        let (alpha, b) = solve(proxy: proxy, encodings: x, latencies: y, lambda: lambda)
        var candidate = AdaptedPredictor(alpha: alpha, corrections: b, lambda: lambda, validationRho: 0, proxy: proxy)
        let rho = RankCorrelation.spearman(validation.map { candidate.predict($0.encoding) }, validation.map(\.latency))
        candidate.validationRho = rho.isNaN ? -1 : rho
        if best == nil || candidate.validationRho > best!.validationRho + 1e-12 { best = candidate }
      }
      var chosen = best!  // the grid always has λ = 0
      if selection == .validationSplitRefit {
        let (alpha, b) = solve(proxy: proxy, encodings: all.map(\.encoding), latencies: all.map(\.latency), lambda: chosen.lambda)
        chosen.alpha = alpha
        chosen.corrections = b
      }
      return chosen
    case .crossValidation:
      let folds = min(5, all.count)
      let x = all.map(\.encoding), y = all.map(\.latency)
      var bestLambda = 0.0, bestRho = -Double.infinity
      for lambda in lambdaGrid(proxy: proxy, x: x, y: y, grid: grid) {
        var predicted = [Double](repeating: 0, count: all.count)
        for fold in 0..<folds {
          let held = Array(stride(from: fold, to: all.count, by: folds))
          let kept = all.indices.filter { $0 % folds != fold }
          let (alpha, b) = solve(proxy: proxy, encodings: kept.map { x[$0] }, latencies: kept.map { y[$0] }, lambda: lambda)
          let model = AdaptedPredictor(alpha: alpha, corrections: b, lambda: lambda, validationRho: 0, proxy: proxy)
          for i in held { predicted[i] = model.predict(x[i]) }
        }
        let rho = RankCorrelation.spearman(predicted, y)
        if !rho.isNaN, rho > bestRho + 1e-12 { bestRho = rho; bestLambda = lambda }
      }
      let (alpha, b) = solve(proxy: proxy, encodings: x, latencies: y, lambda: bestLambda)
      return AdaptedPredictor(alpha: alpha, corrections: b, lambda: bestLambda, validationRho: bestRho, proxy: proxy)
    }
  }
}
