import SVGCharts
import Analysis
import CoDesign
import Foundation

extension CosearchReport {
  // MARK: Claims

  /// Seed 002's claims against this run's figures (issue 6's claim gate; no gate here, just the reading).
  static func claimsSection(_ view: CosearchView) -> ReportSection? {
    let result = view.result
    guard let claims = result.claims else { return nil }
    var rows: [[TableCell]] = []
    var failed: [Int] = []
    func row(_ claim: String, _ expected: String, _ value: TableCell, holds: Bool?) {
      if holds == false { failed.append(rows.count) }
      rows.append([TableCell(claim), TableCell(expected), value, TableCell(holds.map { $0 ? "yes" : "no" } ?? "—")])
    }
    let proxies = result.effectiveness?.cases.count ?? 0
    for (c, cap) in result.caps.enumerated() where c < claims.medianGap.count && c < claims.worstGap.count {
      row("Median proxy's gap, caps “\(cap.label)” (\(proxies) proxies)", "0 pp", pp(claims.medianGap[c]),
          holds: claims.medianGapHolds(cap: c))
      row("Worst proxy's gap, caps “\(cap.label)”", "≤ \(NumberFormat.exact(Claims.worstGapLimit)) pp", pp(claims.worstGap[c]),
          holds: claims.worstGapHolds(cap: c))
    }
    row("(proxy, cap) cases within \(NumberFormat.exact(Claims.nearOptimumGap)) pp, caps at every point of the target's front (\(ValueFormat.grouped(Int64(claims.frontCases))) cases)",
        "≥ \(ValueFormat.percent(0).string(Claims.nearOptimumShareFloor))", .number(claims.shareWithinTenthOverFront, .percent(1)),
        holds: claims.nearOptimumShareHolds)
    row("Evaluations, fully coupled ÷ semi-decoupled (random proxy)", "≥ \(ValueFormat.integer.string(Claims.evaluationRatioFloor))×",
        TableCell(ValueFormat.significant(3).string(claims.evaluationRatio) + "×", value: claims.evaluationRatio),
        holds: claims.evaluationRatioHolds)
    for outcome in result.outcomes where outcome.strategy == .decoupledArchitectureFirst || outcome.strategy == .decoupledHardwareFirst {
      let gaps = result.gaps(outcome)
      let worst = gaps.max() ?? .nan
      row("\(view.displayName(outcome)): gap per cap, worst \(ValueFormat.fixed(2).string(worst)) pp",
          "loses 0.7–7 pp", TableCell(gaps.map { $0.isFinite ? ValueFormat.fixed(2).string($0) : "nothing feasible" }.joined(separator: " / ") + " pp", value: worst),
          holds: nil)
    }
    let table = ReportTable(
      caption: "Seed 002's claims, on this run",
      columns: [.init("claim"), .init("expected (seed 002)"), .init("this run", numeric: true), .init("holds")],
      rows: rows, highlightedRows: Set(rows.indices).subtracting(failed).subtracting(rows.indices.filter { rows[$0][3].text == "—" }),
      note: "Gap: the coupled optimum's accuracy minus the accuracy semi-decoupled finds with that proxy, in percentage points. Expected figures are those of seed 002's experiments (§4.5); the fully decoupled rows have no threshold.")
    var blocks: [ReportBlock] = []
    if failed.isEmpty {
      blocks.append(.callout("Every thresholded claim holds on this run."))
    } else {
      blocks.append(.callout("\(failed.count) claim\(failed.count == 1 ? "" : "s") do\(failed.count == 1 ? "es" : "") not hold on this run: " + failed.map { rows[$0][0].text }.joined(separator: "; ") + "."))
    }
    blocks.append(.table(table))
    if !result.checks.isEmpty {
      blocks.append(.table(ReportTable(
        caption: "Exactness checks: each strategy's answer recomputed another way",
        columns: [.init("check"), .init("how"), .init("passed")],
        rows: result.checks.map { [TableCell($0.name), TableCell($0.detail), TableCell($0.passed ? "yes" : "no")] },
        highlightedRows: Set(result.checks.indices.filter { result.checks[$0].passed }))))
    }
    return ReportSection("Claims", introduction: "What seed 002 claims for the semi-decoupled search, and what this run measured.", blocks: blocks)
  }

  /// A gap in percentage points, with its unit, for tables whose rows mix units.
  static func pp(_ value: Double) -> TableCell { TableCell(pp.string(value) + " pp", value: value) }

  /// How gaps in percentage points are written.
  static let pp = ValueFormat.fixed(2)

  typealias Claims = CosearchResult.Claims

  // MARK: Accuracy against latency and energy (Fig. 4.3 left)

  static func accuracyCostSection(_ view: CosearchView) -> ReportSection {
    let result = view.result
    guard let target = result.onTarget else {
      return ReportSection("Accuracy against latency and energy", blocks: [
        .paragraph("This result holds no per-architecture metrics on the target (written by an older Duet), so the scatter cannot be drawn; the target's front is in target_front.csv.")])
    }
    let targetName = view.hardwareName(result.target)
    var blocks: [ReportBlock] = []
    let full = [Metric.latency, .energy].map { accuracyChart(view, target, metric: $0, zoom: false) }
    blocks.append(.chartGrid(full, howToRead: "Each grey dot is one architecture on the target \(targetName); the staircase is the best accuracy reachable at or below each cost, and the dashed lines are the caps, so the front shows what each cap setting can buy."))
    for metric in [Metric.latency, .energy] {
      blocks.append(.chart(accuracyChart(view, target, metric: metric, zoom: true), howToRead: metric == .latency
        ? "Zoomed to the accurate end: the diamonds are the fully coupled optimum under each cap, the other marks each strategy's choice where it differs, and green dots are the proxy's set P placed on the target; a choice far below its diamond is accuracy lost."
        : "The same on energy: a choice must sit left of its energy cap as well as its latency cap, so the tighter of the two decides."))
    }
    return ReportSection(
      "Accuracy against latency and energy",
      introduction: "Every architecture of the space on the target accelerator, with the target's Pareto front, the caps and each strategy's choice (seed 002, Fig. 4.3 left). Choices are drawn at their own accelerator's latency and energy.",
      blocks: blocks)
  }

  enum Metric { case latency, energy }

  static func accuracyChart(_ view: CosearchView, _ target: CosearchResult.TargetMetrics, metric: Metric, zoom: Bool) -> Chart {
    let result = view.result
    let costs = metric == .latency ? target.latency : target.energy
    let unit = metric == .latency ? view.latencyUnit : view.energyUnit
    let name = metric == .latency ? "Latency" : "Energy"
    let count = min(costs.count, target.accuracy.count)
    let cloud = (0..<count).map { XYPoint(x: costs[$0], y: target.accuracy[$0]) }
    var series = [XYSeries("Every architecture on the target", points: cloud, color: .grey, marker: .circle, opacity: 0.35,
                           pointTooltips: false)]

    // The 2-objective staircase: the best accuracy at or below each cost.
    let stair = ParetoFront.indices(of: (0..<count).map { [target.accuracy[$0], costs[$0]] }, senses: [.maximize, .minimize])
      .sorted { (costs[$0], -target.accuracy[$0]) < (costs[$1], -target.accuracy[$1]) }
    series.append(XYSeries("Best accuracy for the \(metric == .latency ? "latency" : "energy")",
                           points: stair.map { XYPoint(x: costs[$0], y: target.accuracy[$0]) }, style: .step, color: .black))
    var annotations: [PointAnnotation] = []
    var notes: [String] = []
    // P under the front: the front's squares are smaller than P's circles, so a P member on the front
    // shows as a green ring around a blue square.
    if zoom, let semi = result.outcomes.first(where: { $0.strategy == .semiDecoupled && $0.proxyChoice != .highestMeanRho }),
      !semi.fixedSet.isEmpty
    {
      let set = semi.fixedSet.filter { $0 < count }
      series.append(XYSeries("P: the random proxy's Pareto set, on the target",
                             points: set.map { XYPoint(x: costs[$0], y: target.accuracy[$0]) }, color: .bluishGreen, marker: .circle))
      let onFront = Set(set).intersection(result.targetFront).count
      notes.append("\(onFront) of the \(set.count) architectures in P are on the target's Pareto front (\(result.targetFront.count) architectures).")
    }
    let frontPoints = result.targetFront.enumerated().compactMap { i, a -> XYPoint? in
      a < count ? XYPoint(x: costs[a], y: target.accuracy[a], label: i < target.frontNames.count ? target.frontNames[i] : nil) : nil
    }
    series.append(XYSeries("Target's Pareto front (accuracy, latency, energy)", points: frontPoints, color: .blue, marker: .square))
    if zoom {
      // The coupled optimum per cap as a labelled diamond; other strategies only where they differ.
      var same: [String: [String]] = [:]
      let shapes: [MarkerShape] = [.triangle, .triangleDown, .cross, .plus, .square]
      let colors: [ChartColor] = [.orange, .reddishPurple, .vermillion, .skyBlue, .yellow]
      var other = 0
      for outcome in result.outcomes {
        if outcome.strategy == .fullyCoupled {
          for (c, choice) in outcome.choices.enumerated() {
            guard let choice, c < result.caps.count else { continue }
            annotations.append(PointAnnotation(x: value(choice.metrics, metric), y: choice.metrics.accuracy,
                                               label: result.caps[c].label, color: .vermillion, marker: .diamond))
          }
          continue
        }
        let gaps = result.gaps(outcome)
        var points: [XYPoint] = []
        for (c, choice) in outcome.choices.enumerated() {
          guard let choice, c < result.caps.count else { continue }
          let optimum = result.coupled.flatMap { c < $0.choices.count ? $0.choices[c] : nil }
          if let optimum, optimum.architecture == choice.architecture, optimum.hardware == choice.hardware {
            same[view.displayName(outcome), default: []].append(result.caps[c].label)
          } else {
            points.append(XYPoint(x: value(choice.metrics, metric), y: choice.metrics.accuracy,
                                  label: "caps \(result.caps[c].label), \(choice.architectureName) on \(view.hardwareName(choice.hardware)), gap \(ValueFormat.fixed(2).string(gaps[c])) pp"))
          }
        }
        if !points.isEmpty {
          series.append(XYSeries("\(view.displayName(outcome))'s choice", points: points, color: colors[other % colors.count],
                                 marker: shapes[other % shapes.count]))
        }
        other += 1
      }
      let agreeing = result.outcomes.map(view.displayName).filter { same[$0] != nil }
      if !agreeing.isEmpty {
        notes.append("Chose the coupled optimum (under the diamond): " + agreeing.map { "\($0) (\(same[$0]!.joined(separator: ", ")))" }.joined(separator: "; ") + ".")
      }
      let hardware = Set(result.outcomes.flatMap { $0.choices.compactMap { $0?.hardware } })
      if hardware == [result.target] {
        notes.append("Every choice runs on the target, so choices and the grey dots share one accelerator.")
      } else if !hardware.isEmpty {
        notes.append("Choices run on \(hardware.sorted().map(view.hardwareName).joined(separator: ", ")): their own latency and energy are drawn.")
      }
    }
    let capLines = result.caps.map { cap in
      ReferenceLine(.vertical, at: metric == .latency ? cap.latency : cap.energy, label: "cap \(cap.label)", color: ChartColor(hex: 0x555555))
    }
    var yAxis = Axis("Top-1 accuracy", unit: "%", format: .fixed(2))
    var title = "Accuracy against \(metric == .latency ? "latency" : "energy") on the target \(view.hardwareName(result.target))"
    if zoom {
      let chosen = result.outcomes.flatMap { $0.choices.compactMap { $0?.metrics.accuracy } }.filter(\.isFinite)
      let top = target.accuracy.filter(\.isFinite).max() ?? 100
      let low = ((chosen.min() ?? top) - 2).rounded(.down)
      yAxis.range = low...(top + max(0.4, (top - low) * 0.04))
      title += ", the accurate end"
    }
    return .xy(XYChart(
      title: title,
      subtitle: zoom ? "Architectures above \(ValueFormat.fixed(0).string(yAxis.range?.lowerBound ?? 0)) % accuracy; ◆ the fully coupled optimum under each cap, labelled with the cap" : "All \(ValueFormat.grouped(Int64(count))) architectures",
      xAxis: Axis(name, unit: unit, scale: .log, format: metric == .latency ? view.latencyFormat : .significant(4)),
      yAxis: yAxis, series: series, referenceLines: capLines, annotations: annotations, notes: notes,
      size: zoom ? ChartSize(width: 900, plotHeight: 420) : .small,
      maxMarkersPerSeries: zoom ? 4000 : 2500))
  }

  static func value(_ m: PairMetrics, _ metric: Metric) -> Double { metric == .latency ? m.latency : m.energy }

  // MARK: Effectiveness (Fig. 4.3 right)

  static func effectivenessSection(_ view: CosearchView) -> ReportSection? {
    let result = view.result
    guard let effectiveness = result.effectiveness, !effectiveness.cases.isEmpty else { return nil }
    let cases = effectiveness.cases.sorted { (view.rank[$0.proxy] ?? .max, $0.proxy) < (view.rank[$1.proxy] ?? .max, $1.proxy) }
    let worst = max(0.1, cases.flatMap { $0.gap.filter(\.isFinite) }.max() ?? 0)
    let range = (-worst * 0.06)...(worst * 1.08)
    let dataflows = orderedDataflows(view, cases.map(\.proxy))
    var charts: [Chart] = []
    for (c, cap) in effectiveness.caps.enumerated() {
      var series: [XYSeries] = []
      for (d, dataflow) in dataflows.enumerated() {
        let points = cases.enumerated().compactMap { position, item -> XYPoint? in
          guard dataflowName(view, item.proxy) == dataflow, c < item.gap.count else { return nil }
          return XYPoint(x: Double(position + 1), y: item.gap[c],
                         label: "\(view.hardwareName(item.proxy)), |P| = \(item.setSize)")
        }
        series.append(XYSeries(dataflow, points: points, color: ChartColor.series(d), marker: MarkerShape.series(d)))
      }
      let optimum = c < effectiveness.coupled.count ? effectiveness.coupled[c] : nil
      charts.append(.xy(XYChart(
        title: "Caps “\(cap.label)”: gap to the coupled optimum",
        subtitle: optimum.map { "Optimum \(ValueFormat.fixed(2).string($0.metrics.accuracy)) % on \(view.hardwareName($0.hardware))" } ?? "Nothing meets these caps",
        xAxis: Axis("Proxy, in accelerator order", unit: "", format: .integer),
        yAxis: Axis("Gap", unit: "pp", range: range, format: .fixed(2)),
        series: series,
        referenceLines: [ReferenceLine(.horizontal, at: 0, label: "found the optimum", color: ChartColor(hex: 0x555555))],
        size: ChartSize(width: 320, plotHeight: 200))))
    }
    var blocks: [ReportBlock] = [
      .chartGrid(charts, howToRead: "Each mark is one valid accelerator taken as the proxy (x: its position with accelerators \(view.order.description)); its height is how many percentage points semi-decoupled with that proxy falls short of the fully coupled optimum, so marks on the dashed zero line found the optimum (seed 002, Fig. 4.3 right, as gaps)."),
    ]
    if let front = result.frontEffectiveness, !front.cases.isEmpty {
      blocks.append(.chart(frontGapHeatmap(view, front), howToRead: "Each column is a proxy, each row a cap setting taken at one point of the target's Pareto front (1 = the fastest); light cells found the coupled optimum, dark cells missed it by the gap on the colour bar."))
    }
    return ReportSection(
      "Does the proxy matter? The effectiveness experiment",
      introduction: "Every valid accelerator except the target is taken in turn as the proxy; its Pareto set P goes through stage 2 over every accelerator, and the accuracy found is compared with the fully coupled optimum under the same caps.",
      blocks: blocks)
  }

  static func dataflowName(_ view: CosearchView, _ h: Int) -> String {
    h < view.order.figures.count ? view.order.figures[h]?.dataflow ?? "other" : "other"
  }

  static func orderedDataflows(_ view: CosearchView, _ hardware: [Int]) -> [String] {
    var seen: [String] = []
    for h in hardware where !seen.contains(dataflowName(view, h)) { seen.append(dataflowName(view, h)) }
    return seen
  }

  static func frontGapHeatmap(_ view: CosearchView, _ front: EffectivenessResult) -> Chart {
    let cases = front.cases.sorted { (view.rank[$0.proxy] ?? .max, $0.proxy) < (view.rank[$1.proxy] ?? .max, $1.proxy) }
    let values = front.caps.indices.map { c in cases.map { c < $0.gap.count ? $0.gap[c] : .nan } }
    let worst = max(0.1, values.joined().filter(\.isFinite).max() ?? 0)
    let within = values.joined().filter(Claims.isNearOptimum).count
    let total = values.joined().count
    let axis = view.order.axisTitle
    return .heatmap(Heatmap(
      title: "Gap at caps taken at every point of the target's Pareto front",
      subtitle: "\(front.caps.count) front points × \(cases.count) proxies; \(ValueFormat.grouped(Int64(within))) of \(ValueFormat.grouped(Int64(total))) cases (\(ValueFormat.percent(1).string(total > 0 ? Double(within) / Double(total) : .nan))) within \(NumberFormat.exact(Claims.nearOptimumGap)) pp",
      xAxis: CategoryAxis("Proxy: \(axis.label.lowercased())", unit: axis.unit, categories: cases.map { view.order.shortLabel($0.proxy, label: view.result.hardware[$0.proxy].label) }),
      yAxis: CategoryAxis("Target front point", unit: "1 = fastest", categories: front.caps.indices.map { String($0 + 1) }),
      values: values,
      colorScale: ColorScale("Gap", unit: "pp", map: .viridisReversed, domain: 0...worst, format: .fixed(2)),
      size: ChartSize(width: 900, plotHeight: 260)))
  }

  // MARK: Misses

  static func missesSection(_ view: CosearchView) -> ReportSection? {
    let result = view.result
    guard let effectiveness = result.effectiveness, !effectiveness.cases.isEmpty else { return nil }
    var blocks: [ReportBlock] = []
    let missed = Set(result.misses.map(\.proxy))
    let rho = { (h: Int) in view.rhoWithTarget(h).latency }
    let allRho = effectiveness.cases.map { rho($0.proxy) }.filter(\.isFinite)
    let missRho = missed.map(rho).filter(\.isFinite)
    let cleanRho = effectiveness.cases.map(\.proxy).filter { !missed.contains($0) }.map(rho).filter(\.isFinite)
    if result.misses.isEmpty {
      blocks.append(.callout("No proxy misses the coupled optimum under any cap setting."))
    } else {
      blocks.append(.callout(missReading(view, missed: missed.count, missRho: missRho, cleanRho: cleanRho, allRho: allRho)))
    }
    if !allRho.isEmpty {
      blocks.append(.chart(rhoGapChart(view, effectiveness), howToRead: "Each mark is one (proxy, cap) case: further right means the proxy ranks architectures more like the target, and marks above the zero line missed the optimum; compare where the misses sit with where a ρ threshold for accepting a proxy would lie."))
    }
    if !result.misses.isEmpty {
      blocks.append(.table(missesTable(view)))
    }
    return ReportSection("Misses, and what ρ says about them", blocks: blocks)
  }

  /// The misses and what ρ says about them, in words that follow the data: whether low ρ singles out
  /// the missing proxies here, and whether a ρ threshold would have caught them.
  static func missReading(_ view: CosearchView, missed: Int, missRho: [Double], cleanRho: [Double], allRho: [Double]) -> String {
    let result = view.result
    let byCap = result.caps.indices.map { c in result.misses.filter { $0.cap == c }.count }
    let f = ValueFormat.fixed(3)
    func range(_ values: [Double]) -> String {
      guard let lo = values.min(), let hi = values.max() else { return "n/a" }
      return f.string(lo) == f.string(hi) ? f.string(lo) : "\(f.string(lo))–\(f.string(hi))"
    }
    var text = "\(result.misses.count) (proxy, cap) case\(result.misses.count == 1 ? "" : "s") miss the optimum ("
      + zip(result.caps, byCap).map { "\($0.label): \($1)" }.joined(separator: ", ") + "), from \(missed) of \(allRho.count) proxies."
    guard !missRho.isEmpty else { return text }
    text += " Latency ρ with the target: \(range(missRho)) for the proxies that miss"
    text += cleanRho.isEmpty ? "." : ", \(range(cleanRho)) for the others."
    let auc = Statistics.probabilityOfLower(missRho, than: cleanRho)
    if auc.isFinite {
      text += " Ranking proxies by low ρ separates the misses with an AUC of \(ValueFormat.fixed(2).string(auc)) (0.5 is chance, 1 a perfect split)"
      if auc >= 0.9 {
        text += ": here the proxies that miss are the least monotone ones"
      } else if auc <= 0.6 {
        text += ": ρ does not tell which proxies miss"
      } else {
        text += ": a weak signal"
      }
      text += "."
    }
    if let lowestMiss = missRho.min(), let highestMiss = missRho.max() {
      if let cleanMin = cleanRho.min(), highestMiss >= cleanMin {
        text += " No ρ threshold separates them: some proxies that miss (up to ρ \(f.string(highestMiss))) are as monotone with the target as proxies that find the optimum (from ρ \(f.string(cleanMin)))."
      } else if lowestMiss >= 0.9 {
        text += " Yet a ρ of \(range(missRho)) is strongly monotone by the usual reading (ρ ≥ 0.9): a ρ threshold would flag these proxies only if set above \(f.string(highestMiss)), a line one can draw only after evaluating every proxy against the target."
      } else {
        text += " Some of these proxies are weakly monotone with the target (ρ below 0.9)."
      }
      text += " What decides a miss is whether the latency ratio of the few layers separating the optimum from the architecture that dominates it flips between proxy and target (the explanations below)."
    }
    return text
  }

  /// The misses, one row per distinct explanation (the same cause on many proxies is one row).
  static func missesTable(_ view: CosearchView) -> ReportTable {
    let result = view.result
    var groups: [(cap: Int, gap: Double, text: String, proxies: [Int])] = []
    for miss in result.misses {
      let label = result.hardware.indices.contains(miss.proxy) ? result.hardware[miss.proxy].label : ""
      var text = miss.explanation
      if !label.isEmpty, text.hasPrefix(label + " ") { text = "The proxy" + text.dropFirst(label.count) }
      if let g = groups.firstIndex(where: { $0.cap == miss.cap && $0.gap == miss.gap && $0.text == text }) {
        groups[g].proxies.append(miss.proxy)
      } else {
        groups.append((miss.cap, miss.gap, text, [miss.proxy]))
      }
    }
    let f = ValueFormat.fixed(3)
    func range(_ values: [Double]) -> TableCell {
      let finite = values.filter(\.isFinite)
      guard let lo = finite.min(), let hi = finite.max() else { return "n/a" }
      return TableCell(f.string(lo) == f.string(hi) ? f.string(lo) : "\(f.string(lo))–\(f.string(hi))", value: lo == hi ? lo : nil)
    }
    let rows: [[TableCell]] = groups.map { group in
      let proxies = group.proxies.sorted { (view.rank[$0] ?? .max, $0) < (view.rank[$1] ?? .max, $1) }
      return [
        TableCell(proxies.map(view.hardwareName).joined(separator: ", ")),
        TableCell(group.cap < result.caps.count ? result.caps[group.cap].label : "\(group.cap)"),
        .number(group.gap, .fixed(2)),
        range(proxies.map { view.rhoWithTarget($0).latency }), range(proxies.map { view.rhoWithTarget($0).energy }),
        TableCell(group.text),
      ]
    }
    return ReportTable(
      caption: "Proxies that miss the coupled optimum, and why (\(result.misses.count) cases in \(groups.count) row\(groups.count == 1 ? "" : "s"))",
      columns: [.init("proxies"), .init("caps"), .init("gap", unit: "pp", numeric: true), .init("latency ρ with target", numeric: true),
                .init("energy ρ with target", numeric: true), .init("explanation")],
      rows: rows,
      note: "Cases with the same cause share a row (misses.csv has one line per case). The explanation compares the layers the optimum a* and the architecture that dominates it on the proxy do not share: their latency ratio on the proxy and on a*'s accelerator. A ratio on opposite sides of 1 pushes a* off the proxy's front.")
  }

  static func rhoGapChart(_ view: CosearchView, _ effectiveness: EffectivenessResult) -> Chart {
    let series = effectiveness.caps.enumerated().map { c, cap in
      XYSeries("caps \(cap.label)", points: effectiveness.cases.map { item in
        XYPoint(x: view.rhoWithTarget(item.proxy).latency, y: c < item.gap.count ? item.gap[c] : .nan, label: view.hardwareName(item.proxy))
      }, color: ChartColor.series(c), marker: MarkerShape.series(c))
    }
    return .xy(XYChart(
      title: "Gap against the proxy's latency ρ with the target",
      subtitle: "Every valid proxy under every cap setting",
      xAxis: Axis("Spearman ρ of latency, proxy vs target", unit: "", format: .fixed(3)),
      yAxis: Axis("Gap to the coupled optimum", unit: "pp", format: .fixed(2)),
      series: series,
      referenceLines: [ReferenceLine(.horizontal, at: 0, label: "found the optimum", color: ChartColor(hex: 0x555555))]))
  }
}
