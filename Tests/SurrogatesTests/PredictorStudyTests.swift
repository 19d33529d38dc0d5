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
    #expect(one.allSatisfy { $0.error == nil && $0.kendallTau.isFinite })
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

@Suite("Predictor study on known answers")
struct PredictorStudyKnownAnswerTests {
  /// On an exactly additive target, linear regression on the one-hot encoding ranks every held-out
  /// architecture right (τ = 1), and so does the lookup table built from 25 architectures.
  @Test func additiveTargetIsRankedExactly() throws {
    let space = try TestSpaces.nasbench201.get()
    let source = FunctionSource(name: "additive", value: additiveLatency)
    let plan = PredictorStudyPlan(models: [LinearRegression.self], encodings: [ArchitectureEncoding([.oneHot])],
                                  dataset: space.defaultDataset, trainSizes: [40], seeds: [0, 1], testSize: 200,
                                  budget: .none, lookupBase: try LookupBase.first(space: space))
    let outcome = try PredictorStudyOutcome.run(plan: plan, space: space, sources: [source], source: "additive", jobs: 2)
    for cell in outcome.result.cells {
      #expect(abs(cell.kendallTau - 1) < 1e-12, "\(cell.cell.label): τ = \(cell.kendallTau)")
      #expect(cell.meanAbsoluteError < 1e-9)
    }
    let lookup = try #require(outcome.result.lookupTable.first)
    #expect(lookup.measured == 25)
    #expect(abs(lookup.kendallTau - 1) < 1e-12)
    #expect(outcome.result.lookupBase == "|none~0|+|none~0|none~1|+|none~0|none~1|none~2|")
  }

  /// [Laube22] Table 1 on HELP's copy of HW-NAS-Bench's CIFAR-10 columns, reduced to 3 seeds: the lookup
  /// table (base: `none` on every edge) within 0.03 of linear regression with 124 samples or better on
  /// fpga and eyeriss, worse on pixel3 and raspi4, and near the paper's own lookup-table figures.
  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared/reference"))
  func laubeTable1() throws {
    let path = try #require(TestPaths.shared("reference/devices/help_nb201_latency.csv"))
    let space = try TestSpaces.nasbench201.get()
    let columns = ["fpga", "eyeriss", "pixel3", "raspi4"]
    let table = try MeasuredArchitectureTable.load(path: path, space: space, keyColumn: "arch_str", columns: columns,
                                                   excluding: ["index"])
    let plan = PredictorStudyPlan(models: [LinearRegression.self], encodings: [ArchitectureEncoding([.oneHot])],
                                  dataset: space.defaultDataset, trainSizes: [124], seeds: [0, 1, 2], testSize: 1000,
                                  budget: .none, lookupBase: try LookupBase.first(space: space))
    let outcome = try PredictorStudyOutcome.run(plan: plan, space: space, sources: columns.map(table.source), source: "HELP",
                                                jobs: 2)
    let paper = ["fpga": (0.99, 0.97), "eyeriss": (0.99, 0.96), "pixel3": (0.49, 0.78), "raspi4": (0.45, 0.75)]
    for column in columns {
      let lookup = try #require(outcome.result.lookupTable.first { $0.target == column }).kendallTau
      let linear = try #require(outcome.result.summary.first { $0.target == column }).kendallMean
      if column == "fpga" || column == "eyeriss" {
        #expect(lookup >= linear - 0.03, "\(column): lookup \(lookup), linear \(linear)")
      } else {
        #expect(lookup < linear, "\(column): lookup \(lookup), linear \(linear)")
      }
      #expect(abs(lookup - paper[column]!.0) < 0.04, "\(column): lookup \(lookup), paper \(paper[column]!.0)")
      #expect(abs(linear - paper[column]!.1) < 0.05, "\(column): linear \(linear), paper \(paper[column]!.1)")
    }
  }
}
