import SeededRandom
import Foundation
import Spaces
import TestSupport
import Testing
import Workload

/// Invariants of every shipped space, over many seeded random architectures.
@Suite("Search spaces: sizes, strings, sampling and evolution (property tests)")
struct SearchSpacePropertyTests {
  static let names = ShippedSpaces.all.map(\.0)

  func space(_ name: String) throws -> SearchSpace {
    try #require(ShippedSpaces.all.first { $0.0 == name }).1.get()
  }

  @Test func exactSizes() throws {
    #expect(try space("nasbench201").size == 15_625)
    #expect(try space("nasbench-macro").size == 6_561)
    #expect(try space("fbnet").size == BigCount(9).power(22))
    #expect(try space("fbnet").size.description == "984770902183611232881")
    // DARTS: per cell, node k picks one of C(k, 2) input pairs and 7 ops per edge: (1·3·6·10 · 7^8)².
    let cell = BigCount(180) * BigCount(7).power(8)
    #expect(try space("darts").size == cell * cell)
    #expect(try space("darts").size.description == "1076746950455072400")
    #expect(abs(try space("darts").size.log10 - 18.032) < 0.001)
    // OFA MobileNet-V2: (9² + 9³ + 9⁴) per elastic stage, five of them, and one single-block stage.
    #expect(try space("mobilenetv2").size == BigCount(81 + 729 + 6561).power(5) * BigCount(9))
    // AlphaNet: resolution, first and last widths, and width × depth × kernel × expand per stage.
    #expect(try space("alphanet").size == BigCount(4 * 2 * 2 * 8 * 36 * 48 * 48 * 108 * 48 * 8))
    #expect(try space("alphanet-semidecoupled").size == BigCount(4) * BigCount(27).power(5))
  }

  @Test func enumerationMatchesSize() throws {
    for name in ["nasbench201", "nasbench-macro"] {
      let s = try space(name)
      let all = Array(s.enumerate())
      #expect(BigCount(all.count) == s.size)
      #expect(Set(all).count == all.count, "\(name): enumeration repeats an architecture")
      #expect(Set(all.map { s.canonicalString($0) }).count == all.count)
    }
  }

  @Test(arguments: names)
  func roundTripsAndValidity(_ name: String) throws {
    let s = try space(name)
    var rng = SplitMix64(seed: 0x5EED)
    for _ in 0..<300 {
      let a = s.randomArchitecture(using: &rng)
      let text = s.canonicalString(a)
      let back = try s.parse(text)
      #expect(back == a, "\(name): \(text) parses to another architecture")
      #expect(s.canonicalString(back) == text)
      #expect(try s.parse(choiceIndices: a.choices.map(String.init).joined(separator: " ")) == a)
      _ = try s.lower(a, dataset: s.defaultDataset)
    }
  }

  @Test(arguments: names)
  func samplingIsReproducible(_ name: String) throws {
    let s = try space(name)
    var a = SplitMix64(seed: 42), b = SplitMix64(seed: 42), c = SplitMix64(seed: 43)
    let first = s.sample(count: 50, using: &a)
    #expect(first == s.sample(count: 50, using: &b))
    #expect(first != s.sample(count: 50, using: &c))
  }

  @Test(arguments: names)
  func mutationAndCrossoverStayValid(_ name: String) throws {
    let s = try space(name)
    var rng = SplitMix64(seed: 7)
    var population = s.sample(count: 40, using: &rng)
    for step in 0..<400 {
      let p = population[rng.index(below: population.count)]
      let q = population[rng.index(below: population.count)]
      let child = step % 2 == 0 ? s.mutate(p, rate: 0.1, using: &rng) : s.crossover(p, q, using: &rng)
      if step % 2 == 0 { #expect(child != p, "\(name): a mutation returned its parent") }
      // Valid: parses back from its own canonical string (so every choice is in range and unused
      // decisions are 0) and lowers to a network.
      let text = s.canonicalString(child)
      #expect(try s.parse(text) == child, "\(name): \(text)")
      #expect(try s.architecture(choices: child.choices) == child)
      _ = try s.lower(child, dataset: s.defaultDataset)
      population[step % population.count] = child
    }
  }

  @Test func crossoverOfEqualParentsIsTheParent() throws {
    let s = try space("mobilenetv2")
    var rng = SplitMix64(seed: 11)
    for _ in 0..<50 {
      let a = s.randomArchitecture(using: &rng)
      #expect(s.crossover(a, a, using: &rng) == a)
    }
  }

  @Test func distinctSampling() throws {
    let s = try space("nasbench-macro")
    var rng = SplitMix64(seed: 5)
    let all = s.sample(count: 6_561, distinct: true, using: &rng)
    #expect(Set(all).count == 6_561)
  }

  /// SplitMix64's published first outputs for seed 0 (Vigna's reference implementation), and an
  /// unbiased bounded draw.
  @Test func splitMix64() {
    var g = SplitMix64(seed: 0)
    #expect(g.next() == 0xE220_A839_7B1D_CDAF)
    #expect(g.next() == 0x6E78_9E6A_A1B9_65F4)
    var counts = [Int](repeating: 0, count: 7)
    for _ in 0..<70_000 { counts[g.index(below: 7)] += 1 }
    #expect(counts.allSatisfy { abs($0 - 10_000) < 500 })
  }

  @Test func bigCount() {
    #expect(BigCount(0).description == "0")
    #expect((BigCount(UInt64.max) + 1).description == "18446744073709551616")
    #expect(BigCount(10).power(30).description == "1" + String(repeating: "0", count: 30))
    #expect(BigCount(123_456_789).exactInt == 123_456_789)
    #expect(BigCount(10).power(20).exactInt == nil)
    #expect(BigCount(9).power(22).approximateDescription == "≈ 9.85 × 10^20")
  }
}
