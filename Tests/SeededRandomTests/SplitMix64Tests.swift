import SeededRandom
import Testing

@Suite struct SplitMix64Tests {
  @Test func sameSeedSameStream() {
    var a = SplitMix64(seed: 7)
    var b = SplitMix64(seed: 7)
    let fromA = (0..<100).map { _ in a.next() }
    let fromB = (0..<100).map { _ in b.next() }
    #expect(fromA == fromB)
  }

  @Test func knownFirstValues() {
    // SplitMix64 reference values for seed 0 (Vigna's splitmix64.c).
    var g = SplitMix64(seed: 0)
    let first = g.next()
    let second = g.next()
    #expect(first == 0xE220_A839_7B1D_CDAF)
    #expect(second == 0x6E78_9E6A_A1B9_65F4)
  }

  @Test func indexStaysInBoundsAndCoversAll() {
    var g = SplitMix64(seed: 3)
    var seen = Set<Int>()
    for _ in 0..<1_000 {
      let i = g.index(below: 7)
      #expect((0..<7).contains(i))
      seen.insert(i)
    }
    #expect(seen.count == 7)
  }

  @Test func standardNormalHasUnitMoments() {
    var g = SplitMix64(seed: 11)
    let draws = (0..<20_000).map { _ in g.standardNormal() }
    let mean = draws.reduce(0, +) / Double(draws.count)
    let variance = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(draws.count - 1)
    #expect(abs(mean) < 0.03)
    #expect(abs(variance - 1) < 0.04)
    #expect(draws.allSatisfy { $0.isFinite })
  }

  @Test func shuffleIsAPermutationAndSeeded() {
    var a = SplitMix64(seed: 5)
    var b = SplitMix64(seed: 5)
    var x = Array(0..<50)
    var y = Array(0..<50)
    a.shuffle(&x)
    b.shuffle(&y)
    #expect(x == y)
    #expect(x.sorted() == Array(0..<50))
    #expect(x != Array(0..<50))
  }
}
