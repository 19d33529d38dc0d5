public import SpecFiles
import Foundation

// Accelerator and sweep files:
//
//   schema: duet/v1
//   kind: accelerator            # or sweep
//   name: kcp-256
//   pes: 256                     # processing elements
//   simd_lanes: 1                # MACs per PE per cycle
//   noc_bw: 300                  # NoC bandwidth, elements/cycle (every cluster level)
//   noc_hops: 1
//   noc_hop_latency: 0           # cycles per hop; NoC latency = hops × hop latency
//   offchip_bw: 50               # elements/cycle
//   l1_size: 100                 # elements per PE (informational, as in MAESTRO)
//   l2_size: 3000                # elements (informational)
//   clock_mhz: 1000
//   dataflow: kc-p               # a preset name (kc-p, yr-p, x-p, dpt or MAESTRO's kcp_ws, rs, xp_ws),
//                                # a file in dataflows/ beside this one, or an inline mapping
//   energy: default              # default | maestro | {mac_pj, l1_pj, l2_pj, noc_pj_per_hop, dram_pj}
//   non_mac_layers: free         # free | depthwise | convolution | hw-nas-bench
//   case_counts: int32           # int32 (MAESTRO's limit) | int64
//   padding: padded              # padded (price on Y + 2·pad) | unpadded (as MAESTRO's frontend writes)
//
// A sweep has `base:` (keys as above), `grid:` (key → list; the Cartesian product, first key outermost)
// and/or `points:` (a list of mappings with `name:`), and optionally `target:` (a point's name).

/// Accelerators read from a file: one (`kind: accelerator`) or many (`kind: sweep`).
public struct AcceleratorSet: Sendable {
  public var name: String
  public var accelerators: [Accelerator]
  /// The point a sweep names as its target (e.g. the paper's target accelerator).
  public var target: String?

  public init(name: String, accelerators: [Accelerator], target: String?) {
    self.name = name
    self.accelerators = accelerators
    self.target = target
  }
}

public enum AcceleratorFile {
  /// Keys of one accelerator.
  public static let acceleratorKeys = [
    "name", "pes", "simd_lanes", "noc_bw", "noc_hops", "noc_hop_latency", "offchip_bw", "l1_size", "l2_size",
    "clock_mhz", "dataflow", "energy", "non_mac_layers", "case_counts", "padding",
  ]
  static let documentationKeys = ["description", "source", "license"]

  /// Loads an accelerator or sweep file.
  public static func load(path: String) throws(SpecError) -> AcceleratorSet {
    let (kind, root) = try SpecDocument.load(path: path, kinds: ["accelerator", "sweep"])
    let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
    return try read(kind: kind, root: root, folder: folder)
  }

  /// Reads a parsed document (`folder` is where relative dataflow files are looked up).
  public static func read(kind: String, root: SpecMapping, folder: String) throws(SpecError) -> AcceleratorSet {
    if kind == "accelerator" {
      try root.rejectUnknownKeys(allowed: ["schema", "kind"] + acceleratorKeys + documentationKeys)
      var builder = AcceleratorBuilder(folder: folder)
      for (key, node) in root.children where acceleratorKeys.contains(key) { try builder.apply(key, node) }
      let accelerator = try builder.build(at: root)
      return AcceleratorSet(name: accelerator.label, accelerators: [accelerator], target: nil)
    }
    try root.rejectUnknownKeys(allowed: ["schema", "kind", "name", "base", "grid", "points", "target"] + documentationKeys)
    let name = try root.required("name").string()
    var base = AcceleratorBuilder(folder: folder)
    if let baseNode = root.optional("base") {
      let mapping = try baseNode.mapping(allowedKeys: acceleratorKeys.filter { $0 != "name" })
      for (key, node) in mapping.children { try base.apply(key, node) }
    }
    var accelerators: [Accelerator] = []
    // Where each point was written (nil for grid points), so a duplicate name is reported at its line.
    var written: [SpecNode?] = []
    if let gridNode = root.optional("grid") {
      let grid = try gridNode.mapping(allowedKeys: acceleratorKeys.filter { $0 != "name" })
      let axes = grid.children.map { (key: $0.key, values: $0.node.oneOrMany()) }
      for axis in axes where axis.values.isEmpty { throw grid.error("grid.\(axis.key): expected at least one value") }
      var builders = [base]
      for axis in axes {
        var next: [AcceleratorBuilder] = []
        for b in builders {
          for value in axis.values {
            var copy = b
            try copy.apply(axis.key, value)
            next.append(copy)
          }
        }
        builders = next
      }
      for b in builders {
        accelerators.append(try b.build(at: grid))
        written.append(nil)
      }
    }
    if let pointsNode = root.optional("points") {
      for item in try pointsNode.nonEmptySequence() {
        let mapping = try item.mapping(allowedKeys: acceleratorKeys)
        var b = base
        for (key, node) in mapping.children { try b.apply(key, node) }
        accelerators.append(try b.build(at: mapping))
        written.append(mapping.optional("name") ?? item)
      }
    }
    guard !accelerators.isEmpty else { throw root.error("a sweep needs grid: or points:") }
    var seen: [String: Int] = [:]
    for (index, a) in accelerators.enumerated() {
      if let previous = seen[a.label] {
        let message = "points \(previous) and \(index) are both named \"\(a.label)\"; names must be unique"
        throw written[index]?.error(message) ?? root.error(message)
      }
      seen[a.label] = index
    }
    var target: String? = nil
    if let targetNode = root.optional("target") {
      let value = try targetNode.string()
      guard seen[value] != nil else {
        var message = "no point is named \"\(value)\""
        if let hint = nearestSpelling(to: value, among: seen.keys) { message += " (did you mean \"\(hint)\"?)" }
        throw targetNode.error(message)
      }
      target = value
    }
    return AcceleratorSet(name: name, accelerators: accelerators, target: target)
  }
}

/// Accumulates accelerator keys (a sweep applies its base, then a grid combination or a point).
struct AcceleratorBuilder {
  let folder: String
  var name = ""
  var pes: Int?
  var simdLanes = 1
  var nocBandwidth: Int?
  var nocHops = 1
  var nocHopLatency = 0
  var offchipBandwidth: Int?
  var l1Size: Int?
  var l2Size: Int?
  var clockHertz = 1e9
  var dataflow: DataflowPreset?
  var energy = EnergyTable.standard
  var nonMACLayers = NonMACLayerRule.free
  var caseCounts = CaseCountWidth.int32
  var padding = PaddingConvention.padded

  init(folder: String) { self.folder = folder }

  mutating func apply(_ key: String, _ node: SpecNode) throws(SpecError) {
    switch key {
    case "name": name = try node.string()
    case "pes": pes = try node.positiveInt()
    case "simd_lanes": simdLanes = try node.positiveInt()
    case "noc_bw": nocBandwidth = try node.positiveInt()
    case "noc_hops": nocHops = try node.nonNegativeInt()
    case "noc_hop_latency": nocHopLatency = try node.nonNegativeInt()
    case "offchip_bw": offchipBandwidth = try node.positiveInt()
    case "l1_size": l1Size = try node.positiveInt()
    case "l2_size": l2Size = try node.positiveInt()
    case "clock_mhz": clockHertz = try node.positiveDouble() * 1e6
    case "dataflow": dataflow = try DataflowFile.preset(node, folder: folder)
    case "energy": energy = try Self.energy(node)
    case "non_mac_layers": nonMACLayers = try node.enum(NonMACLayerRule.self)
    case "case_counts": caseCounts = try node.enum(CaseCountWidth.self)
    case "padding": padding = try node.enum(PaddingConvention.self)
    default: throw node.error("unknown key")
    }
  }

  static func energy(_ node: SpecNode) throws(SpecError) -> EnergyTable {
    if node.isScalar {
      let name = try node.oneOf(EnergyTable.presets.keys.sorted())
      return EnergyTable.presets[name]!  // oneOf only returns listed names
    }
    let m = try node.mapping(allowedKeys: ["name", "mac_pj", "l1_pj", "l2_pj", "noc_pj_per_hop", "dram_pj"])
    return EnergyTable(
      name: try m.optional("name")?.string() ?? "custom",
      macPicojoules: try m.required("mac_pj").nonNegativeDouble(),
      l1AccessPicojoules: try m.required("l1_pj").nonNegativeDouble(),
      l2AccessPicojoules: try m.required("l2_pj").nonNegativeDouble(),
      nocPicojoulesPerElementHop: try m.optional("noc_pj_per_hop")?.nonNegativeDouble() ?? 0,
      dramPicojoulesPerElement: try m.optional("dram_pj")?.nonNegativeDouble() ?? 0)
  }

  func build(at place: SpecMapping) throws(SpecError) -> Accelerator {
    func need<T>(_ value: T?, _ key: String) throws(SpecError) -> T {
      guard let value else { throw SpecError(file: place.file, keyPath: place.path.isEmpty ? key : "\(place.path).\(key)", problem: "missing required key") }
      return value
    }
    let hardware = MaestroHardware(
      pes: try need(pes, "pes"), simdLanes: simdLanes, nocBandwidth: try need(nocBandwidth, "noc_bw"),
      nocHops: nocHops, nocHopLatency: nocHopLatency, offchipBandwidth: try need(offchipBandwidth, "offchip_bw"),
      caseCounts: caseCounts)
    var accelerator = Accelerator(name: name, hardware: hardware, dataflow: try need(dataflow, "dataflow"), energy: energy,
                                  nonMACLayers: nonMACLayers, clockHertz: clockHertz, l1SizeElements: l1Size,
                                  l2SizeElements: l2Size)
    accelerator.padding = padding
    return accelerator
  }
}
