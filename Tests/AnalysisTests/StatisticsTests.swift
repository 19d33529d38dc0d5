import TestSupport
import Testing
@testable import Analysis

@Suite("Statistics and sparse linear fits")
struct StatisticsTests {
  @Test func quantiles() {
    #expect(Statistics.median([3, 1, 2]) == 2)
    #expect(Statistics.median([4, 1, 2, 3]) == 2.5)
    #expect(Statistics.quantile([1, 2, 3, 4, 5], 0.95) == 4.8)
    #expect(Statistics.quantile([], 0.5).isNaN)
    let cdf = Statistics.empiricalCDF([0.9, 0.5, 0.9, 1])
    #expect(cdf.map(\.value) == [0.5, 0.9, 1] && cdf.map(\.fraction) == [0.25, 0.75, 1])
  }

  /// P(x < y) with ties counted half, against hand-counted pairs.
  @Test func probabilityOfLower() {
    #expect(Statistics.probabilityOfLower([0.5], than: [0.9]) == 1)
    #expect(Statistics.probabilityOfLower([0.9], than: [0.5]) == 0)
    // 0.95 against 0.97 (lower) and 0.93 (higher): one pair of two.
    #expect(Statistics.probabilityOfLower([0.95], than: [0.97, 0.93]) == 0.5)
    // Pairs (1,1) tie, (1,2) lower, (3,1) higher, (3,2) higher: (0.5 + 1) / 4.
    #expect(Statistics.probabilityOfLower([1, 3], than: [1, 2]) == 0.375)
    #expect(Statistics.probabilityOfLower([0.1], than: []).isNaN)
    // Swapping the groups gives the complement.
    #expect(Statistics.probabilityOfLower([1, 2], than: [1, 3]) == 1 - 0.375)
  }

  /// With λ = 0 the fit is ordinary least squares: exact recovery of a noiseless linear model.
  @Test func recoversLinearModel() {
    var random = TestRandom(seed: 1)
    let truth = [2.0, -1.0, 0.5]
    let rows = (0..<40).map { _ in (0..<3).map { _ in Double.random(in: -1...1, using: &random) } }
    let targets = rows.map { zip($0, truth).reduce(0) { $0 + $1.0 * $1.1 } }
    let fit = SparseLinearFit(rows: rows, targets: targets, penalised: [false, false, false], lambda: 0)
    for j in 0..<3 { #expect(abs(fit.coefficients[j] - truth[j]) < 1e-8) }
  }

  /// A large penalty zeroes the penalised coefficients but leaves the free one fitting the data.
  @Test func penaltySparsifies() {
    let rows: [[Double]] = [[1, 1, 0], [2, 0, 1], [3, 1, 1], [4, 0, 0]]
    let targets: [Double] = [2, 4, 6, 8]
    let fit = SparseLinearFit(rows: rows, targets: targets, penalised: [false, true, true], lambda: 100)
    #expect(fit.coefficients[1] == 0 && fit.coefficients[2] == 0)
    #expect(abs(fit.coefficients[0] - 2) < 1e-9)
    // One-dimensional case against the closed form: β = soft(ρ, λ/2)/scale.
    let one = SparseLinearFit(rows: [[1], [1]], targets: [3, 3], penalised: [true], lambda: 2)
    #expect(abs(one.coefficients[0] - 2) < 1e-12)
  }

  /// The Gram form (XᵀX/N, Xᵀy/N) takes the same path as the row form, up to rounding.
  @Test func gramFormMatchesRowForm() {
    var random = TestRandom(seed: 2)
    let rows = (0..<30).map { _ in (0..<4).map { _ in Double.random(in: -1...1, using: &random) } }
    let targets = rows.map { 1.5 * $0[0] - 0.2 * $0[1] + 0.05 * $0[3] + Double.random(in: -0.1...0.1, using: &random) }
    let n = Double(rows.count)
    let gram = (0..<16).map { k in rows.reduce(0) { $0 + $1[k / 4] * $1[k % 4] } / n }
    let correlations = (0..<4).map { j in zip(rows, targets).reduce(0) { $0 + $1.0[j] * $1.1 } / n }
    for lambda in [0, 0.01, 0.1] {
      let penalised = [false, true, true, true]
      let byRows = SparseLinearFit(rows: rows, targets: targets, penalised: penalised, lambda: lambda)
      let byGram = SparseLinearFit(gram: gram, correlations: correlations, penalised: penalised, lambda: lambda)
      for (a, b) in zip(byRows.coefficients, byGram.coefficients) { #expect(abs(a - b) < 1e-9) }
      #expect(byRows.coefficients.contains(0) == byGram.coefficients.contains(0))
    }
  }
}
