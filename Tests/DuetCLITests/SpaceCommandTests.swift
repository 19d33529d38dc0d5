import Foundation
import TestSupport
import Testing
@testable import DuetCLI

@Suite("duet space")
struct SpaceCommandTests {
  func temporaryFile(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("duet-space-\(UUID().uuidString)-\(name)").path
  }

  func space(_ name: String) -> String { TestPaths.project("spaces/\(name).yaml") }

  @Test func listShowSampleLower() async {
    #expect(await DuetMain.run(["space", "list"]) == 0)
    for name in ["nasbench201", "darts", "fbnet", "alphanet", "alphanet-semidecoupled", "mobilenetv2", "nasbench-macro"] {
      #expect(await DuetMain.run(["space", "show", space(name)]) == 0, "\(name)")
      #expect(await DuetMain.run(["space", "sample", space(name), "--n", "3", "--seed", "1"]) == 0, "\(name)")
    }
    #expect(await DuetMain.run(["space", "lower", space("nasbench-macro"), "identity,mb6_k5/identity,mb3_k3,mb6_k5/mb3_k3,identity,identity"]) == 0)
    #expect(await DuetMain.run(["space", "lower", space("fbnet"), "--indices", "8 8 4 4 6 8 1 8 0 3 1 2 8 8 5 8 2 2 8 1 4 8",
                                "--convention", "table", "--dataset", "imagenet"]) == 0)
    #expect(await DuetMain.run(["space", "lower", space("nasbench201"), "--dead-edges", "prune",
                                "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|none~0|none~1|none~2|"]) == 0)
  }

  @Test func userErrorsExitWithOne() async {
    #expect(await DuetMain.run(["space", "show", "no-such-space"]) == 1)
    #expect(await DuetMain.run(["space", "lower", space("nasbench201"), "--dead-edges", "drop",
                                "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"]) == 1)
    #expect(await DuetMain.run(["space", "lower", space("nasbench201"), "|nor_conv_5x5~0|+|none~0|none~1|+|none~0|none~1|none~2|"]) == 1)
    #expect(await DuetMain.run(["space", "lower", space("nasbench201"), "--dataset", "mnist", "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|"]) == 1)
    #expect(await DuetMain.run(["space", "lower", space("darts"), "--convention", "flopz", DARTSString.v2]) == 1)
    #expect(await DuetMain.run(["space", "lower", space("mobilenetv2"), "--convention", "table", "2,k3_e3,k3_e3/2,k3_e3,k3_e3/2,k3_e3,k3_e3/2,k3_e3,k3_e3/2,k3_e3,k3_e3/k3_e3"]) == 1)
    #expect(await DuetMain.run(["space", "export", space("darts"), "--all", "--out", temporaryFile("x.csv")]) == 1)
    #expect(await DuetMain.run(["space", "export", space("darts"), "--out", temporaryFile("x.csv")]) == 1)
    #expect(await DuetMain.run(["space", "sample", space("nasbench-macro"), "--n", "7000", "--distinct"]) == 1)
  }

  /// `--all` writes every architecture with NB201's real accuracies; FLOPs in MACs by default or by
  /// the table's convention on request.
  @Test func exportAll() async throws {
    let out = temporaryFile("nb201.csv")
    defer { try? FileManager.default.removeItem(atPath: out) }
    #expect(await DuetMain.run(["space", "export", space("nasbench201"), "--all", "--out", out]) == 0)
    let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
    #expect(lines.count == 15_626)
    #expect(lines[0] == "arch,flops_M,params_M,accuracy")
    #expect(lines[1] == "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|,7.78304,0.073306,10")
    let index0 = lines.first { $0.hasPrefix("|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|,") }
    #expect(index0?.hasSuffix(",15.64736,0.129306,85.86333333333334") == true, "\(index0 ?? "")")

    let table = temporaryFile("nb201-table.csv")
    defer { try? FileManager.default.removeItem(atPath: table) }
    #expect(await DuetMain.run(["space", "export", space("nasbench201"), "--dataset", "imagenet16-120", "--all", "--convention", "table", "--out", table]) == 0)
    let text = try String(contentsOfFile: table, encoding: .utf8)
    #expect(text.contains("|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|,3.91948,"))
  }

  /// The same seed writes the same bytes; a space without accuracies leaves the column empty.
  @Test func exportSampleIsReproducible() async throws {
    let a = temporaryFile("a.csv"), b = temporaryFile("b.csv")
    defer { for f in [a, b] { try? FileManager.default.removeItem(atPath: f) } }
    #expect(await DuetMain.run(["space", "export", space("darts"), "--sample", "20", "--seed", "3", "--out", a]) == 0)
    #expect(await DuetMain.run(["space", "export", space("darts"), "--sample", "20", "--seed", "3", "--out", b]) == 0)
    let first = try Data(contentsOf: URL(fileURLWithPath: a))
    #expect(first == (try Data(contentsOf: URL(fileURLWithPath: b))))
    let rows = String(decoding: first, as: UTF8.self).split(separator: "\n").dropFirst()
    #expect(rows.count == 20)
    #expect(rows.allSatisfy { $0.hasSuffix(",") })  // no accuracy: DARTS only has a proxy
  }
}

enum DARTSString {
  static let v2 =
    "sep_conv_3x3:0,sep_conv_3x3:1,sep_conv_3x3:0,sep_conv_3x3:1,sep_conv_3x3:1,skip_connect:0,skip_connect:0,dil_conv_3x3:2"
    + "/max_pool_3x3:0,max_pool_3x3:1,skip_connect:2,max_pool_3x3:1,max_pool_3x3:0,skip_connect:2,skip_connect:2,max_pool_3x3:1"
}
