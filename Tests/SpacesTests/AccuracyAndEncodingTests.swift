import SeededRandom
import Foundation
import SpecFiles
import Spaces
import TestSupport
import Testing

@Suite("Accuracy sources and architecture encodings")
struct AccuracyAndEncodingTests {
  /// The shipped NAS-Bench-201 table: every architecture, keyed by canonical string.
  @Test func nasBench201Table() throws {
    let space = try ShippedSpaces.nasbench201.get()
    let source = try #require(try space.accuracySource(for: space.defaultDataset))
    #expect(source.spec.kindName == "table")
    #expect(!source.spec.isProxy)
    #expect(source.tableCount == 15_625)
    let index0 = try space.parse("|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|")
    #expect(source.estimate(index0) == AccuracyEstimate(value: 85.86333333333334, origin: .table))
    let imagenet16 = try #require(space.dataset(named: "imagenet16-120"))
    let imagenet = try #require(try space.accuracySource(for: imagenet16))
    #expect(imagenet.estimate(index0)?.value == 26.6333332739936)
    #expect(space.enumerate().allSatisfy { source.estimate($0) != nil })
  }

  /// The shipped table is the reference's, value for value, on all three datasets.
  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared/reference"))
  func nasBench201TableEqualsTheReference() throws {
    let path = try #require(TestPaths.shared("reference/accuracy/nb201_accuracy.csv"))
    let reference = try CSVTable(path: path)
    let space = try ShippedSpaces.nasbench201.get()
    let key = try reference.column("arch_str")
    for (dataset, column) in [("cifar10", "cifar10_test_acc"), ("cifar100", "cifar100_test_acc"),
                              ("imagenet16-120", "imagenet16_120_test_acc")] {
      let found = try #require(space.dataset(named: dataset))
      let source = try #require(try space.accuracySource(for: found))
      let index = try reference.column(column)
      var mismatches = 0
      for row in reference.rows.indices {
        let architecture = try space.parse(reference.rows[row][key])
        if source.estimate(architecture)?.value != (try reference.double(row: row, column: index)) { mismatches += 1 }
      }
      #expect(reference.rows.count == 15_625)
      #expect(mismatches == 0, "\(dataset): \(mismatches) architectures differ from \(path)")
    }
  }

  @Test func proxiesAreLabelled() throws {
    let space = try ShippedSpaces.darts.get()
    let source = try #require(try space.accuracySource(for: space.defaultDataset))
    #expect(source.spec.kindName == "proxy")
    #expect(source.spec.isProxy)
    #expect(source.spec.metric.hasPrefix("PROXY, not an accuracy"))
    let arch = try space.parse(DARTSTests.dartsV2)
    #expect(source.estimate(arch) == AccuracyEstimate(value: 528.35904, origin: .proxy))
  }

  @Test func oneHot() throws {
    let nb201 = try ShippedSpaces.nasbench201.get()
    #expect(nb201.oneHotLength == 30)
    for arch in nb201.enumerate().prefix(500) {
      let x = nb201.oneHot(arch)
      let sum: Double = x.reduce(0, +)
      #expect(sum == 6 && x.allSatisfy { $0 == 0 || $0 == 1 })
    }
    // MobileNet-V2: 3 depths per elastic stage, 9 blocks per slot; blocks not built encode as zeros.
    let mbv2 = try ShippedSpaces.mobilenetv2.get()
    #expect(mbv2.oneHotLength == 5 * 3 + 21 * 9)
    let shallow = try mbv2.parse("2,k3_e3,k3_e3/2,k3_e3,k3_e3/2,k3_e3,k3_e3/2,k3_e3,k3_e3/2,k3_e3,k3_e3/k3_e3")
    let ones = mbv2.oneHot(shallow).reduce(0, +)
    #expect(ones == 16)  // 5 depths and 11 built blocks
    #expect(mbv2.oneHotFeatureNames.count == mbv2.oneHotLength)
    #expect(mbv2.oneHotFeatureNames[3] == "stage1.b0.op=k3_e3")  // after stage1.depth=2, 3, 4
  }

  /// FCC (seed 001): per stage, a count per combination of block features; sums equal built blocks.
  @Test func featureCombinationCounts() throws {
    let fbnet = try ShippedSpaces.fbnet.get()
    #expect(fbnet.featureCombinationCountLength == 7 * 9)
    var rng = SplitMix64(seed: 9)
    for arch in fbnet.sample(count: 100, using: &rng) {
      let blocks: Double = fbnet.featureCombinationCounts(arch).reduce(0, +)
      #expect(blocks == 22)
    }
    let alpha = try ShippedSpaces.alphanetSemidecoupled.get()
    #expect(alpha.featureCombinationCountLength == 5 * 9 + 4)
    let arch = try alpha.parse("192/6,3,4/4,7,4/3,7,5/3,5,4/3,3,4")
    let x = alpha.featureCombinationCounts(arch)
    let names = alpha.featureCombinationCountNames
    #expect(names.count == x.count)
    // MB2 is built with 5 blocks of (k3, e4); MB3 with 4 of (k7, e4).
    #expect(x[names.firstIndex(of: "MB2[kernel=3,expand=4]")!] == 5)
    #expect(x[names.firstIndex(of: "MB3[kernel=7,expand=4]")!] == 4)
    #expect(x[names.firstIndex(of: "resolution=192")!] == 1)
    let total: Double = x.reduce(0, +)
    #expect(total == 19)  // 5 + 4 + 3 + 3 + 3 blocks and the resolution
    let darts = try ShippedSpaces.darts.get()
    #expect(darts.featureCombinationCountLength == 2 * 7 * 2)
    let edges: Double = darts.featureCombinationCounts(try darts.parse(DARTSTests.dartsV2)).reduce(0, +)
    #expect(edges == 16)
  }

  /// A ridge-regression accuracy predictor over the one-hot encoding, fitted on 1,000 NAS-Bench-201
  /// architectures, ranks 3,000 others with Spearman ρ ≈ 0.61 (> 0.5); its weights file round-trips through a
  /// space file's `predictor:` source.
  @Test func linearPredictor() throws {
    let space = try ShippedSpaces.nasbench201.get()
    let table = try #require(try space.accuracySource(for: space.defaultDataset))
    var rng = SplitMix64(seed: 2024)
    let archs = space.sample(count: 4_000, distinct: true, using: &rng)
    let samples = archs.prefix(1_000).map { ($0, table.estimate($0)!.value) }
    let predictor = LinearPredictor.fit(space: space, encoding: .oneHot, samples: samples, ridge: 1e-3)
    let test = Array(archs.suffix(3_000))
    let rho = spearman(test.map { predictor.predict($0, in: space) }, test.map { table.estimate($0)!.value })
    TestPaths.note("NB201 one-hot ridge predictor, 1,000 training architectures: Spearman ρ = \(rho) on 3,000 others")
    #expect(rho > 0.5)

    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("duet-predictor-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try predictor.csvText(space: space).write(to: folder.appendingPathComponent("weights.csv"), atomically: true, encoding: .utf8)
    var text = try String(contentsOfFile: TestPaths.project("spaces/nasbench201.yaml"), encoding: .utf8)
    text = String(text[..<text.range(of: "accuracy:")!.lowerBound]) + "accuracy:\n  cifar10: {predictor: weights.csv, encoding: one-hot}\n"
    let copy = try SearchSpace(yaml: text, file: "copy.yaml", directory: folder.path)
    let loaded = try #require(try copy.accuracySource(for: copy.defaultDataset))
    for arch in test.prefix(100) {
      let value = try #require(loaded.estimate(arch))
      #expect(value.origin == .predictor)
      #expect(abs(value.value - predictor.predict(arch, in: space)) < 1e-9)
    }
  }
}

/// Spearman's rank correlation (average ranks for ties).
func spearman(_ a: [Double], _ b: [Double]) -> Double {
  func ranks(_ v: [Double]) -> [Double] {
    let order = v.indices.sorted { v[$0] < v[$1] }
    var r = [Double](repeating: 0, count: v.count)
    var i = 0
    while i < order.count {
      var j = i
      while j + 1 < order.count, v[order[j + 1]] == v[order[i]] { j += 1 }
      for k in i...j { r[order[k]] = Double(i + j) / 2 }
      i = j + 1
    }
    return r
  }
  let ra = ranks(a), rb = ranks(b)
  let n = Double(a.count)
  let ma = ra.reduce(0, +) / n, mb = rb.reduce(0, +) / n
  var num = 0.0, da = 0.0, db = 0.0
  for i in ra.indices {
    num += (ra[i] - ma) * (rb[i] - mb)
    da += (ra[i] - ma) * (ra[i] - ma)
    db += (rb[i] - mb) * (rb[i] - mb)
  }
  return num / (da * db).squareRoot()
}
