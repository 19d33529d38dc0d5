public import Learning
public import Spaces
import SeededRandom

/// Everything a study's cells read: the architectures, each target's measurements of them, each
/// encoding's features, and each seed's split. Built once, before the cells run in parallel; every
/// measurement goes through a ``MeasurementCache``, so no architecture is measured twice.
public struct StudyData: Sendable {
  /// The study's architectures (table rows, or the union of the seeds' draws from the space).
  public let architectures: [Architecture]
  public let targets: [StudyTarget]
  /// The plan's encodings made ready (the `layers` part takes its kinds from ``architectures``).
  public let encoders: [ArchitectureEncoder]
  /// Per encoder, every architecture's features.
  public let features: [FeatureMatrix]
  public let splits: [StudySplit]
  /// How many architectures the universe held (a table's rows; the space's size when drawn from it,
  /// or `nil` when too large to count).
  public let universeSize: Int?
  /// Rows of the extra architectures asked for (a lookup table's designs), in the order asked.
  public let extraRows: [Int]

  /// One target: its name, metric, and its measurements of every architecture (SI units; `nan` where
  /// an architecture is in no split and was not measured).
  public struct StudyTarget: Sendable {
    public var name: String
    public var metric: MeasuredMetric
    public var values: [Double]
    /// Architectures the source measured, and architectures asked for.
    public var measuredCount: Int
    public var requestCount: Int
  }

  /// Draws the splits and measures what they use.
  ///
  /// With targets that are tables, the universe is the architectures every table holds (in the first
  /// table's order) and each seed permutes it; otherwise each seed draws distinct architectures from
  /// the space.
  /// - Throws: ``StudyError`` when the universe is too small for the test set and the largest training
  ///   set, a measurement fails, or an encoding cannot be computed.
  /// - Parameter extra: architectures to measure besides the splits' (a lookup table's designs); each
  ///   must be one the sources can measure.
  public static func prepare(plan: PredictorStudyPlan, space: SearchSpace, sources: [any MeasurementSource],
                             extra: [Architecture] = []) throws(StudyError) -> StudyData
  {
    let poolSize = plan.trainSizes.max() ?? 0
    let needed = plan.testSize + poolSize
    var architectures: [Architecture] = []
    var splits: [StudySplit] = []
    var universeSize: Int?
    let tables = sources.compactMap(\.knownArchitectures)
    if let first = tables.first {
      var universe = first
      for other in tables.dropFirst() {
        let known = Set(other)
        universe = universe.filter { known.contains($0) }
      }
      universeSize = universe.count
      guard needed <= universe.count else {
        throw .tooFewArchitectures(needed: needed, available: universe.count,
                                   what: "the measured architectures (every target's table holds them)")
      }
      architectures = universe
      splits = plan.seeds.map { StudySplit.permutation(rowCount: universe.count, testSize: plan.testSize, poolSize: poolSize, seed: $0) }
    } else {
      let size = space.size
      universeSize = size.exactInt
      if let count = size.exactInt, needed > count {
        throw .tooFewArchitectures(needed: needed, available: count, what: "the space \(space.name)")
      }
      var row: [Architecture: Int] = [:]
      for seed in plan.seeds {
        var generator = SplitMix64(seed: StudySeeds.split(seed))
        let drawn = space.sample(count: needed, distinct: true, using: &generator)
        let indices = drawn.map { architecture in
          if let known = row[architecture] { return known }
          row[architecture] = architectures.count
          architectures.append(architecture)
          return architectures.count - 1
        }
        splits.append(StudySplit(seed: seed, test: Array(indices[..<plan.testSize]), pool: Array(indices[plan.testSize...])))
      }
    }

    // The extra architectures: rows of their own unless some split already has them.
    var rowOf: [Architecture: Int] = [:]
    for (row, architecture) in architectures.enumerated() { rowOf[architecture] = row }
    let extraRows = extra.map { architecture in
      if let row = rowOf[architecture] { return row }
      rowOf[architecture] = architectures.count
      architectures.append(architecture)
      return architectures.count - 1
    }

    // Measure only the architectures some split (or the extras) uses, each once per target.
    var used = [Bool](repeating: false, count: architectures.count)
    for split in splits { for index in split.test + split.pool { used[index] = true } }
    for row in extraRows { used[row] = true }
    let usedRows = used.indices.filter { used[$0] }
    var targets: [StudyTarget] = []
    for source in sources {
      var cache = MeasurementCache(source: source)
      let measured: [Double]
      do { measured = try cache.measure(usedRows.map { architectures[$0] }) } catch { throw .measurement(error) }
      var values = [Double](repeating: .nan, count: architectures.count)
      for (row, value) in zip(usedRows, measured) { values[row] = value }
      targets.append(StudyTarget(name: source.name, metric: source.metric, values: values,
                                 measuredCount: cache.measuredCount, requestCount: cache.requestCount))
    }

    var encoders: [ArchitectureEncoder] = []
    var features: [FeatureMatrix] = []
    for encoding in plan.encodings {
      do {
        let encoder = try ArchitectureEncoder(encoding, space: space, dataset: plan.dataset, estimator: plan.estimator,
                                              architectures: architectures)
        encoders.append(encoder)
        features.append(try encoder.encode(architectures))
      } catch { throw .encoding(error) }
    }
    return StudyData(architectures: architectures, targets: targets, encoders: encoders, features: features, splits: splits,
                     universeSize: universeSize, extraRows: extraRows)
  }
}

/// Why a study cannot run.
public enum StudyError: Error, Sendable, CustomStringConvertible {
  case tooFewArchitectures(needed: Int, available: Int, what: String)
  case measurement(MeasurementError)
  case encoding(EncodingError)
  case invalidPlan(String)

  public var description: String {
    switch self {
    case .tooFewArchitectures(let needed, let available, let what):
      "a test set and the largest training set need \(needed) distinct architectures, but \(what) holds \(available); lower --test-size or --train-sizes"
    case .measurement(let error): "\(error)"
    case .encoding(let error): "\(error)"
    case .invalidPlan(let problem): problem
    }
  }
}
