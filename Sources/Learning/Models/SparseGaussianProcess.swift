import RealModule
import SeededRandom

/// Sparse Gaussian-process regression with m inducing points (Titsias 2009, "Variational learning of
/// inducing variables in sparse Gaussian processes", AISTATS; the approximation family surveyed by
/// Quiñonero-Candela & Rasmussen 2005, which [Laube22] cites): the exact GP's O(n³) becomes O(n·m²), for
/// training sets where ``GaussianProcess`` is too slow.
///
/// The inducing inputs are m distinct training rows drawn with the seed and kept fixed. The kernel's
/// parameters maximise the variational lower bound on the log marginal likelihood,
/// F = log N(y | 0, Q + σ_n²I) − tr(K − Q)/(2σ_n²), Q = K_nm·K_mm⁻¹·K_mn. As for the exact GP the signal
/// variance has a closed form (the trace term does not depend on it), so bounded BFGS searches
/// (log ℓ, log g), g = σ_n²/σ_f², with central-difference gradients (two variables: four O(n·m²)
/// evaluations per gradient). The mean prediction is k(x, Z)·w with w = (σ_n²K_mm + K_mn·K_nm)⁻¹K_mn·y.
/// With n ≤ m every training row is an inducing point and the fit is the exact GP's.
///
/// Hyperparameter space: `kernel` ∈ {0 squared exponential, 1 Matérn 3/2, 2 Matérn 5/2} (default 2),
/// `inducing` (m) log-uniform integer in [32, 512] (default 256). Setting not searched: `restarts`
/// (default 1; starts as for ``GaussianProcess``).
public enum SparseGaussianProcess: Regressor {
  public static let name = "sparse-gp"
  public static let hyperparameterSpace = HyperparameterSpace([
    .init("kernel", .choice([0, 1, 2])),
    .init("inducing", .integer(lower: 32, upper: 512, logarithmic: true)),
  ])
  public static let defaultHyperparameters = Hyperparameters(["kernel": 2, "inducing": 256, "restarts": 1])

  public struct Model: FittedRegressor, Hashable {
    /// The mean: Σⱼ wⱼ·k(zⱼ, x) over the inducing inputs zⱼ.
    let mean: KernelExpansion
    public let signalVariance: Double
    public let noiseVariance: Double
    /// The maximised variational lower bound on the log marginal likelihood.
    public let evidenceLowerBound: Double

    public func predict(_ features: FeatureMatrix) -> [Double] { mean.evaluate(features) }
  }

  public static func fit(features: FeatureMatrix, targets: [Double], hyperparameters: Hyperparameters,
                         seed: UInt64) throws(LearningError) -> Model {
    let kernelCode = hyperparameters.integer("kernel", default: 2)
    guard let kernel = CovarianceFunction(rawValue: kernelCode) else {
      throw .invalidHyperparameter(model: name, name: "kernel", value: Double(kernelCode))
    }
    let inducing = hyperparameters.integer("inducing", default: 256)
    guard inducing >= 1 else { throw .invalidHyperparameter(model: name, name: "inducing", value: Double(inducing)) }
    let restarts = hyperparameters.integer("restarts", default: 1)
    guard restarts >= 0 else { throw .invalidHyperparameter(model: name, name: "restarts", value: Double(restarts)) }
    let n = features.rowCount, d = features.columnCount
    var generator = SplitMix64(seed: seed)
    let chosen = inducingRows(features, count: inducing, using: &generator)
    let bound = VariationalBound(features: features, targets: targets, inducing: chosen, kernel: kernel)
    let optimiser = BoundedBFGS(
      lower: [Double.log(GaussianProcess.lengthScaleBounds.lower), Double.log(GaussianProcess.noiseRatioBounds.lower)],
      upper: [Double.log(GaussianProcess.lengthScaleBounds.upper), Double.log(GaussianProcess.noiseRatioBounds.upper)])
    var best: BoundedBFGS.Result<VariationalBound.Evaluation>?
    for start in 0...restarts {
      let point = GaussianProcess.startingPoint(start, scales: 1, features: d, using: &generator)
      let result = optimiser.minimise(from: point, value: bound.evaluate) { theta, _ in
        // Central differences: two variables, so four evaluations.
        (0..<2).map { k in
          var up = theta, down = theta
          up[k] += 1e-5
          down[k] -= 1e-5
          guard let high = bound.evaluate(up)?.0, let low = bound.evaluate(down)?.0 else { return 0 }
          return (high - low) / 2e-5
        }
      }
      guard let result else { continue }
      if best == nil || result.value < best!.value { best = result }
    }
    guard let best else {
      throw .numerical(model: name, "the inducing-point matrices are not positive definite at any start, even with jitter")
    }
    let lengthScales = [Double](repeating: Double.exp(best.point[0]), count: d)
    let evaluation = best.state
    return Model(mean: KernelExpansion(kernel: kernel, centres: features.selecting(rows: chosen),
                                       lengthScales: lengthScales, weights: evaluation.weights),
                 signalVariance: evaluation.signalVariance,
                 noiseVariance: evaluation.signalVariance * Double.exp(best.point[1]),
                 evidenceLowerBound: -best.value - 0.5 * Double(n) * (1 + Double.log(2 * Double.pi)))
  }

  /// `count` distinct training rows (all rows when there are no more), drawn with `generator`, ascending;
  /// rows with equal features count once, which keeps K_mm non-singular.
  static func inducingRows(_ features: FeatureMatrix, count: Int, using generator: inout SplitMix64) -> [Int] {
    var seen = Set<ArraySlice<Double>>()
    var distinct: [Int] = []
    for r in 0..<features.rowCount where seen.insert(features.row(r)).inserted { distinct.append(r) }
    guard distinct.count > count else { return distinct }
    generator.shuffle(&distinct)
    return distinct.prefix(count).sorted()
  }
}

/// The variational bound of ``SparseGaussianProcess`` in θ = (log ℓ, log g), computed in the stable form
/// of GPflow's SGPR: with unit-variance kernels R, L = chol(R_mm), A = L⁻¹R_mn/√g, B = I + AAᵀ,
/// c = chol(B)⁻¹Ay, yᵀC⁻¹y = (yᵀy − cᵀc)/g and log|C| = n·log g + log|B| for C = Q_R + gI.
struct VariationalBound {
  let n: Int
  let m: Int
  let y: [Double]
  let kernel: CovarianceFunction
  /// ‖zᵢ − xⱼ‖², m × n, and ‖zᵢ − zⱼ‖², m × m.
  let crossDistances: [Double]
  let inducingDistances: [Double]

  struct Evaluation {
    var weights: [Double]
    var signalVariance: Double
  }

  init(features: FeatureMatrix, targets: [Double], inducing: [Int], kernel: CovarianceFunction) {
    n = features.rowCount
    m = inducing.count
    y = targets
    self.kernel = kernel
    let d = features.columnCount
    let z = features.selecting(rows: inducing).values
    inducingDistances = LinearAlgebra.pairwiseSquaredDistances(z, rows: m, columns: d)
    var cross = [Double](repeating: 0, count: m * n)
    let (n, m) = (self.n, self.m)
    z.withUnsafeBufferPointer { zp in
      features.values.withUnsafeBufferPointer { xp in
        for i in 0..<m {
          for j in 0..<n { cross[i * n + j] = squaredDistance(zp.baseAddress! + i * d, xp.baseAddress! + j * d, d) }
        }
      }
    }
    crossDistances = cross
  }

  /// −F − n/2·(1 + log 2π) at θ, σ_f² at its optimum; nil where a factorisation fails.
  /// - Complexity: O(n·m² + m³).
  func evaluate(_ theta: [Double]) -> (Double, Evaluation)? {
    let inverseSquare = Double.exp(-2 * theta[0])
    let g = Double.exp(theta[1])
    let rootG = g.squareRoot()
    let rmm = inducingDistances.map { kernel.value(squaredDistance: $0 * inverseSquare) }
    guard let l = try? Cholesky(rmm, n: m) else { return nil }
    // A = L⁻¹R_mn/√g, row by row (forward substitution on whole rows of length n).
    var a = crossDistances.map { kernel.value(squaredDistance: $0 * inverseSquare) / rootG }
    let (n, m) = (self.n, self.m)
    l.lower.withUnsafeBufferPointer { lp in
      a.withUnsafeMutableBufferPointer { ap in
        let a = ap.baseAddress!
        for i in 0..<m {
          let row = a + i * n
          for k in 0..<i where lp[i * m + k] != 0 { axpy(-lp[i * m + k], a + k * n, row, n) }
          let inverse = 1 / lp[i * m + i]
          for j in 0..<n { row[j] *= inverse }
        }
      }
    }
    var b = [Double](repeating: 0, count: m * m)
    var ay = [Double](repeating: 0, count: m)
    var traceAAt = 0.0
    a.withUnsafeBufferPointer { ap in
      y.withUnsafeBufferPointer { yp in
        let a = ap.baseAddress!
        for i in 0..<m {
          for j in 0...i {
            let v = dot(a + i * n, a + j * n, n)
            b[i * m + j] = v
            b[j * m + i] = v
          }
          traceAAt += b[i * m + i]
          b[i * m + i] += 1
          ay[i] = dot(a + i * n, yp.baseAddress!, n)
        }
      }
    }
    guard let lb = try? Cholesky(b, n: m) else { return nil }
    var c = ay
    lb.solveLower(&c)
    var yy = 0.0, cc = 0.0
    for v in y { yy += v * v }
    for v in c { cc += v * v }
    let quadratic = max((yy - cc) / g, 1e-300)
    let signalVariance = quadratic / Double(n)
    // −F = n/2·log σ̂_f² + ½(n·log g + log|B|) + (n − g·tr(AAᵀ))/(2g), constants dropped.
    let value = 0.5 * Double(n) * Double.log(signalVariance) + 0.5 * (Double(n) * theta[1] + lb.logDeterminant)
      + (Double(n) - g * traceAAt) / (2 * g)
    guard value.isFinite else { return nil }
    // w = L⁻ᵀ·chol(B)⁻ᵀ·c/√g.
    var w = c
    lb.solveUpper(&w)
    l.solveUpper(&w)
    return (value, Evaluation(weights: w.map { $0 / rootG }, signalVariance: signalVariance))
  }
}
