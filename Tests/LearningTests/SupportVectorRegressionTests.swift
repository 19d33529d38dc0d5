@testable import Learning
import SeededRandom
import Testing

@Suite struct SupportVectorRegressionTests {
  @Test func fitsALinearTargetWithinEpsilon() throws {
    let rows = (0..<25).map { [Double($0) / 24 * 4 - 2] }
    let y = rows.map { 1.5 * $0[0] - 0.5 }
    let epsilon = 0.05
    let hyperparameters = Hyperparameters(["c": 100, "epsilon": epsilon, "gamma": 0.5, "tolerance": 1e-6])
    let model = try SupportVectorRegression.fit(features: FeatureMatrix(rows: rows), targets: y,
                                                hyperparameters: hyperparameters, seed: 0)
    for (p, t) in zip(model.predict(FeatureMatrix(rows: rows)), y) { #expect(abs(p - t) <= epsilon + 1e-4) }
    // Points strictly inside the tube are not support vectors.
    #expect(model.coefficients.count < rows.count)
  }

  @Test func matchesScikitLearn() throws {
    let (x, y, probe) = smallNonlinearData()
    for shrinking in [0.0, 1] {
      let model = try SupportVectorRegression.fit(
        features: x, targets: y,
        hyperparameters: Hyperparameters(["c": 10, "epsilon": 0.05, "gamma": 1, "tolerance": 1e-6, "shrinking": shrinking]),
        seed: 0)
      // SVR(C=10, epsilon=0.05, gamma="scale", tol=1e-6): gamma 5.0769230769, 9 support vectors.
      #expect(abs(model.gamma - 5.0769230769230775) < 1e-12)
      #expect(model.coefficients.count == 9)
      for (p, expected) in zip(model.predict(probe), [0.893884132769, 0.654828854388, 1.876833216066]) {
        #expect(abs(p - expected) < 1e-5)
      }
    }
  }

  @Test func shrinkingAndASmallCacheDoNotChangeTheSolution() throws {
    var g = SplitMix64(seed: 21)
    let rows = (0..<150).map { _ in (0..<3).map { _ in g.standardNormal() } }
    let y = rows.map { $0[0] * $0[1] + $0[2] }
    let x = FeatureMatrix(rows: rows)
    func fit(_ extra: [String: Double]) throws -> [Double] {
      var h = Hyperparameters(["c": 10, "epsilon": 0.1, "gamma": 1, "tolerance": 1e-7])
      for (k, v) in extra { h[k] = v }
      return try SupportVectorRegression.fit(features: x, targets: y, hyperparameters: h, seed: 0).predict(x)
    }
    let reference = try fit(["shrinking": 0])
    // 0.0005 MB holds fewer than 150 rows of 150 kernel values: the cache must evict.
    for variant in [["shrinking": 1], ["shrinking": 1, "cache_megabytes": 0.0005]] {
      for (a, b) in zip(try fit(variant), reference) { #expect(abs(a - b) < 1e-4) }
    }
  }
}
