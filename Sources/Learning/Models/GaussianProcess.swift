import RealModule
import SeededRandom

/// A stationary covariance function of the scaled distance r = ‖(x − x')/ℓ‖ (Rasmussen & Williams,
/// *Gaussian Processes for Machine Learning*, 2006, §4.2), unit signal variance.
public enum CovarianceFunction: Int, Sendable, Codable, CaseIterable {
  /// exp(−r²/2).
  case squaredExponential = 0
  /// (1 + √3·r)·exp(−√3·r).
  case matern32 = 1
  /// (1 + √5·r + 5r²/3)·exp(−√5·r).
  case matern52 = 2

  /// k at squared scaled distance s = r².
  @inline(__always)
  func value(squaredDistance s: Double) -> Double {
    switch self {
    case .squaredExponential: return Double.exp(-s / 2)
    case .matern32:
      let a = (3 * s).squareRoot()
      return (1 + a) * Double.exp(-a)
    case .matern52:
      let a = (5 * s).squareRoot()
      return (1 + a + 5 * s / 3) * Double.exp(-a)
    }
  }

  /// h(s) with ∂k/∂log ℓ_d = h(s)·(x_d − x'_d)²/ℓ_d², so ∂k/∂log ℓ = h(s)·s for a shared length scale.
  @inline(__always)
  func lengthScaleFactor(squaredDistance s: Double) -> Double {
    switch self {
    case .squaredExponential: return Double.exp(-s / 2)
    case .matern32: return 3 * Double.exp(-(3 * s).squareRoot())
    case .matern52:
      let a = (5 * s).squareRoot()
      return 5.0 / 3 * (1 + a) * Double.exp(-a)
    }
  }
}

/// Gaussian-process regression (Rasmussen & Williams 2006, Algorithm 2.1), one of [Laube22]'s predictors:
/// prior mean zero (targets are standardised), covariance σ_f²·k(r) + σ_n²·δ with k a
/// ``CovarianceFunction`` over one length scale ℓ (or one per feature, `ard`).
///
/// The kernel's parameters are fitted by maximising the log marginal likelihood: with K = σ_f²·A,
/// A = R_ℓ + g·I (g = σ_n²/σ_f²), σ_f² has the closed form yᵀA⁻¹y/n, so the search is over (log ℓ, log g)
/// alone, by bounded BFGS on the concentrated likelihood −n/2·log σ̂_f² − ½·log|A| and its analytic
/// gradient ½[αᵀ(∂A)α/σ̂_f² − tr(A⁻¹∂A)], α = A⁻¹y. The first start is ℓ = √d, g = 0.1; `restarts` more
/// are drawn from the seed (log-uniform ℓ in [0.1·√d, 10·√d], g in [10⁻⁴, 1]); the best likelihood wins.
/// Bounds: ℓ in [10⁻³, 10⁵], g in [10⁻⁸, 10²]. Cholesky factorisations add jitter when A is
/// numerically singular (``Cholesky``).
///
/// Hyperparameter space (what a random search chooses; the kernel parameters are always fitted):
/// `kernel` ∈ {0 squared exponential, 1 Matérn 3/2, 2 Matérn 5/2} (default 2), `ard` ∈ {0, 1} (default
/// 0: one shared length scale). Setting not searched: `restarts` (default 2).
/// - Complexity: O(n³) per likelihood evaluation (a Cholesky factorisation and the inverse for the
///   gradient); tens of evaluations per start with one length scale. With `ard` the search has d + 1
///   variables and typically runs to the optimiser's cap of 100 iterations per start: about ten times
///   the cost, for a better fit from a few hundred samples on (one-hot features whose decisions matter
///   unequally).
public enum GaussianProcess: Regressor {
  public static let name = "gp"
  public static let hyperparameterSpace = HyperparameterSpace([
    .init("kernel", .choice([0, 1, 2])),
    .init("ard", .choice([0, 1])),
  ])
  public static let defaultHyperparameters = Hyperparameters(["kernel": 2, "ard": 0, "restarts": 2])

  public struct Model: FittedRegressor, Hashable {
    /// The mean: Σᵢ αᵢ·k(xᵢ, x) over the training rows, α = A⁻¹y.
    let mean: KernelExpansion
    /// σ_f² and σ_n² of the fitted covariance.
    public let signalVariance: Double
    public let noiseVariance: Double
    /// The maximised log marginal likelihood.
    public let logMarginalLikelihood: Double

    public func predict(_ features: FeatureMatrix) -> [Double] { mean.evaluate(features) }
  }

  /// The first start, then draws from the seed: log ℓ = log √d (uniform within ± log 10 on restarts) for
  /// each of `scales` length scales, then log g = log 0.1 (log-uniform in [10⁻⁴, 1] on restarts).
  static func startingPoint(_ start: Int, scales: Int, features d: Int, using generator: inout SplitMix64) -> [Double] {
    let typical = Double.log(Double(max(d, 1)).squareRoot())
    if start == 0 { return [Double](repeating: typical, count: scales) + [Double.log(0.1)] }
    var point = (0..<scales).map { _ in typical + Double.log(0.1) + generator.unitDouble() * Double.log(100) }
    point.append(Double.log(1e-4) + generator.unitDouble() * Double.log(1e4))
    return point
  }

  static let lengthScaleBounds = (lower: 1e-3, upper: 1e5)
  static let noiseRatioBounds = (lower: 1e-8, upper: 1e2)

  public static func fit(features: FeatureMatrix, targets: [Double], hyperparameters: Hyperparameters,
                         seed: UInt64) throws(LearningError) -> Model {
    let kernelCode = hyperparameters.integer("kernel", default: 2)
    guard let kernel = CovarianceFunction(rawValue: kernelCode) else {
      throw .invalidHyperparameter(model: name, name: "kernel", value: Double(kernelCode))
    }
    let ard = hyperparameters.value("ard", default: 0) != 0
    let restarts = hyperparameters.integer("restarts", default: 2)
    guard restarts >= 0 else { throw .invalidHyperparameter(model: name, name: "restarts", value: Double(restarts)) }
    let n = features.rowCount, d = features.columnCount
    let likelihood = MarginalLikelihood(features: features, targets: targets, kernel: kernel, ard: ard)
    let scales = ard ? d : 1
    var lower = [Double](repeating: Double.log(lengthScaleBounds.lower), count: scales)
    var upper = [Double](repeating: Double.log(lengthScaleBounds.upper), count: scales)
    lower.append(Double.log(noiseRatioBounds.lower))
    upper.append(Double.log(noiseRatioBounds.upper))
    let optimiser = BoundedBFGS(lower: lower, upper: upper)
    var generator = SplitMix64(seed: seed)
    var best: BoundedBFGS.Result<MarginalLikelihood.Evaluation>?
    for start in 0...restarts {
      let point = startingPoint(start, scales: scales, features: d, using: &generator)
      guard let result = optimiser.minimise(from: point, value: likelihood.evaluate, gradient: likelihood.gradient)
      else { continue }
      if best == nil || result.value < best!.value { best = result }
    }
    guard let best else {
      throw .numerical(model: name, "the kernel matrix is not positive definite at any start, even with jitter")
    }
    let lengthScales = ard ? best.point.prefix(d).map { Double.exp($0) }
      : [Double](repeating: Double.exp(best.point[0]), count: d)
    let noiseRatio = Double.exp(best.point[scales])
    let evaluation = best.state
    return Model(mean: KernelExpansion(kernel: kernel, centres: features, lengthScales: lengthScales,
                                       weights: evaluation.alpha),
                 signalVariance: evaluation.signalVariance,
                 noiseVariance: evaluation.signalVariance * noiseRatio,
                 logMarginalLikelihood: -best.value - 0.5 * Double(n) * (1 + Double.log(2 * Double.pi)))
  }
}

/// Σⱼ wⱼ·k(‖(x − cⱼ)/ℓ‖) over centres cⱼ: the mean of a fitted (sparse) Gaussian process.
struct KernelExpansion: Hashable, Codable {
  let kernel: CovarianceFunction
  /// Centres divided by their length scales, row-major.
  let scaledCentres: [Double]
  /// ℓ per feature.
  let lengthScales: [Double]
  let weights: [Double]

  init(kernel: CovarianceFunction, centres: FeatureMatrix, lengthScales: [Double], weights: [Double]) {
    var scaled = centres.values
    let d = centres.columnCount
    for r in 0..<centres.rowCount { for c in 0..<d { scaled[r * d + c] /= lengthScales[c] } }
    self.kernel = kernel
    scaledCentres = scaled
    self.lengthScales = lengthScales
    self.weights = weights
  }

  func evaluate(_ features: FeatureMatrix) -> [Double] {
    precondition(features.columnCount == lengthScales.count)
    let d = lengthScales.count, m = weights.count
    var query = [Double](repeating: 0, count: d)
    return (0..<features.rowCount).map { r in
      for c in 0..<d { query[c] = features[r, c] / lengthScales[c] }
      return query.withUnsafeBufferPointer { qp in
        scaledCentres.withUnsafeBufferPointer { cp in
          var sum = 0.0
          for j in 0..<m {
            sum += weights[j] * kernel.value(squaredDistance: squaredDistance(qp.baseAddress!, cp.baseAddress! + j * d, d))
          }
          return sum
        }
      }
    }
  }
}

/// The concentrated log marginal likelihood of ``GaussianProcess`` and its gradient in
/// θ = (log ℓ₁ … log ℓ_m, log g).
struct MarginalLikelihood {
  let n: Int
  let d: Int
  let x: [Double]
  let y: [Double]
  let kernel: CovarianceFunction
  let ard: Bool
  /// Squared distances between training rows (shared length scale only), row-major n × n.
  let squaredDistances: [Double]

  struct Evaluation {
    var cholesky: Cholesky
    var alpha: [Double]
    var signalVariance: Double
    /// Squared scaled distances of this θ, row-major n × n (ard only; with one length scale they are
    /// the stored distances times `distanceFactor`).
    var scaledDistances: [Double]
    var distanceFactor: Double
  }

  init(features: FeatureMatrix, targets: [Double], kernel: CovarianceFunction, ard: Bool) {
    n = features.rowCount
    d = features.columnCount
    x = features.values
    y = targets
    self.kernel = kernel
    self.ard = ard
    squaredDistances = ard ? [] : LinearAlgebra.pairwiseSquaredDistances(x, rows: n, columns: d)
  }

  /// −log p(y | θ) − n/2·(1 + log 2π), with σ_f² at its optimum; nil where A does not factor.
  func evaluate(_ theta: [Double]) -> (Double, Evaluation)? {
    let g = Double.exp(theta[theta.count - 1])
    var scaled: [Double] = []
    let factor = ard ? 1 : Double.exp(-2 * theta[0])
    if ard {
      let inverseScales = theta.prefix(d).map { Double.exp(-$0) }
      var z = x
      for r in 0..<n { for c in 0..<d { z[r * d + c] *= inverseScales[c] } }
      scaled = LinearAlgebra.pairwiseSquaredDistances(z, rows: n, columns: d)
    }
    let distances = ard ? scaled : squaredDistances
    var a = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      for j in 0..<i {
        let k = kernel.value(squaredDistance: distances[i * n + j] * factor)
        a[i * n + j] = k
        a[j * n + i] = k
      }
      a[i * n + i] = 1 + g
    }
    guard let cholesky = try? Cholesky(a, n: n) else { return nil }
    let alpha = cholesky.solve(y)
    var quadratic = 0.0
    for i in 0..<n { quadratic += y[i] * alpha[i] }
    let signalVariance = max(quadratic / Double(n), 1e-300)
    let value = 0.5 * Double(n) * Double.log(signalVariance) + 0.5 * cholesky.logDeterminant
    guard value.isFinite else { return nil }
    return (value, Evaluation(cholesky: cholesky, alpha: alpha, signalVariance: signalVariance,
                              scaledDistances: scaled, distanceFactor: factor))
  }

  /// ∇θ of ``evaluate(_:)``'s value: −½[αᵀ(∂A)α/σ̂_f² − tr(A⁻¹∂A)] = −½·Σᵢⱼ Wᵢⱼ(∂A)ᵢⱼ with
  /// W = ααᵀ/σ̂_f² − A⁻¹.
  func gradient(_ theta: [Double], _ e: Evaluation) -> [Double] {
    let g = Double.exp(theta[theta.count - 1])
    let inverse = Cholesky.inverse(fromInverseTransposedFactor: e.cholesky.inverseTransposedFactor(), n: n)
    let sigma = e.signalVariance
    var gradient = [Double](repeating: 0, count: theta.count)
    // log g: ∂A = g·I.
    var trace = 0.0
    for i in 0..<n { trace += e.alpha[i] * e.alpha[i] / sigma - inverse[i * n + i] }
    gradient[theta.count - 1] = -0.5 * g * trace
    if ard {
      let inverseSquares = theta.prefix(d).map { Double.exp(-2 * $0) }
      var sums = [Double](repeating: 0, count: d)
      for i in 0..<n {
        for j in 0..<i {
          let w = 2 * (e.alpha[i] * e.alpha[j] / sigma - inverse[i * n + j])
            * kernel.lengthScaleFactor(squaredDistance: e.scaledDistances[i * n + j])
          guard w != 0 else { continue }
          for c in 0..<d {
            let difference = x[i * d + c] - x[j * d + c]
            sums[c] += w * difference * difference
          }
        }
      }
      for c in 0..<d { gradient[c] = -0.5 * sums[c] * inverseSquares[c] }
    } else {
      var sum = 0.0
      for i in 0..<n {
        for j in 0..<i {
          let s = squaredDistances[i * n + j] * e.distanceFactor
          sum += 2 * (e.alpha[i] * e.alpha[j] / sigma - inverse[i * n + j])
            * kernel.lengthScaleFactor(squaredDistance: s) * s
        }
      }
      gradient[0] = -0.5 * sum
    }
    return gradient
  }
}
