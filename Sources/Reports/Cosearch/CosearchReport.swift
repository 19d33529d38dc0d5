public import CoDesign

/// The report page of a `duet cosearch` run.
public enum CosearchReport {
  /// Builds the page from a run's result (everything shown is drawn from `result`, except the wall-time
  /// column, which comes from `timings`).
  public static func page(result: CosearchResult, timings: CosearchTimings, run: RunDescription, files: [DataFile])
    -> ReportPage
  {
    var sections: [ReportSection] = []
    sections.append(strategiesSection(result, timings))
    return ReportPage(
      title: "Co-search: semi-decoupled vs fully coupled and fully decoupled",
      summary: summary(result),
      run: run, sections: sections,
      files: files.map { LinkedFile(name: $0.name, description: $0.description, byteCount: $0.contents.count) })
  }

  static func summary(_ result: CosearchResult) -> String {
    let valid = result.hardware.filter(\.valid).count
    var text = "\(result.architectureCount) architectures × \(valid) valid accelerators; target \(result.hardware[result.target].label)."
    if let claims = result.claims {
      text += " Evaluations, coupled ÷ semi-decoupled: " + ValueFormat.significant(3).string(claims.evaluationRatio) + "×."
    }
    return text
  }

  static func strategyName(_ outcome: StrategyOutcome) -> String {
    var name = outcome.strategy.rawValue
    if outcome.strategy == .semiDecoupled {
      name += outcome.notes.first?.contains("highest mean") == true ? " (highest-ρ proxy)" : " (random proxy)"
    }
    return name
  }

  static func strategiesSection(_ result: CosearchResult, _ timings: CosearchTimings) -> ReportSection {
    var blocks: [ReportBlock] = []
    for (c, cap) in result.caps.enumerated() {
      var rows: [[TableCell]] = []
      var highlighted: Set<Int> = []
      let coupled = result.outcomes.first { $0.strategy == .fullyCoupled }?.choices[c]
      for outcome in result.outcomes {
        let choice = outcome.choices[c]
        if let choice, let coupled, choice.metrics.accuracy == coupled.metrics.accuracy { highlighted.insert(rows.count) }
        let name = strategyName(outcome)
        rows.append([
          TableCell(name),
          TableCell(choice?.architectureName ?? "nothing feasible"),
          TableCell(choice?.hardwareLabel ?? "—"),
          choice.map { .number($0.metrics.accuracy, .fixed(2)) } ?? "—",
          choice.map { .number($0.metrics.latency, .integer) } ?? "—",
          choice.map { .number($0.metrics.energy, .significant(6)) } ?? "—",
          .count(outcome.evaluations),
          timings.strategies[name]
            .map { .number($0, .significant(3)) } ?? "—",
        ])
      }
      blocks.append(.table(ReportTable(
        caption: "Caps \(cap.label): latency ≤ \(ValueFormat.integer.string(cap.latency)) cycles, energy ≤ \(ValueFormat.significant(6).string(cap.energy)) pJ",
        columns: [.init("strategy"), .init("architecture"), .init("accelerator"), .init("accuracy", unit: "%", numeric: true),
                  .init("latency", unit: "cycles", numeric: true), .init("energy", unit: "pJ", numeric: true),
                  .init("evaluations", numeric: true), .init("wall time", unit: "s", numeric: true)],
        rows: rows, highlightedRows: highlighted,
        note: "Highlighted rows reach the fully coupled optimum's accuracy. Wall time is this machine's and the only figure that varies between runs.")))
    }
    return ReportSection("Strategies", introduction: "Each strategy's best (architecture, accelerator) pair under each cap setting, and what it cost.",
                         blocks: blocks)
  }
}
