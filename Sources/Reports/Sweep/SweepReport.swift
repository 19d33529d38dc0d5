import SVGCharts
import Foundation

/// The report page of an accelerator sweep (`duet cost --accelerators SWEEP --report DIR`): runtime and
/// energy of the whole network over PEs × NoC bandwidth, one heatmap per dataflow and off-chip
/// bandwidth, invalid designs hatched with their reason, and the best points.
public enum SweepReport {
  /// Builds the page.
  ///
  /// - Parameters:
  ///   - sweep: the network totals per accelerator.
  ///   - run: the command, version and conventions.
  ///   - files: the data files written beside the page.
  public static func page(sweep: CostSweep, run: RunDescription, files: [DataFile]) -> ReportPage {
    let valid = sweep.points.filter(\.isValid)
    var sections: [ReportSection] = []
    for metric in [Metric.runtime, .energy] {
      sections.append(ReportSection(
        metric == .runtime ? "Runtime" : "Energy",
        introduction: metric == .runtime
          ? "Cycles to run the whole network (the sum over layers), on every accelerator of the sweep."
          : "Energy of the whole network (the sum over layers) from each accelerator's energy table.",
        blocks: [.chartGrid(panels(sweep, metric: metric), howToRead: metric == .runtime
          ? "Each panel is one dataflow at one off-chip bandwidth, with PEs up and NoC bandwidth across; lighter is faster, every panel shares one colour scale, and hatched cells are designs that cannot run the network (hover for why)."
          : "As for runtime: lighter cells use less energy, all panels share one colour scale, and hatched cells are invalid designs.")]))
    }
    var tables: [ReportBlock] = [.table(bestTable(sweep))]
    if let invalid = invalidTable(sweep) { tables.append(.table(invalid)) }
    sections.append(ReportSection("Best points and invalid designs", blocks: tables))
    return ReportPage(
      title: "\(sweep.workload) on the \(sweep.sweep) sweep",
      summary: summary(sweep, valid: valid), run: run, sections: sections,
      files: files.map { LinkedFile(name: $0.name, description: $0.description, byteCount: RunFolder.shownSize($0.name, $0.contents.count)) })
  }

  enum Metric {
    case runtime, energy

    func value(_ p: CostSweep.Point) -> Double {
      guard p.isValid else { return .nan }
      return (self == .runtime ? p.runtimeCycles : p.energyPicojoules) ?? .nan
    }

    var name: String { self == .runtime ? "Runtime" : "Energy" }
  }

  /// A power-of-1,000 unit that keeps the typical value in [1, 1000): `million cycles`, `µJ`.
  static func displayUnit(_ metric: Metric, values: [Double]) -> (divisor: Double, unit: String) {
    let typical = values.filter { $0.isFinite && $0 > 0 }.sorted()
    guard !typical.isEmpty else { return (1, metric == .runtime ? "cycles" : "pJ") }
    let median = typical[typical.count / 2]
    let names = metric == .runtime ? ["cycles", "thousand cycles", "million cycles", "billion cycles", "10¹² cycles"]
      : ["pJ", "nJ", "µJ", "mJ", "J"]
    let step = min(names.count - 1, max(0, Int((log10(median) / 3).rounded(.down))))
    return (pow(1000, Double(step)), names[step])
  }

  static func panels(_ sweep: CostSweep, metric: Metric) -> [Chart] {
    let order = HardwareOrder(labels: sweep.points.map(\.label), figures: sweep.points.map(\.figures))
    var dataflows: [String] = []
    for i in order.permutation where !dataflows.contains(sweep.points[i].figures.dataflow) {
      dataflows.append(sweep.points[i].figures.dataflow)
    }
    let pes = Array(Set(sweep.points.map(\.figures.pes))).sorted()
    let noc = Array(Set(sweep.points.map(\.figures.nocBandwidth))).sorted()
    let offchip = Array(Set(sweep.points.map(\.figures.offchipBandwidth))).sorted()
    let values = sweep.points.map(metric.value)
    let (divisor, unit) = displayUnit(metric, values: values)
    let finite = values.filter { $0.isFinite && $0 > 0 }.map { $0 / divisor }
    let domain = (finite.min() ?? 1)...(finite.max() ?? 10)
    var charts: [Chart] = []
    for dataflow in dataflows {
      for off in offchip {
        let members = sweep.points.indices.filter { sweep.points[$0].figures.dataflow == dataflow && sweep.points[$0].figures.offchipBandwidth == off }
        guard !members.isEmpty else { continue }
        var grid = pes.map { _ in noc.map { _ in Double.nan } }
        var cellNotes = pes.map { _ in noc.map { _ in "not in the sweep" } }
        var filled = Set<[Int]>()
        var shared = 0
        var reasons: [String: Int] = [:]
        for i in members {
          let p = sweep.points[i]
          let r = pes.firstIndex(of: p.figures.pes)!, c = noc.firstIndex(of: p.figures.nocBandwidth)!  // from the same points
          guard filled.insert([r, c]).inserted else { shared += 1; continue }
          grid[r][c] = metric.value(p) / divisor
          if let short = p.invalidCause {
            cellNotes[r][c] = "\(p.label): invalid — \(short)"
            reasons[short, default: 0] += 1
          } else {
            cellNotes[r][c] = p.label
          }
        }
        var notes = reasons.sorted { $0.key < $1.key }.map { "Hatched, invalid (\($0.value) design\($0.value == 1 ? "" : "s")): \($0.key)." }
        let missing = pes.count * noc.count - filled.count
        if missing > 0 { notes.append("\(missing) cell\(missing == 1 ? "" : "s") not in the sweep, also hatched.") }
        if shared > 0 { notes.append("\(shared) more point\(shared == 1 ? "" : "s") share a cell with another (other parameters differ); the first is drawn.") }
        charts.append(.heatmap(Heatmap(
          title: "\(metric.name): \(dataflow), off-chip \(off)",
          subtitle: "Off-chip bandwidth \(off) elements/cycle",
          xAxis: CategoryAxis("NoC bandwidth", unit: "elements/cycle", categories: noc.map(String.init)),
          yAxis: CategoryAxis("PEs", unit: "", categories: pes.map(String.init)),
          values: grid,
          colorScale: ColorScale(metric.name, unit: unit, map: .viridisReversed, scale: .log, domain: domain, format: .significant(3)),
          notes: notes, size: ChartSize(width: 320, plotHeight: 220), cellNotes: cellNotes,
          missingLabel: reasons.isEmpty ? "not in sweep" : "invalid")))
      }
    }
    return charts
  }

  static func summary(_ sweep: CostSweep, valid: [CostSweep.Point]) -> String {
    var text = "\(sweep.workload) (\(sweep.layerCount) layers, \(ValueFormat.significant(4).string(sweep.macs)) MACs) on \(sweep.points.count) accelerators, \(valid.count) of which can run it."
    if let fastest = valid.min(by: { ($0.runtimeCycles!, $0.label) < ($1.runtimeCycles!, $1.label) }) {
      text += " Fastest: \(fastest.label) (\(ValueFormat.integer.string(fastest.runtimeCycles!)) cycles, \(ValueFormat.significant(4).string(fastest.energyPicojoules!)) pJ)."
    }
    if let frugal = valid.min(by: { ($0.energyPicojoules!, $0.label) < ($1.energyPicojoules!, $1.label) }) {
      text += " Least energy: \(frugal.label) (\(ValueFormat.significant(4).string(frugal.energyPicojoules!)) pJ, \(ValueFormat.integer.string(frugal.runtimeCycles!)) cycles)."
    }
    if let target = sweep.target, let point = sweep.points.first(where: { $0.label == target }), point.isValid {
      text += " Target \(target): \(ValueFormat.integer.string(point.runtimeCycles!)) cycles, \(ValueFormat.significant(4).string(point.energyPicojoules!)) pJ."
    }
    return text
  }

  static func bestTable(_ sweep: CostSweep, count: Int = 10) -> ReportTable {
    let ranked = sweep.points.indices.filter { sweep.points[$0].isValid }
      .sorted { (sweep.points[$0].runtimeCycles!, sweep.points[$0].energyPicojoules!, $0) < (sweep.points[$1].runtimeCycles!, sweep.points[$1].energyPicojoules!, $1) }
    var shown = Array(ranked.prefix(count))
    if let target = sweep.target, let t = sweep.points.firstIndex(where: { $0.label == target }), sweep.points[t].isValid, !shown.contains(t) {
      shown.append(t)
    }
    let rows: [[TableCell]] = shown.map { i in
      let p = sweep.points[i]
      return [TableCell(p.label + (p.label == sweep.target ? " (target)" : "")), TableCell(p.figures.dataflow), .count(p.figures.pes),
              .count(p.figures.nocBandwidth), .count(p.figures.offchipBandwidth),
              .number(p.runtimeCycles!, .integer), .number(p.energyPicojoules!, .significant(4))]
    }
    return ReportTable(
      caption: "The \(min(count, ranked.count)) fastest designs" + (shown.count > min(count, ranked.count) ? ", and the target" : ""),
      columns: [.init("accelerator"), .init("dataflow"), .init("PEs", numeric: true), .init("NoC", unit: "elements/cycle", numeric: true),
                .init("off-chip", unit: "elements/cycle", numeric: true), .init("runtime", unit: "cycles", numeric: true),
                .init("energy", unit: "pJ", numeric: true)],
      rows: rows, highlightedRows: rows.isEmpty ? [] : [0],
      note: "Every valid design's totals are in sweep.json, and each layer's figures in the CSV.")
  }

  static func invalidTable(_ sweep: CostSweep) -> ReportTable? {
    var groups: [(reason: String, labels: [String])] = []
    for p in sweep.points {
      guard let short = p.invalidCause else { continue }
      if let g = groups.firstIndex(where: { $0.reason == short }) { groups[g].labels.append(p.label) } else { groups.append((short, [p.label])) }
    }
    guard !groups.isEmpty else { return nil }
    return ReportTable(
      caption: "Designs that cannot run \(sweep.workload)",
      columns: [.init("reason"), .init("designs", numeric: true), .init("which")],
      rows: groups.map { [TableCell($0.reason), .count($0.labels.count), TableCell($0.labels.joined(separator: ", "))] },
      note: "The first layer that fails decides the reason; such a design has no network total.")
  }
}
