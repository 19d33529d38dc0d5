import Foundation
import Spaces
import TestSupport
import Testing
import Workload

@Suite("NAS-Bench-201: lowering and the published FLOPs")
struct NASBench201Tests {
  let space: SearchSpace
  init() throws { space = try ShippedSpaces.nasbench201.get() }

  func dataset(_ name: String) throws -> Dataset { try #require(space.dataset(named: name)) }

  /// spaces.md's worked example, index 0: only the two nor_conv_1x1 edges cost anything.
  @Test func workedExampleIndex0() throws {
    let arch = try space.parse("|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|")
    let cifar = try space.lower(arch, dataset: dataset("cifar10"))
    #expect(CountingConvention.nb201.flops(of: cifar) == 15_647_370)
    #expect(cifar.macs == 15_647_370 - 10)
    let imagenet = try space.lower(arch, dataset: dataset("imagenet16-120"))
    #expect(CountingConvention.nb201.flops(of: imagenet) == 3_919_480)
  }

  @Test func extremesMatchTheCounter() throws {
    let conv = try space.parse("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|")
    let big = try space.lower(conv, dataset: dataset("cifar10"))
    #expect(CountingConvention.nb201.flops(of: big) == 220_119_690)
    #expect(big.parameters == 1_531_546)
    let none = try space.parse("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|")
    let small = try space.lower(none, dataset: dataset("cifar10"))
    #expect(CountingConvention.nb201.flops(of: small) == 7_783_050)
    #expect(small.parameters == 73_306)
  }
}

@Suite("NAS-Bench-201: every published FLOPs row")
struct NASBench201ReferenceTests {
  /// All 15,625 architectures on cifar10 and ImageNet16-120 against `flops/nb201_flops.csv` (MACs
  /// plus the classifier bias, in millions with 5 decimals): the lowering reproduces every row.
  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared/reference"))
  func everyRowOfTheFLOPsTable() throws {
    guard let path = TestPaths.shared("reference/flops/nb201_flops.csv") else { return }
    let space = try ShippedSpaces.nasbench201.get()
    let (header, rows) = try plainCSV(path)
    let datasetColumn = try #require(header.firstIndex(of: "dataset"))
    let archColumn = try #require(header.firstIndex(of: "arch_str"))
    let flopsColumn = try #require(header.firstIndex(of: "flops_M"))
    var counts: [String: MatchCount] = [:]
    for row in rows {
      let datasetName = String(row[datasetColumn])
      let dataset = try #require(space.dataset(named: datasetName.lowercased()))  // the table says "ImageNet16-120"
      let arch = try space.parse(String(row[archColumn]))
      let network = try space.lower(arch, dataset: dataset)
      let ours = Double(CountingConvention.nb201.flops(of: network)) / 1e6
      let published = try #require(Double(row[flopsColumn]))
      counts[datasetName, default: MatchCount(label: "NB201 \(datasetName)")]
        .add(String(row[archColumn]), ours: ours, published: published, exactTolerance: 5e-6)
    }
    for name in ["cifar10", "ImageNet16-120"] {
      let count = try #require(counts[name], "datasets seen: \(counts.keys.sorted())")
      TestPaths.note(count.description)
      #expect(count.total == 15_625)
      #expect(count.exact == count.total, "\(count)")
    }
  }
}
