import Foundation
import Learning
import SeededRandom
import Testing

@Suite struct FeatureMatrixTests {
  @Test func rowsColumnsAndSelection() {
    let m = FeatureMatrix(rows: [[1, 2], [3, 4], [5, 6]], categoricalGroups: [0..<2])
    #expect(m.rowCount == 3 && m.columnCount == 2)
    #expect(Array(m.row(1)) == [3, 4])
    #expect(m.column(1) == [2, 4, 6])
    let picked = m.selecting(rows: [2, 0, 2])
    #expect(picked.values == [5, 6, 1, 2, 5, 6])
    #expect(picked.categoricalGroups == [0..<2])
    let joined = m.appendingColumns(of: FeatureMatrix(rows: [[7], [8], [9]], categoricalGroups: [0..<1]))
    #expect(Array(joined.row(2)) == [5, 6, 9])
    #expect(joined.categoricalGroups == [0..<2, 2..<3])
  }
}

@Suite struct HyperparameterTests {
  @Test func entriesAreSortedAndDescribed() {
    var h = Hyperparameters(["z": 0.5, "a": 3])
    h["m"] = 1e-4
    #expect(h.entries.map(\.name) == ["a", "m", "z"])
    #expect(h.description == "a=3 m=0.0001 z=0.5")
    #expect(h.integer("a", default: 0) == 3)
    #expect(h.value("missing", default: 7) == 7)
  }

  @Test func samplingIsSeededAndInsideTheDomain() {
    let space = HyperparameterSpace([
      .init("lr", .real(lower: 1e-4, upper: 1e-1, logarithmic: true)),
      .init("depth", .integer(lower: 2, upper: 8, logarithmic: false)),
      .init("k", .integer(lower: 1, upper: 30, logarithmic: true)),
      .init("kind", .choice([0, 1, 2])),
    ])
    var a = SplitMix64(seed: 1), b = SplitMix64(seed: 1)
    let drawsA = (0..<200).map { _ in space.sample(using: &a) }
    let drawsB = (0..<200).map { _ in space.sample(using: &b) }
    #expect(drawsA == drawsB)
    for h in drawsA {
      #expect((1e-4...1e-1).contains(h["lr"]!))
      #expect((2...8).contains(h.integer("depth", default: 0)))
      #expect((1...30).contains(h.integer("k", default: 0)))
      #expect([0, 1, 2].contains(h["kind"]!))
    }
    #expect(Set(drawsA.map { $0.integer("depth", default: 0) }).count == 7)
  }

  @Test func codableRoundTrip() throws {
    let h = Hyperparameters(["k": 5, "p": 2])
    let data = try JSONEncoder().encode(h)
    #expect(try JSONDecoder().decode(Hyperparameters.self, from: data) == h)
  }
}

@Suite struct StandardizationTests {
  @Test func columnsGetZeroMeanUnitDeviationAndConstantsStayFinite() {
    let m = FeatureMatrix(rows: [[1, 5], [2, 5], [3, 5]])
    let s = Standardization(fitting: m)
    let z = s.apply(m)
    #expect(z.column(0).map { ($0 * 1e9).rounded() / 1e9 } == [-1.224744871, 0, 1.224744871])
    #expect(z.column(1) == [0, 0, 0])
  }

  @Test func targetScalingInverts() {
    let t = [10.0, 20, 60]
    let s = TargetScaling(fitting: t)
    let back = s.inverse(s.forward(t))
    for (x, y) in zip(t, back) { #expect(abs(x - y) < 1e-12) }
    #expect(abs(s.forward(t).reduce(0, +)) < 1e-12)
  }
}

@Suite struct KFoldTests {
  @Test(arguments: [(10, 3), (7, 7), (100, 5), (2, 2)])
  func foldsPartitionTheSamples(count: Int, folds: Int) {
    let k = KFold(count: count, folds: folds, seed: 9)
    #expect(k.folds.flatMap { $0 }.sorted() == Array(0..<count))
    let sizes = k.folds.map(\.count)
    #expect(sizes.max()! - sizes.min()! <= 1)
    for f in 0..<folds {
      #expect(Set(k.trainingIndices(fold: f)).isDisjoint(with: k.folds[f]))
      #expect(k.trainingIndices(fold: f).count + k.folds[f].count == count)
    }
    #expect(KFold(count: count, folds: folds, seed: 9) == k)
  }
}

@Suite struct KNearestNeighboursTests {
  @Test func oneNeighbourReproducesTrainingTargets() throws {
    let x = FeatureMatrix(rows: [[0, 0], [1, 0], [0, 1], [5, 5]])
    let y = [1.0, 2, 3, 40]
    let fitted = try FittedPredictor.fit(KNearestNeighbours.self, features: x, targets: y,
                                         hyperparameters: Hyperparameters(["k": 1, "p": 2]), seed: 0)
    let predicted = fitted.predict(x)
    for (a, b) in zip(predicted, y) { #expect(abs(a - b) < 1e-9) }
  }

  @Test func uniformMeanOfTheNearest() throws {
    // 1-D: the two nearest of 2.4 are 2 and 3.
    let x = FeatureMatrix(rows: [[0], [1], [2], [3], [10]])
    let y = [0.0, 10, 20, 30, 100]
    let fitted = try FittedPredictor.fit(
      KNearestNeighbours.self, features: x, targets: y,
      hyperparameters: Hyperparameters(["k": 2, "distance_weighted": 0, "p": 1]), seed: 0)
    let p = fitted.predict(FeatureMatrix(rows: [[2.4]]))
    // Features are standardised first, which preserves 1-D order and ratios of distances.
    #expect(abs(p[0] - 25) < 1e-9)
  }
}

@Suite struct RandomSearchTests {
  func data() -> (FeatureMatrix, [Double]) {
    var g = SplitMix64(seed: 4)
    let rows = (0..<60).map { _ in [g.unitDouble(), g.unitDouble(), g.unitDouble()] }
    let y = rows.map { 3 * $0[0] - 2 * $0[1] + 0.1 * $0[2] }
    return (FeatureMatrix(rows: rows), y)
  }

  @Test func sameSeedSameChoiceAndDefaultsAreTrialZero() throws {
    let (x, y) = data()
    let budget = TuningBudget(trials: 8, folds: 3)
    let a = try RandomSearch.tune(KNearestNeighbours.self, features: x, targets: y, budget: budget, seed: 2)
    let b = try RandomSearch.tune(KNearestNeighbours.self, features: x, targets: y, budget: budget, seed: 2)
    #expect(a.hyperparameters == b.hyperparameters)
    #expect(a.score == b.score)
    #expect(a.trialsRun == 8)
    let defaultsOnly = try RandomSearch.tune(KNearestNeighbours.self, features: x, targets: y, budget: .none, seed: 2)
    #expect(defaultsOnly.hyperparameters == KNearestNeighbours.defaultHyperparameters)
    #expect(defaultsOnly.score == nil)
  }

  @Test func searchNeverScoresBelowTheDefaults() throws {
    let (x, y) = data()
    let one = try RandomSearch.tune(KNearestNeighbours.self, features: x, targets: y,
                                    budget: TuningBudget(trials: 2, folds: 3), seed: 5)
    let many = try RandomSearch.tune(KNearestNeighbours.self, features: x, targets: y,
                                     budget: TuningBudget(trials: 12, folds: 3), seed: 5)
    #expect(many.score! >= one.score!)
  }
}

@Suite struct FittedPredictorTests {
  @Test func jsonRoundTripPredictsTheSame() throws {
    let x = FeatureMatrix(rows: [[0, 1], [1, 1], [2, 0], [3, 3]])
    let fitted = try FittedPredictor.fit(KNearestNeighbours.self, features: x, targets: [1, 2, 3, 4], seed: 0)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(fitted)
    let back = try JSONDecoder().decode(FittedPredictor.self, from: data)
    let probe = FeatureMatrix(rows: [[0.5, 0.5], [2.5, 2]])
    #expect(back.predict(probe) == fitted.predict(probe))
    #expect(try encoder.encode(back) == data)
  }

  @Test func refusesBadInput() {
    let x = FeatureMatrix(rows: [[0], [1]])
    #expect(throws: LearningError.shapeMismatch("2 feature rows for 3 targets")) {
      try FittedPredictor.fit(KNearestNeighbours.self, features: x, targets: [1, 2, 3], seed: 0)
    }
    #expect(throws: LearningError.nonFiniteValue("targets")) {
      try FittedPredictor.fit(KNearestNeighbours.self, features: x, targets: [1, .nan], seed: 0)
    }
  }
}
