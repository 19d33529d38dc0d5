/// Per-column standardisation: subtract the mean, divide by the standard deviation (population form).
/// A constant column keeps scale 1, so it maps to zeros instead of NaN.
public struct Standardization: Hashable, Sendable, Codable {
  public let means: [Double]
  public let scales: [Double]

  public init(fitting features: FeatureMatrix) {
    var means = [Double](repeating: 0, count: features.columnCount)
    var scales = [Double](repeating: 1, count: features.columnCount)
    let n = Double(max(features.rowCount, 1))
    for c in 0..<features.columnCount {
      var sum = 0.0
      for r in 0..<features.rowCount { sum += features[r, c] }
      let mean = sum / n
      var squares = 0.0
      for r in 0..<features.rowCount { squares += (features[r, c] - mean) * (features[r, c] - mean) }
      let deviation = (squares / n).squareRoot()
      means[c] = mean
      scales[c] = deviation > 1e-12 * max(1, abs(mean)) ? deviation : 1
    }
    self.means = means
    self.scales = scales
  }

  public func apply(_ features: FeatureMatrix) -> FeatureMatrix {
    var out = features
    for r in 0..<features.rowCount {
      for c in 0..<features.columnCount { out[r, c] = (features[r, c] - means[c]) / scales[c] }
    }
    return out
  }
}

/// Target standardisation ([Laube22] standardises every target before fitting).
public struct TargetScaling: Hashable, Sendable, Codable {
  public let mean: Double
  public let scale: Double

  public init(fitting targets: [Double]) {
    let n = Double(max(targets.count, 1))
    let mean = targets.reduce(0, +) / n
    let deviation = (targets.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n).squareRoot()
    self.mean = mean
    scale = deviation > 1e-12 * max(1, abs(mean)) ? deviation : 1
  }

  public func forward(_ targets: [Double]) -> [Double] { targets.map { ($0 - mean) / scale } }
  public func inverse(_ scaled: [Double]) -> [Double] { scaled.map { $0 * scale + mean } }
}
