public import Hardware

/// The hardware a co-search chooses from: cost models with labels and an optional resource figure
/// (area, or an FPGA's DSP count) for the constraint HardwareResource(h) ≤ H (seed 002, Eq. 4.4).
public struct HardwareSet: Sendable {
  public struct Point: Sendable {
    public var label: String
    public var model: any CostModel
    /// The resource figure compared with the resource cap; `nil` when the hardware states none.
    public var resource: Double?
    public init(label: String, model: any CostModel, resource: Double? = nil) {
      self.label = label
      self.model = model
      self.resource = resource
    }
  }

  public var points: [Point]
  public init(points: [Point]) { self.points = points }
  public var count: Int { points.count }
  public var labels: [String] { points.map(\.label) }
}
