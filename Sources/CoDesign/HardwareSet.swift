public import Hardware

/// The hardware a co-search chooses from: cost models with labels and an optional resource figure
/// (PEs, or an FPGA's DSP count) for the constraint HardwareResource(h) ≤ H ([Lu22-SD] Eq. 4.4).
public struct HardwareSet: Sendable {
  public struct Point: Sendable {
    public var label: String
    public var model: any CostModel
    /// The resource figure compared with the resource cap; `nil` when the hardware states none.
    public var resource: Double?
    /// The point's design parameters by name (`pes: 256`, `dataflow: kc-p`), the axes an evolutionary
    /// hardware search mutates; empty when the point has none.
    public var parameters: [String: String]
    public init(label: String, model: any CostModel, resource: Double? = nil, parameters: [String: String] = [:]) {
      self.label = label
      self.model = model
      self.resource = resource
      self.parameters = parameters
    }
  }

  public var points: [Point]
  public init(points: [Point]) { self.points = points }

  /// The points of hardware files, each with the resource its cost model states
  /// (``CostModel/hardwareResource``).
  public init(_ points: [HardwarePoint]) {
    self.points = points.map { Point(label: $0.label, model: $0.model, resource: $0.model.hardwareResource) }
  }
  public var count: Int { points.count }
  public var labels: [String] { points.map(\.label) }
}
