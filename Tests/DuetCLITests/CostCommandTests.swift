import Foundation
import Hardware
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

  /// An FPGA design prices every layer with the tiled model: its own figures, MAESTRO's columns empty.
  @Test func fpgaRowsCarryTheFPGAFigures() async throws {
    let out = Self.temporaryFile("fpga.csv")
    #expect(await DuetMain.run(["cost", "--workload", TestPaths.project("workloads/mobilenetv2.yaml"),
                                "--accelerators", "zcu102-d2", "--out", out]) == 0)
    let table = try CSVTable(path: out)
    #expect(table.rows.count == 64 + 1)
    let column = { (name: String) throws -> Int in try table.column(name) }
    let (kind, runtime, latency, bound, mapping, valid) = (try column("cost_model"), try column("runtime_cycles"),
                                                           try column("latency_s"), try column("bound"),
                                                           try column("layer_mapping"), try column("valid"))
    var sum: Int64 = 0
    for row in table.rows.dropLast() {
      #expect(row[kind] == "fpga" && row[valid] == "true")
      for maestroOnly in ["dataflow", "num_pes", "noc_bw", "energy_mac_units", "l2_size_req", "avg_utilized_pes"] {
        #expect(row[try column(maestroOnly)].isEmpty, "\(maestroOnly) on an FPGA row")
      }
      let cycles = try #require(Int64(row[runtime]))
      sum += cycles
      // 200 MHz: seconds = cycles / 2e8.
      #expect(abs(try #require(Double(row[latency])) - Double(cycles) / 2e8) <= 1e-15)
      if row[try column("type")] == "eltwise.add" {
        #expect(row[mapping] == "depthwise")  // the design's non_mac_layers rule: adds on the depth-wise engine
      } else if cycles > 0 {
        #expect(["compute", "input_transfer", "weight_transfer", "output_transfer"].contains(row[bound]))
        #expect(Double(row[try column("mac_utilization")])! > 0)
      }
    }
    let total = try #require(table.rows.last)
    #expect(total[try column("layer_idx")] == "total")
    #expect(total[runtime] == "\(sum)")
  }

  /// A roofline device has no cycles; its rows give latency, the layer class and what bounds it.
  @Test func deviceRowsCarryTheRooflineFigures() async throws {
    let out = Self.temporaryFile("s5e.json")
    #expect(await DuetMain.run(["cost", "--workload", TestPaths.project("workloads/resnet50.yaml"),
                                "--accelerators", TestPaths.project("accelerators/devices/s5e.yaml"), "--out", out]) == 0)
    let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [[String: Any]]
    var latency = 0.0
    for row in rows.dropLast() {
      #expect(row["cost_model"] as? String == "roofline")
      #expect(row["runtime_cycles"] is NSNull && row["dataflow"] is NSNull && row["num_pes"] is NSNull)
      let seconds = try #require(row["latency_s"] as? Double)
      latency += seconds
      if row["type"] as? String == "conv" {
        #expect(["convolution", "pointwise"].contains(row["layer_mapping"] as? String))
        #expect(["compute", "memory"].contains(row["bound"] as? String))
        #expect((row["offchip_bytes"] as? Double ?? 0) > 0)
        #expect(seconds > 5e-6)  // more than the 5 µs per-operator overhead
      }
    }
    let total = try #require(rows.last)
    #expect(total["layer_idx"] as? String == "total")
    #expect(abs(try #require(total["latency_s"] as? Double) - latency) <= 1e-12 * latency)
  }

  /// A measured device prices architectures, not layers: refused with a pointer to the commands that use it.
  @Test func measuredDevicesAreRefused() async throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duet-cost-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try "arch,ms\na,1.5\n".write(toFile: folder.appendingPathComponent("t.csv").path, atomically: true, encoding: .utf8)
    let file = folder.appendingPathComponent("phone.yaml").path
    try """
      schema: duet/v1
      kind: measured-device
      name: phone
      table: t.csv
      key: arch
      latency: {column: ms, unit: ms}

      """.write(toFile: file, atomically: true, encoding: .utf8)
    #expect(await DuetMain.run(["cost", "--workload", TestPaths.project("workloads/resnet50.yaml"), "--accelerators", file]) == 1)
    do {
      _ = try HardwareFile.loadCostModels(path: file, measuredDeviceNote: "use it with duet monotonicity or duet adapt")
      Issue.record("a measured device was accepted")
    } catch {
      #expect(error.description.contains("phone.yaml:2:7: kind: a measured device prices whole architectures"))
      #expect(error.description.contains("duet monotonicity or duet adapt"))
    }
    #expect(try HardwareFile.load(path: file).measured?.latencySeconds(of: "a") == 0.0015)
  }

  @Test func userErrorsExitWithOne() async {
    let model = TestPaths.project("workloads/resnet50.yaml")
    #expect(await DuetMain.run(["cost", "--workload", model, "--accelerators", "no-such-grid"]) == 1)
    #expect(await DuetMain.run(["cost", "--workload", model, "--accelerators", "maestro-grid", "--out", "x.txt"]) == 1)
    #expect(await DuetMain.run(["cost", "--workload", model, "--accelerators", "maestro-grid", "--dataflow", "zz"]) == 1)
    #expect(await DuetMain.run(["cost", "--workload", model, "--accelerators", "maestro-grid", "--mapping-dataflows"]) == 1)
    #expect(await DuetMain.run(["cost", "--workload", model, "--accelerators", "zcu102-d1", "--dataflow", "kc-p"]) == 1)
  }

  @Test func benchIsACommandGroup() async {
    #expect(await DuetMain.run(["bench", "cost-model", "--help"]) == 0)
    #expect(await DuetMain.run(["bench", "cost-model", "--seconds", "0.01", "--presets", "x-p",
                                "--workload", TestPaths.project("workloads/resnet50.yaml")]) == 0)
    #expect(await DuetMain.run(["bench", "cost-model", "--presets", "nope"]) == 1)
  }

  @Test func benchLearningTimesTheNamedModels() async {
    #expect(await DuetMain.run(["bench", "learning", "--rows", "20", "--features", "5", "--repeats", "1",
                                "--models", "gbdt,lookup-table"]) == 0)
    #expect(await DuetMain.run(["bench", "learning", "--models", "gbdt,nope"]) == 1)
    #expect(await DuetMain.run(["bench", "learning", "--features", "4"]) == 1)
  }
}
