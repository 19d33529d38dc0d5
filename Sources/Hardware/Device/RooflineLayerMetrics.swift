/// Figures of one layer on a roofline device (filled in by the device model).
public struct RooflineLayerMetrics: Hashable, Sendable {
  public init() {}
}
