import RealModule

/// ε-insensitive support-vector regression with an RBF kernel K(x, x') = exp(−γ‖x − x'‖²) (Vapnik 1995;
/// Smola & Schölkopf 2004, "A tutorial on support vector regression"), one of [Laube22]'s predictors.
///
/// The dual, min ½(α − α*)ᵀK(α − α*) + ε·Σ(α + α*) − yᵀ(α − α*) subject to Σ(α − α*) = 0 and
/// 0 ≤ α, α* ≤ C, is solved as libsvm does (Chang & Lin, "LIBSVM: a library for support vector
/// machines", ACM TIST 2011): sequential minimal optimisation on the 2n variables with the
/// second-order working-set selection of Fan, Chen & Lin (JMLR 6, 2005), stopping when the maximal
/// violating pair's gap falls below `tolerance`, and optionally shrinking bounded variables out of the
/// active set. Kernel rows are computed on demand and kept in a least-recently-used cache.
///
/// Hyperparameter space: `c` log-uniform in [10⁻², 10³] (default 1), `epsilon` log-uniform in
/// [10⁻³, 1] (default 0.1, in standardised target units), `gamma` log-uniform in [10⁻², 10] (default
/// 1), a factor on scikit-learn's `gamma="scale"`, 1/(d·Var(X)). Settings not searched: `tolerance`
/// (10⁻³, libsvm's), `shrinking` (1), `cache_megabytes` (256).
public enum SupportVectorRegression: Regressor {
  public static let name = "svr"
  public static let hyperparameterSpace = HyperparameterSpace([
    .init("c", .real(lower: 1e-2, upper: 1e3, logarithmic: true)),
    .init("epsilon", .real(lower: 1e-3, upper: 1, logarithmic: true)),
    .init("gamma", .real(lower: 1e-2, upper: 10, logarithmic: true)),
  ])
  public static let defaultHyperparameters = Hyperparameters(["c": 1, "epsilon": 0.1, "gamma": 1])

  public struct Model: FittedRegressor, Hashable {
    /// Support vectors, row-major, `coefficients.count` × `featureCount`.
    let supportVectors: [Double]
    let featureCount: Int
    /// αᵢ − αᵢ* of each support vector.
    let coefficients: [Double]
    /// ρ: f(x) = Σ coefficientᵢ·K(svᵢ, x) − ρ.
    let rho: Double
    /// γ of the kernel.
    let gamma: Double

    public func predict(_ features: FeatureMatrix) -> [Double] {
      precondition(features.columnCount == featureCount)
      let d = featureCount
      return features.values.withUnsafeBufferPointer { xp in
        supportVectors.withUnsafeBufferPointer { sp in
          (0..<features.rowCount).map { r in
            let query = xp.baseAddress! + r * d
            var sum = 0.0
            for k in coefficients.indices {
              sum += coefficients[k] * Double.exp(-gamma * squaredDistance(query, sp.baseAddress! + k * d, d))
            }
            return sum - rho
          }
        }
      }
    }
  }

  public static func fit(features: FeatureMatrix, targets: [Double], hyperparameters: Hyperparameters,
                         seed: UInt64) throws(LearningError) -> Model {
    let c = hyperparameters.value("c", default: 1)
    let epsilon = hyperparameters.value("epsilon", default: 0.1)
    let gammaFactor = hyperparameters.value("gamma", default: 1)
    let tolerance = hyperparameters.value("tolerance", default: 1e-3)
    let cacheMegabytes = hyperparameters.value("cache_megabytes", default: 256)
    for (key, value) in [("c", c), ("gamma", gammaFactor), ("tolerance", tolerance),
                         ("cache_megabytes", cacheMegabytes)] where !(value > 0 && value.isFinite) {
      throw .invalidHyperparameter(model: name, name: key, value: value)
    }
    guard epsilon >= 0, epsilon.isFinite else {
      throw .invalidHyperparameter(model: name, name: "epsilon", value: epsilon)
    }
    let n = features.rowCount, d = features.columnCount
    // gamma = "scale": 1/(d·Var(X)) over all entries, or 1 when X is constant (scikit-learn's rule).
    let values = features.values
    let mean = values.reduce(0, +) / Double(max(values.count, 1))
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(values.count, 1))
    let gamma = gammaFactor * (variance > 0 ? 1 / (Double(max(d, 1)) * variance) : 1)
    let kernel = KernelRowCache(features: features, gamma: gamma, capacityBytes: Int(cacheMegabytes * 1_048_576))
    let solution = SMOSolver.solveEpsilonSVR(
      kernel: kernel, targets: targets, c: c, epsilon: epsilon, tolerance: tolerance,
      shrinking: hyperparameters.value("shrinking", default: 1) != 0)
    var supportVectors: [Double] = [], coefficients: [Double] = []
    for i in 0..<n where solution.coefficients[i] != 0 {
      supportVectors.append(contentsOf: features.row(i))
      coefficients.append(solution.coefficients[i])
    }
    return Model(supportVectors: supportVectors, featureCount: d, coefficients: coefficients,
                 rho: solution.rho, gamma: gamma)
  }
}

/// Rows of an RBF kernel matrix over the training rows, computed on demand and kept while they fit in
/// `capacityBytes` (least recently used first out; at least two rows, which one SMO step needs).
struct KernelRowCache {
  let n: Int
  private let d: Int
  private let x: [Double]
  private let gamma: Double
  private let capacity: Int
  private var storage: [Double]
  private var slotOfRow: [Int]
  private var rowOfSlot: [Int]
  private var lastUse: [UInt64]
  private var clock: UInt64 = 0

  init(features: FeatureMatrix, gamma: Double, capacityBytes: Int) {
    n = features.rowCount
    d = features.columnCount
    x = features.values
    self.gamma = gamma
    capacity = max(2, min(n, capacityBytes / max(8 * n, 1)))
    storage = []
    storage.reserveCapacity(capacity * n)
    slotOfRow = [Int](repeating: -1, count: n)
    rowOfSlot = []
    lastUse = []
  }

  /// K(xᵢ, xᵢ) for the RBF kernel.
  var diagonal: Double { 1 }

  /// The cache slot holding row i, computed (evicting the least recently used row) if absent.
  mutating func slot(for i: Int) -> Int {
    clock &+= 1
    if slotOfRow[i] >= 0 {
      lastUse[slotOfRow[i]] = clock
      return slotOfRow[i]
    }
    let slot: Int
    if rowOfSlot.count < capacity {
      slot = rowOfSlot.count
      rowOfSlot.append(i)
      lastUse.append(clock)
      storage.append(contentsOf: repeatElement(0, count: n))
    } else {
      var oldest = 0
      for s in 1..<capacity where lastUse[s] < lastUse[oldest] { oldest = s }
      slot = oldest
      slotOfRow[rowOfSlot[slot]] = -1
      rowOfSlot[slot] = i
      lastUse[slot] = clock
    }
    slotOfRow[i] = slot
    let (n, d, gamma) = (self.n, self.d, self.gamma)
    x.withUnsafeBufferPointer { xp in
      storage.withUnsafeMutableBufferPointer { sp in
        let out = sp.baseAddress! + slot * n, xi = xp.baseAddress! + i * d
        for j in 0..<n { out[j] = Double.exp(-gamma * squaredDistance(xi, xp.baseAddress! + j * d, d)) }
      }
    }
    return slot
  }

  /// Calls `body` with the kernel row held in `slot` (from ``slot(for:)``; valid until the next miss).
  func withSlot<T>(_ slot: Int, _ body: (UnsafePointer<Double>) -> T) -> T {
    storage.withUnsafeBufferPointer { body($0.baseAddress! + slot * n) }
  }

  /// Calls `body` with the kernel rows held in two slots.
  func withSlots<T>(_ first: Int, _ second: Int, _ body: (UnsafePointer<Double>, UnsafePointer<Double>) -> T) -> T {
    storage.withUnsafeBufferPointer { body($0.baseAddress! + first * n, $0.baseAddress! + second * n) }
  }
}
