import Foundation
import SpecFiles
import Spaces
import TestSupport
import Testing
import Workload

@Suite("DARTS: lowering and the semi-decoupled paper's FLOPs")
struct DARTSTests {
  let space: SearchSpace
  init() throws { space = try ShippedSpaces.darts.get() }

  static let dartsV2 =
    "sep_conv_3x3:0,sep_conv_3x3:1,sep_conv_3x3:0,sep_conv_3x3:1,sep_conv_3x3:1,skip_connect:0,skip_connect:0,dil_conv_3x3:2"
    + "/max_pool_3x3:0,max_pool_3x3:1,skip_connect:2,max_pool_3x3:1,max_pool_3x3:0,skip_connect:2,skip_connect:2,max_pool_3x3:1"

  /// DARTS (V2) as published: ≈ 3.3 M parameters (README); counted over the modules that run: 3,349,342
  /// parameters and 528,359,040 MACs at 32×32 (spaces.md).
  @Test func dartsV2() throws {
    let arch = try space.parse(Self.dartsV2)
    let network = try space.lower(arch, dataset: space.defaultDataset)
    #expect(network.parameters == 3_349_342)
    #expect(CountingConvention.darts.flops(of: network) == 528_359_040)
    #expect(network.layers.filter { $0.name.hasPrefix("cell") && $0.name.hasSuffix("].concat") }.count == 0)
    #expect((0..<20).allSatisfy { i in network.layers.contains { $0.name == "cell\(i).concat" } })
  }

  /// spaces.md's worked example, sample 0: 491,725,440 at 32×32 and 122,935,680 at 16×16.
  @Test func workedExampleSample0() throws {
    let arch = try space.parse(
      "sep_conv_5x5:0,dil_conv_3x3:1,avg_pool_3x3:2,sep_conv_3x3:1,max_pool_3x3:1,sep_conv_5x5:0,dil_conv_3x3:2,max_pool_3x3:4"
        + "/max_pool_3x3:0,sep_conv_3x3:1,dil_conv_3x3:1,skip_connect:0,skip_connect:0,avg_pool_3x3:2,avg_pool_3x3:3,sep_conv_5x5:1")
    let n32 = try space.lower(arch, dataset: space.defaultDataset)
    #expect(CountingConvention.darts.flops(of: n32) == 491_725_440)
    let n16 = try space.lower(arch, dataset: try #require(space.dataset(named: "cifar10-16px")))
    #expect(CountingConvention.darts.flops(of: n16) == 122_935_680)
    // Reduction cell 6: preprocessing 144→72 twice at 32×32, then its edges at 16×16.
    let cell6 = n32.layers.filter { $0.name.hasPrefix("cell6.") }
    #expect(cell6.reduce(0) { $0 + $1.layer.macs } == 31_942_656)
  }

  /// The 10,000 sampled genotypes of `accuracy/darts_nb301_predicted.csv.gz` (C = 36, 20 cells,
  /// reductions at 6 and 13, no auxiliary head), at 32×32 and 16×16: every row exactly.
  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared/reference"))
  func everyRowOfTheSample() throws {
    guard let path = TestPaths.shared("reference/accuracy/darts_nb301_predicted.csv.gz") else { return }
    let csv = try CSVTable(path: path)
    let normal = try csv.column("normal"), reduce = try csv.column("reduce")
    let in32 = try csv.column("flops_in32"), in16 = try csv.column("flops_in16")
    let d32 = space.defaultDataset
    let d16 = try #require(space.dataset(named: "cifar10-16px"))
    var count32 = MatchCount(label: "DARTS flops_in32"), count16 = MatchCount(label: "DARTS flops_in16")
    for (i, row) in csv.rows.enumerated() {
      let arch = try space.parse(row[normal] + "/" + row[reduce])
      let key = "row \(i + 2)"
      count32.add(key, ours: Double(CountingConvention.darts.flops(of: try space.lower(arch, dataset: d32))),
                  published: try csv.double(row: i, column: in32), exactTolerance: 0.5)
      count16.add(key, ours: Double(CountingConvention.darts.flops(of: try space.lower(arch, dataset: d16))),
                  published: try csv.double(row: i, column: in16), exactTolerance: 0.5)
    }
    for count in [count32, count16] {
      TestPaths.note(count.description)
      #expect(count.total == 10_000)
      #expect(count.exact == count.total, "\(count)")
    }
  }
}
