import Foundation
import SpecFiles
import TestSupport
import Testing
@testable import DuetCLI

@Suite("duet cost with accelerators, duet bench")
struct CostCommandTests {
  static func temporaryFile(_ name: String) -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duet-cost-\(UUID().uuidString)")
    return folder.appendingPathComponent(name).path
  }

  @Test func csvHasOneRowPerLayerAndPointPlusTotals() async throws {
    let out = Self.temporaryFile("vgg16.csv")
    let model = TestPaths.project("Tests/HardwareTests/Fixtures/maestro/model/vgg16_model.m")
    let status = await DuetMain.run(["cost", "--workload", model, "--accelerators",
                                     TestPaths.project("accelerators/maestro-grid.yaml"), "--out", out])
    #expect(status == 0)
    let table = try CSVTable(path: out)
    #expect(table.rows.count == (13 + 1) * 162)
    for column in ["model", "layer_idx", "layer", "type", "dataflow", "num_pes", "noc_bw", "offchip_bw", "noc_hop_latency",
                   "runtime_cycles", "num_macs", "energy_mac_units", "energy_pJ", "l1_size_req", "l2_size_req",
                   "peak_bw_req", "offchip_bw_req", "avg_utilized_pes", "valid", "invalid_reason"] {
      #expect(table.header.contains(column), "missing column \(column)")
    }
    let valid = try table.column("valid"), reason = try table.column("invalid_reason")
    let pes = try table.column("num_pes"), dataflow = try table.column("dataflow")
    for row in table.rows {
      let crashesMAESTRO = row[dataflow] == "kc-p" && Int(row[pes])! < 64
      #expect(row[valid] == (crashesMAESTRO ? "false" : "true"))
      if crashesMAESTRO { #expect(row[reason].contains("needs at least 64 PEs")) }
    }
    // vgg16 CONV2 on kc-p/256pe/noc300/off50 is maestro-model.md §9 A.
    let accelerator = try table.column("accelerator"), index = try table.column("layer_idx")
    let row = table.rows.first { $0[accelerator] == "kc-p/256pe/noc300/off50" && $0[index] == "1" }!
    #expect(row[try table.column("runtime_cycles")] == "44947008")
  }

  @Test func jsonOutputAndSameBytesTwice() async throws {
    let first = Self.temporaryFile("a.json"), second = Self.temporaryFile("b.json")
    for out in [first, second] {
      #expect(await DuetMain.run(["cost", "--workload", TestPaths.project("workloads/mobilenetv2.yaml"),
                                  "--accelerators", TestPaths.project("accelerators/kcp-256.yaml"), "--out", out]) == 0)
    }
    let data = try Data(contentsOf: URL(fileURLWithPath: first))
    #expect(data == (try Data(contentsOf: URL(fileURLWithPath: second))))
    let rows = try JSONSerialization.jsonObject(with: data) as! [[String: Any]]
    #expect(rows.last?["layer_idx"] as? String == "total")
    #expect(rows.allSatisfy { $0["valid"] as? Bool == true })
  }

  @Test func mappingDataflowsAndHardwareFiles() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duet-cost-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let mapping = folder.appendingPathComponent("tiny.m").path
    try """
      Network tiny {
        Layer CONV1 {
          Type: CONV
          Dimensions { K: 64, C: 64, R: 3, S: 3, Y: 224, X: 224 }
          Dataflow {
            SpatialMap(1,1) K; TemporalMap(64,64) C; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;
            TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; Cluster(64, P); SpatialMap(1,1) C;
            TemporalMap(Sz(R),1) Y; TemporalMap(Sz(S),1) X; TemporalMap(Sz(R),Sz(R)) R; TemporalMap(Sz(S),Sz(S)) S;
          }
        }
      }
      """.write(toFile: mapping, atomically: true, encoding: .utf8)
    let hardware = folder.appendingPathComponent("hw.m").path
    try "num_pes: 256\nnoc_bw_cstr: 300\noffchip_bw_cstr: 50\n".write(toFile: hardware, atomically: true, encoding: .utf8)
    let out = folder.appendingPathComponent("rows.csv").path
    // The mapping file's own dataflow is kc-p: §9 A's layer, with MAESTRO's hardware-file NoC latency 1.
    #expect(await DuetMain.run(["cost", "--workload", mapping, "--accelerators", hardware, "--dataflow", "x-p",
                                "--mapping-dataflows", "--out", out]) == 0)
    let table = try CSVTable(path: out)
    #expect(table.rows[0][try table.column("num_macs")] == "1816805376")
    #expect(table.rows[0][try table.column("noc_hop_latency")] == "1")
  }

  @Test func userErrorsExitWithOne() async {
    let model = TestPaths.project("workloads/resnet50.yaml")
    #expect(await DuetMain.run(["cost", "--workload", model, "--accelerators", "no-such-grid"]) == 1)
    #expect(await DuetMain.run(["cost", "--workload", model, "--accelerators", "maestro-grid", "--out", "x.txt"]) == 1)
    #expect(await DuetMain.run(["cost", "--workload", model, "--accelerators", "maestro-grid", "--dataflow", "zz"]) == 1)
    #expect(await DuetMain.run(["cost", "--workload", model, "--accelerators", "maestro-grid", "--mapping-dataflows"]) == 1)
  }

  @Test func benchIsACommandGroup() async {
    #expect(await DuetMain.run(["bench", "cost-model", "--help"]) == 0)
    #expect(await DuetMain.run(["bench", "cost-model", "--seconds", "0.01", "--presets", "x-p",
                                "--workload", TestPaths.project("workloads/resnet50.yaml")]) == 0)
    #expect(await DuetMain.run(["bench", "cost-model", "--presets", "nope"]) == 1)
  }
}
