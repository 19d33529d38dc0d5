import Foundation
import Learning
import SeededRandom
import Testing

/// Properties every model of the zoo must have, on small data: the same seed gives the same fit bit for
/// bit, and a fitted predictor survives a JSON round trip unchanged.
@Suite struct ModelZooPropertyTests {
  static let models: [any Regressor.Type] = [
    LookupTable.self, LinearRegression.self, RidgeRegression.self, BayesianRidge.self, Lasso.self,
    SupportVectorRegression.self, GaussianProcess.self, SparseGaussianProcess.self, RandomForest.self,
    GradientBoostedTrees.self,
  ]

  static func data(rows: Int, seed: UInt64) -> (FeatureMatrix, [Double]) {
    let (x, y) = additiveOneHot(rows: rows, decisions: 3, options: 3, seed: seed)
    var g = SplitMix64(seed: seed + 100)
    // A little interaction and noise, so no model fits exactly.
    let noisy = y.enumerated().map { i, v in v + 0.3 * x[i, 0] * x[i, 4] + 0.1 * g.standardNormal() }
    return (x, noisy)
  }

  @Test func everyModelIsInTheZoo() {
    for model in Self.models { #expect(ModelZoo.named(model.name) != nil, "\(model.name)") }
  }

  @Test(arguments: models.map { $0.name })
  func sameSeedSameFitAndJSONRoundTrip(name: String) throws {
    let type = ModelZoo.named(name)!
    let (x, y) = Self.data(rows: 30, seed: 3)
    let (probe, _) = Self.data(rows: 10, seed: 4)
    // A drawn setting, not only the defaults.
    var g = SplitMix64(seed: 5)
    let hyperparameters = type.hyperparameterSpace.sample(using: &g)
    let a = try FittedPredictor.fit(type, features: x, targets: y, hyperparameters: hyperparameters, seed: 7)
    let b = try FittedPredictor.fit(type, features: x, targets: y, hyperparameters: hyperparameters, seed: 7)
    let predictions = a.predict(probe)
    #expect(predictions.map(\.bitPattern) == b.predict(probe).map(\.bitPattern))
    #expect(predictions.allSatisfy { $0.isFinite })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = try encoder.encode(a)
    let back = try JSONDecoder().decode(FittedPredictor.self, from: json)
    #expect(back.predict(probe).map(\.bitPattern) == predictions.map(\.bitPattern))
    #expect(try encoder.encode(back) == json)
  }

  @Test(arguments: models.map { $0.name })
  func tuningIsDeterministic(name: String) throws {
    let type = ModelZoo.named(name)!
    let (x, y) = Self.data(rows: 24, seed: 6)
    let budget = TuningBudget(trials: 3, folds: 3)
    let a = try RandomSearch.tune(type, features: x, targets: y, budget: budget, seed: 9)
    let b = try RandomSearch.tune(type, features: x, targets: y, budget: budget, seed: 9)
    #expect(a.hyperparameters == b.hyperparameters && a.score == b.score)
    if type.hyperparameterSpace.dimensions.isEmpty {
      #expect(a.score == nil && a.hyperparameters == type.defaultHyperparameters)
    } else {
      #expect(a.trialsRun == 3)
    }
  }
}
