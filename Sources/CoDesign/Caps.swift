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
  /// unrunnable pair, never does). Without an energy cap (infinite), a pair whose hardware has no energy
  /// figure (NaN energy: a latency table or predictor) is admitted on its latency.
  public func admits(_ metrics: PairMetrics) -> Bool {
    metrics.latency <= latency * (1 + Self.relativeTolerance)
      && (energy == .infinity || metrics.energy <= energy * (1 + Self.relativeTolerance))
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
    return Self.precedes(metrics, architecture, hardware, other.metrics, other.architecture, other.hardware)
  }

  /// The tie-break order of every search: higher accuracy, lower latency, lower energy, lower architecture
  /// index, lower hardware index.
  static func precedes(_ m: PairMetrics, _ a: Int, _ h: Int, _ n: PairMetrics, _ b: Int, _ k: Int) -> Bool {
    if m.accuracy != n.accuracy { return m.accuracy > n.accuracy }
    if m.latency != n.latency { return m.latency < n.latency }
    if m.energy != n.energy { return m.energy < n.energy }
    if a != b { return a < b }
    return h < k
  }

}

extension Choice {
  /// The best pair meeting `cap` among `architectures` × `hardware` (the documented tie-break), or `nil`.
  ///
  /// - Parameters:
  ///   - metrics: the metrics of (architecture, hardware); called only for points within the resource cap.
  ///   - resource, names, labels: the hardware's resource figure, the architecture names, the hardware labels.
  static func best(architectures: [Int], hardware: [Int], cap: Caps, resource: (Int) -> Double?,
                   names: [String], labels: [String], metrics: (Int, Int) -> PairMetrics) -> Choice? {
    var best: Choice? = nil
    for h in hardware where cap.admits(resource: resource(h)) {
      for a in architectures {
        let m = metrics(a, h)
        guard cap.admits(m) else { continue }
        let choice = Choice(architecture: a, architectureName: names[a], hardware: h, hardwareLabel: labels[h], metrics: m)
        if choice.isBetter(than: best) { best = choice }
      }
    }
    return best
  }
}
