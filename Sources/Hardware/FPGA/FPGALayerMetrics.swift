/// Figures of one layer on an FPGA design (filled in by the FPGA model).
public struct FPGALayerMetrics: Hashable, Sendable {
  public init() {}
}
