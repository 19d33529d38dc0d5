import Foundation
import TestSupport
import Testing
@testable import DuetCLI

@Suite("duet cosearch, monotonicity and adapt")
struct CosearchCommandTests {
  func folder(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("duet-cli-\(UUID().uuidString)-\(name)").path
  }

  func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

  /// A reduced run writes the whole folder, and the same command and seed give the same bytes in every
  /// file but the wall times (timings.json, and the wall-time column of index.html).
  @Test func cosearchWritesAReproducibleFolder() async throws {
    let first = folder("a")
    defer { try? FileManager.default.removeItem(atPath: first) }
    let arguments = ["cosearch", "--sample", "40", "--seed", "5", "--accelerators",
                     TestPaths.project("accelerators/semi-decoupled-grid.yaml"), "--out", first]
    #expect(await DuetMain.run(arguments) == 0)
    let files = try FileManager.default.contentsOfDirectory(atPath: first).sorted()
    for name in ["index.html", "result.json", "run.json", "strategies.csv", "target_front.csv", "effectiveness.csv",
                 "effectiveness_front.csv", "rho_latency.csv", "rho_energy.csv", "timings.json"] {
      #expect(files.contains(name), "\(name) missing from \(files)")
    }
    let before = try files.map { try read("\(first)/\($0)") }
    #expect(await DuetMain.run(arguments) == 0)
    #expect(try FileManager.default.contentsOfDirectory(atPath: first).sorted() == files)
    for (name, text) in zip(files, before) where name != "timings.json" && name != "index.html" {
      #expect(try read("\(first)/\(name)") == text, "\(name) differs between two runs")
    }
    // The run records its own command line (not the test runner's).
    #expect(try read("\(first)/run.json").contains("\"--sample\""))
    // duet report redraws the page byte for byte, and refuses a result.json whose indices do not fit.
    let page = try read("\(first)/index.html")
    #expect(await DuetMain.run(["report", first]) == 0)
    #expect(try read("\(first)/index.html") == page)
    let resultPath = "\(first)/result.json"
    let original = try Data(contentsOf: URL(fileURLWithPath: resultPath))
    var object = try #require(try JSONSerialization.jsonObject(with: original) as? [String: Any])
    object["target"] = 9_999
    try JSONSerialization.data(withJSONObject: object).write(to: URL(fileURLWithPath: resultPath))
    #expect(await DuetMain.run(["report", first]) == 1)
    try original.write(to: URL(fileURLWithPath: resultPath))
    // A rerun without the analyses removes the files the first run wrote for them.
    #expect(await DuetMain.run(arguments + ["--no-analyses"]) == 0)
    let after = try FileManager.default.contentsOfDirectory(atPath: first)
    #expect(!after.contains("effectiveness.csv") && !after.contains("rho_latency.csv"))
    let strategies = try read("\(first)/strategies.csv")
    #expect(strategies.hasPrefix("strategy,cap,architecture,accelerator,accuracy_pct,latency_cycles,energy_pJ,evaluations"))
    #expect(strategies.contains("fully-coupled,tight,|"))
    // 40 architectures × 132 valid accelerators for the coupled search.
    #expect(strategies.contains(",5280,"))
  }

  /// Hardware search modes and a resource cap reach the strategies and the stated conventions.
  @Test func hardwareSearchAndResourceCap() async throws {
    let out = folder("modes")
    defer { try? FileManager.default.removeItem(atPath: out) }
    #expect(await DuetMain.run(["cosearch", "--sample", "30", "--no-analyses", "--hardware-search", "random:20",
                                "--resource-cap", "256", "--cap-points", "0.9", "--out", out]) == 0)
    let run = try read("\(out)/run.json")
    #expect(run.contains("random: 20 valid accelerators drawn with seed 1"))
    #expect(run.contains("HardwareResource(h) ≤ 256"))
    // Every choice respects the cap: no 512-PE accelerator.
    let strategies = try read("\(out)/strategies.csv")
    for name in ["kcp_ws_2,", "kcp_ws_19,", "rs_19,", "xp_ws_19,"] { #expect(!strategies.contains(name)) }
    #expect(await DuetMain.run(["cosearch", "--sample", "30", "--no-analyses", "--hardware-search", "evolutionary:8,3",
                                "--out", out]) == 0)
    #expect(await DuetMain.run(["cosearch", "--hardware-search", "evolutionary:8"]) == 1)
    #expect(await DuetMain.run(["cosearch", "--resource-cap", "-3"]) == 1)
  }

  @Test func cosearchUserErrors() async throws {
    #expect(await DuetMain.run(["cosearch", "--cap-points", "0.5,2"]) == 1)
    #expect(await DuetMain.run(["cosearch", "--cap-points", "0.5,,0.7"]) == 1)
    #expect(await DuetMain.run(["cosearch", "--stage-one", "pairs:100000"]) == 1)
    #expect(await DuetMain.run(["cosearch", "--sample", "20000"]) == 1)  // more than NB201's 15,625
    #expect(await DuetMain.run(["cosearch", "--sample", "10", "--target", "kcp_ws_3"]) == 1)  // KC-P at 16 PEs
    // Candidate lists: a duplicate architecture, an accuracy outside 0…100.
    let arch = "|nor_conv_3x3~0|+|none~0|none~1|+|none~0|none~1|none~2|"
    let other = "|nor_conv_1x1~0|+|none~0|none~1|+|none~0|none~1|none~2|"
    for body in ["\(arch),90\n\(arch),91\n", "\(arch),90\n\(other),190\n"] {
      let path = folder("candidates.csv")
      try ("arch,accuracy\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
      #expect(await DuetMain.run(["cosearch", "--candidates", path, "--no-analyses", "--out", folder("c")]) == 1)
      try? FileManager.default.removeItem(atPath: path)
    }
    #expect(await DuetMain.run(["cosearch", "--stage-one", "pairs:x"]) == 1)
    #expect(await DuetMain.run(["cosearch", "--space", "fbnet", "--sample", "10"]) == 1)  // no accuracy table
    #expect(await DuetMain.run(["cosearch", "--sample", "10", "--target", "kcp_ws_99", "--no-analyses",
                                "--out", folder("x")]) == 1)
    #expect(await DuetMain.run(["cosearch", "--sample", "10", "--accelerators", "no-such-grid"]) == 1)
  }

  /// A synthetic measured table: latency is linear in NB201's one-hot encoding with known weights.
  func syntheticTable() throws -> String {
    let space = try SpaceArgument.parse([TestPaths.project("spaces/nasbench201.yaml")]).load()
    var random = TestRandom(seed: 4)
    let picks = space.sample(count: 300, distinct: true, using: &random)
    let proxyWeights = (0..<space.oneHotLength).map { _ in Double.random(in: 0.5...2, using: &random) }
    var targetWeights = proxyWeights.map { $0 * 0.3 }
    targetWeights[3] *= 12
    targetWeights[8] *= 9
    var text = "index,arch_str,proxy,target\n"
    for (i, a) in picks.enumerated() {
      let x = space.oneHot(a)
      let proxy = zip(proxyWeights, x).reduce(1) { $0 + $1.0 * $1.1 }
      let target = zip(targetWeights, x).reduce(0.2) { $0 + $1.0 * $1.1 }
      text += "\(i),\(space.canonicalString(a)),\(proxy),\(target)\n"
    }
    let path = folder("latency.csv")
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  @Test func adaptAndMonotonicityOnATable() async throws {
    let table = try syntheticTable()
    defer { try? FileManager.default.removeItem(atPath: table) }
    #expect(await DuetMain.run(["adapt", "--table", table, "--proxy", "proxy", "--samples", "60", "--format", "json"]) == 0)
    #expect(await DuetMain.run(["adapt", "--table", table, "--proxy", "proxy", "--lambda-selection", "split"]) == 0)
    let out = folder("mono")
    defer { try? FileManager.default.removeItem(atPath: out) }
    #expect(await DuetMain.run(["monotonicity", "--table", table, "--reference", "proxy", "--kendall", "--out", out]) == 0)
    #expect(FileManager.default.fileExists(atPath: "\(out)/index.html"))
    #expect(try read("\(out)/tau_latency.csv").hasPrefix("hardware,proxy,target"))
    // Errors: an unknown column (with a suggestion), a bad selection rule, too few samples.
    #expect(await DuetMain.run(["adapt", "--table", table, "--proxy", "proxi"]) == 1)
    #expect(await DuetMain.run(["adapt", "--table", table, "--proxy", "proxy", "--lambda-selection", "magic"]) == 1)
    #expect(await DuetMain.run(["adapt", "--table", table, "--proxy", "proxy", "--samples", "5", "--validation", "4"]) == 1)
    #expect(await DuetMain.run(["monotonicity", "--table", table, "--reference", "nothing"]) == 1)
    // A table with a non-numeric or negative cell is an error at its line, not a silently dropped device.
    for bad in ["oops", "-1"] {
      var lines = try read(table).split(separator: "\n").map(String.init)
      lines[5] = lines[5].split(separator: ",").dropLast().joined(separator: ",") + ",\(bad)"
      let path = folder("bad.csv")
      try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
      #expect(await DuetMain.run(["monotonicity", "--table", path, "--out", folder("m")]) == 1)
      #expect(await DuetMain.run(["adapt", "--table", path, "--proxy", "proxy"]) == 1)
      try? FileManager.default.removeItem(atPath: path)
    }
  }
}
