public import CoDesign

/// The network totals of one workload on every accelerator of a sweep (`duet cost --report`): what the
/// sweep page draws, and what `sweep.json` holds so `duet report` can draw it again.
public struct CostSweep: Hashable, Sendable, Codable {
  /// One accelerator's network total.
  public struct Point: Hashable, Sendable, Codable {
    public var label: String
    public var figures: HardwareFigures
    /// Runtime of the whole network in cycles; `nil` when the accelerator cannot run a layer.
    public var runtimeCycles: Double?
    /// Energy of the whole network in picojoules; `nil` when invalid.
    public var energyPicojoules: Double?
    /// Why the accelerator cannot run the network (the first layer that fails), or `nil`.
    public var invalidReason: String?

    public init(label: String, figures: HardwareFigures, runtimeCycles: Double?, energyPicojoules: Double?,
                invalidReason: String?) {
      self.label = label
      self.figures = figures
      self.runtimeCycles = runtimeCycles
      self.energyPicojoules = energyPicojoules
      self.invalidReason = invalidReason
    }

    public var isValid: Bool { invalidReason == nil && runtimeCycles != nil && energyPicojoules != nil }

    /// The reason without the layer that failed: `KC-P needs at least 64 PEs` for `layer 0 (conv1): KC-P
    /// needs at least 64 PEs` (the layer varies across a sweep, the cause repeats). ``CostRows`` writes
    /// the reason as `layer <index> (<name>): <cause>`; `sweep.json` keeps that one string, so the cause
    /// is read back here, where the format is defined, and nowhere else.
    public var invalidCause: String? {
      guard let reason = invalidReason else { return nil }
      guard reason.hasPrefix("layer "), let range = reason.range(of: "): ") else { return reason }
      return String(reason[range.upperBound...])
    }
  }

  /// The workload's name.
  public var workload: String
  public var layerCount: Int
  /// Multiply-accumulates of the whole network.
  public var macs: Double
  /// The sweep's name.
  public var sweep: String
  /// The sweep's target point, if it names one.
  public var target: String?
  public var points: [Point]

  public init(workload: String, layerCount: Int, macs: Double, sweep: String, target: String?, points: [Point]) {
    self.workload = workload
    self.layerCount = layerCount
    self.macs = macs
    self.sweep = sweep
    self.target = target
    self.points = points
  }
}
