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
  /// file but the wall times.
  @Test func cosearchWritesAReproducibleFolder() async throws {
    let arguments = ["cosearch", "--sample", "40", "--seed", "5", "--accelerators", TestPaths.project("accelerators/semi-decoupled-grid.yaml")]
    let first = folder("a"), second = folder("b")
    defer { for f in [first, second] { try? FileManager.default.removeItem(atPath: f) } }
    #expect(await DuetMain.run(arguments + ["--out", first]) == 0)
    #expect(await DuetMain.run(arguments + ["--out", second]) == 0)
    let files = try FileManager.default.contentsOfDirectory(atPath: first).sorted()
    for name in ["index.html", "result.json", "strategies.csv", "target_front.csv", "effectiveness.csv",
                 "effectiveness_front.csv", "rho_latency.csv", "rho_energy.csv", "timings.json"] {
      #expect(files.contains(name), "\(name) missing from \(files)")
    }
    for name in files where name != "timings.json" && name != "index.html" {
      #expect(try read("\(first)/\(name)") == (try read("\(second)/\(name)")), "\(name) differs between two runs")
    }
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

  @Test func cosearchUserErrors() async {
    #expect(await DuetMain.run(["cosearch", "--cap-points", "0.5,2"]) == 1)
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
  }
}
