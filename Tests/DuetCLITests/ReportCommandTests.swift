import Foundation
import TestSupport
import Testing
@testable import DuetCLI

@Suite("duet report: the page again from the run folder, byte for byte")
struct ReportCommandTests {
  static func folder(_ label: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("duet-report-\(label)-\(UUID().uuidString)")
  }

  static func page(_ folder: URL) throws -> Data {
    try Data(contentsOf: folder.appendingPathComponent("index.html"))
  }

  /// A small co-search (30 sampled architectures on the paper's grid) writes run.json beside its data;
  /// removing index.html and running `duet report` gives the same bytes.
  @Test func cosearchPageRegeneratesIdentically() async throws {
    let out = Self.folder("cosearch")
    defer { try? FileManager.default.removeItem(at: out) }
    let status = await DuetMain.run([
      "cosearch", "--space", TestPaths.project("spaces/nasbench201.yaml"), "--sample", "30", "--seed", "3",
      "--accelerators", TestPaths.project("accelerators/semi-decoupled-grid.yaml"), "--out", out.path,
    ])
    #expect(status == 0)
    let original = try Self.page(out)
    let record = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("run.json"))) as? [String: Any]
    #expect(record?["kind"] as? String == "cosearch")
    let listed = (record?["files"] as? [[String: Any]])?.compactMap { $0["name"] as? String } ?? []
    #expect(listed.first == "result.json" && listed.last == "run.json" && listed.contains("timings.json"))
    try FileManager.default.removeItem(at: out.appendingPathComponent("index.html"))
    #expect(await DuetMain.run(["report", out.path]) == 0)
    #expect(try Self.page(out) == original)
    // Twice in a row, over an existing page: still the same bytes.
    #expect(await DuetMain.run(["report", out.path]) == 0)
    #expect(try Self.page(out) == original)
  }

  @Test func sweepPageRegeneratesIdentically() async throws {
    let out = Self.folder("sweep")
    defer { try? FileManager.default.removeItem(at: out) }
    let model = TestPaths.project("Tests/HardwareTests/Fixtures/maestro/model/vgg16_model.m")
    #expect(await DuetMain.run(["cost", "--workload", model, "--accelerators", TestPaths.project("accelerators/maestro-grid.yaml"),
                                "--report", out.path]) == 0)
    let original = try Self.page(out)
    let html = String(decoding: original, as: UTF8.self)
    #expect(html.contains("Runtime: kc-p, off-chip 50") && html.contains("Energy: x-p, off-chip 350"))
    let sweep = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("sweep.json"))) as? [String: Any]
    let points = sweep?["points"] as? [[String: Any]] ?? []
    #expect(points.count == 162)
    #expect(points.filter { $0["invalidReason"] != nil }.count == 18)  // KC-P with 16 or 32 PEs
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("costs.csv").path))
    #expect(await DuetMain.run(["report", out.path]) == 0)
    #expect(try Self.page(out) == original)
  }

  @Test func foldersWithoutARunRecordAreRefused() async throws {
    let out = Self.folder("empty")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: out) }
    #expect(await DuetMain.run(["report", out.path]) == 1)
    try Data("{\"kind\": \"cosearch\"}".utf8).write(to: out.appendingPathComponent("run.json"))
    #expect(await DuetMain.run(["report", out.path]) == 1)
    #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("index.html").path))
  }
}
