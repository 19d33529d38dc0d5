public import CoDesign
import SVGCharts
import Analysis

/// The report page of a `duet monotonicity` run: how alike architectures rank across hardware (seed 002,
/// §3.4, Fig. 4.2).
public enum MonotonicityReport {
  /// Builds the page: the ρ heatmaps (latency; energy and Kendall τ when the result has them), the CDF of
  /// each hardware point's mean ρ, and the least monotone hardware.
  ///
  /// - Parameters:
  ///   - result: the matrices; `result.figures` (when set) orders accelerators by dataflow, PEs, NoC and
  ///     off-chip bandwidth, else labels like `kc-p/256pe/noc300/off50` are parsed, else the given order
  ///     is kept.
  ///   - title: the page title.
  ///   - run: the command, version, seed, facts and conventions.
  ///   - files: the data files written beside the page (listed with their descriptions).
  public static func page(result: MonotonicityResult, title: String, run: RunDescription, files: [DataFile]) -> ReportPage {
    let charts = MonotonicityCharts(result)
    let referenceName = result.reference.map { result.labels[$0] }
    return ReportPage(
      title: title, summary: summary(result, charts: charts, referenceName: referenceName), run: run,
      sections: sections(charts, referenceName: referenceName),
      files: files.map { LinkedFile(name: $0.name, description: $0.description, byteCount: RunFolder.shownSize($0.name, $0.contents.count)) })
  }

  /// The sections, shared with the co-search page (which adds its own introduction).
  static func sections(_ charts: MonotonicityCharts, referenceName: String?) -> [ReportSection] {
    let result = charts.result
    let maps = charts.heatmaps()
    var blocks: [ReportBlock] = []
    for chart in maps {
      blocks.append(.chart(chart, howToRead: "Each cell is the rank correlation of two hardware points over the same architectures; bright (near 1) means they rank architectures alike, and blocks along the diagonal are families (same dataflow, similar size) that agree among themselves."))
    }
    blocks.append(.chart(charts.cdf(), howToRead: "For each hardware point, its mean ρ with all others; the curve gives the fraction of points at or below a mean ρ, so the further right it rises, the better any one point stands in for the rest (seed 002, Fig. 4.2)."))
    blocks.append(.table(charts.lowestTable(referenceName: referenceName)))
    return [ReportSection(
      "Monotonicity across hardware",
      introduction: "When architectures rank alike on every hardware point (high Spearman ρ of latency and energy), the Pareto set found on one proxy holds the optimum for the others (seed 002, §3.4). \(result.labels.count) hardware points, \(ValueFormat.grouped(Int64(result.architectureCount))) architectures.",
      blocks: blocks)]
  }

  static func summary(_ result: MonotonicityResult, charts: MonotonicityCharts, referenceName: String?) -> String {
    let latency = charts.offDiagonal(result.latencyRho)
    var text = "Latency ρ over \(ValueFormat.grouped(Int64(result.architectureCount))) architectures between \(result.labels.count) hardware points: "
      + "median \(ValueFormat.fixed(3).string(Statistics.median(latency))), lowest \(ValueFormat.fixed(3).string(latency.min() ?? .nan))"
    if !latency.isEmpty {
      let share = Double(latency.filter { $0 >= 0.9 }.count) / Double(latency.count)
      text += "; \(ValueFormat.percent(1).string(share)) of pairs at ρ ≥ 0.9"
    }
    text += "."
    if let energy = result.energyRho {
      let pairs = charts.offDiagonal(energy)
      text += " Energy ρ: median \(ValueFormat.fixed(3).string(Statistics.median(pairs))), lowest \(ValueFormat.fixed(3).string(pairs.min() ?? .nan))."
    }
    if let worst = result.meanLatencyRho.indices.filter({ !result.meanLatencyRho[$0].isNaN }).min(by: { result.meanLatencyRho[$0] < result.meanLatencyRho[$1] }) {
      text += " Least monotone: \(result.labels[worst]) (mean latency ρ \(ValueFormat.fixed(3).string(result.meanLatencyRho[worst])))."
    }
    return text
  }
}
