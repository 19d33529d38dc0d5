import Analysis
import TestSupport
import Testing
@testable import CoDesign

@Suite("Proxy adaptation (Eq. 3.3)")
struct ProxyAdaptationTests {
  /// A space of 6 decisions × 4 choices, one-hot encoded, plus a constant column.
  static func encodings(count: Int, seed: UInt64) -> [[Double]] {
    var random = TestRandom(seed: seed)
    return (0..<count).map { _ in
      var x = [Double](repeating: 0, count: 25)
      for d in 0..<6 { x[d * 4 + Int.random(in: 0..<4, using: &random)] = 1 }
      x[24] = 1
      return x
    }
  }

  @Test func leastSquaresRecoversAKnownPredictor() {
    var random = TestRandom(seed: 2)
    let truth = (0..<25).map { _ in Double.random(in: 0.5...3, using: &random) }
    let x = Self.encodings(count: 400, seed: 3)
    let y = x.map { zip(truth, $0).reduce(0) { $0 + $1.0 * $1.1 } }
    let fit = LinearLatencyPredictor.fit(encodings: x, latencies: y)
    // One-hot blocks are collinear with the constant, so weights are not unique; predictions are.
    for row in x.prefix(50) { #expect(abs(fit.predict(row) - zip(truth, row).reduce(0) { $0 + $1.0 * $1.1 }) < 1e-4) }
  }

  /// The target is the proxy with two operators slowed down: ρ(proxy, target) is weak; after adapting on
  /// 30 + 20 samples the adapted predictor ranks the whole space like the target and the correction is
  /// concentrated on the two operators that changed.
  @Test func adaptationRecoversASparseCorrection() {
    var random = TestRandom(seed: 5)
    let w = (0..<25).map { i in i == 24 ? 2.0 : Double.random(in: 1...2, using: &random) }
    var targetWeights = w.map { 0.5 * $0 }
    targetWeights[3] *= 9  // decision 0, choice 3: much slower on the target
    targetWeights[9] *= 7  // decision 2, choice 1
    let proxy = LinearLatencyPredictor(weights: w)
    let all = Self.encodings(count: 4096, seed: 8)
    func target(_ x: [Double]) -> Double { zip(targetWeights, x).reduce(0) { $0 + $1.0 * $1.1 } }
    let before = RankCorrelation.spearman(all.map(proxy.predict), all.map(target))
    let samples = Self.encodings(count: 50, seed: 13).map { ($0, target($0)) }
    let adapted = ProxyAdaptation.adapt(proxy: proxy, train: Array(samples.prefix(30)), validation: Array(samples.suffix(20)))
    let after = RankCorrelation.spearman(all.map(adapted.predict), all.map(target))
    #expect(before < 0.8)
    #expect(after > 0.99, "ρ before \(before), after \(after)")
    let largest = adapted.corrections.indices.sorted { abs(adapted.corrections[$0]) > abs(adapted.corrections[$1]) }
    #expect(Set(largest.prefix(2)) == [3, 9])
  }

  /// With λ = ∞ only α is fitted: the proxy scaled by the least-squares factor.
  @Test func infiniteLambdaOnlyScales() {
    let proxy = LinearLatencyPredictor(weights: [1, 2, 3])
    let x: [[Double]] = [[1, 0, 1], [0, 1, 1], [1, 1, 1]]
    let y = x.map { 2 * proxy.predict($0) }
    let (alpha, b) = ProxyAdaptation.solve(proxy: proxy, encodings: x, latencies: y, lambda: .infinity)
    #expect(abs(alpha - 2) < 1e-9)
    #expect(b == [0, 0, 0])
  }
}
