import SVGCharts
import Analysis
import CoDesign

extension CosearchReport {
  static func strategiesSection(_ view: CosearchView, _ timings: CosearchTimings?) -> ReportSection {
    let result = view.result
    var blocks: [ReportBlock] = []
    blocks.append(.table(costTable(view, timings)))
    blocks.append(.chart(evaluationsChart(view), howToRead: "Each bar is the number of (architecture, accelerator) pairs a strategy priced; the axis is logarithmic, so one grid step is ten times the work."))
    for c in result.caps.indices { blocks.append(.table(choicesTable(view, cap: c))) }
    return ReportSection(
      "Strategies",
      introduction: "Every strategy ran on the same architectures, accelerators, caps and seed. Fully coupled searches every pair (the optimum); semi-decoupled finds the Pareto set P on one proxy accelerator, then searches P × every accelerator; fully decoupled fixes the architecture or the accelerator first.",
      blocks: blocks)
  }

  /// One row per strategy: how it fixed its proxy, what it priced, how long it took, and the
  /// hypervolume of its choices.
  static func costTable(_ view: CosearchView, _ timings: CosearchTimings?) -> ReportTable {
    let result = view.result
    let volumes = hypervolumes(view)
    let coupledVolume = view.coupled.flatMap { c in result.outcomes.firstIndex { $0.strategy == c.strategy } }.map { volumes[$0] }
    var rows: [[TableCell]] = []
    for (i, outcome) in result.outcomes.enumerated() {
      var fixed = "—"
      if let proxy = outcome.proxy {
        switch outcome.strategy {
        case .semiDecoupled: fixed = "proxy \(view.hardwareName(proxy)); |P| = \(outcome.fixedSet.count)"
        case .decoupledArchitectureFirst: fixed = "architecture chosen on \(view.hardwareName(proxy))"
        case .decoupledHardwareFirst: fixed = "accelerator \(view.hardwareName(proxy))"
        case .fullyCoupled: fixed = view.hardwareName(proxy)
        }
      }
      let ratio = view.coupled.map { Double($0.evaluations) / Double(max(outcome.evaluations, 1)) } ?? .nan
      let wall = timings?.strategies[outcome.label]
      let relative = coupledVolume.map { $0 > 0 ? volumes[i] / $0 : .nan } ?? .nan
      rows.append([
        TableCell(view.displayName(outcome)), TableCell(fixed),
        .count(outcome.evaluations), .number(ratio, .significant(3)), .count(outcome.layerPricings),
        wall.map { .number($0, .significant(3)) } ?? "—",
        .number(volumes[i], .significant(4)), .number(relative, .fixed(3)),
      ])
    }
    let highlighted = Set(result.outcomes.indices.filter { result.outcomes[$0].strategy == .semiDecoupled })
    return ReportTable(
      caption: "What each strategy cost",
      columns: [.init("strategy"), .init("fixed first"), .init("evaluations", unit: "pairs", numeric: true),
                .init("coupled ÷ this", unit: "×", numeric: true), .init("layer pricings", numeric: true),
                .init("wall time", unit: "s", numeric: true), .init("hypervolume", numeric: true),
                .init("hypervolume ÷ coupled", numeric: true)],
      rows: rows, highlightedRows: highlighted,
      note: "Highlighted: the semi-decoupled strategies. Evaluations count (architecture, accelerator) pairs priced, as in seed 002, Table 4.1; layer pricings count distinct (layer shape, accelerator) costs computed. "
        + "Hypervolume: the volume dominated by the strategy's choices (one per cap setting) in (accuracy ↑, latency ↓, energy ↓), accuracy in percentage points, latency and energy as fractions of the loosest caps, up to a reference point 1 pp below the least accurate choice of any strategy and 10 % beyond the loosest caps; it grows with accuracy and with slack under the caps. "
        + (timings == nil ? "No wall times in this run." : "Wall time is this machine's (timings.json), the only figure that varies between runs."))
  }

  /// The hypervolume of each outcome's choices, as defined in the cost table's note.
  static func hypervolumes(_ view: CosearchView) -> [Double] {
    let result = view.result
    let choices = result.outcomes.flatMap { $0.choices.compactMap { $0 } }
    let latencyCap = result.caps.map(\.latency).filter(\.isFinite).max()
      ?? choices.map(\.metrics.latency).filter(\.isFinite).max() ?? 1
    let energyCap = result.caps.map(\.energy).filter(\.isFinite).max()
      ?? choices.map(\.metrics.energy).filter(\.isFinite).max() ?? 1
    guard let lowest = choices.map(\.metrics.accuracy).filter(\.isFinite).min(), latencyCap > 0, energyCap > 0 else {
      return result.outcomes.map { _ in 0 }
    }
    let reference = (-(lowest - 1), 1.1, 1.1)
    return result.outcomes.map { outcome in
      let points = outcome.choices.compactMap { $0 }.map {
        (-$0.metrics.accuracy, $0.metrics.latency / latencyCap, $0.metrics.energy / energyCap)
      }
      return Hypervolume.of3D(points, reference: reference)
    }
  }

  /// Each strategy's choice under one cap setting.
  static func choicesTable(_ view: CosearchView, cap c: Int) -> ReportTable {
    let result = view.result
    let cap = result.caps[c]
    var rows: [[TableCell]] = []
    var highlighted: Set<Int> = []
    for outcome in result.outcomes {
      let choice = c < outcome.choices.count ? outcome.choices[c] : nil
      let gap = result.gaps(outcome)[c]
      if choice != nil, CosearchResult.Claims.isOptimal(gap) { highlighted.insert(rows.count) }
      rows.append([
        TableCell(view.displayName(outcome)),
        TableCell(choice?.architectureName ?? "nothing feasible"),
        TableCell(choice.map { view.hardwareName($0.hardware) } ?? "—"),
        choice.map { .number($0.metrics.accuracy, .fixed(2)) } ?? "—",
        gap.isFinite ? .number(gap, .fixed(2)) : "—",
        choice.map { .number($0.metrics.latency, view.latencyFormat) } ?? "—",
        choice.map { .number($0.metrics.energy, .significant(4)) } ?? "—",
      ])
    }
    return ReportTable(
      caption: "Caps “\(cap.label)”: \(view.capText(cap))",
      columns: [.init("strategy"), .init("architecture"), .init("accelerator"), .init("accuracy", unit: "%", numeric: true),
                .init("gap to coupled", unit: "pp", numeric: true), .init("latency", unit: view.latencyUnit, numeric: true),
                .init("energy", unit: view.energyUnit, numeric: true)],
      rows: rows, highlightedRows: highlighted,
      note: "Highlighted rows reach the fully coupled optimum's accuracy. Ties in accuracy go to lower latency, then lower energy, then the lower index, in every strategy.")
  }

  static func evaluationsChart(_ view: CosearchView) -> Chart {
    let outcomes = view.result.outcomes
    return .bars(BarChart(
      title: "Evaluations per strategy",
      subtitle: "(architecture, accelerator) pairs priced, over all cap settings together",
      categoryAxis: CategoryAxis("Strategy", unit: "", categories: outcomes.map(view.displayName)),
      valueAxis: Axis("Evaluations", unit: "pairs", scale: .log, format: .integer),
      series: [BarSeries("Evaluations", values: outcomes.map { Double($0.evaluations) })]))
  }
}
