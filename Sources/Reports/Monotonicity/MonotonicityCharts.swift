import SVGCharts
import Analysis
import CoDesign

/// The charts of a ``MonotonicityResult`` (seed 002, Fig. 4.2), shared by the monotonicity and the
/// co-search pages: ρ heatmaps across hardware, the CDF of each hardware's mean ρ, and the least
/// monotone hardware.
struct MonotonicityCharts {
  let result: MonotonicityResult
  let order: HardwareOrder
  /// Names for tables (the run's labels).
  var labels: [String] { result.labels }

  init(_ result: MonotonicityResult) {
    self.result = result
    order = HardwareOrder(labels: result.labels, figures: result.figures)
  }

  /// One colour domain for every ρ heatmap of the page, so panels compare: from 1 down by a 1-2-5 step
  /// that covers the lowest off-diagonal value (0.989 → 0.98…1, 0.62 → 0.5…1), never below −1.
  var rhoDomain: ClosedRange<Double> {
    var low = 1.0
    for matrix in [result.latencyRho, result.energyRho ?? [], result.latencyTau ?? []] {
      for (i, row) in matrix.enumerated() {
        for (j, v) in row.enumerated() where i != j && v.isFinite { low = min(low, v) }
      }
    }
    guard low < 1 else { return 0.99...1 }
    return max(-1, 1 - Ticks.niceStep(1 - low))...1
  }

  /// The latency heatmap, then energy and Kendall τ when present.
  func heatmaps() -> [Chart] {
    var charts = [heatmap(result.latencyRho, metric: "latency", statistic: "Spearman ρ")]
    if let energy = result.energyRho { charts.append(heatmap(energy, metric: "energy", statistic: "Spearman ρ")) }
    if let tau = result.latencyTau { charts.append(heatmap(tau, metric: "latency", statistic: "Kendall τ")) }
    return charts
  }

  func heatmap(_ matrix: [[Double]], metric: String, statistic: String) -> Chart {
    let p = order.permutation
    let names = p.map { order.shortLabel($0, label: labels[$0]) }
    let values = p.map { i in p.map { j in i < matrix.count && j < matrix[i].count ? matrix[i][j] : .nan } }
    let pairs = offDiagonal(matrix)
    let axis = order.axisTitle
    return .heatmap(Heatmap(
      title: "\(statistic) of \(metric) between every pair of \(labels.count == 1 ? "hardware point" : "\(labels.count) hardware points")",
      subtitle: "Over the same \(ValueFormat.grouped(Int64(result.architectureCount))) architectures; \(order.description). "
        + "Off-diagonal: median \(ValueFormat.fixed(3).string(Statistics.median(pairs))), lowest \(ValueFormat.fixed(3).string(pairs.min() ?? .nan)).",
      xAxis: CategoryAxis(axis.label, unit: axis.unit, categories: names),
      yAxis: CategoryAxis(axis.label, unit: axis.unit, categories: names),
      values: values,
      colorScale: ColorScale(statistic, unit: "", map: .viridis, domain: rhoDomain, format: .fixed(3)),
      firstRowAtTop: true, size: ChartSize(width: 720, plotHeight: 520)))
  }

  /// The CDF of each hardware's mean ρ with the others, latency and (when present) energy.
  func cdf() -> Chart {
    var series = [XYSeries.empiricalCDF("Latency", values: result.meanLatencyRho, color: .blue)]
    if let energy = result.meanEnergyRho { series.append(.empiricalCDF("Energy", values: energy, color: .vermillion)) }
    return .xy(XYChart(
      title: "Distribution of each hardware point's mean ρ with the others",
      subtitle: "Empirical CDF over \(labels.count) hardware points; a curve pressed against the right edge means a monotone space.",
      xAxis: Axis("Mean Spearman ρ with the other hardware", unit: "", format: .fixed(3)),
      yAxis: Axis("Fraction of hardware points", unit: "", range: 0...1, format: .fixed(2)),
      series: series))
  }

  /// The `count` hardware points with the lowest mean latency ρ.
  func lowestTable(count: Int = 10, referenceName: String?) -> ReportTable {
    let n = labels.count
    let ranked = (0..<n).sorted { (rank(result.meanLatencyRho, $0), $0) < (rank(result.meanLatencyRho, $1), $1) }
    let hasEnergy = result.meanEnergyRho != nil
    let hasReference = !result.latencyRhoWithReference.isEmpty
    var columns: [ReportTable.Column] = [.init("hardware"), .init("figures"),
                                         .init("mean latency ρ", numeric: true)]
    if hasEnergy { columns.append(.init("mean energy ρ", numeric: true)) }
    if hasReference {
      columns.append(.init("latency ρ with \(referenceName ?? "the reference")", numeric: true))
      if !result.energyRhoWithReference.isEmpty { columns.append(.init("energy ρ with \(referenceName ?? "the reference")", numeric: true)) }
    }
    let rows: [[TableCell]] = ranked.prefix(count).map { i in
      // A no-break space keeps "yr-p 256/1000/50" on one line.
      let figures = order.figures[i] == nil ? "—" : order.shortLabel(i, label: labels[i]).replacingOccurrences(of: " ", with: "\u{00A0}")
      var row: [TableCell] = [TableCell(labels[i]), TableCell(figures),
                              .number(result.meanLatencyRho[i], .fixed(3))]
      if let energy = result.meanEnergyRho { row.append(.number(energy[i], .fixed(3))) }
      if hasReference {
        row.append(.number(result.latencyRhoWithReference[i], .fixed(3)))
        if !result.energyRhoWithReference.isEmpty { row.append(.number(result.energyRhoWithReference[i], .fixed(3))) }
      }
      return row
    }
    return ReportTable(
      caption: "The \(min(count, n)) least monotone hardware points (lowest mean latency ρ)",
      columns: columns, rows: rows,
      note: "Mean ρ is over every other hardware point. Figures: dataflow PEs/NoC/off-chip, bandwidths in elements per cycle.")
  }

  /// NaN sorts last (a constant series has no rank correlation).
  private func rank(_ values: [Double], _ i: Int) -> Double { values[i].isNaN ? .infinity : values[i] }

  func offDiagonal(_ matrix: [[Double]]) -> [Double] {
    var out: [Double] = []
    for i in matrix.indices {
      for j in matrix[i].indices where j > i && matrix[i][j].isFinite { out.append(matrix[i][j]) }
    }
    return out
  }
}
