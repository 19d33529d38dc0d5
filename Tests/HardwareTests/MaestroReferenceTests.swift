import Foundation
import SpecFiles
import TestSupport
import Testing
import Workload
@testable import Hardware

/// Reads MAESTRO reference rows (the shared CSVs, or the compact fixture) and prices them with Duet.
enum MaestroReference {
  static let networks = ["vgg16", "Resnet50", "MobileNetV2", "ResNeXt50", "ncf", "gnmt"]
  static let presetOf = ["kcp_ws": "kc-p", "rs": "yr-p", "xp_ws": "x-p"]

  struct Row {
    var model: String
    var layerIndex: Int
    var requested: String
    var mapping: String
    var hardware: MaestroHardware
    var expected: [String: String]
    var cost: LayerCost
  }

  /// A `Dataflow { … }` template file (as in MAESTRO's tools/frontend/dataflow/).
  static func template(_ path: String, name: String) throws -> Dataflow {
    let body = try String(contentsOfFile: path, encoding: .utf8)
    let text = "Network t { Layer l { Type: CONV Dimensions { K: 1, C: 1, R: 1, S: 1, Y: 1, X: 1 } \(body) } }"
    var dataflow = try MaestroModelFile.parse(text, file: path).entries[0].dataflow!
    dataflow.name = name
    return dataflow
  }

  /// Prices every row of a reference CSV whose model files live in `modelFolder`. The layer comes from
  /// MAESTRO's model file and goes through `Accelerator.cost(of:)`, so the depth-wise → dpt rule and the
  /// layer conventions are exercised too.
  static func price(csv: String, modelFolder: String,
                    dataflow: ((_ model: String, _ requested: String, _ layer: Layer) -> Dataflow)? = nil) throws -> [Row] {
    let table = try CSVTable(path: csv)
    let col = Dictionary(uniqueKeysWithValues: table.header.enumerated().map { ($1, $0) })
    var files: [String: MaestroModelFile] = [:]
    var rows: [Row] = []
    for row in table.rows {
      func v(_ k: String) -> String { row[col[k]!] }
      let model = v("model")
      if files[model] == nil { files[model] = try MaestroModelFile.load(path: "\(modelFolder)/\(model)_model.m") }
      let hw = MaestroHardware(pes: Int(v("num_pes"))!, nocBandwidth: Int(v("noc_bw"))!, nocHops: 1,
                               nocHopLatency: Int(v("noc_hop_latency"))!, offchipBandwidth: Int(v("offchip_bw"))!)
      let index = Int(v("layer_idx"))!
      let layer = files[model]!.entries[index].layer
      let preset = dataflow.map { DataflowPreset(dataflow: $0(model, v("dataflow"), layer)) }
        ?? DataflowPreset.named(presetOf[v("dataflow")]!)!
      let accelerator = Accelerator(hardware: hw, dataflow: preset, energy: .maestro)
      var expected: [String: String] = [:]
      for (name, c) in col { expected[name] = row[c] }
      let mapping = col["layer_mapping"] != nil ? v("layer_mapping") : v("dataflow")
      rows.append(Row(model: model, layerIndex: index, requested: v("dataflow"), mapping: mapping, hardware: hw,
                      expected: expected, cost: accelerator.cost(of: layer)))
    }
    return rows
  }

  struct Summary {
    var rows = 0, invalid = 0, runtime = 0, macs = 0, l1 = 0, l2 = 0, energy = 0
    var runtimeErrors: [Double] = []
    var energyErrors: [Double] = []
    var firstMismatches: [String] = []
    /// Further MAESTRO columns: rows compared and rows equal (exact integers; averages to 1e-5).
    var secondary: [String: (rows: Int, equal: Int)] = [:]
    static let exactColumns = [
      "input_l1_write", "input_l2_read", "input_l2_write", "filter_l1_write", "filter_l2_read", "filter_l2_write",
      "output_l1_write", "output_l2_read", "output_l2_write", "peak_bw_req", "offchip_bw_req",
      "l1_req_input", "l1_req_filter", "l1_req_output", "l2_req_input", "l2_req_filter", "l2_req_output",
      "ingress_delay_min", "ingress_delay_max", "egress_delay_min", "egress_delay_max", "compute_delay_min",
      "compute_delay_max",
    ]

    mutating func add(_ r: Row) {
      rows += 1
      guard let m = r.cost.detail as? MaestroLayerMetrics else {
        invalid += 1
        if firstMismatches.count < 10 { firstMismatches.append("\(r.model) L\(r.layerIndex) \(r.mapping) pe\(r.hardware.pes): \(r.cost.validity)") }
        return
      }
      let rt = Double(r.expected["runtime_cycles"]!)!, e = Double(r.expected["energy_mac_units"]!)!
      let okRuntime = String(m.runtimeCycles) == r.expected["runtime_cycles"]
      let okMACs = String(m.macs) == r.expected["num_macs"]
      let okL1 = String(m.l1SizeRequirement) == r.expected["l1_size_req"]
      let okL2 = String(m.l2SizeRequirement) == r.expected["l2_size_req"]
      let energyError = abs(m.energyMACUnits - e) / max(abs(e), 1)
      runtime += okRuntime ? 1 : 0; macs += okMACs ? 1 : 0; l1 += okL1 ? 1 : 0; l2 += okL2 ? 1 : 0
      energy += energyError <= 1e-9 ? 1 : 0
      if r.expected["peak_bw_req"] != nil {
        let values: [String: Int64] = [
          "input_l1_write": m.inputAccesses.l1Writes, "input_l2_read": m.inputAccesses.l2Reads,
          "input_l2_write": m.inputAccesses.l2Writes, "filter_l1_write": m.filterAccesses.l1Writes,
          "filter_l2_read": m.filterAccesses.l2Reads, "filter_l2_write": m.filterAccesses.l2Writes,
          "output_l1_write": m.outputAccesses.l1Writes, "output_l2_read": m.outputAccesses.l2Reads,
          "output_l2_write": m.outputAccesses.l2Writes, "peak_bw_req": m.peakNoCBandwidthRequirement,
          "offchip_bw_req": m.offchipBandwidthRequirement, "l1_req_input": m.l1Requirement.input,
          "l1_req_filter": m.l1Requirement.filter, "l1_req_output": m.l1Requirement.output,
          "l2_req_input": m.l2Requirement.input, "l2_req_filter": m.l2Requirement.filter,
          "l2_req_output": m.l2Requirement.output, "ingress_delay_min": m.ingressDelayMin,
          "ingress_delay_max": m.ingressDelayMax, "egress_delay_min": m.egressDelayMin,
          "egress_delay_max": m.egressDelayMax, "compute_delay_min": m.computeDelayMin,
          "compute_delay_max": m.computeDelayMax,
        ]
        for column in Self.exactColumns where r.expected[column] != nil {
          secondary[column, default: (0, 0)].rows += 1
          if r.expected[column] == String(values[column]!) { secondary[column, default: (0, 0)].equal += 1 }
        }
        for (column, value) in [("avg_bw_req", m.averageNoCBandwidthRequirement), ("avg_utilized_pes", m.averageUtilizedPEs)] {
          guard let text = r.expected[column], let x = Double(text) else { continue }
          secondary[column, default: (0, 0)].rows += 1
          if abs(value - x) <= 1e-5 * max(abs(x), 1) { secondary[column, default: (0, 0)].equal += 1 }
        }
      }
      runtimeErrors.append(abs(Double(m.runtimeCycles) - rt) / max(rt, 1))
      energyErrors.append(energyError)
      if !(okRuntime && okMACs && okL1 && okL2 && energyError <= 1e-9) && firstMismatches.count < 10 {
        firstMismatches.append("\(r.model) L\(r.layerIndex) \(r.mapping) pe\(r.hardware.pes) noc\(r.hardware.nocBandwidth) off\(r.hardware.offchipBandwidth): runtime \(m.runtimeCycles) vs \(r.expected["runtime_cycles"]!), macs \(m.macs) vs \(r.expected["num_macs"]!), l1 \(m.l1SizeRequirement) vs \(r.expected["l1_size_req"]!), l2 \(m.l2SizeRequirement) vs \(r.expected["l2_size_req"]!), energy \(m.energyMACUnits) vs \(e)")
      }
    }

    static func quantile(_ values: [Double], _ q: Double) -> Double {
      guard !values.isEmpty else { return 0 }
      let sorted = values.sorted()
      return sorted[min(sorted.count - 1, Int((q * Double(sorted.count - 1)).rounded(.up)))]
    }

    var secondaryLine: String {
      secondary.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.equal)/\($0.value.rows)" }.joined(separator: ", ")
    }

    var line: String {
      "\(rows) rows: runtime exact \(runtime), num_macs \(macs), l1 \(l1), l2 \(l2), energy ≤1e-9 \(energy), invalid \(invalid); runtime |rel err| median \(Self.quantile(runtimeErrors, 0.5)) p95 \(Self.quantile(runtimeErrors, 0.95)); energy median \(Self.quantile(energyErrors, 0.5)) p95 \(Self.quantile(energyErrors, 0.95))"
    }

    /// The issue's acceptance thresholds.
    func check(_ label: String) {
      #expect(invalid == 0, "\(label): \(invalid) reference rows priced invalid")
      #expect(runtime == rows - invalid, "\(label): runtime differs on \(rows - invalid - runtime) rows: \(firstMismatches)")
      #expect(macs == rows - invalid, "\(label): num_macs differs on \(rows - invalid - macs) rows")
      #expect(l1 == rows - invalid, "\(label): l1_size_req differs on \(rows - invalid - l1) rows")
      #expect(l2 == rows - invalid, "\(label): l2_size_req differs on \(rows - invalid - l2) rows")
      #expect(Double(energy) >= 0.99 * Double(rows), "\(label): energy within 1e-9 on only \(energy) of \(rows) rows")
      #expect(Self.quantile(runtimeErrors, 0.5) == 0 && Self.quantile(energyErrors, 0.5) <= 1e-15, "\(label): median error not 0")
      #expect(Self.quantile(runtimeErrors, 0.95) <= 0.01 && Self.quantile(energyErrors, 0.95) <= 0.01, "\(label): p95 error above 1 %")
      // Every other column MAESTRO prints matches too (access counts, buffers, bandwidth requirements,
      // delays exactly; average bandwidth and utilised PEs to MAESTRO's 6 printed digits).
      for (column, s) in secondary where column != "dbg" {
        #expect(s.equal == s.rows, "\(label): \(column) differs on \(s.rows - s.equal) rows")
      }
    }
  }
}

@Suite("MAESTRO reference comparison")
struct MaestroReferenceTests {
  /// Every row of the six networks × kcp_ws/rs/xp_ws (+dpt) × 162 points of ../shared.
  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared"))
  func everySharedReferenceRow() throws {
    guard let root = TestPaths.shared("reference/maestro") else { return }
    var all = MaestroReference.Summary()
    var byMapping: [String: MaestroReference.Summary] = [:]
    for model in MaestroReference.networks {
      for row in try MaestroReference.price(csv: "\(root)/layers_main_\(model).csv", modelFolder: "\(root)/inputs/model") {
        all.add(row)
        byMapping[row.mapping, default: .init()].add(row)
      }
    }
    for (mapping, summary) in byMapping.sorted(by: { $0.key < $1.key }) {
      TestPaths.note("MAESTRO reference, \(mapping): \(summary.line)")
      summary.check(mapping)
    }
    TestPaths.note("MAESTRO reference, all: \(all.line)")
    TestPaths.note("MAESTRO reference, further columns: \(all.secondaryLine)")
    #expect(all.rows == 29_178)
    all.check("all")
  }

  /// The same check on the compact fixture shipped with the tests (runs without ../shared).
  @Test func shippedFixture() throws {
    let folder = TestPaths.project("Tests/HardwareTests/Fixtures/maestro")
    var summary = MaestroReference.Summary()
    for row in try MaestroReference.price(csv: "\(folder)/layers_sample.csv", modelFolder: "\(folder)/model") {
      summary.add(row)
    }
    TestPaths.note("MAESTRO fixture: \(summary.line)")
    #expect(summary.rows > 500)
    summary.check("fixture")
  }

  /// Networks that are not in ../shared (AlexNet; seeded odd layers: strides 2–3, odd sizes, C < 64, K not
  /// a multiple of 16, 5×5 and 7×7 kernels, depth-wise, grouped, GEMMs; Duet's own ResNet-50 and
  /// MobileNet-V2 priced on their padded inputs), at NoC hop latency 0 and 1, against the real MAESTRO
  /// (see Fixtures/maestro-further/README.md).
  @Test func furtherNetworksAndHopLatencyOne() throws {
    let folder = TestPaths.project("Tests/HardwareTests/Fixtures/maestro-further")
    var all = MaestroReference.Summary()
    var hopOne = MaestroReference.Summary()
    for row in try MaestroReference.price(csv: "\(folder)/maestro_further.csv.gz", modelFolder: "\(folder)/model") {
      all.add(row)
      if row.hardware.nocHopLatency == 1 { hopOne.add(row) }
    }
    TestPaths.note("MAESTRO further networks: \(all.line) | \(all.secondaryLine)")
    #expect(all.rows == 9128 && hopOne.rows > 4000)
    all.check("further networks")
    hopOne.check("further networks, hop latency 1")
  }

  /// Hand-written dataflows beyond the presets (MAESTRO's hand-made row-stationary mapping with two
  /// SpatialMaps per level, three cluster levels, output-stationary 2×2 tiles of Y'/X', K/C tiles that
  /// leave edges), each written into every layer of AlexNet and the odd layers; depth-wise layers get dpt.
  @Test func handWrittenDataflows() throws {
    let folder = TestPaths.project("Tests/HardwareTests/Fixtures/maestro-further")
    var dataflows: [String: Dataflow] = [:]
    for name in ["hand_rs", "three_level", "os_tile", "kc_tiles"] {
      dataflows[name] = try MaestroReference.template("\(folder)/custom/\(name).m", name: name)
    }
    var all = MaestroReference.Summary()
    for row in try MaestroReference.price(csv: "\(folder)/maestro_custom.csv.gz", modelFolder: "\(folder)/model",
                                          dataflow: { model, requested, layer in
                                            layer.kind == .depthwiseConvolution ? DataflowPreset.dptDataflow : dataflows[requested]! }) {
      all.add(row)
    }
    TestPaths.note("MAESTRO hand-written dataflows: \(all.line) | \(all.secondaryLine)")
    #expect(all.rows == 2128)
    all.check("hand-written dataflows")
  }

  /// MAESTRO crashed on KC-P below 64 PEs for the further networks too; Duet reports those points invalid.
  @Test func furtherCrashedRunsAreInvalid() throws {
    let folder = TestPaths.project("Tests/HardwareTests/Fixtures/maestro-further")
    let runs = try CSVTable(path: "\(folder)/runs.csv")
    let col = Dictionary(uniqueKeysWithValues: runs.header.enumerated().map { ($1, $0) })
    var crashed = 0
    for row in runs.rows {
      func v(_ k: String) -> String { row[col[k]!] }
      let network = try MaestroModelFile.load(path: "\(folder)/model/\(v("model"))_model.m").network
      let accelerator = Accelerator(
        hardware: MaestroHardware(pes: Int(v("num_pes"))!, nocBandwidth: Int(v("noc_bw"))!,
                                  nocHopLatency: Int(v("noc_hop_latency"))!, offchipBandwidth: Int(v("offchip_bw"))!),
        dataflow: DataflowPreset.named(v("dataflow"))!)
      let valid = accelerator.cost(of: network).validity.isValid
      #expect(valid == (v("status") == "ok"), "\(v("model")) \(v("dataflow")) \(v("num_pes")): \(v("status"))")
      if !valid { crashed += 1 }
    }
    #expect(crashed == 16)
  }

  /// Every MAESTRO process that crashed (runs_main.csv) is an invalid network in Duet, with a reason;
  /// every run that succeeded is valid on every layer.
  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared"))
  func crashedRunsAreInvalidRows() throws {
    guard let root = TestPaths.shared("reference/maestro") else { return }
    let runs = try CSVTable(path: "\(root)/runs_main.csv")
    let col = Dictionary(uniqueKeysWithValues: runs.header.enumerated().map { ($1, $0) })
    var networks: [String: Network] = [:]
    var crashed = 0
    for row in runs.rows {
      func v(_ k: String) -> String { row[col[k]!] }
      let model = v("model")
      if networks[model] == nil { networks[model] = try MaestroModelFile.load(path: "\(root)/inputs/model/\(model)_model.m").network }
      let accelerator = Accelerator(
        hardware: MaestroHardware(pes: Int(v("num_pes"))!, nocBandwidth: Int(v("noc_bw"))!,
                                  offchipBandwidth: Int(v("offchip_bw"))!),
        dataflow: DataflowPreset.named(v("dataflow"))!)
      let cost = accelerator.cost(of: networks[model]!)
      if v("status") == "ok" {
        #expect(cost.validity == .valid, "\(model) \(v("dataflow")) \(v("num_pes")): \(cost.validity)")
      } else {
        crashed += 1
        let reason = cost.validity.reason ?? ""
        #expect(reason.contains("needs at least 64 PEs") || reason.contains("32-bit"), "\(model) \(v("dataflow")) \(v("num_pes")): \(reason)")
      }
    }
    #expect(crashed == 162)
  }
}
