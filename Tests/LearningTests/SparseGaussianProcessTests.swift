import Foundation
@testable import Learning
import SeededRandom
import Testing

@Suite struct SparseGaussianProcessTests {
  @Test func withEveryRowInducingItIsTheExactGP() throws {
    let (x, y, probe) = smallNonlinearData()
    let h = Hyperparameters(["kernel": 2, "restarts": 2])
    let sparse = try SparseGaussianProcess.fit(features: x, targets: y, hyperparameters: h, seed: 3)
    let exact = try GaussianProcess.fit(features: x, targets: y, hyperparameters: h, seed: 3)
    #expect(sparse.mean.weights.count == 12)
    for (a, b) in zip(sparse.predict(probe), exact.predict(probe)) { #expect(abs(a - b) < 1e-3) }
    #expect(abs(sparse.evidenceLowerBound - exact.logMarginalLikelihood) < 1e-3)
  }

  @Test func theBoundNeverExceedsTheExactLikelihood() {
    var g = SplitMix64(seed: 12)
    let rows = (0..<40).map { _ in (0..<2).map { _ in g.standardNormal() } }
    let y = rows.map { sin(2 * $0[0]) + 0.3 * $0[1] }
    let x = FeatureMatrix(rows: rows)
    let exact = MarginalLikelihood(features: x, targets: y, kernel: .matern32, ard: false)
    let bound = VariationalBound(features: x, targets: y, inducing: Array(stride(from: 0, to: 40, by: 4)), kernel: .matern32)
    for theta in [[0.0, -2], [-0.5, -4], [0.7, -1]] {
      // Both are minus (log likelihood or bound) less the same constant: the bound's is never below.
      #expect(bound.evaluate(theta)!.0 >= exact.evaluate(theta)!.0 - 1e-9)
    }
  }

  @Test func fewInducingPointsFollowASmoothFunction() throws {
    let rows = (0..<80).map { [Double($0) / 79 * 6] }
    let y = rows.map { sin($0[0]) }
    let model = try SparseGaussianProcess.fit(features: FeatureMatrix(rows: rows), targets: y,
                                              hyperparameters: Hyperparameters(["kernel": 0, "inducing": 12]), seed: 4)
    #expect(model.mean.weights.count == 12)
    let probe = [[0.5], [2.2], [4.1], [5.6]]
    for (p, row) in zip(model.predict(FeatureMatrix(rows: probe)), probe) { #expect(abs(p - sin(row[0])) < 0.02) }
  }

  @Test func inducingRowsAreDistinctAndSeeded() {
    let x = FeatureMatrix(rows: (0..<30).map { [Double($0 % 10)] })
    var a = SplitMix64(seed: 1), b = SplitMix64(seed: 1)
    let rows = SparseGaussianProcess.inducingRows(x, count: 6, using: &a)
    #expect(rows == SparseGaussianProcess.inducingRows(x, count: 6, using: &b))
    #expect(Set(rows.map { x[$0, 0] }).count == 6 && rows == rows.sorted())
    // Only ten distinct rows: asking for more gives those ten.
    #expect(SparseGaussianProcess.inducingRows(x, count: 20, using: &a) == Array(0..<10))
  }
}
