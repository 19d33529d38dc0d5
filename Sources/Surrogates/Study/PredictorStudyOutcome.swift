import Analysis
import Foundation
import Learning
public import Spaces

/// A whole study: the data prepared, every cell run, the lookup-table line, the result assembled.
public struct PredictorStudyOutcome: Sendable {
  public var result: PredictorStudyResult
  /// Per cell, in result order.
  public var timings: [StudyCellTiming]
  public var data: StudyData
  /// Wall time of preparing (reading, measuring, encoding).
  public var prepareSeconds: Double

  /// The name of the zoo's lookup table, which a study draws as a line, not as a model of its cells.
  public static let lookupTableModel = LookupTable.name

  /// Number of cells the plan has for `targets` targets (for a progress bar).
  public static func cellCount(plan: PredictorStudyPlan, targets: Int) -> Int {
    plan.models.count * plan.encodings.count * targets * plan.trainSizes.count * plan.seeds.count
  }

  /// Prepares the data, runs every cell on `jobs` threads, and adds the lookup-table line.
  ///
  /// - Parameters:
  ///   - source: where the measurements came from, in words (for the report).
  ///   - progress: called after each cell, from the worker threads.
  public static func run(plan: PredictorStudyPlan, space: SearchSpace, sources: [any MeasurementSource], source: String,
                         jobs: Int, progress: @escaping @Sendable (StudyCell) -> Void = { _ in }) throws(StudyError)
    -> PredictorStudyOutcome
  {
    let clock = ContinuousClock()
    let start = clock.now
    var designs: [Architecture] = []
    var lookupNote: String?
    if let base = plan.lookupBase {
      designs = lookupDesigns(base: base, space: space)
    } else {
      lookupNote = "not asked for (--lookup-base none)"
    }
    let data = try StudyData.prepare(plan: plan, space: space, sources: sources, extra: designs)
    let prepared = clock.now
    let (cells, timings) = PredictorStudy.run(plan: plan, data: data, jobs: jobs, progress: progress)
    var lines: [LookupTableLine] = []
    if !designs.isEmpty {
      do {
        lines = try lookupTableLines(designRows: data.extraRows, space: space, data: data)
      } catch {
        lookupNote = "the lookup table could not be fitted: \(error)"
      }
    }
    let result = PredictorStudyResult(
      plan: plan, data: data, space: space, dataset: plan.dataset, source: source, cells: cells, lookupTable: lines,
      lookupBase: lines.isEmpty ? nil : plan.lookupBase.map(space.canonicalString), lookupNote: lookupNote)
    return PredictorStudyOutcome(result: result, timings: timings, data: data,
                                 prepareSeconds: PredictorStudy.seconds(prepared - start))
  }

  /// The base and every architecture that differs from it in one decision ([Laube22] Appendix B.2, as
  /// ``LookupTable/designedChoices(choiceCounts:base:)`` lists them); designs that change only a decision
  /// the base does not use are the base again and are dropped.
  static func lookupDesigns(base: Architecture, space: SearchSpace) -> [Architecture] {
    var designs: [Architecture] = []
    var seen: Set<Architecture> = []
    for choices in LookupTable.designedChoices(choiceCounts: space.decisions.map(\.count), base: base.choices) {
      if let design = try? space.architecture(choices: choices), seen.insert(design).inserted { designs.append(design) }
    }
    return designs
  }

  /// Fits the lookup table on the designs' one-hot rows and measurements, then ranks each seed's test
  /// set (without the designs); the figures are means over seeds.
  static func lookupTableLines(designRows: [Int], space: SearchSpace, data: StudyData)
    throws(LearningError) -> [LookupTableLine]
  {
    let oneHot = FeatureMatrix(rows: data.architectures.map(space.oneHot), categoricalGroups: space.oneHotGroups)
    let designSet = Set(designRows)
    var lines: [LookupTableLine] = []
    for target in data.targets {
      let fitted = try FittedPredictor.fit(LookupTable.self, features: oneHot.selecting(rows: designRows),
                                           targets: designRows.map { target.values[$0] }, seed: 0)
      var perSeed: [RankingMetrics] = []
      var evaluated = 0
      for split in data.splits {
        let rows = split.test.filter { !designSet.contains($0) }
        evaluated += rows.count
        perSeed.append(RankingMetrics(predicted: fitted.predict(oneHot.selecting(rows: rows)),
                                      measured: rows.map { target.values[$0] }, scale: target.metric.displayScale))
      }
      lines.append(LookupTableLine(
        target: target.name, measured: designRows.count, evaluated: evaluated / max(data.splits.count, 1),
        kendallTau: Statistics.mean(perSeed.map(\.kendallTau)), spearmanRho: Statistics.mean(perSeed.map(\.spearmanRho)),
        pearsonR: Statistics.mean(perSeed.map(\.pearsonR)), meanAbsoluteError: Statistics.mean(perSeed.map(\.meanAbsoluteError))))
    }
    return lines
  }
}
