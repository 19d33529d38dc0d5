import Analysis
import Foundation
import SVGCharts
import Reports
import TestSupport

/// A report with synthetic data shaped like a co-search run (15,625 architectures, 132 accelerators,
/// three strategies, sweeps over PEs × NoC bandwidth), covering every chart kind the co-search report
/// needs. The numbers are made up (seeded); the demo exists to check rendering, not results.
///
/// Written to `$DUET_REPORT_DEMO_DIR` by `DemoReportTests` when that variable is set, then
/// `scripts/screenshot-report.sh "$DUET_REPORT_DEMO_DIR"` shows it as a reader would see it.
enum DemoReport {
  struct Strategy: Codable, Equatable {
    var name: String
    var architecture: String
    var accelerator: String
    var accuracyPercent: Double
    var latencyMilliseconds: Double
    var energyMillijoules: Double
    var evaluations: Int
    var wallTimeSeconds: Double
    var hypervolume: Double
  }

  struct Result: Codable, Equatable {
    var seed: UInt64
    var strategies: [Strategy]
  }

  static let accuracyFormat = ValueFormat.fixed(2)
  static let latencyFormat = ValueFormat.significant(4)
  static let energyFormat = ValueFormat.significant(4)
  static let timeFormat = ValueFormat.significant(3)

  static func make(seed: UInt64 = 2) -> (page: ReportPage, files: [DataFile], result: Result) {
    var random = TestRandom(seed: seed)
    // Architectures: accuracy saturates with capacity; latency and energy grow with it, with scatter.
    let count = 15_625
    var accuracy: [Double] = [], latency: [Double] = [], energy: [Double] = []
    for i in 0..<count {
      let capacity = Double.random(in: 0...1, using: &random)
      let acc = 94.4 - 24 * exp(-4 * capacity) - abs(gaussian(&random)) * 2.5
      accuracy.append(i % 5000 == 17 ? .nan : acc)  // a few architectures without an accuracy
      latency.append(0.35 + 3.2 * capacity * exp(0.25 * gaussian(&random)))
      energy.append(0.12 + 1.4 * pow(capacity, 1.3) * exp(0.2 * gaussian(&random)))
    }
    let archName = { (i: Int) in "arch-\(i)" }
    let frontIndices = ParetoFront.indices(of: (0..<count).map { [latency[$0], accuracy[$0]] }, senses: [.minimize, .maximize])
      .sorted { latency[$0] < latency[$1] }
    let front = frontIndices.map { XYPoint(x: latency[$0], y: accuracy[$0], label: archName($0)) }
    let energyFront = ParetoFront.indices(of: (0..<count).map { [energy[$0], accuracy[$0]] }, senses: [.minimize, .maximize])
      .sorted { energy[$0] < energy[$1] }.map { XYPoint(x: energy[$0], y: accuracy[$0], label: archName($0)) }
    // A proxy's front: the target's front seen through slightly different costs.
    let proxyFront = frontIndices.map { XYPoint(x: latency[$0] * 1.04, y: accuracy[$0], label: archName($0)) }
    let cap = 1.6
    let best = frontIndices.filter { latency[$0] <= cap }.max { accuracy[$0] < accuracy[$1] }!
    let decoupled = frontIndices.filter { latency[$0] <= cap * 0.7 }.max { accuracy[$0] < accuracy[$1] }!

    let strategies = [
      Strategy(name: "fully coupled", architecture: archName(best), accelerator: "KC-P 512 PEs, NoC 900, off-chip 350",
               accuracyPercent: accuracy[best], latencyMilliseconds: latency[best], energyMillijoules: energy[best],
               evaluations: 2_062_500, wallTimeSeconds: 6.84, hypervolume: 41.237),
      Strategy(name: "semi-decoupled", architecture: archName(best), accelerator: "KC-P 512 PEs, NoC 900, off-chip 350",
               accuracyPercent: accuracy[best], latencyMilliseconds: latency[best], energyMillijoules: energy[best],
               evaluations: 17_875, wallTimeSeconds: 0.212, hypervolume: 41.237),
      Strategy(name: "fully decoupled <arch → hw>", architecture: archName(decoupled), accelerator: "YR-P 256 PEs, NoC 500, off-chip 350",
               accuracyPercent: accuracy[decoupled], latencyMilliseconds: latency[decoupled], energyMillijoules: energy[decoupled],
               evaluations: 15_757, wallTimeSeconds: 0.051, hypervolume: 38.91),
    ]
    let result = Result(seed: seed, strategies: strategies)

    let latencyAxis = Axis("Latency on the target", unit: "ms", scale: .log, format: latencyFormat)
    let energyAxis = Axis("Energy on the target", unit: "mJ", scale: .log, format: energyFormat)
    let accuracyAxis = Axis("Top-1 accuracy", unit: "%", format: accuracyFormat)
    let cloud = (0..<count).map { XYPoint(x: latency[$0], y: accuracy[$0], label: archName($0)) }
    let energyCloud = (0..<count).map { XYPoint(x: energy[$0], y: accuracy[$0], label: archName($0)) }
    let choices = strategies.enumerated().filter { $0.offset != 1 }.map { s in
      PointAnnotation(x: s.element.latencyMilliseconds, y: s.element.accuracyPercent, label: "\(s.element.name) choice",
                      color: s.offset == 0 ? .vermillion : .reddishPurple, marker: s.offset == 0 ? .diamond : .triangle)
    }
    let accuracyLatency = XYChart(
      title: "Accuracy against latency: every architecture on the target accelerator",
      subtitle: "NAS-Bench-201 (CIFAR-10), 15,625 architectures; KC-P, 512 PEs, NoC 900, off-chip 350",
      xAxis: latencyAxis, yAxis: accuracyAxis,
      series: [
        XYSeries("every architecture", points: cloud, color: .grey, marker: .circle, opacity: 0.35),
        XYSeries("coupled front (target)", points: front, style: .stepWithMarkers, color: .blue, marker: .circle),
        XYSeries("semi-decoupled P (proxy front)", points: proxyFront, style: .step, color: .orange),
      ],
      referenceLines: [ReferenceLine(.vertical, at: cap, label: "latency cap \(latencyFormat.string(cap)) ms")],
      annotations: choices)
    let accuracyEnergy = XYChart(
      title: "Accuracy against energy", xAxis: energyAxis, yAxis: accuracyAxis,
      series: [XYSeries("every architecture", points: energyCloud, color: .grey, marker: .circle, opacity: 0.35),
               XYSeries("coupled front (target)", points: energyFront, style: .stepWithMarkers, color: .blue, marker: .circle)],
      annotations: [PointAnnotation(x: strategies[0].energyMillijoules, y: strategies[0].accuracyPercent, label: "coupled choice")])

    // Effectiveness: each of 132 proxies, three caps, accuracy found vs the coupled optimum.
    let caps = [("tight", 0.8), ("mid", 1.6), ("loose", 3.0)]
    var effectivenessSeries: [XYSeries] = []
    var optimumLines: [ReferenceLine] = []
    for (c, (name, capValue)) in caps.enumerated() {
      let optimum = frontIndices.filter { latency[$0] <= capValue }.map { accuracy[$0] }.max() ?? .nan
      let found = (0..<132).map { p -> XYPoint in
        let miss = name == "tight" && p % 9 == 4 ? 0.27 : 0
        return XYPoint(x: Double(p + 1), y: optimum - miss, label: "proxy \(p + 1)")
      }
      effectivenessSeries.append(XYSeries("\(name) cap (\(latencyFormat.string(capValue)) ms)", points: found, color: ChartColor.series(c)))
      optimumLines.append(ReferenceLine(.horizontal, at: optimum, label: "coupled optimum, \(name): \(accuracyFormat.string(optimum)) %", color: ChartColor.series(c)))
    }
    let effectiveness = XYChart(
      title: "Effectiveness: accuracy found with each accelerator as the proxy",
      xAxis: Axis("Proxy accelerator index", unit: "", format: .integer), yAxis: accuracyAxis,
      series: effectivenessSeries, referenceLines: optimumLines)

    // ρ matrices across 132 accelerators; one accelerator invalid.
    let accelerators = (0..<132).map { i in ["KC-P", "YR-P", "X-P"][i % 3] + " \([64, 128, 256, 512][i / 3 % 4]) PEs #\(i)" }
    var latent: [Double] = (0..<132).map { _ in Double.random(in: 0...1, using: &random) }
    latent[40] = .nan
    func rho(_ spread: Double) -> [[Double]] {
      (0..<132).map { (i: Int) -> [Double] in
        (0..<132).map { (j: Int) -> Double in i == j ? 1.0 : 1.0 - spread * abs(latent[i] - latent[j]) }
      }
    }
    let latencyRho = rho(0.11), energyRho = rho(0.05)
    let rhoScale = ColorScale("Spearman ρ", unit: "", domain: 0.88...1.0, format: .fixed(3))
    func rhoChart(_ what: String, _ values: [[Double]]) -> Chart {
      .heatmap(Heatmap(title: "\(what) rank correlation between accelerators",
                       xAxis: CategoryAxis("Accelerator", unit: "", categories: accelerators),
                       yAxis: CategoryAxis("Accelerator", unit: "", categories: accelerators), values: values,
                       colorScale: rhoScale, firstRowAtTop: true, size: ChartSize(width: 720, plotHeight: 520)))
    }
    // Mean ρ with the other accelerators; NaN for the invalid one (the chart counts it).
    func meanRho(_ matrix: [[Double]]) -> [Double] {
      matrix.enumerated().map { i, row in
        let others = row.enumerated().filter { $0.offset != i && $0.element.isFinite }.map(\.element)
        return latent[i].isNaN ? .nan : others.reduce(0, +) / Double(others.count)
      }
    }
    let cdf = XYChart(
      title: "How monotone is the hardware space? CDF of each accelerator's mean ρ",
      xAxis: Axis("Mean Spearman ρ with the other accelerators", unit: "", format: .fixed(3)),
      yAxis: Axis("Fraction of accelerators", unit: "", range: 0...1, format: .fixed(2)),
      series: [XYSeries.empiricalCDF("latency", values: meanRho(latencyRho)), XYSeries.empiricalCDF("energy", values: meanRho(energyRho))],
      referenceLines: [ReferenceLine(.vertical, at: 0.9, label: "ρ = 0.9")])

    // Sweeps: runtime over PEs × NoC bandwidth, per dataflow and off-chip bandwidth, shared colour domain.
    let pes = [64, 128, 256, 512, 1024], noc = [100, 300, 500, 700, 900]
    var sweepCharts: [Chart] = []
    for dataflow in ["KC-P", "YR-P", "X-P"] {
      for offChip in [50, 350] {
        let values: [[Double]] = pes.map { pe in
          noc.map { bw in
            if dataflow == "X-P" && pe == 1024 && bw == 100 { return .nan }  // invalid: no mapping fits
            return 2e5 / Double(pe) * (1 + 300 / Double(bw)) * (1 + 40 / Double(offChip)) * (dataflow == "YR-P" ? 1.3 : 1)
          }
        }
        sweepCharts.append(.heatmap(Heatmap(
          title: "\(dataflow), off-chip \(offChip)", xAxis: CategoryAxis("NoC bandwidth", unit: "elements/cycle", categories: noc.map(String.init)),
          yAxis: CategoryAxis("PEs", unit: "count", categories: pes.map(String.init)), values: values,
          colorScale: ColorScale("Runtime", unit: "k cycles", map: .viridisReversed, scale: .log, domain: 150...40_000),
          size: .small)))
      }
    }

    let evaluations = BarChart(
      title: "Cost of each strategy", categoryAxis: CategoryAxis("Strategy", unit: "", categories: strategies.map(\.name)),
      valueAxis: Axis("Evaluations", unit: "architecture–accelerator pairs", scale: .log, format: .integer),
      series: [BarSeries("evaluations", values: strategies.map { Double($0.evaluations) })])

    let table = ReportTable(
      caption: "Strategies under the mid cap",
      columns: [.init("Strategy"), .init("Architecture"), .init("Accelerator"), .init("Accuracy", unit: "%", numeric: true),
                .init("Latency", unit: "ms", numeric: true), .init("Energy", unit: "mJ", numeric: true),
                .init("Evaluations", numeric: true), .init("Wall time", unit: "s", numeric: true), .init("Hypervolume", numeric: true)],
      rows: strategies.map { s in
        [TableCell(s.name), TableCell(s.architecture), TableCell(s.accelerator), .number(s.accuracyPercent, accuracyFormat),
         .number(s.latencyMilliseconds, latencyFormat), .number(s.energyMillijoules, energyFormat), .count(s.evaluations),
         .number(s.wallTimeSeconds, timeFormat), .number(s.hypervolume, .significant(5))]
      },
      highlightedRows: [1],
      note: "Wall time is one run on 2 cores; hypervolume is of the (latency, accuracy) front against (10 ms, 70 %).")

    let page = ReportPage(
      title: "Co-search demo: NAS-Bench-201 × 132 accelerators (synthetic data)",
      summary: "Semi-decoupled found the same architecture as fully coupled (\(accuracyFormat.string(strategies[1].accuracyPercent)) %) with \(ValueFormat.integer.string(Double(strategies[1].evaluations))) evaluations instead of \(ValueFormat.integer.string(Double(strategies[0].evaluations))); fully decoupled lost \(accuracyFormat.string(strategies[0].accuracyPercent - strategies[2].accuracyPercent)) pp. (Synthetic demo data.)",
      run: RunDescription(
        command: ["duet", "cosearch", "--seed", String(seed), "--out", "reports/demo run"], duetVersion: "0.1.0-demo", seed: seed,
        facts: [Fact("Search space", "NAS-Bench-201, 15,625 architectures (synthetic accuracies)"),
                Fact("Hardware", "132 valid accelerators of the semi-decoupled grid (synthetic costs)"),
                Fact("Target", "KC-P, 512 PEs, NoC 900, off-chip 350")],
        conventions: [Fact("Energy", "sum over layers of MAC, buffer and DRAM access energy, in mJ"),
                      Fact("Caps", "points of the target's Pareto front: 0.8, 1.6 and 3.0 ms"),
                      Fact("Stage 1", "P = the proxy's full 3-objective Pareto set")]),
      sections: [
        ReportSection("Strategies", introduction: "Which (architecture, accelerator) each strategy chose, and what it cost.", blocks: [
          .table(table),
          .chart(.bars(evaluations), howToRead: "Shorter is cheaper; the axis is logarithmic, so each grid line is ten times the one before."),
        ]),
        ReportSection("Accuracy against cost", blocks: [
          .chart(.xy(accuracyLatency), howToRead: "Each grey dot is one architecture; up and to the left is better. The blue staircase is the best accuracy reachable at each latency; marked points are the strategies' choices under the cap."),
          .chart(.xy(accuracyEnergy), howToRead: "As above with energy on the x axis."),
        ]),
        ReportSection("Effectiveness of one proxy", blocks: [
          .chart(.xy(effectiveness), howToRead: "Each point is the accuracy semi-decoupled found with that accelerator as the proxy; a point on its dashed line matched the coupled optimum, one below it missed by the gap."),
        ]),
        ReportSection("Monotonicity", blocks: [
          .chart(rhoChart("Latency", latencyRho), howToRead: "Each cell is the Spearman ρ of architecture latencies between two accelerators; yellow means they rank architectures alike."),
          .chart(rhoChart("Energy", energyRho), howToRead: "As above for energy."),
          .chart(.xy(cdf), howToRead: "A curve far to the right means most accelerators rank architectures like the others do."),
        ]),
        ReportSection("Hardware sweep", blocks: [
          .chartGrid(sweepCharts, howToRead: "Each panel is one dataflow and off-chip bandwidth; lighter is faster; all panels share one colour scale, hatched cells had no valid mapping."),
        ]),
      ])

    var csv = CSVWriter(header: ["architecture", "accuracy_percent", "latency_ms", "energy_mJ"])
    for i in 0..<count { csv.append([archName(i), NumberFormat.exact(accuracy[i]), NumberFormat.exact(latency[i]), NumberFormat.exact(energy[i])]) }
    var strategiesCSV = CSVWriter(header: ["strategy", "architecture", "accelerator", "accuracy_percent", "latency_ms", "energy_mJ", "evaluations", "wall_time_s", "hypervolume"])
    for s in strategies {
      strategiesCSV.append([s.name, s.architecture, s.accelerator, NumberFormat.exact(s.accuracyPercent), NumberFormat.exact(s.latencyMilliseconds),
                            NumberFormat.exact(s.energyMillijoules), String(s.evaluations), NumberFormat.exact(s.wallTimeSeconds), NumberFormat.exact(s.hypervolume)])
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    let json = (try? encoder.encode(result)) ?? Data()
    let files = [
      DataFile(name: "result.json", contents: json, description: "the strategies' choices and costs (accuracy in %, latency in ms, energy in mJ, wall time in s)"),
      DataFile(name: "strategies.csv", text: strategiesCSV.text, description: "one row per strategy, units in the column names"),
      DataFile(name: "architectures.csv", text: csv.text, description: "every architecture's accuracy (%), latency (ms) and energy (mJ) on the target"),
    ]
    return (page, files, result)
  }

  /// A standard normal variate (Box–Muller) from the seeded generator.
  static func gaussian(_ random: inout TestRandom) -> Double {
    let u = Double.random(in: Double.ulpOfOne...1, using: &random), v = Double.random(in: 0...1, using: &random)
    return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
  }
}

extension DemoReport {
  /// A page of awkward cases, to look at: one point, invalid points, 100,000 points, long names with
  /// markup characters, small multiples, an empty chart, a 1 × 1 heatmap, negative bars, 15 decades.
  static func edgeCases() -> ReportPage {
    var random = TestRandom(seed: 9)
    let big = (0..<100_000).map { i -> XYPoint in
      let x = exp(Double.random(in: -2...4, using: &random))
      return XYPoint(x: x, y: 50 + 10 * log(x) + 4 * gaussian(&random), label: "point \(i)")
    }
    let long = "A very long accelerator name <KC-P & YR-P> with \"quotes\" that must not break anything at all"
    let charts: [(Chart, String)] = [
      (.xy(XYChart(title: "One point", xAxis: Axis("Latency", unit: "ms", scale: .log), yAxis: Axis("Accuracy", unit: "%"),
                   series: [XYSeries("only", points: [XYPoint(x: 3.2, y: 91.5)])])), "A single point sits in the middle of a small range."),
      (.xy(XYChart(title: "Invalid points are counted, not drawn", xAxis: Axis("Energy", unit: "mJ", scale: .log), yAxis: Axis("Accuracy", unit: "%", range: 80...100),
                   series: [XYSeries("mixed", points: [XYPoint(x: 1, y: 90), XYPoint(x: .nan, y: 91), XYPoint(x: 0, y: 92), XYPoint(x: -2, y: 93),
                                                       XYPoint(x: 2, y: .infinity), XYPoint(x: 3, y: 70), XYPoint(x: 4, y: 95)], style: .lineWithMarkers)])),
       "The note under the chart counts what could not be drawn."),
      (.xy(XYChart(title: "100,000 points, thinned", xAxis: Axis("Latency", unit: "ms", scale: .log), yAxis: Axis("Accuracy", unit: "%"),
                   series: [XYSeries("every point", points: big, color: .grey, opacity: 0.3),
                            XYSeries("sorted as a line", points: big.sorted { $0.x < $1.x }, style: .line, color: .blue)])),
       "Grey markers are thinned to one per pixel cell; the note says how many were drawn."),
      (.xy(XYChart(title: long, subtitle: long, xAxis: Axis(long, unit: "ms"), yAxis: Axis(long, unit: "%"),
                   series: [XYSeries(long, points: [XYPoint(x: 1, y: 1), XYPoint(x: 2, y: 3)], style: .lineWithMarkers)],
                   referenceLines: [ReferenceLine(.horizontal, at: 2, label: long)], annotations: [PointAnnotation(x: 2, y: 3, label: long)], notes: [long])),
       "Long names wrap in titles and notes and are shortened on axes, with the full text in a tooltip."),
      (.xy(XYChart(title: "Nothing to show", xAxis: Axis("Latency", unit: "ms"), yAxis: Axis("Accuracy", unit: "%"))), "An empty chart still has its frame and axes."),
      (.xy(XYChart(title: "Fifteen decades", xAxis: Axis("Energy", unit: "pJ", scale: .log), yAxis: Axis("Runtime", unit: "cycles", scale: .log),
                   series: [XYSeries("power law", points: stride(from: -3.0, through: 12, by: 0.5).map { XYPoint(x: pow(10, $0), y: pow(10, $0 / 2)) }, style: .lineWithMarkers)])),
       "Decade ticks labelled as powers of ten."),
      (.bars(BarChart(title: "Gap to the coupled optimum", categoryAxis: CategoryAxis("Strategy", unit: "", categories: ["semi-decoupled", "decoupled (arch first)", "decoupled (hw first)", long]),
                      valueAxis: Axis("Accuracy gap", unit: "pp", format: .fixed(2)),
                      series: [BarSeries("tight cap", values: [-0.27, -1.5, -7.1, .nan]), BarSeries("loose cap", values: [0, -0.7, -2.4, 0.1])])),
       "Bars left of zero lost accuracy against the coupled optimum."),
      (.heatmap(Heatmap(title: "A 1 × 1 heatmap", xAxis: CategoryAxis("NoC bandwidth", unit: "elements/cycle", categories: ["900"]),
                        yAxis: CategoryAxis("PEs", unit: "count", categories: ["512"]), values: [[1234.5]], colorScale: ColorScale("Runtime", unit: "cycles"))),
       "One cell, one value."),
    ]
    let small = (0..<3).map { i in
      Chart.xy(XYChart(title: "Small multiple \(i + 1)", xAxis: Axis("Latency", unit: "ms"), yAxis: Axis("Accuracy", unit: "%"),
                       series: [XYSeries("front", points: (0..<12).map { XYPoint(x: Double($0) + Double(i), y: 80 + sqrt(Double($0)) * 4) }, style: .stepWithMarkers)],
                       size: .small))
    }
    return ReportPage(
      title: "Chart edge cases", summary: "Awkward inputs the chart layer must survive; each chart says what it did.",
      run: RunDescription(command: ["swift", "test", "--filter", "DemoReportTests"], duetVersion: "test", seed: 9),
      sections: [ReportSection("Edge cases", blocks: charts.map { .chart($0.0, howToRead: $0.1) }),
                 ReportSection("Small multiples", blocks: [.chartGrid(small, howToRead: "Three small charts side by side.")])])
  }
}
