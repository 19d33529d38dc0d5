public import Surrogates
import Analysis
import SVGCharts

/// The report page of a `duet predictors study` run: how well each model ranks held-out architectures
/// against the number of measured ones ([Laube22] Fig. 1, absolute and centred on the mean of the
/// models), the lookup table's line, a table per target, the encodings compared, and the fit times.
///
/// Every figure but the wall times is drawn from the ``PredictorStudyResult`` (`result.json`); table
/// cells carry its exact values (`data-value`). Wall times come from the optional timings.
public enum PredictorStudyReport {
  public static func page(result: PredictorStudyResult, timings: PredictorStudyTimings?, run: RunDescription,
                          files: [DataFile]) -> ReportPage
  {
    let view = StudyView(result)
    var sections = [rankingSection(view)]
    sections += result.targets.map { targetSection(view, target: $0.name) }
    if result.encodings.count > 1 { sections.append(encodingSection(view)) }
    if let timings { sections.append(timeSection(view, timings: timings)) }
    sections.append(protocolSection(view))
    return ReportPage(
      title: "Hardware-metric predictors: ranking against measurements",
      summary: summary(view), run: run, sections: sections,
      files: files.map { LinkedFile(name: $0.name, description: $0.description, byteCount: RunFolder.shownSize($0.name, $0.contents.count)) })
  }

  static let tauFormat = ValueFormat.fixed(3)

  // MARK: Summary

  static func summary(_ view: StudyView) -> String {
    let result = view.result
    var parts: [String] = []
    parts.append("\(result.models.count) model\(result.models.count == 1 ? "" : "s") × \(result.encodings.count) encoding\(result.encodings.count == 1 ? "" : "s") × \(result.targets.count) target\(result.targets.count == 1 ? "" : "s") × \(result.trainSizes.count) training size\(result.trainSizes.count == 1 ? "" : "s") × \(result.seeds.count) seed\(result.seeds.count == 1 ? "" : "s"); Kendall τ on \(ValueFormat.grouped(Int64(result.testSize))) held-out architectures per seed.")
    if let largest = result.trainSizes.max() {
      let best = result.best.filter { $0.trainSize == largest }
      if !best.isEmpty {
        parts.append("Best at \(ValueFormat.grouped(Int64(largest))) training samples: " + best.map {
          "\($0.target) \($0.model) (\($0.encoding)) τ = \(tauFormat.string($0.kendallMean))"
        }.joined(separator: "; ") + ".")
      }
    }
    if !result.lookupTable.isEmpty, let base = result.lookupBase {
      parts.append("Lookup table (base \(base), \(result.lookupTable[0].measured) measured): " + result.lookupTable.map {
        "\($0.target) τ = \(tauFormat.string($0.kendallTau))"
      }.joined(separator: ", ") + ".")
    }
    if let top = view.bestEncodingGain {
      parts.append(top.meanKendallGain > 0
        ? "Encoding that helps most: \(top.encoding), τ \(ValueFormat.fixed(3).string(top.meanKendallGain)) higher than \(top.reference) on average (better in \(top.wins) of \(top.comparisons) comparisons)."
        : "No encoding beats \(top.reference) on average (the closest, \(top.encoding), is \(ValueFormat.fixed(3).string(-top.meanKendallGain)) lower).")
    }
    let failures = result.summary.reduce(0) { $0 + $1.failures }
    if failures > 0 { parts.append("\(failures) cell\(failures == 1 ? "" : "s") could not be fitted (cells.csv says why).") }
    return parts.joined(separator: " ")
  }

  // MARK: Ranking against size

  static func rankingSection(_ view: StudyView) -> ReportSection {
    let result = view.result
    var blocks: [ReportBlock] = []
    let encoding = result.encodings[0].name
    let curves = view.averagedCurves(encoding: encoding)
    let lookup = Statistics.mean(result.lookupTable.map(\.kendallTau))
    let suffix = result.encodings.count > 1 ? ", \(encoding) encoding" : ""
    var absolute = tauChart(title: "Kendall τ against training size\(suffix)",
                            subtitle: "mean over \(result.targets.count == 1 ? result.targets[0].name : "the \(result.targets.count) targets") and \(result.seeds.count) seed\(result.seeds.count == 1 ? "" : "s")",
                            curves: curves, centred: false)
    var howToRead = "Each line is one model; further up ranks the held-out architectures more like the measurements (1 = the same order)"
    if lookup.isFinite {
      absolute.referenceLines.append(ReferenceLine(.horizontal, at: lookup, label: "lookup table"))
      howToRead += ". The dashed line is the lookup table built from a base architecture and its one-decision neighbours"
    }
    blocks.append(.chart(.xy(absolute), howToRead: howToRead + " ([Laube22] Fig. 1, left)."))
    if result.models.count > 1 {
      let centred = tauChart(title: "Kendall τ centred on the mean of the models\(suffix)",
                             subtitle: "each model's τ minus the mean τ of all models at that size",
                             curves: view.centred(curves), centred: true)
      blocks.append(.chart(.xy(centred), howToRead: "The same lines minus their mean at each size, so small differences between models show ([Laube22] Fig. 1, right); above 0 is better than the average model."))
    }
    return ReportSection(
      "How well each model ranks, against the number of measured architectures",
      introduction: "Every model was fitted on random training sets of each size (nested: a larger set holds every smaller one), its hyperparameters tuned inside the training set only, then asked to rank architectures it never saw. Targets are standardised before fitting ([Laube22] §3).",
      blocks: blocks)
  }

  static func tauChart(title: String, subtitle: String, curves: [(name: String, points: [XYPoint])], centred: Bool) -> XYChart {
    XYChart(
      title: title, subtitle: subtitle,
      xAxis: Axis("Training set size", unit: "architectures", scale: .log, format: .integer),
      yAxis: Axis(centred ? "Kendall τ − mean τ" : "Kendall τ", unit: "", format: tauFormat),
      series: curves.map { XYSeries($0.name, points: $0.points, style: .lineWithMarkers) },
      referenceLines: centred ? [ReferenceLine(.horizontal, at: 0, label: "mean of the models", color: .grey)] : [])
  }

  // MARK: Per target

  static func targetSection(_ view: StudyView, target: String) -> ReportSection {
    let result = view.result
    let info = result.targets.first { $0.name == target }!
    var blocks: [ReportBlock] = []
    let first = result.encodings[0].name
    var chart = tauChart(title: "\(target): Kendall τ against training size",
                         subtitle: "\(first) encoding; mean over \(result.seeds.count) seed\(result.seeds.count == 1 ? "" : "s")",
                         curves: view.curves(target: target, encoding: first), centred: false)
    var howToRead = "One line per model on this target."
    if let line = result.lookupTable.first(where: { $0.target == target }) {
      chart.referenceLines.append(ReferenceLine(.horizontal, at: line.kendallTau, label: "lookup table"))
      howToRead = "One line per model on this target; the dashed line is the lookup table."
    }
    blocks.append(.chart(.xy(chart), howToRead: howToRead))
    blocks.append(.table(targetTable(view, target: target)))
    return ReportSection(
      "Target \(target)",
      introduction: "\(info.metric == .latency ? "Latency" : "Energy") measured on \(ValueFormat.grouped(Int64(info.measured))) architectures (each once) for the test sets and training pools of every seed.",
      blocks: blocks)
  }

  /// Mean τ per (model, encoding) and size; the lookup table as the last row.
  static func targetTable(_ view: StudyView, target: String) -> ReportTable {
    let result = view.result
    var rows: [[TableCell]] = []
    var keys: [(model: String, encoding: String)] = []
    for model in result.models.map(\.name) {
      for encoding in result.encodings.map(\.name) { keys.append((model, encoding)) }
    }
    let largest = result.trainSizes.max()
    let best = result.best.first { $0.target == target && $0.trainSize == largest }
    var highlighted: Set<Int> = []
    for key in keys {
      if best?.model == key.model && best?.encoding == key.encoding { highlighted.insert(rows.count) }
      var row: [TableCell] = [TableCell(key.model), TableCell(key.encoding)]
      for size in result.trainSizes {
        let summary = view.summary(model: key.model, encoding: key.encoding, target: target, size: size)
        row.append(summary.map { .number($0.kendallMean, tauFormat) } ?? "—")
      }
      let atLargest = largest.flatMap { view.summary(model: key.model, encoding: key.encoding, target: target, size: $0) }
      row.append(atLargest.map { .number($0.kendallStandardDeviation, tauFormat) } ?? "—")
      row.append(atLargest.map { .number($0.maeMean, .significant(3)) } ?? "—")
      rows.append(row)
    }
    let unit = result.targets.first { $0.name == target }?.displayUnit ?? ""
    if let line = result.lookupTable.first(where: { $0.target == target }) {
      var row: [TableCell] = [TableCell("lookup table"), TableCell("onehot")]
      row += result.trainSizes.map { _ in TableCell.number(line.kendallTau, tauFormat) }
      row += ["—", .number(line.meanAbsoluteError, .significant(3))]
      rows.append(row)
    }
    let sizeColumns = result.trainSizes.map { ReportTable.Column("n = \(ValueFormat.grouped(Int64($0)))", numeric: true) }
    let largestText = largest.map { ValueFormat.grouped(Int64($0)) } ?? "—"
    return ReportTable(
      caption: "\(target): mean Kendall τ on the held-out architectures",
      columns: [.init("model"), .init("encoding")] + sizeColumns
        + [.init("sd at n = \(largestText)", numeric: true), .init("MAE at n = \(largestText)", unit: unit, numeric: true)],
      rows: rows, highlightedRows: highlighted,
      note: "Mean over seeds of Kendall's τ-b between predicted and measured values of each seed's \(ValueFormat.grouped(Int64(result.testSize))) held-out architectures; sd: its sample standard deviation over seeds; MAE: mean absolute error. Highlighted: the best at the largest size. The lookup table does not depend on the training size (it is built from its base and neighbours, and evaluated on every other architecture of the study); it repeats across the columns. — : the cell could not be fitted.")
  }

  // MARK: Encodings

  static func encodingSection(_ view: StudyView) -> ReportSection {
    let result = view.result
    let reference = result.encodings[0].name
    var rows: [[TableCell]] = []
    for encoding in result.encodings.dropFirst().map(\.name) {
      var row: [TableCell] = [TableCell(encoding)]
      for size in result.trainSizes {
        let gain = result.encodingGains.first { $0.encoding == encoding && $0.trainSize == size }
        row.append(gain.map { .number($0.meanKendallGain, .fixed(3)) } ?? "—")
      }
      let overall = result.encodingGains.first { $0.encoding == encoding && $0.trainSize == nil }
      row.append(overall.map { .number($0.meanKendallGain, .fixed(3)) } ?? "—")
      row.append(overall.map { TableCell("\($0.wins) of \($0.comparisons)", value: Double($0.wins)) } ?? "—")
      rows.append(row)
    }
    let best = view.bestEncodingGain
    let highlighted: Set<Int> = best.flatMap { b in result.encodings.dropFirst().map(\.name).firstIndex(of: b.encoding) }.map { [$0] } ?? []
    let table = ReportTable(
      caption: "Mean change of Kendall τ against the \(reference) encoding",
      columns: [.init("encoding")] + result.trainSizes.map { .init("n = \(ValueFormat.grouped(Int64($0)))", numeric: true) }
        + [.init("all sizes", numeric: true), .init("better in", numeric: true)],
      rows: rows, highlightedRows: highlighted,
      note: "Per (model, target, size), the encoding's mean τ minus the \(reference) encoding's, averaged over models and targets; \"better in\" counts the (model, target, size) where it ranks better. Highlighted: the encoding with the largest mean gain over all sizes.")
    var blocks: [ReportBlock] = []
    if let best {
      blocks.append(.callout(best.meanKendallGain > 0
        ? "\(best.encoding) helps most: τ \(ValueFormat.fixed(3).string(best.meanKendallGain)) higher than \(reference) on average over models, targets and sizes."
        : "No encoding improves on \(reference) on average."))
    }
    blocks.append(.table(table))
    for encoding in result.encodings.dropFirst().map(\.name) {
      blocks.append(.chart(.xy(tauChart(title: "Kendall τ against training size, \(encoding) encoding",
                                        subtitle: "mean over targets and seeds", curves: view.averagedCurves(encoding: encoding),
                                        centred: false)),
                           howToRead: "As the first chart, with the \(encoding) encoding; compare the height of each model's line with the \(reference) chart."))
    }
    return ReportSection("Encodings", introduction: "Which representation of an architecture helps the models rank.", blocks: blocks)
  }

  // MARK: Time

  static func timeSection(_ view: StudyView, timings: PredictorStudyTimings) -> ReportSection {
    let result = view.result
    var fit: [String: [Int: [Double]]] = [:], tune: [String: [Int: [Double]]] = [:]
    for (cell, timing) in zip(result.cells, timings.cells) where cell.error == nil {
      fit[cell.cell.model, default: [:]][cell.cell.trainSize, default: []].append(timing.fitSeconds)
      tune[cell.cell.model, default: [:]][cell.cell.trainSize, default: []].append(timing.tuneSeconds)
    }
    let models = result.models.map(\.name)
    let series = models.map { model in
      XYSeries(model, points: result.trainSizes.compactMap { size in
        (fit[model]?[size]).map { XYPoint(x: Double(size), y: Statistics.mean($0)) }
      }, style: .lineWithMarkers)
    }
    let chart = XYChart(
      title: "Time to fit one model", subtitle: "mean over cells, with the chosen hyperparameters (tuning excluded); this machine",
      xAxis: Axis("Training set size", unit: "architectures", scale: .log, format: .integer),
      yAxis: Axis("Fit time", unit: "s", scale: .log, format: .significant(3)), series: series)
    let largest = result.trainSizes.max() ?? 0
    let rows: [[TableCell]] = models.map { model in
      let f = fit[model]?[largest].map(Statistics.mean) ?? .nan
      let t = tune[model]?[largest].map(Statistics.mean) ?? .nan
      return [TableCell(model), .number(f, .significant(3)), .number(t, .significant(3))]
    }
    let table = ReportTable(
      caption: "Mean wall time per cell at n = \(ValueFormat.grouped(Int64(largest)))",
      columns: [.init("model"), .init("fit", unit: "s", numeric: true), .init("tuning", unit: "s", numeric: true)],
      rows: rows,
      note: "Fit: one fit with the chosen hyperparameters. Tuning: the whole random search (\(result.tuningTrials) trials × \(result.tuningFolds) folds). Wall times on this machine with \(timings.jobs) job\(timings.jobs == 1 ? "" : "s") at once (timings.json); the whole study took \(ValueFormat.significant(3).string(timings.wallSeconds)) s.")
    return ReportSection("Fit time", blocks: [
      .chart(.xy(chart), howToRead: "Both axes are logarithmic: a line rising one grid step per grid step is linear in the training set size, two steps quadratic."),
      .table(table),
    ])
  }

  // MARK: Protocol

  static func protocolSection(_ view: StudyView) -> ReportSection {
    let result = view.result
    let models = ReportTable(
      caption: "Models and the hyperparameters tuning draws",
      columns: [.init("model"), .init("defaults (trial 0)"), .init("search space")],
      rows: result.models.map { [TableCell($0.name), TableCell($0.defaults.description), TableCell($0.spaceDescription.isEmpty ? "none" : $0.spaceDescription)] },
      note: "Random search: trial 0 is the defaults, trials 1… draw every dimension (log: uniform in the logarithm); each trial is scored by \(result.tuningObjective == "kendall" ? "Kendall τ" : "mean squared error") of the pooled out-of-fold predictions of a \(result.tuningFolds)-fold cross-validation inside the training set. Ties keep the earlier trial.")
    var facts: [Fact] = [
      Fact("space", "\(result.space) (\(result.dataset))"),
      Fact("measurements", result.source),
      Fact("architectures", result.universeSize.map { "splits drawn from \(ValueFormat.grouped(Int64($0)))" } ?? "splits drawn from the space"),
      Fact("test set", "\(ValueFormat.grouped(Int64(result.testSize))) architectures per seed, disjoint from its training sets"),
      Fact("training sizes", result.trainSizes.map { ValueFormat.grouped(Int64($0)) }.joined(separator: ", ") + " (nested per seed)"),
      Fact("seeds", result.seeds.map(String.init).joined(separator: ", ")),
      Fact("tuning", "\(result.tuningTrials) trial\(result.tuningTrials == 1 ? "" : "s") × \(result.tuningFolds) folds per fit"
        + (result.tuningTimeLimitSeconds.map { ", at most \(ValueFormat.significant(3).string($0)) s per fit (results then depend on the machine)" } ?? ", bounded by trials only (deterministic)")),
      Fact("encodings", result.encodings.map { "\($0.name) (\($0.featureCount) features)" }.joined(separator: ", ")),
    ]
    facts.append(Fact("lookup table", result.lookupBase.map { "base \($0); the base and its one-decision neighbours measured" } ?? (result.lookupNote ?? "none")))
    return ReportSection("Protocol", blocks: [.facts(facts), .table(models)])
  }
}

/// What the page's sections share: the result and lookups over it.
struct StudyView {
  let result: PredictorStudyResult
  private let rows: [String: StudySummaryRow]

  init(_ result: PredictorStudyResult) {
    self.result = result
    var rows: [String: StudySummaryRow] = [:]
    for row in result.summary { rows["\(row.model)|\(row.encoding)|\(row.target)|\(row.trainSize)"] = row }
    self.rows = rows
  }

  func summary(model: String, encoding: String, target: String, size: Int) -> StudySummaryRow? {
    rows["\(model)|\(encoding)|\(target)|\(size)"].flatMap { $0.seeds > 0 ? $0 : nil }
  }

  /// Per model, mean τ of one target against size.
  func curves(target: String, encoding: String) -> [(name: String, points: [XYPoint])] {
    result.models.map { model in
      (model.name, result.trainSizes.compactMap { size in
        summary(model: model.name, encoding: encoding, target: target, size: size).map { XYPoint(x: Double(size), y: $0.kendallMean) }
      })
    }
  }

  /// Per model, τ averaged over the targets against size (sizes where some target failed are left out).
  func averagedCurves(encoding: String) -> [(name: String, points: [XYPoint])] {
    result.models.map { model in
      (model.name, result.trainSizes.compactMap { size in
        let values = result.targets.map { summary(model: model.name, encoding: encoding, target: $0.name, size: size)?.kendallMean ?? .nan }
        guard values.allSatisfy(\.isFinite) else { return nil }
        return XYPoint(x: Double(size), y: Statistics.mean(values))
      })
    }
  }

  /// The curves minus the mean over models at each size (sizes where some model has no point are left out).
  func centred(_ curves: [(name: String, points: [XYPoint])]) -> [(name: String, points: [XYPoint])] {
    var means: [Double: Double] = [:]
    for size in result.trainSizes.map(Double.init) {
      let values = curves.compactMap { curve in curve.points.first { $0.x == size }?.y }
      if values.count == curves.count, !values.isEmpty { means[size] = Statistics.mean(values) }
    }
    return curves.map { curve in
      (curve.name, curve.points.compactMap { p in means[p.x].map { XYPoint(x: p.x, y: p.y - $0) } })
    }
  }

  /// The encoding with the largest mean gain over all sizes.
  var bestEncodingGain: EncodingGain? {
    result.encodingGains.filter { $0.trainSize == nil && $0.meanKendallGain.isFinite }.max { $0.meanKendallGain < $1.meanKendallGain }
  }
}
