import TestSupport
import Testing
@testable import Analysis

@Suite("Rank correlation")
struct RankCorrelationTests {
  @Test func ranksWithTies() {
    #expect(RankCorrelation.ranks([10, 20, 20, 5]) == [2, 3.5, 3.5, 1])
  }

  @Test func spearmanKnownValues() {
    #expect(RankCorrelation.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == 1)
    #expect(RankCorrelation.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == -1)
    // No ties, by hand: ρ = 1 − 6·Σd²/(n(n²−1)). One swap: Σd² = 2 → 1 − 12/120 = 0.9.
    #expect(abs(RankCorrelation.spearman([1, 2, 3, 4, 5], [1, 3, 2, 4, 6]) - 0.9) < 1e-12)
    // Two swaps: Σd² = 4 → 1 − 24/120 = 0.8.
    #expect(abs(RankCorrelation.spearman([1, 2, 3, 4, 5], [1, 3, 2, 5, 4]) - 0.8) < 1e-12)
    #expect(RankCorrelation.spearman([1, 1, 1], [1, 2, 3]).isNaN)
  }

  /// Kendall's τ-b against the O(n²) definition, with and without ties.
  @Test func kendallMatchesBruteForce() {
    var random = TestRandom(seed: 3)
    for trial in 0..<200 {
      let n = Int.random(in: 2...40, using: &random)
      let range = trial % 2 == 0 ? 0...4 : 0...1000
      let a = (0..<n).map { _ in Double(Int.random(in: range, using: &random)) }
      let b = (0..<n).map { _ in Double(Int.random(in: range, using: &random)) }
      var concordant = 0.0, discordant = 0.0, tiesA = 0.0, tiesB = 0.0
      for i in 0..<n { for j in (i + 1)..<n {
        let da = a[i] - a[j], db = b[i] - b[j]
        if da == 0 && db == 0 { continue }
        if da == 0 { tiesA += 1; continue }
        if db == 0 { tiesB += 1; continue }
        if (da > 0) == (db > 0) { concordant += 1 } else { discordant += 1 }
      } }
      let expected = (concordant - discordant)
        / ((concordant + discordant + tiesA) * (concordant + discordant + tiesB)).squareRoot()
      let got = RankCorrelation.kendallTauB(a, b)
      if expected.isNaN || expected.isInfinite { #expect(got.isNaN); continue }
      #expect(abs(got - expected) < 1e-12, "trial \(trial)")
    }
  }

  @Test func matrixAndMeans() {
    let series: [[Double]] = [[1, 2, 3, 4], [2, 4, 6, 8], [4, 3, 2, 1]]
    let matrix = CorrelationMatrix(series: series)
    #expect(matrix.values[0][1] == 1 && matrix.values[0][2] == -1 && matrix.values[1][2] == -1)
    #expect(matrix.meanOffDiagonal == [0, 0, -1])
    #expect(matrix.offDiagonal == [1, -1, -1])
    let kendall = CorrelationMatrix(series: series, method: .kendall)
    #expect(kendall.values[0][2] == -1)
    // The Spearman matrix agrees with pairwise spearman() on random data.
    var random = TestRandom(seed: 9)
    let data = (0..<5).map { _ in (0..<50).map { _ in Double(Int.random(in: 0...20, using: &random)) } }
    let m = CorrelationMatrix(series: data)
    for i in 0..<5 { for j in 0..<5 where i != j {
      #expect(abs(m.values[i][j] - RankCorrelation.spearman(data[i], data[j])) < 1e-12)
    } }
  }
}
