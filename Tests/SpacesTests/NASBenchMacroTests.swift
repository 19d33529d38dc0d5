import Foundation
import Spaces
import TestSupport
import Testing
import Workload

@Suite("NAS-Bench-Macro: a space written only in YAML reproduces its table")
struct NASBenchMacroTests {
  let space: SearchSpace
  init() throws { space = try ShippedSpaces.nasbenchMacro.get() }

  /// spaces.md's worked example `02012100`: 47,327,744 FLOPs and 890,666 parameters.
  @Test func workedExample() throws {
    let arch = try space.parse(choiceIndices: "02012100")
    #expect(space.canonicalString(arch) == "identity,mb6_k5/identity,mb3_k3,mb6_k5/mb3_k3,identity,identity")
    let network = try space.lower(arch, dataset: space.defaultDataset)
    #expect(CountingConvention.nasbenchMacro.flops(of: network) == 47_327_744)
    #expect(CountingConvention.nasbenchMacro.parameters(of: network) == 890_666)
  }

  /// The shipped sample of the table (Fixtures/, Apache-2.0): runs without ../shared.
  @Test func fixtureRows() throws {
    let (header, rows) = try plainCSV(TestPaths.project("Tests/SpacesTests/Fixtures/nasbench_macro_sample.csv"))
    #expect(header == ["arch", "params", "flops"])
    #expect(rows.count == 102)
    for row in rows {
      let network = try space.lower(try space.parse(choiceIndices: String(row[0])), dataset: space.defaultDataset)
      #expect(CountingConvention.nasbenchMacro.parameters(of: network) == Int64(row[1])!, "\(row[0])")
      #expect(CountingConvention.nasbenchMacro.flops(of: network) == Int64(row[2])!, "\(row[0])")
    }
  }

  /// All 6,561 rows of `accuracy/nasbench_macro_cifar10.csv`: FLOPs and parameters exactly.
  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared/reference"))
  func everyRowOfTheTable() throws {
    guard let path = TestPaths.shared("reference/accuracy/nasbench_macro_cifar10.csv") else { return }
    let (header, rows) = try plainCSV(path)
    let archColumn = try #require(header.firstIndex(of: "arch"))
    let flopsColumn = try #require(header.firstIndex(of: "flops"))
    let paramsColumn = try #require(header.firstIndex(of: "params"))
    var flops = MatchCount(label: "NAS-Bench-Macro flops"), params = MatchCount(label: "NAS-Bench-Macro params")
    var seen: Set<Architecture> = []
    for row in rows {
      let arch = try space.parse(choiceIndices: String(row[archColumn]))
      seen.insert(arch)
      let network = try space.lower(arch, dataset: space.defaultDataset)
      flops.add(String(row[archColumn]), ours: Double(CountingConvention.nasbenchMacro.flops(of: network)),
                published: try #require(Double(row[flopsColumn])), exactTolerance: 0.5)
      params.add(String(row[archColumn]), ours: Double(CountingConvention.nasbenchMacro.parameters(of: network)),
                 published: try #require(Double(row[paramsColumn])), exactTolerance: 0.5)
    }
    #expect(seen.count == 6_561)
    #expect(Set(space.enumerate()) == seen)
    for count in [flops, params] {
      TestPaths.note(count.description)
      #expect(count.total == 6_561)
      #expect(count.exact == count.total, "\(count)")
    }
  }
}
