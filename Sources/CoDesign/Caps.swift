/// Design constraints of seed 002, Eqs. (4.2)–(4.4): Latency(a, h) ≤ L, Energy(a, h) ≤ E and
/// HardwareResource(h) ≤ H. Units are those of the run's ``CostTable`` (cycles or seconds; picojoules).
public struct Caps: Hashable, Sendable, Codable {
  /// A short name for reports ("tight", "front point 3").
  public var label: String
  public var latency: Double
  public var energy: Double
  /// The resource cap H, or `nil` for none.
  public var resource: Double?

  public init(label: String, latency: Double = .infinity, energy: Double = .infinity, resource: Double? = nil) {
    self.label = label
    self.latency = latency
    self.energy = energy
    self.resource = resource
  }

  /// Relative slack on the caps. Energy is a floating-point sum whose last bits depend on the order
  /// of the layers; caps are often set to an architecture's own values (a front point), so without
  /// slack, rounding would decide whether that very architecture is feasible.
  public static let relativeTolerance = 1e-12

  /// Whether a pair meets the latency and energy caps, within ``relativeTolerance`` (NaN, an
  /// unrunnable pair, never does).
  public func admits(_ metrics: PairMetrics) -> Bool {
    metrics.latency <= latency * (1 + Self.relativeTolerance) && metrics.energy <= energy * (1 + Self.relativeTolerance)
  }

  /// Whether a hardware point meets the resource cap.
  public func admits(resource value: Double?) -> Bool {
    guard let resource else { return true }
    guard let value else { return true }
    return value <= resource
  }
}

/// The chosen pair of a search.
public struct Choice: Hashable, Sendable, Codable {
  public var architecture: Int
  public var architectureName: String
  public var hardware: Int
  public var hardwareLabel: String
  public var metrics: PairMetrics

  /// Whether this choice is better than `other`: higher accuracy; ties go to lower latency, then lower
  /// energy, then the lower architecture and hardware index, so every strategy breaks ties the same way.
  public func isBetter(than other: Choice?) -> Bool {
    guard let other else { return true }
    if metrics.accuracy != other.metrics.accuracy { return metrics.accuracy > other.metrics.accuracy }
    if metrics.latency != other.metrics.latency { return metrics.latency < other.metrics.latency }
    if metrics.energy != other.metrics.energy { return metrics.energy < other.metrics.energy }
    if architecture != other.architecture { return architecture < other.architecture }
    return hardware < other.hardware
  }
}
