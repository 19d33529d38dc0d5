import Foundation
@testable import Learning
import SeededRandom
import Testing

@Suite struct GaussianProcessTests {
  @Test(arguments: CovarianceFunction.allCases)
  func interpolatesItsTrainingPoints(kernel: CovarianceFunction) throws {
    let rows = (0..<15).map { [Double($0) / 14 * 6] }
    let y = rows.map { sin($0[0]) }
    let model = try GaussianProcess.fit(features: FeatureMatrix(rows: rows), targets: y,
                                        hyperparameters: Hyperparameters(["kernel": Double(kernel.rawValue)]), seed: 1)
    for (p, t) in zip(model.predict(FeatureMatrix(rows: rows)), y) { #expect(abs(p - t) < 1e-3) }
    #expect(model.noiseVariance < 1e-4 * model.signalVariance)
    // And between them, a smooth function is followed closely.
    let between = model.predict(FeatureMatrix(rows: [[1.1], [3.3]]))
    #expect(abs(between[0] - sin(1.1)) < 0.02 && abs(between[1] - sin(3.3)) < 0.02)
  }

  @Test func matchesScikitLearn() throws {
    let (x, y, probe) = smallNonlinearData()
    // GaussianProcessRegressor(C(1) * kernel(1) + WhiteKernel(0.1), n_restarts_optimizer=5): predictions at
    // the probes and the log marginal likelihood, per kernel. The noise sits at its lower bound there.
    let expected: [(CovarianceFunction, [Double], Double)] = [
      (.squaredExponential, [0.926631596228, 0.681340539892, 1.904872854317], 1.5236470713558692),
      (.matern32, [0.906399731704, 0.645090008472, 1.894882404232], -3.8892489063157383),
      (.matern52, [0.927841300795, 0.67763702554, 1.896538357086], -1.3507213038883936),
    ]
    for (kernel, predictions, logLikelihood) in expected {
      let model = try GaussianProcess.fit(
        features: x, targets: y, hyperparameters: Hyperparameters(["kernel": Double(kernel.rawValue), "restarts": 5]),
        seed: 0)
      for (p, e) in zip(model.predict(probe), predictions) { #expect(abs(p - e) < 2e-3, "\(kernel)") }
      #expect(abs(model.logMarginalLikelihood - logLikelihood) < 1e-2, "\(kernel)")
    }
  }

  @Test(arguments: CovarianceFunction.allCases, [false, true])
  func gradientMatchesFiniteDifferences(kernel: CovarianceFunction, ard: Bool) throws {
    var g = SplitMix64(seed: 30)
    let rows = (0..<12).map { _ in (0..<3).map { _ in g.standardNormal() } }
    let y = rows.map { $0[0] - 0.5 * $0[1] * $0[1] + 0.1 * $0[2] }
    let likelihood = MarginalLikelihood(features: FeatureMatrix(rows: rows), targets: y, kernel: kernel, ard: ard)
    let theta = ard ? [0.3, -0.2, 0.8, -3] : [0.4, -3]
    let (_, evaluation) = likelihood.evaluate(theta)!
    let analytic = likelihood.gradient(theta, evaluation)
    for k in theta.indices {
      var up = theta, down = theta
      up[k] += 1e-5
      down[k] -= 1e-5
      let numeric = (likelihood.evaluate(up)!.0 - likelihood.evaluate(down)!.0) / 2e-5
      #expect(abs(analytic[k] - numeric) < 1e-5 * max(1, abs(numeric)), "θ\(k)")
    }
  }
}
