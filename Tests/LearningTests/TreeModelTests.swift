import Foundation
@testable import Learning
import SeededRandom
import Testing

/// Rows of `features` uniform features and a target of the first ones.
private func uniformData(rows: Int, features: Int, seed: UInt64, _ target: ([Double]) -> Double)
  -> (FeatureMatrix, [Double])
{
  var generator = SplitMix64(seed: seed)
  let x = (0..<rows).map { _ in (0..<features).map { _ in generator.unitDouble() } }
  return (FeatureMatrix(rows: x), x.map(target))
}

private func meanSquaredError(_ a: [Double], _ b: [Double]) -> Double {
  zip(a, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / Double(a.count)
}

@Suite struct FeatureBinningTests {
  @Test func fewDistinctValuesGetOneBinEach() {
    let m = FeatureMatrix(rows: [[0, 5], [1, 5], [0, 5], [3, 5]])
    let binning = FeatureBinning(fitting: m, maxBins: 256)
    #expect(binning.edges[0] == [0.5, 2])
    #expect(binning.edges[1] == [])
    #expect(binning.binned(m) == [0, 1, 0, 2, 0, 0, 0, 0])
    // Values between training values fall in the bin their edge puts them in.
    #expect(binning.bin(0.5, feature: 0) == 0 && binning.bin(0.51, feature: 0) == 1 && binning.bin(9, feature: 0) == 2)
  }

  @Test(arguments: [2, 16, 255, 256])
  func manyValuesGetAboutEqualBins(maxBins: Int) {
    let (m, _) = uniformData(rows: 3000, features: 1, seed: 3) { _ in 0 }
    let binning = FeatureBinning(fitting: m, maxBins: maxBins)
    #expect(binning.binCounts[0] <= maxBins && binning.binCounts[0] >= maxBins - 1)
    var counts = [Int](repeating: 0, count: binning.binCounts[0])
    for b in binning.binned(m) { counts[Int(b)] += 1 }
    let share = 3000 / binning.binCounts[0]
    #expect(counts.dropLast().allSatisfy { $0 >= share - 1 && $0 <= share + 2 })
    // Binning agrees with the edges as thresholds: x ≤ edges[b] ⇔ bin(x) ≤ b.
    for r in stride(from: 0, to: 3000, by: 37) {
      let bin = Int(binning.bin(m[r, 0], feature: 0))
      if bin > 0 { #expect(m[r, 0] > binning.edges[0][bin - 1]) }
      if bin < binning.edges[0].count { #expect(m[r, 0] <= binning.edges[0][bin]) }
    }
  }
}

@Suite struct RandomForestTests {
  @Test func oneUnsampledTreeReproducesItsTrainingTargets() throws {
    let x = FeatureMatrix(rows: [[1], [2], [3], [4]])
    let exact = Hyperparameters(["trees": 1, "bootstrap": 0, "max_features": 1])
    let full = try FittedPredictor.fit(RandomForest.self, features: x, targets: [1, 1, 3, 5],
                                       hyperparameters: exact, seed: 0)
    #expect(full.predict(x).map { ($0 * 1e9).rounded() / 1e9 } == [1, 1, 3, 5])
    // Two rows per leaf at least: the only split is {1, 1} | {3, 5}.
    var coarse = exact
    coarse["min_samples_leaf"] = 2
    let pruned = try FittedPredictor.fit(RandomForest.self, features: x, targets: [1, 1, 3, 5],
                                         hyperparameters: coarse, seed: 0)
    #expect(pruned.predict(x).map { ($0 * 1e9).rounded() / 1e9 } == [1, 1, 4, 4])
  }

  @Test func recoversAStepFunction() throws {
    // A step at 0.4 in the first of four features; the others are noise. With every feature examined
    // at every node, the step is each bootstrap sample's best split and leaves both sides pure.
    let (x, y) = uniformData(rows: 200, features: 4, seed: 11) { $0[0] < 0.4 ? -1 : 2 }
    let fitted = try FittedPredictor.fit(RandomForest.self, features: x, targets: y,
                                         hyperparameters: Hyperparameters(["trees": 30, "max_features": 1]), seed: 5)
    let probe = FeatureMatrix(rows: [[0.1, 0.5, 0.5, 0.5], [0.3, 0.9, 0.1, 0.2], [0.5, 0.5, 0.5, 0.5],
                                     [0.95, 0.1, 0.9, 0.3]])
    for (predicted, expected) in zip(fitted.predict(probe), [-1.0, -1, 2, 2]) {
      #expect(abs(predicted - expected) < 1e-9)
    }
  }

  @Test(arguments: [UInt64(1), 2, 3, 99])
  func sameSeedSameForestOtherSeedOtherForest(seed: UInt64) throws {
    let (x, y) = uniformData(rows: 80, features: 5, seed: seed) { $0[0] * $0[1] + $0[2] }
    let h = Hyperparameters(["trees": 8, "max_features": 0.5])
    let a = try RandomForest.fit(features: x, targets: y, hyperparameters: h, seed: seed)
    let b = try RandomForest.fit(features: x, targets: y, hyperparameters: h, seed: seed)
    let c = try RandomForest.fit(features: x, targets: y, hyperparameters: h, seed: seed + 1)
    #expect(a.trees == b.trees)
    #expect(a.trees != c.trees)
  }

  @Test func refusesInvalidHyperparameters() {
    let x = FeatureMatrix(rows: [[1], [2]])
    #expect(throws: LearningError.invalidHyperparameter(model: "rf", name: "max_features", value: 0)) {
      try RandomForest.fit(features: x, targets: [0, 1], hyperparameters: Hyperparameters(["max_features": 0]), seed: 0)
    }
  }
}

@Suite struct GradientBoostedTreesTests {
  @Test func oneRoundIsTheSecondOrderLeafWithItsL2Penalty() throws {
    // Standardised targets [-1, -1, 1, 1] from the mean 0: g = [1, 1, -1, -1], h = 1; the split between
    // 2 and 3 has leaves −G/(H+λ) = ∓2/3, gain 2²/3 + 2²/3 − 0 = 8/3.
    let x = FeatureMatrix(rows: [[1], [2], [3], [4]])
    let h = Hyperparameters(["rounds": 1, "learning_rate": 1, "lambda": 1])
    let fitted = try FittedPredictor.fit(GradientBoostedTrees.self, features: x, targets: [1, 1, 3, 3],
                                         hyperparameters: h, seed: 0)
    let p = fitted.predict(x)
    for (a, b) in zip(p, [2 - 2.0 / 3, 2 - 2.0 / 3, 2 + 2.0 / 3, 2 + 2.0 / 3]) { #expect(abs(a - b) < 1e-12) }
    var penalised = h
    penalised["gamma"] = 2.7
    let unsplit = try FittedPredictor.fit(GradientBoostedTrees.self, features: x, targets: [1, 1, 3, 3],
                                          hyperparameters: penalised, seed: 0)
    #expect(unsplit.predict(x).allSatisfy { abs($0 - 2) < 1e-12 })
    penalised["gamma"] = 2.6
    let split = try FittedPredictor.fit(GradientBoostedTrees.self, features: x, targets: [1, 1, 3, 3],
                                        hyperparameters: penalised, seed: 0)
    #expect(split.predict(x) == p)
  }

  @Test func recoversAStepFunction() throws {
    let (x, y) = uniformData(rows: 200, features: 4, seed: 12) { $0[1] < 0.7 ? 3 : -1 }
    let fitted = try FittedPredictor.fit(GradientBoostedTrees.self, features: x, targets: y, seed: 1)
    let probe = FeatureMatrix(rows: [[0.5, 0.1, 0.5, 0.5], [0.9, 0.6, 0.1, 0.2], [0.5, 0.75, 0.5, 0.5],
                                     [0.1, 0.99, 0.9, 0.3]])
    for (predicted, expected) in zip(fitted.predict(probe), [3.0, 3, -1, -1]) {
      #expect(abs(predicted - expected) < 1e-6)
    }
  }

  @Test func moreRoundsFitALinearTargetBetter() throws {
    let target: ([Double]) -> Double = { 2 * $0[0] - $0[1] + 0.5 * $0[2] }
    let (x, y) = uniformData(rows: 300, features: 3, seed: 21, target)
    let (testX, testY) = uniformData(rows: 300, features: 3, seed: 22, target)
    var errors: [Double] = []
    for rounds in [1, 5, 25, 100] {
      let h = Hyperparameters(["rounds": Double(rounds), "learning_rate": 0.3, "max_depth": 3])
      let fitted = try FittedPredictor.fit(GradientBoostedTrees.self, features: x, targets: y,
                                           hyperparameters: h, seed: 0)
      errors.append(meanSquaredError(fitted.predict(testX), testY))
    }
    #expect(zip(errors, errors.dropFirst()).allSatisfy { $0 > $1 })
    // The target's variance is about 0.44; a hundred rounds leave a small fraction of it.
    #expect(errors.last! < 0.02)
  }

  @Test func earlyStoppingCutsBackToTheBestRound() throws {
    // Pure noise: held-out error stops improving almost at once.
    var generator = SplitMix64(seed: 8)
    let x = FeatureMatrix(rows: (0..<200).map { _ in [generator.unitDouble(), generator.unitDouble()] })
    let y = (0..<200).map { _ in generator.standardNormal() }
    let h = Hyperparameters(["rounds": 300, "early_stopping_rounds": 10])
    let model = try GradientBoostedTrees.fit(features: x, targets: y, hyperparameters: h, seed: 3)
    #expect(model.treeCount < 60)
    let off = try GradientBoostedTrees.fit(features: x, targets: y, hyperparameters: Hyperparameters(["rounds": 300]),
                                           seed: 3)
    #expect(off.treeCount == 300)
  }

  @Test(arguments: [UInt64(1), 2, 3, 99])
  func subsamplingIsSeeded(seed: UInt64) throws {
    let (x, y) = uniformData(rows: 120, features: 6, seed: seed) { $0[0] * $0[1] + $0[2] - $0[5] }
    let h = Hyperparameters(["rounds": 20, "subsample": 0.7, "colsample_bytree": 0.5])
    let a = try GradientBoostedTrees.fit(features: x, targets: y, hyperparameters: h, seed: seed)
    let b = try GradientBoostedTrees.fit(features: x, targets: y, hyperparameters: h, seed: seed)
    let c = try GradientBoostedTrees.fit(features: x, targets: y, hyperparameters: h, seed: seed &+ 1)
    #expect(a.trees == b.trees && a.base == b.base)
    #expect(a.trees != c.trees)
    let full = try GradientBoostedTrees.fit(features: x, targets: y, hyperparameters: Hyperparameters(["rounds": 20]),
                                            seed: seed)
    #expect(full.trees != a.trees)
  }

  @Test func refusesInvalidHyperparameters() {
    let x = FeatureMatrix(rows: [[1], [2]])
    #expect(throws: LearningError.invalidHyperparameter(model: "gbdt", name: "learning_rate", value: 0)) {
      try GradientBoostedTrees.fit(features: x, targets: [0, 1], hyperparameters: Hyperparameters(["learning_rate": 0]),
                                   seed: 0)
    }
    #expect(throws: LearningError.invalidHyperparameter(model: "gbdt", name: "max_bins", value: 300)) {
      try GradientBoostedTrees.fit(features: x, targets: [0, 1], hyperparameters: Hyperparameters(["max_bins": 300]),
                                   seed: 0)
    }
  }
}
