public import Hardware
public import Workload

/// The rows of `duet cost --accelerators`: one per (layer, hardware point), plus a network total per
/// point (`layer_idx` `total`).
///
/// MAESTRO's columns are empty on FPGA and device rows; `bound`, `mac_utilization` and `offchip_bytes`
/// are empty on MAESTRO rows. Numbers are exact (integers as integers, doubles round-trip), so the same
/// command writes the same bytes, in CSV and in JSON alike.
public struct CostRows: Sendable {
  /// One hardware point's network total, for summaries and the sweep page.
  public struct Total: Sendable {
    public var label: String
    public var validLayers: Int
    public var layers: Int
    /// Cycles of the whole network; `nil` for a model that counts none (rooflines).
    public var runtimeCycles: Int64?
    public var latencySeconds: Double
    public var energyPicojoules: Double?
    /// The first layer that cannot run, `layer 3 (conv1): why`; `nil` when every layer can.
    public var invalidReason: String?
  }

  public static let columns = [
    "model", "accelerator", "cost_model", "layer_idx", "layer", "type", "dataflow", "layer_mapping", "num_pes", "noc_bw",
    "offchip_bw", "noc_hop_latency", "runtime_cycles", "latency_s", "num_macs", "energy_mac_units", "energy_pJ",
    "l1_size_req", "l2_size_req", "peak_bw_req", "avg_bw_req", "offchip_bw_req", "avg_utilized_pes",
    "input_l2_read", "filter_l2_read", "output_l2_write", "bound", "mac_utilization", "offchip_bytes", "valid",
    "invalid_reason",
  ]

  public private(set) var table = RecordTable(columns: columns)
  public private(set) var totals: [Total] = []

  /// The figures from `runtime_cycles` to `offchip_bytes` of one row.
  struct Metrics {
    var runtimeCycles: Int64?
    var latencySeconds: Double?
    var macs: Int64?
    var energyMACUnits: Double?
    var energyPicojoules: Double?
    var l1SizeRequirement: Int64?
    var l2SizeRequirement: Int64?
    var peakBandwidthRequirement: Int64?
    var averageBandwidthRequirement: Double?
    var offchipBandwidthRequirement: Int64?
    var averageUtilizedPEs: Double?
    var inputL2Reads: Int64?
    var filterL2Reads: Int64?
    var outputL2Writes: Int64?
    var bound: String?
    var macUtilization: Double?
    var offchipBytes: Double?

    var values: [RecordValue] {
      [.integer(runtimeCycles), .number(latencySeconds), .integer(macs), .number(energyMACUnits),
       .number(energyPicojoules), .integer(l1SizeRequirement), .integer(l2SizeRequirement),
       .integer(peakBandwidthRequirement), .number(averageBandwidthRequirement), .integer(offchipBandwidthRequirement),
       .number(averageUtilizedPEs), .integer(inputL2Reads), .integer(filterL2Reads), .integer(outputL2Writes),
       .text(bound), .number(macUtilization), .number(offchipBytes)]
    }

    /// One layer's figures: MAESTRO's on a MAESTRO-like accelerator (all zero for a layer its non-MAC
    /// rule makes free), the cross-model figures on other hardware.
    init(_ cost: LayerCost, onAccelerator: Bool) {
      runtimeCycles = cost.runtimeCycles
      latencySeconds = cost.latencySeconds
      macs = cost.macs
      if onAccelerator {
        let m = cost.detail as? MaestroLayerMetrics
        energyMACUnits = m?.energyMACUnits ?? 0
        energyPicojoules = m == nil ? 0 : cost.energyPicojoules ?? 0
        l1SizeRequirement = m?.l1SizeRequirement ?? 0
        l2SizeRequirement = m?.l2SizeRequirement ?? 0
        peakBandwidthRequirement = m?.peakNoCBandwidthRequirement ?? 0
        averageBandwidthRequirement = m?.averageNoCBandwidthRequirement ?? 0
        offchipBandwidthRequirement = m?.offchipBandwidthRequirement ?? 0
        averageUtilizedPEs = m?.averageUtilizedPEs ?? 0
        inputL2Reads = m?.inputAccesses.l2Reads ?? 0
        filterL2Reads = m?.filterAccesses.l2Reads ?? 0
        outputL2Writes = m?.outputAccesses.l2Writes ?? 0
      } else {
        let figures = cost.figures
        energyPicojoules = cost.energyPicojoules
        bound = figures.bound
        macUtilization = figures.macUtilization
        offchipBytes = figures.offchipBytes
      }
    }

    /// A network total: the sums of ``NetworkCost``; on a MAESTRO-like accelerator, the summed energy in
    /// MAC units and the largest buffer and bandwidth requirements of any layer; elsewhere the summed
    /// off-chip bytes.
    init(total pricing: NetworkPricing, onAccelerator: Bool) {
      let total = pricing.total
      runtimeCycles = total.runtimeCycles
      latencySeconds = total.latencySeconds
      macs = total.macs
      let layers = pricing.layers.map { Metrics($0.cost, onAccelerator: onAccelerator) }
      if onAccelerator {
        energyMACUnits = layers.reduce(0) { $0 + ($1.energyMACUnits ?? 0) }
        energyPicojoules = total.energyPicojoules ?? 0
        l1SizeRequirement = layers.compactMap(\.l1SizeRequirement).max() ?? 0
        l2SizeRequirement = layers.compactMap(\.l2SizeRequirement).max() ?? 0
        peakBandwidthRequirement = layers.compactMap(\.peakBandwidthRequirement).max() ?? 0
        offchipBandwidthRequirement = layers.compactMap(\.offchipBandwidthRequirement).max() ?? 0
      } else {
        energyPicojoules = total.energyPicojoules
        offchipBytes = layers.reduce(0) { $0 + ($1.offchipBytes ?? 0) }
      }
    }

    /// An invalid row: every figure empty.
    init() {}
  }

  /// Prices nothing: builds the rows from each point's pricing of `network` (in point order).
  public init(network: Network, points: [HardwarePoint], pricings: [NetworkPricing]) {
    for (point, pricing) in zip(points, pricings) {
      let accelerator = point.accelerator
      let hardware: [RecordValue] = [.integer(accelerator?.hardware.pes), .integer(accelerator?.hardware.nocBandwidth),
                                     .integer(accelerator?.hardware.offchipBandwidth),
                                     .integer(accelerator?.hardware.nocHopLatency)]
      let costModel = RecordValue.text(point.kind.costModelName)
      for (index, (item, priced)) in zip(network.layers, pricing.layers).enumerated() {
        let valid = priced.cost.validity.isValid
        let metrics = valid ? Metrics(priced.cost, onAccelerator: accelerator != nil) : Metrics()
        table.append([.text(network.name), .text(point.label), costModel, .integer(index), .text(item.name),
                      .text(item.layer.kind.name), .text(priced.dataflowName), .text(priced.mapping ?? "-")]
                     + hardware + metrics.values + [.bool(valid), .text(priced.cost.validity.reason ?? "")])
      }
      let firstInvalid = pricing.firstInvalid.map { "layer \($0.index) (\(network.layers[$0.index].name)): \($0.reason)" }
      let metrics = firstInvalid == nil ? Metrics(total: pricing, onAccelerator: accelerator != nil) : Metrics()
      table.append([.text(network.name), .text(point.label), costModel, .text("total"), .text("(network)"),
                    .text("network"), .text(accelerator?.dataflow.name), .text("-")]
                   + hardware + metrics.values + [.bool(firstInvalid == nil), .text(firstInvalid ?? "")])
      totals.append(Total(label: point.label, validLayers: pricing.validLayerCount, layers: network.layers.count,
                          runtimeCycles: pricing.total.runtimeCycles, latencySeconds: pricing.total.latencySeconds,
                          energyPicojoules: pricing.total.energyPicojoules, invalidReason: firstInvalid))
    }
  }
}
