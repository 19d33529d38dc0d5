import Foundation
import SpecFiles
import TestSupport
import Testing
import Workload
@testable import DuetCLI

@Suite("duet workload import / export, duet space export-onnx")
struct WorkloadCommandTests {
  static func fixture(_ name: String) -> String { TestPaths.project("Tests/InterchangeTests/Fixtures/\(name).onnx") }

  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("duet-workload-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func importWritesANetworkEveryCommandReads() async throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let yaml = dir.appendingPathComponent("resnet50.yaml").path
    #expect(await DuetMain.run(["workload", "import", Self.fixture("frameworks/resnet50"), "--out", yaml]) == 0)
    let network = try Network.load(path: yaml)
    #expect(network.macs == 4_089_184_256)
    #expect(network.name == "resnet50")
    // The written network exports again, and an ONNX file is a workload wherever one is accepted.
    let onnx = dir.appendingPathComponent("again.onnx").path
    #expect(await DuetMain.run(["workload", "export", yaml, "--weights", "none", "--out", onnx]) == 0)
    #expect(await DuetMain.run(["cost", "--workload", Self.fixture("ops/conv_dense")]) == 0)
    let rows = dir.appendingPathComponent("rows.csv").path
    #expect(await DuetMain.run(["cost", "--workload", onnx, "--accelerators", TestPaths.project("accelerators/kcp-256.yaml"),
                                "--out", rows]) == 0)
    #expect(try CSVTable(path: rows).rows.count == network.layers.count + 1)
  }

  @Test func badModelsExitWithOne() async throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("x.yaml").path
    for name in ["errors/not_onnx", "errors/unsupported_op", "errors/cycle", "errors/symbolic_height"] {
      #expect(await DuetMain.run(["workload", "import", Self.fixture(name), "--out", out]) == 1, "\(name)")
    }
    #expect(!FileManager.default.fileExists(atPath: out))
    #expect(await DuetMain.run(["workload", "import", Self.fixture("errors/unsupported_op"), "--unsupported", "skip", "--out", out]) == 0)
    #expect(try Network.load(path: out).layers.count == 2)
    #expect(await DuetMain.run(["workload", "import", Self.fixture("errors/symbolic_height"), "--input-shape", "1x8x4x4", "--out", out]) == 0)
    #expect(await DuetMain.run(["workload", "import", Self.fixture("ops/gemm"), "--input-shape", "1xfour"]) == 1)
    #expect(await DuetMain.run(["workload", "import", Self.fixture("ops/gemm"), "--unsupported", "ignore"]) == 1)
  }

  @Test func exportWholeNetworksBlocksAndSpaces() async throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(at: dir) }
    func out(_ name: String) -> String { dir.appendingPathComponent(name).path }
    #expect(await DuetMain.run(["workload", "export", "resnet50", "--block", "conv3_1", "--weights", "none", "--out", out("b.onnx")]) == 0)
    #expect(await DuetMain.run(["workload", "export", "resnet50", "--layers", "conv3_1.a:conv3_1.c", "--out", out("r.onnx")]) == 0)
    #expect(await DuetMain.run(["workload", "export", "resnet50", "--block", "conv9", "--out", out("x.onnx")]) == 1)
    let maestro = TestPaths.project("Tests/HardwareTests/Fixtures/maestro/model/vgg16_model.m")
    #expect(await DuetMain.run(["workload", "export", maestro, "--weights", "none", "--out", out("v.onnx")]) == 1)  // no pools: shapes do not chain
    #expect(await DuetMain.run(["workload", "export", maestro, "--weights", "none", "--independent-layers", "--out", out("v.onnx")]) == 0)
    #expect(await DuetMain.run(["workload", "export", Self.fixture("frameworks/mobilenet_v2"), "--format", "maestro", "--out", out("m.m")]) == 0)
    #expect(await DuetMain.run(["cost", "--workload", out("m.m"), "--accelerators", TestPaths.project("accelerators/kcp-256.yaml"),
                                "--out", out("m.csv")]) == 0)
    #expect(await DuetMain.run(["space", "export-onnx", "fbnet", "--sample-seed", "2", "--weights", "none", "--out", out("f.onnx")]) == 0)
    #expect(await DuetMain.run(["space", "export-onnx", "mobilenetv2", "--sample-seed", "2", "--block", "stage2.b0", "--out", out("s.onnx")]) == 0)
    #expect(await DuetMain.run(["space", "export-onnx", "nasbench201", "--out", out("n.onnx")]) == 1)  // neither arch nor seed
    for file in ["b.onnx", "r.onnx", "v.onnx", "m.m", "f.onnx", "s.onnx"] {
      #expect(FileManager.default.fileExists(atPath: out(file)), "\(file)")
    }
    #expect(!FileManager.default.fileExists(atPath: out("x.onnx")))
  }
}
