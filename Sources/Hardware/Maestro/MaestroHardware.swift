/// The hardware figures the MAESTRO-like engine uses (MAESTRO's command-line options).
public struct MaestroHardware: Hashable, Sendable {
  /// Processing elements (MAESTRO: `--num_pes`).
  public var pes: Int
  /// MACs per PE per cycle (MAESTRO: `--num_simd_lanes`); divides the compute delay.
  public var simdLanes: Int
  /// NoC bandwidth in elements per cycle, the same at every cluster level (MAESTRO: `--noc_bw_cstr`).
  public var nocBandwidth: Int
  /// NoC hops (MAESTRO: `--noc_hops`); the zero-load latency is hops × hop latency.
  public var nocHops: Int
  /// Cycles per hop (MAESTRO: `--noc_hop_latency`).
  public var nocHopLatency: Int
  /// Off-chip bandwidth in elements per cycle (MAESTRO: `--offchip_bw_cstr`).
  public var offchipBandwidth: Int
  /// How wide iteration-case counts may be (see ``CaseCountWidth``).
  public var caseCounts: CaseCountWidth

  public init(pes: Int, simdLanes: Int = 1, nocBandwidth: Int, nocHops: Int = 1, nocHopLatency: Int = 0,
              offchipBandwidth: Int, caseCounts: CaseCountWidth = .int32) {
    self.pes = pes
    self.simdLanes = simdLanes
    self.nocBandwidth = nocBandwidth
    self.nocHops = nocHops
    self.nocHopLatency = nocHopLatency
    self.offchipBandwidth = offchipBandwidth
    self.caseCounts = caseCounts
  }

  /// The NoC's zero-load latency in cycles.
  public var nocLatency: Int { nocHops * nocHopLatency }

  /// Problems that make the hardware meaningless (non-positive sizes, negative latency).
  public var problems: [String] {
    var found: [String] = []
    if pes <= 0 { found.append("pes must be positive, got \(pes)") }
    if simdLanes <= 0 { found.append("simd_lanes must be positive, got \(simdLanes)") }
    if nocBandwidth <= 0 { found.append("noc_bw must be positive, got \(nocBandwidth)") }
    if offchipBandwidth <= 0 { found.append("offchip_bw must be positive, got \(offchipBandwidth)") }
    if nocHops < 0 { found.append("noc_hops must not be negative, got \(nocHops)") }
    if nocHopLatency < 0 { found.append("noc_hop_latency must not be negative, got \(nocHopLatency)") }
    return found
  }
}

/// The integer width of iteration-case occurrence counts.
///
/// MAESTRO multiplies per-directive step counts in a 32-bit `int`: a case occurring more than 2³¹ − 1
/// times makes it abort (or, past 2³², silently use a wrapped count). `int32` (the default) reproduces
/// that limit by reporting such a layer as invalid; `int64` lifts it and prices the layer.
public enum CaseCountWidth: String, Hashable, Sendable, CaseIterable {
  case int32
  case int64
}
