import Learning
public import Spaces

extension PredictorStudyResult {
  /// Puts a study's cells, lookup-table lines and summaries together.
  ///
  /// - Parameters:
  ///   - source: where the measurements came from, in words (`help_nb201_latency.csv`).
  ///   - lookupBase: the lookup table's base, if the study has a lookup-table line.
  ///   - lookupNote: why it has none, if it has none.
  public init(plan: PredictorStudyPlan, data: StudyData, space: SearchSpace, dataset: Dataset, source: String,
              cells: [StudyCellResult], lookupTable: [LookupTableLine], lookupBase: String?, lookupNote: String?) {
    let encodings = plan.encodings.map(\.name)
    let targets = data.targets.map(\.name)
    let summary = PredictorStudy.summarise(cells)
    self.init(
      space: space.name, dataset: dataset.name, source: source, universeSize: data.universeSize, testSize: plan.testSize,
      trainSizes: plan.trainSizes, seeds: plan.seeds, tuningTrials: plan.budget.trials, tuningFolds: plan.budget.folds,
      tuningObjective: plan.budget.objective.rawValue,
      tuningTimeLimitSeconds: plan.budget.timeLimit.map { PredictorStudy.seconds($0) },
      models: plan.models.map(StudyModelInfo.init),
      encodings: data.encoders.map { StudyEncodingInfo(name: $0.encoding.name, featureCount: $0.featureCount) },
      targets: data.targets.map {
        StudyTargetInfo(name: $0.name, metric: $0.metric, displayUnit: $0.metric.displayUnit, measured: $0.measuredCount,
                        requested: $0.requestCount)
      },
      lookupBase: lookupBase, lookupNote: lookupNote, lookupTable: lookupTable, cells: cells, summary: summary,
      encodingGains: PredictorStudy.encodingGains(summary, encodings: encodings, trainSizes: plan.trainSizes),
      best: PredictorStudy.best(summary, targets: targets, trainSizes: plan.trainSizes))
  }
}
