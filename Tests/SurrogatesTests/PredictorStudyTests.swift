import Learning
import Spaces
import Surrogates
import TestSupport
import Testing

@Suite("Predictor study")
struct PredictorStudyTests {
  func plan(_ models: [any Regressor.Type], space: SearchSpace, sizes: [Int] = [10, 40], seeds: Int = 2, test: Int = 60,
            encodings: [String] = ["onehot"], trials: Int = 2) throws -> PredictorStudyPlan {
    PredictorStudyPlan(models: models, encodings: try encodings.map { try ArchitectureEncoding(parsing: $0) },
                       dataset: space.defaultDataset, trainSizes: sizes, seeds: (0..<seeds).map(UInt64.init),
                       testSize: test, budget: TuningBudget(trials: trials, folds: 3), lookupBase: nil)
  }

  /// Splits: the test set and the pool are disjoint, the same for every model, and a seed's training
  /// sets are nested; on a table every row comes from the table.
  @Test func splitsAreDisjointAndNested() throws {
    let space = try TestSpaces.nasbench201.get()
    var generator = TestRandom(seed: 2)
    let universe = space.sample(count: 300, distinct: true, using: &generator)
    let source = FunctionSource(name: "t", known: universe, value: additiveLatency)
    let data = try StudyData.prepare(plan: try plan([KNearestNeighbours.self], space: space), space: space, sources: [source])
    #expect(data.architectures == universe)
    #expect(data.universeSize == 300)
    for split in data.splits {
      #expect(split.test.count == 60 && split.pool.count == 40)
      #expect(Set(split.test).isDisjoint(with: split.pool))
      #expect(Set(split.test + split.pool).count == 100)
    }
    #expect(data.splits[0].test != data.splits[1].test)
    // Each architecture measured once, only those some split uses.
    let used = Set(data.splits.flatMap { $0.test + $0.pool })
    #expect(source.measured.count == used.count)
    #expect(data.targets[0].measuredCount == used.count)
    // Too few architectures for the test set and the largest training set: a clear error.
    #expect(throws: StudyError.self) {
      _ = try StudyData.prepare(plan: try plan([KNearestNeighbours.self], space: space, sizes: [250]), space: space, sources: [source])
    }
  }

  /// The same numbers with 1 and 3 jobs, and a cell's figures do not depend on which other cells run.
  @Test func deterministicAcrossJobs() throws {
    let space = try TestSpaces.nasbench201.get()
    let source = FunctionSource(name: "interacting", value: interactingLatency)
    let studyPlan = try plan([KNearestNeighbours.self], space: space, encodings: ["onehot", "fcc"])
    let data = try StudyData.prepare(plan: studyPlan, space: space, sources: [source])
    let one = PredictorStudy.run(plan: studyPlan, data: data, jobs: 1).results
    let three = PredictorStudy.run(plan: studyPlan, data: data, jobs: 3).results
    #expect(one == three)
    #expect(one.count == 1 * 2 * 1 * 2 * 2)
    #expect(one.allSatisfy { $0.error == nil && $0.kendallTau > 0 })
    let lone = PredictorStudy.evaluate(one[5].cell, plan: studyPlan, data: data).result
    #expect(lone == one[5])
    // Summaries: one row per (model, encoding, target, size), means over the seeds.
    let summary = PredictorStudy.summarise(one)
    #expect(summary.count == 4)
    #expect(abs(summary[0].kendallMean - (one[0].kendallTau + one[1].kendallTau) / 2) < 1e-15)
  }

  /// A model that cannot fit a cell leaves that cell with an error, not the study.
  @Test func failuresAreRecorded() throws {
    let space = try TestSpaces.nasbench201.get()
    let source = FunctionSource(name: "t", value: additiveLatency)
    let studyPlan = try plan([Refuses.self], space: space, sizes: [10], seeds: 1, test: 20)
    let data = try StudyData.prepare(plan: studyPlan, space: space, sources: [source])
    let results = PredictorStudy.run(plan: studyPlan, data: data, jobs: 2).results
    #expect(results.count == 1)
    #expect(results[0].error?.contains("refuses") == true)
    #expect(results[0].kendallTau.isNaN)
    #expect(PredictorStudy.summarise(results)[0].failures == 1)
  }

  /// The "largest" lookup base of NAS-Bench-201 is a 3×3 convolution on every edge.
  @Test func largestBase() throws {
    let space = try TestSpaces.nasbench201.get()
    let base = try LookupBase.largest(space: space, dataset: space.defaultDataset)
    #expect(space.canonicalString(base) == "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|")
  }
}

/// A model whose every fit fails.
enum Refuses: Regressor {
  static let name = "refuses"
  static let hyperparameterSpace = HyperparameterSpace([])
  static let defaultHyperparameters = Hyperparameters()
  struct Model: FittedRegressor {
    func predict(_ features: FeatureMatrix) -> [Double] { [] }
  }
  static func fit(features: FeatureMatrix, targets: [Double], hyperparameters: Hyperparameters, seed: UInt64)
    throws(LearningError) -> Model
  {
    throw .numerical(model: name, "refuses to fit")
  }
}
