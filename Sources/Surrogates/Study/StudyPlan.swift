public import Learning
public import Spaces
import SeededRandom

/// What a predictor study runs: every (model, encoding, target, training size, seed) cell, after
/// [Laube22] §3: each model fitted on a random training set of each size (targets standardised, its
/// hyperparameters tuned by seeded random search with k-fold cross-validation inside the training set),
/// then ranked against the measurements of held-out architectures.
public struct PredictorStudyPlan: Sendable {
  public var models: [any Regressor.Type]
  public var encodings: [ArchitectureEncoding]
  /// The dataset the lowering builds networks for (the `layers` and `estimate` parts).
  public var dataset: Dataset
  /// The cost model of the `estimate` part, if an encoding has one.
  public var estimator: CostModelSource?
  public var trainSizes: [Int]
  public var seeds: [UInt64]
  /// Held-out architectures per seed (disjoint from every training set of that seed).
  public var testSize: Int
  public var budget: TuningBudget
  /// The lookup table's base architecture, or `nil` for no lookup-table line.
  public var lookupBase: Architecture?

  public init(models: [any Regressor.Type], encodings: [ArchitectureEncoding], dataset: Dataset,
              estimator: CostModelSource? = nil, trainSizes: [Int], seeds: [UInt64], testSize: Int, budget: TuningBudget,
              lookupBase: Architecture?) {
    self.models = models
    self.encodings = encodings
    self.dataset = dataset
    self.estimator = estimator
    self.trainSizes = trainSizes
    self.seeds = seeds
    self.testSize = testSize
    self.budget = budget
    self.lookupBase = lookupBase
  }
}

/// One cell of a study.
public struct StudyCell: Hashable, Sendable, Codable {
  public var model: String
  public var encoding: String
  public var target: String
  public var trainSize: Int
  public var seed: UInt64

  public init(model: String, encoding: String, target: String, trainSize: Int, seed: UInt64) {
    self.model = model
    self.encoding = encoding
    self.target = target
    self.trainSize = trainSize
    self.seed = seed
  }

  /// The cell's own seed, a function of its coordinates only (never of the order cells run in), so a
  /// study gives the same numbers with any number of jobs and any subset of cells.
  public var randomSeed: UInt64 { StudySeeds.hash("\(model)|\(encoding)|\(target)|\(trainSize)|\(seed)") }

  /// `ridge · onehot · pixel3 · n=100 · seed 3`.
  public var label: String { "\(model) · \(encoding) · \(target) · n=\(trainSize) · seed \(seed)" }
}

/// How a study derives its random streams.
public enum StudySeeds {
  /// FNV-1a over the UTF-8 bytes, then one SplitMix64 step to spread the bits.
  public static func hash(_ text: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in text.utf8 {
      h ^= UInt64(byte)
      h = h &* 0x0000_0100_0000_01B3
    }
    var generator = SplitMix64(seed: h)
    return generator.next()
  }

  /// The seed of a study seed's split (test set and training pool).
  public static func split(_ seed: UInt64) -> UInt64 { hash("split|\(seed)") }
}

/// One seed's split: the held-out test architectures and the training pool, whose first n rows are the
/// training set of size n (so a larger training set contains every smaller one).
public struct StudySplit: Hashable, Sendable, Codable {
  public var seed: UInt64
  /// Row indices (into the study's architectures) of the test set, in draw order.
  public var test: [Int]
  /// Row indices of the training pool, in draw order.
  public var pool: [Int]

  /// Splits over a finite set of `rowCount` architectures: a seeded permutation, the first `testSize`
  /// rows held out, the next `poolSize` the training pool.
  /// - Precondition: `testSize + poolSize <= rowCount`.
  public static func permutation(rowCount: Int, testSize: Int, poolSize: Int, seed: UInt64) -> StudySplit {
    precondition(testSize + poolSize <= rowCount, "split: \(testSize) + \(poolSize) rows of \(rowCount)")
    var order = Array(0..<rowCount)
    var generator = SplitMix64(seed: StudySeeds.split(seed))
    // A partial Fisher–Yates shuffle: only the rows used are drawn.
    let used = testSize + poolSize
    for i in 0..<used {
      order.swapAt(i, i + generator.index(below: rowCount - i))
    }
    return StudySplit(seed: seed, test: Array(order[0..<testSize]), pool: Array(order[testSize..<used]))
  }
}
