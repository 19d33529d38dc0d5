import SpecFiles

/// A linear model over an architecture encoding: ŷ = w·x + b.
///
/// The accuracy predictor a space can name (`predictor:` in its file) for spaces too large to
/// tabulate, and the shape of the thesis's latency predictor (seed 002, l = wᵀx over one-hot choices).
/// ``fit(space:encoding:samples:ridge:)`` solves ridge regression in closed form; the weights file is a
/// CSV `feature,weight` with one row per encoding feature (by name; missing features weigh 0) and an
/// `intercept` row.
public struct LinearPredictor: Hashable, Sendable {
  public let encoding: AccuracySourceSpec.Encoding
  public let weights: [Double]
  public let intercept: Double

  public init(encoding: AccuracySourceSpec.Encoding, weights: [Double], intercept: Double) {
    self.encoding = encoding
    self.weights = weights
    self.intercept = intercept
  }

  /// The prediction for an architecture of `space`.
  public func predict(_ architecture: Architecture, in space: SearchSpace) -> Double {
    let x = Self.encode(architecture, space, encoding)
    var y = intercept
    for (w, v) in zip(weights, x) where v != 0 { y += w * v }
    return y
  }

  static func encode(_ a: Architecture, _ space: SearchSpace, _ encoding: AccuracySourceSpec.Encoding) -> [Double] {
    encoding == .oneHot ? space.oneHot(a) : space.featureCombinationCounts(a)
  }

  static func names(_ space: SearchSpace, _ encoding: AccuracySourceSpec.Encoding) -> [String] {
    encoding == .oneHot ? space.oneHotFeatureNames : space.featureCombinationCountNames
  }

  /// Fits w and b by ridge regression: minimise Σ(y − w·x − b)² + ridge·|w|² (the intercept is not
  /// penalised), solved through the normal equations with a Cholesky factorisation.
  ///
  /// - Complexity: O(n·d² + d³) for n samples and d features.
  public static func fit(
    space: SearchSpace, encoding: AccuracySourceSpec.Encoding, samples: [(architecture: Architecture, value: Double)],
    ridge: Double = 1e-3
  ) -> LinearPredictor {
    precondition(!samples.isEmpty, "fitting needs samples")
    let d = names(space, encoding).count + 1  // last column: the constant 1
    var a = [Double](repeating: 0, count: d * d)
    var b = [Double](repeating: 0, count: d)
    for sample in samples {
      var x = encode(sample.architecture, space, encoding)
      x.append(1)
      let nonzero = x.indices.filter { x[$0] != 0 }
      for i in nonzero {
        b[i] += x[i] * sample.value
        for j in nonzero { a[i * d + j] += x[i] * x[j] }
      }
    }
    for i in 0..<(d - 1) { a[i * d + i] += ridge * Double(samples.count) }
    a[(d - 1) * d + (d - 1)] += 1e-12 * Double(samples.count)
    let solution = choleskySolve(a, b, d)
    return LinearPredictor(encoding: encoding, weights: Array(solution.dropLast()), intercept: solution[d - 1])
  }

  /// Solves A·x = b for a symmetric positive-definite A (row-major d×d).
  static func choleskySolve(_ matrix: [Double], _ b: [Double], _ d: Int) -> [Double] {
    var l = [Double](repeating: 0, count: d * d)
    for i in 0..<d {
      for j in 0...i {
        var sum = matrix[i * d + j]
        for k in 0..<j { sum -= l[i * d + k] * l[j * d + k] }
        if i == j {
          l[i * d + i] = sum > 0 ? sum.squareRoot() : 1e-12
        } else {
          l[i * d + j] = sum / l[j * d + j]
        }
      }
    }
    var y = [Double](repeating: 0, count: d)
    for i in 0..<d {
      var sum = b[i]
      for k in 0..<i { sum -= l[i * d + k] * y[k] }
      y[i] = sum / l[i * d + i]
    }
    var x = [Double](repeating: 0, count: d)
    for i in stride(from: d - 1, through: 0, by: -1) {
      var sum = y[i]
      for k in (i + 1)..<d { sum -= l[k * d + i] * x[k] }
      x[i] = sum / l[i * d + i]
    }
    return x
  }

  /// The weights as CSV text (`feature,weight`, then `intercept`), the format a space file's
  /// `predictor:` reads.
  public func csvText(space: SearchSpace) -> String {
    var text = "feature,weight\n"
    for (name, w) in zip(Self.names(space, encoding), weights) { text += "\(name),\(w)\n" }
    text += "intercept,\(intercept)\n"
    return text
  }

  init(path: String, encoding: AccuracySourceSpec.Encoding, space: SearchSpace) throws(SpecError) {
    let csv = try CSVTable(path: path)
    let feature = try csv.column("feature")
    let weight = try csv.column("weight")
    let names = Self.names(space, encoding)
    var index: [String: Int] = [:]
    for (i, n) in names.enumerated() { index[n] = i }
    var weights = [Double](repeating: 0, count: names.count)
    var intercept = 0.0
    for (row, fields) in csv.rows.enumerated() {
      let value = try csv.double(row: row, column: weight)
      if fields[feature] == "intercept" {
        intercept = value
      } else if let i = index[fields[feature]] {
        weights[i] = value
      } else {
        throw SpecError(file: path, line: csv.lines[row], keyPath: "feature",
                        problem: "\"\(fields[feature])\" is not a \(encoding.rawValue) feature of \(space.name)")
      }
    }
    self.init(encoding: encoding, weights: weights, intercept: intercept)
  }
}
