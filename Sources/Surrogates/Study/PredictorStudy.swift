public import Learning
import Spaces
import Analysis
import Foundation

/// Runs a predictor study's cells and summarises them ([Laube22] §3–4).
public enum PredictorStudy {
  /// Every cell, in result order: model, then encoding, target, training size, seed.
  public static func cells(plan: PredictorStudyPlan, targets: [String]) -> [StudyCell] {
    var cells: [StudyCell] = []
    for model in plan.models {
      for encoding in plan.encodings {
        for target in targets {
          for size in plan.trainSizes {
            for seed in plan.seeds {
              cells.append(StudyCell(model: model.name, encoding: encoding.name, target: target, trainSize: size, seed: seed))
            }
          }
        }
      }
    }
    return cells
  }

  /// Fits and evaluates one cell: tune on the first `trainSize` rows of the seed's pool, refit with the
  /// chosen hyperparameters, predict the seed's test set. A pure function of the cell and the data.
  public static func evaluate(_ cell: StudyCell, plan: PredictorStudyPlan, data: StudyData)
    -> (result: StudyCellResult, timing: StudyCellTiming)
  {
    let model = plan.models.first { $0.name == cell.model }!
    let encoding = plan.encodings.firstIndex { $0.name == cell.encoding }!
    let target = data.targets.first { $0.name == cell.target }!
    let split = data.splits.first { $0.seed == cell.seed }!
    let training = Array(split.pool.prefix(cell.trainSize))
    let features = data.features[encoding]
    let trainFeatures = features.selecting(rows: training)
    let trainTargets = training.map { target.values[$0] }
    let clock = ContinuousClock()
    var timing = StudyCellTiming(tuneSeconds: 0, fitSeconds: 0, predictSeconds: 0)
    var result = StudyCellResult(cell: cell, kendallTau: .nan, spearmanRho: .nan, pearsonR: .nan, meanAbsoluteError: .nan,
                                 hyperparameters: model.defaultHyperparameters, tuningScore: nil, tuningTrials: 0,
                                 tuningFailures: 0, error: nil)
    do {
      let outcome = try Self.fit(model, features: trainFeatures, targets: trainTargets, budget: plan.budget,
                                 seed: cell.randomSeed)
      timing.tuneSeconds = outcome.tuneSeconds
      timing.fitSeconds = outcome.fitSeconds
      result.hyperparameters = outcome.tuning.hyperparameters
      result.tuningScore = outcome.tuning.score
      result.tuningTrials = outcome.tuning.trialsRun
      result.tuningFailures = outcome.tuning.trialsFailed
      let fitted = outcome.predictor
      let start = clock.now
      let predicted = fitted.predict(features.selecting(rows: split.test))
      timing.predictSeconds = seconds(clock.now - start)
      let measured = split.test.map { target.values[$0] }
      guard predicted.allSatisfy(\.isFinite) else {
        result.error = "\(cell.model) predicted non-finite values"
        return (result, timing)
      }
      let metrics = RankingMetrics(predicted: predicted, measured: measured, scale: target.metric.displayScale)
      result.kendallTau = metrics.kendallTau
      result.spearmanRho = metrics.spearmanRho
      result.pearsonR = metrics.pearsonR
      result.meanAbsoluteError = metrics.meanAbsoluteError
    } catch {
      result.error = error.description
    }
    return (result, timing)
  }

  /// Tunes `model` on the training set (seeded random search with k-fold cross-validation inside it),
  /// then fits it on the whole training set with the winner.
  public static func fit(_ model: any Regressor.Type, features: FeatureMatrix, targets: [Double], budget: TuningBudget,
                         seed: UInt64) throws(LearningError)
    -> (predictor: FittedPredictor, tuning: TuningResult, tuneSeconds: Double, fitSeconds: Double)
  {
    let clock = ContinuousClock()
    var start = clock.now
    let tuned = try RandomSearch.tune(model, features: features, targets: targets, budget: budget, seed: seed)
    let tuneSeconds = seconds(clock.now - start)
    start = clock.now
    let fitted = try FittedPredictor.fit(model, features: features, targets: targets, hyperparameters: tuned.hyperparameters,
                                         seed: seed &+ 1)
    return (fitted, tuned, tuneSeconds, seconds(clock.now - start))
  }

  /// Runs every cell on `jobs` threads. Cells are handed out largest training set first (the slow
  /// ones start early), but each result lands in its cell's slot, so the output does not depend on
  /// `jobs` or on scheduling.
  ///
  /// - Parameter progress: called after each cell (from the worker threads) with the cell just done.
  public static func run(plan: PredictorStudyPlan, data: StudyData, jobs: Int,
                         progress: @escaping @Sendable (StudyCell) -> Void = { _ in })
    -> (results: [StudyCellResult], timings: [StudyCellTiming])
  {
    let cells = cells(plan: plan, targets: data.targets.map(\.name))
    let order = cells.indices.sorted { cells[$0].trainSize != cells[$1].trainSize ? cells[$0].trainSize > cells[$1].trainSize : $0 < $1 }
    let slots = ParallelSlots<(StudyCellResult, StudyCellTiming)>(count: cells.count)
    ParallelSlots<Void>.forEach(order, jobs: jobs) { index in
      let outcome = evaluate(cells[index], plan: plan, data: data)
      slots.store(outcome, at: index)
      progress(cells[index])
    }
    let outcomes = slots.values.map { $0! }
    return (outcomes.map(\.0), outcomes.map(\.1))
  }

  /// A duration in seconds.
  public static func seconds(_ duration: Duration) -> Double {
    let (whole, fraction) = duration.components
    return Double(whole) + Double(fraction) * 1e-18
  }

  // MARK: Summaries

  /// Mean and spread over seeds for every (model, encoding, target, size), in cell order.
  public static func summarise(_ results: [StudyCellResult]) -> [StudySummaryRow] {
    var rows: [StudySummaryRow] = []
    var start = 0
    while start < results.count {
      let key = results[start].cell
      var end = start
      while end < results.count, results[end].cell.model == key.model, results[end].cell.encoding == key.encoding,
        results[end].cell.target == key.target, results[end].cell.trainSize == key.trainSize
      { end += 1 }
      let group = results[start..<end]
      let ok = group.filter { $0.error == nil && $0.kendallTau.isFinite }
      let taus = ok.map(\.kendallTau)
      rows.append(StudySummaryRow(
        model: key.model, encoding: key.encoding, target: key.target, trainSize: key.trainSize, seeds: ok.count,
        failures: group.count - ok.count, kendallMean: Statistics.mean(taus),
        kendallStandardDeviation: sampleStandardDeviation(taus), spearmanMean: Statistics.mean(ok.map(\.spearmanRho)),
        pearsonMean: Statistics.mean(ok.map(\.pearsonR)), maeMean: Statistics.mean(ok.map(\.meanAbsoluteError))))
      start = end
    }
    return rows
  }

  static func sampleStandardDeviation(_ values: [Double]) -> Double {
    guard values.count >= 2 else { return .nan }
    let mean = Statistics.mean(values)
    return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)).squareRoot()
  }

  /// Each encoding against the first, per training size and over all sizes.
  public static func encodingGains(_ summary: [StudySummaryRow], encodings: [String], trainSizes: [Int]) -> [EncodingGain] {
    guard let reference = encodings.first else { return [] }
    var byKey: [String: Double] = [:]
    for row in summary where row.kendallMean.isFinite {
      byKey["\(row.model)|\(row.encoding)|\(row.target)|\(row.trainSize)"] = row.kendallMean
    }
    var gains: [EncodingGain] = []
    for encoding in encodings.dropFirst() {
      var all: [Double] = []
      var sizeGains: [EncodingGain] = []
      for size in trainSizes {
        var differences: [Double] = []
        for row in summary where row.encoding == encoding && row.trainSize == size {
          guard let mine = byKey["\(row.model)|\(encoding)|\(row.target)|\(size)"],
            let theirs = byKey["\(row.model)|\(reference)|\(row.target)|\(size)"] else { continue }
          differences.append(mine - theirs)
        }
        all += differences
        sizeGains.append(EncodingGain(encoding: encoding, reference: reference, trainSize: size,
                                      meanKendallGain: Statistics.mean(differences), wins: differences.filter { $0 > 0 }.count,
                                      comparisons: differences.count))
      }
      gains.append(EncodingGain(encoding: encoding, reference: reference, trainSize: nil,
                                meanKendallGain: Statistics.mean(all), wins: all.filter { $0 > 0 }.count, comparisons: all.count))
      gains += sizeGains
    }
    return gains
  }

  /// The best (model, encoding) of each target at each size, by mean τ (ties: the earlier row).
  public static func best(_ summary: [StudySummaryRow], targets: [String], trainSizes: [Int]) -> [StudyBest] {
    var best: [StudyBest] = []
    for target in targets {
      for size in trainSizes {
        var winner: StudySummaryRow?
        for row in summary where row.target == target && row.trainSize == size && row.kendallMean.isFinite {
          if winner == nil || row.kendallMean > winner!.kendallMean { winner = row }
        }
        if let winner {
          best.append(StudyBest(target: target, trainSize: size, model: winner.model, encoding: winner.encoding,
                                kendallMean: winner.kendallMean))
        }
      }
    }
    return best
  }
}

/// Rank and error figures of predictions against measurements.
public struct RankingMetrics: Hashable, Sendable {
  public var kendallTau: Double
  public var spearmanRho: Double
  public var pearsonR: Double
  /// Mean absolute error times `scale` (1000 for milliseconds from seconds).
  public var meanAbsoluteError: Double

  public init(predicted: [Double], measured: [Double], scale: Double = 1) {
    kendallTau = RankCorrelation.kendallTauB(predicted, measured)
    spearmanRho = RankCorrelation.spearman(predicted, measured)
    pearsonR = RankCorrelation.pearson(predicted, measured)
    var sum = 0.0
    for (p, m) in zip(predicted, measured) { sum += abs(p - m) }
    meanAbsoluteError = measured.isEmpty ? .nan : sum / Double(measured.count) * scale
  }
}

/// Result slots filled from worker threads, each index written once.
final class ParallelSlots<T>: @unchecked Sendable {
  // @unchecked: `values` is written under `lock` only, and read after every worker has finished.
  private let lock = NSLock()
  private(set) var values: [T?]

  init(count: Int) { values = Array(repeating: nil, count: count) }

  func store(_ value: T, at index: Int) {
    lock.lock()
    values[index] = value
    lock.unlock()
  }

  /// Calls `body` once per element of `order` on `jobs` threads (inline when `jobs` is 1), handing out
  /// elements in order; returns when all are done.
  static func forEach(_ order: [Int], jobs: Int, body: @escaping @Sendable (Int) -> Void) {
    guard jobs > 1, order.count > 1 else {
      for index in order { body(index) }
      return
    }
    let next = Counter()
    let group = DispatchGroup()
    for _ in 0..<min(jobs, order.count) {
      group.enter()
      let thread = Thread {
        while let position = next.take(below: order.count) { body(order[position]) }
        group.leave()
      }
      thread.stackSize = 16 << 20
      thread.start()
    }
    group.wait()
  }
}

/// A shared counter handing out 0, 1, 2, … once each.
final class Counter: @unchecked Sendable {
  // @unchecked: `value` is read and written under `lock` only.
  private let lock = NSLock()
  private var value = 0

  func take(below bound: Int) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard value < bound else { return nil }
    value += 1
    return value - 1
  }
}
