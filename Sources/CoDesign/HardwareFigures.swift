public import Hardware

/// The figures a report orders and names accelerators by: dataflow, PEs, NoC and off-chip bandwidth.
///
/// Kept in results (co-search, monotonicity) so that a report can lay a ρ matrix or a proxy axis out by
/// dataflow, then PEs, then bandwidths, and structure shows (e.g. every YR-P proxy with ≥ 128 PEs missing
/// at tight caps). `nil` for hardware that is not a MAESTRO-like accelerator (FPGAs, measured devices).
public struct HardwareFigures: Hashable, Sendable, Codable {
  /// The dataflow's name (`kc-p`, `yr-p`, `x-p`, or a dataflow file's name).
  public var dataflow: String
  public var pes: Int
  /// NoC bandwidth, in elements per cycle.
  public var nocBandwidth: Int
  /// Off-chip bandwidth, in elements per cycle.
  public var offchipBandwidth: Int

  public init(dataflow: String, pes: Int, nocBandwidth: Int, offchipBandwidth: Int) {
    self.dataflow = dataflow
    self.pes = pes
    self.nocBandwidth = nocBandwidth
    self.offchipBandwidth = offchipBandwidth
  }

  /// `kc-p/256pe/noc300/off50`: how an accelerator is labelled when it has no name of its own
  /// (``Accelerator/defaultLabel`` adds the hop latency and SIMD lanes where they are not the defaults).
  public var label: String { "\(dataflow)/\(pes)pe/noc\(nocBandwidth)/off\(offchipBandwidth)" }

  /// The figures of a cost model, when it is an ``Accelerator``.
  public init?(_ model: any CostModel) {
    guard let accelerator = model as? Accelerator else { return nil }
    self.init(dataflow: accelerator.dataflow.name, pes: accelerator.hardware.pes,
              nocBandwidth: accelerator.hardware.nocBandwidth, offchipBandwidth: accelerator.hardware.offchipBandwidth)
  }
}
