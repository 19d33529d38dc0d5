import Foundation
import SpecFiles
import TestSupport
import Testing
import Workload
@testable import Hardware

/// One reference row compared with Duet's analysis.
struct ReferenceComparison {
  var model: String
  var layerIndex: Int
  var mapping: String
  var pes: Int
  var noc: Int
  var offchip: Int
  var expected: [String: String]
  var result: Result<MaestroLayerMetrics, MaestroInvalid>
}

enum MaestroReference {
  static let networks = ["vgg16", "Resnet50", "MobileNetV2", "ResNeXt50", "ncf", "gnmt"]

  static func preset(_ mapping: String) -> DataflowPreset { DataflowPreset.named(mapping)! }

  /// Compares every row of `layers_main_<model>.csv` (or every `stride`-th).
  static func compare(model: String, root: String, stride: Int = 1) throws -> [ReferenceComparison] {
    let file = try MaestroModelFile.load(path: "\(root)/inputs/model/\(model)_model.m")
    let table = try CSVTable(path: "\(root)/layers_main_\(model).csv")
    let col = Dictionary(uniqueKeysWithValues: table.header.enumerated().map { ($1, $0) })
    var out: [ReferenceComparison] = []
    for (index, row) in table.rows.enumerated() where index % stride == 0 {
      let idx = Int(row[col["layer_idx"]!])!
      let mapping = row[col["layer_mapping"]!]
      let hw = MaestroHardware(pes: Int(row[col["num_pes"]!])!, nocBandwidth: Int(row[col["noc_bw"]!])!,
                               nocHops: 1, nocHopLatency: Int(row[col["noc_hop_latency"]!])!,
                               offchipBandwidth: Int(row[col["offchip_bw"]!])!)
      let layer = try MaestroLayer.convert(file.entries[idx].layer).get()
      let result = MaestroEngine.analyze(layer, dataflow: preset(mapping).dataflow, hardware: hw)
      var expected: [String: String] = [:]
      for (name, c) in col { expected[name] = row[c] }
      out.append(ReferenceComparison(model: model, layerIndex: idx, mapping: mapping, pes: hw.pes, noc: hw.nocBandwidth,
                                     offchip: hw.offchipBandwidth, expected: expected, result: result))
    }
    return out
  }
}

@Suite("MAESTRO reference")
struct MaestroReferenceTests {
  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared"))
  func debugCompare() throws {
    guard let root = TestPaths.shared("reference/maestro") else { return }
    var byMapping: [String: (rows: Int, rt: Int, macs: Int, l1: Int, l2: Int, en: Int)] = [:]
    var shown = 0
    for model in MaestroReference.networks {
      for c in try MaestroReference.compare(model: model, root: root) {
        var s = byMapping[c.mapping] ?? (0, 0, 0, 0, 0, 0)
        s.rows += 1
        guard case .success(let m) = c.result else {
          if shown < 20 { print("INVALID", c.model, c.layerIndex, c.mapping, c.pes, c.result); shown += 1 }
          byMapping[c.mapping] = s; continue
        }
        let rt = String(m.runtimeCycles) == c.expected["runtime_cycles"]
        let macs = String(m.macs) == c.expected["num_macs"]
        let l1 = String(m.l1SizeRequirement) == c.expected["l1_size_req"]
        let l2 = String(m.l2SizeRequirement) == c.expected["l2_size_req"]
        let e = Double(c.expected["energy_mac_units"]!)!
        let en = abs(m.energyMACUnits - e) <= 1e-9 * abs(e)
        if rt { s.rt += 1 }; if macs { s.macs += 1 }; if l1 { s.l1 += 1 }; if l2 { s.l2 += 1 }; if en { s.en += 1 }
        byMapping[c.mapping] = s
        if !(rt && macs && l1 && l2 && en) && shown < 40 {
          shown += 1
          print("MISMATCH \(c.model) L\(c.layerIndex) \(c.expected["layer"]!) \(c.mapping) pe\(c.pes) noc\(c.noc) off\(c.offchip): rt \(m.runtimeCycles)/\(c.expected["runtime_cycles"]!) macs \(m.macs)/\(c.expected["num_macs"]!) l1 \(m.l1Requirement)/\(c.expected["l1_req_input"]!),\(c.expected["l1_req_filter"]!),\(c.expected["l1_req_output"]!) l2 \(m.l2Requirement)/\(c.expected["l2_req_input"]!),\(c.expected["l2_req_filter"]!),\(c.expected["l2_req_output"]!) en \(m.energyMACUnits)/\(e) inL2r \(m.inputAccesses.l2Reads)/\(c.expected["input_l2_read"]!) fL2r \(m.filterAccesses.l2Reads)/\(c.expected["filter_l2_read"]!) oL2w \(m.outputAccesses.l2Writes)/\(c.expected["output_l2_write"]!) oL2r \(m.outputAccesses.l2Reads)/\(c.expected["output_l2_read"]!)")
        }
      }
    }
    for (k, v) in byMapping.sorted(by: { $0.key < $1.key }) { print("SUMMARY", k, v) }
  }
}
