import Foundation
import Spaces
import TestSupport
import Testing
import Workload

@Suite("FBNet: lowering and the published FLOPs and parameters")
struct FBNetTests {
  let space: SearchSpace
  init() throws { space = try ShippedSpaces.fbnet.get() }

  /// spaces.md's worked example, sample 2514: 38,346,880 flopth-FLOPs and 1,134,332 parameters.
  @Test func workedExampleSample2514() throws {
    let arch = try space.parse(choiceIndices: "8 8 4 4 6 8 1 8 0 3 1 2 8 8 5 8 2 2 8 1 4 8")
    let network = try space.lower(arch, dataset: space.defaultDataset)
    #expect(CountingConvention.fbnetFlopth.flops(of: network) == 38_346_880)
    #expect(CountingConvention.fbnetFlopth.parameters(of: network) == 1_134_332)
    #expect(space.canonicalString(arch)
      == "skip/skip,k5_e1,k5_e1,k5_e3/skip,k3_e1_g2,skip,k3_e1/k3_e6,k3_e1_g2,k3_e3,skip/skip,k5_e1_g2,skip,k3_e3/k3_e3,skip,k3_e1_g2,k5_e1/skip")
    // Block 10 (stage 4's first): 1×1 32→192 at 16×16, depth-wise 3×3 stride 2, 1×1 192→64 at 8×8.
    let block10 = network.layers.filter { $0.name.hasPrefix("stage4.b0.") }
    #expect(block10.reduce(0) { $0 + $1.layer.macs } == 2_469_888)
  }

  /// The 5,000 architectures of `flops/fbnet_flops_params.csv` (CIFAR-100 setting, counted by flopth):
  /// FLOPs and parameters of every row exactly.
  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared/reference"))
  func everyRowOfTheTable() throws {
    guard let path = TestPaths.shared("reference/flops/fbnet_flops_params.csv") else { return }
    let (header, rows) = try plainCSV(path)
    let ops = try #require(header.firstIndex(of: "op_idx_list"))
    let flopsColumn = try #require(header.firstIndex(of: "flops"))
    let paramsColumn = try #require(header.firstIndex(of: "params"))
    let dataset = try #require(space.dataset(named: "cifar100"))
    var flops = MatchCount(label: "FBNet flops"), params = MatchCount(label: "FBNet params")
    for row in rows {
      let arch = try space.parse(choiceIndices: String(row[ops]))
      let network = try space.lower(arch, dataset: dataset)
      flops.add(String(row[ops]), ours: Double(CountingConvention.fbnetFlopth.flops(of: network)),
                published: try #require(Double(row[flopsColumn])), exactTolerance: 0.5)
      params.add(String(row[ops]), ours: Double(CountingConvention.fbnetFlopth.parameters(of: network)),
                 published: try #require(Double(row[paramsColumn])), exactTolerance: 0.5)
    }
    for count in [flops, params] {
      TestPaths.note(count.description)
      #expect(count.total == 5_000)
      #expect(count.exact == count.total, "\(count)")
    }
  }
}
