import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
@testable import SVGCharts

@Suite("XY charts: scatter, lines, steps, reference lines, annotations")
struct XYChartTests {
  static let latency = Axis("Latency", unit: "ms", scale: .log)
  static let accuracy = Axis("Top-1 accuracy", unit: "%")

  @Test func onePointRenders() throws {
    let chart = XYChart(title: "One point", xAxis: Self.latency, yAxis: Self.accuracy,
                        series: [XYSeries("only", points: [XYPoint(x: 2.5, y: 93.37, label: "arch 7")])])
    let svg = chart.svg(id: "one")
    let doc = try parseXML(svg)
    expectTitledAndLabelled(doc)
    expectNoNonFiniteAttributes(svg)
    #expect(doc.strings("//*[local-name()='g'][@class='series-markers']/*/*[local-name()='title']")
      == ["only: arch 7 — Latency 2.500 ms, Top-1 accuracy 93.37 %"])
    // The axes still get ticks around a single value.
    #expect(doc.select("//*[local-name()='text'][@class='tick-label x']").count >= 2)
    #expect(doc.select("//*[local-name()='text'][@class='tick-label y']").count >= 2)
  }

  @Test func emptyChartRendersWithItsAxes() throws {
    let chart = XYChart(title: "Nothing yet", xAxis: Self.latency, yAxis: Self.accuracy)
    let doc = try parseXML(chart.svg())
    expectTitledAndLabelled(doc)
  }

  /// NaN, infinities, values ≤ 0 on a log axis and points outside a fixed range are skipped and counted
  /// on the chart; nothing non-finite reaches the markup.
  @Test func invalidPointsAreSkippedAndCounted() throws {
    var y = Self.accuracy
    y.range = 80...100
    let points = [
      XYPoint(x: 1, y: 90), XYPoint(x: .nan, y: 91), XYPoint(x: 2, y: .infinity), XYPoint(x: -1, y: 92),
      XYPoint(x: 0, y: 92), XYPoint(x: 3, y: 50), XYPoint(x: 4, y: 95),
    ]
    let chart = XYChart(title: "Invalid points", xAxis: Self.latency, yAxis: y, series: [
      XYSeries("scatter", points: points),
      XYSeries("line", points: points, style: .line),
    ], referenceLines: [ReferenceLine(.horizontal, at: .nan, label: "broken line")],
       annotations: [PointAnnotation(x: .infinity, y: 1, label: "broken choice")])
    let svg = chart.svg()
    expectNoNonFiniteAttributes(svg)
    let doc = try parseXML(svg)
    expectTitledAndLabelled(doc)
    let notes = doc.strings("//*[local-name()='text'][@class='chart-note']").joined(separator: " ")
    #expect(notes.contains("“scatter”: 2 points with a NaN or infinite value, 2 points with a value ≤ 0 on the log x axis, 1 point outside the axis range"), "\(notes)")
    #expect(notes.contains("line “broken line” at n/a"), "\(notes)")
    #expect(notes.contains("point “broken choice”"), "\(notes)")
    #expect(doc.select("//*[local-name()='g'][@class='series-markers']/*").count == 2)
    // The line breaks at the skipped points: 1 → (gap) → 3, 4 (3 is out of range but clipped, not dropped).
    let path = doc.strings("//*[local-name()='path'][@class='series-line']/@d").first ?? ""
    #expect(path.filter { $0 == "M" }.count == 2, "\(path)")
  }

  @Test func hundredThousandPointsAreThinnedAndSaySo() throws {
    var random = TestRandom(seed: 3)
    let points = (0..<100_000).map { _ in
      let latency = exp(Double.random(in: -1...3, using: &random))
      return XYPoint(x: latency, y: 70 + 20 * (1 - exp(-latency)) + Double.random(in: -3...3, using: &random))
    }
    let chart = XYChart(title: "Every evaluated pair", xAxis: Self.latency, yAxis: Self.accuracy,
                        series: [XYSeries("every pair", points: points, color: .grey, opacity: 0.4),
                                 XYSeries("as a line", points: points.sorted { $0.x < $1.x }, style: .line)])
    let svg = chart.svg()
    let doc = try parseXML(svg)
    expectTitledAndLabelled(doc)
    let markers = doc.select("//*[local-name()='g'][@class='series-markers']/*").count
    #expect(markers > 500 && markers <= chart.maxMarkersPerSeries, "\(markers) markers")
    let notes = doc.strings("//*[local-name()='text'][@class='chart-note']").joined(separator: " ")
    #expect(notes.contains("“every pair”: 100,000 points, \(ValueFormat.grouped(Int64(markers))) drawn"), "\(notes)")
    #expect(notes.contains("“as a line”: line drawn through"), "\(notes)")
    #expect(svg.utf8.count < 2_000_000, "\(svg.utf8.count) bytes")
  }

  @Test func namesAreEscapedEverywhere() throws {
    let evil = "KC-P <b>&amp; \"quoted\" 'single'"
    let chart = XYChart(title: "Title \(evil)", subtitle: evil, xAxis: Axis("x \(evil)", unit: "<u>"), yAxis: Axis("y", unit: "&"),
                        series: [XYSeries(evil, points: [XYPoint(x: 1, y: 2, label: evil)])],
                        referenceLines: [ReferenceLine(.vertical, at: 1, label: evil)],
                        annotations: [PointAnnotation(x: 1, y: 2, label: evil)], notes: [evil])
    let svg = chart.svg(id: "id\"<")
    let doc = try parseXML(svg)
    #expect(!svg.contains("<b>"))
    #expect(doc.strings("//*[local-name()='text'][@class='chart-title']").first == "Title \(evil)")
    #expect(doc.strings("//*[local-name()='text'][@class='axis-title x']").first == "x \(evil) (<u>)")
    #expect(doc.strings("//*[local-name()='text'][@class='annotation-label']").first == evil)
    #expect(doc.strings("//*[local-name()='text'][@class='legend-label']").first == evil)
  }

  /// Tooltips show each point's values with the axis's format: the same strings a table would show.
  @Test func tooltipsUseTheAxisFormat() throws {
    var x = Axis("Energy", unit: "mJ", format: .fixed(3))
    x.scale = .linear
    let points = [XYPoint(x: 0.123456, y: 93.456789), XYPoint(x: 1.5, y: 91)]
    let chart = XYChart(title: "t", xAxis: x, yAxis: Axis("Accuracy", unit: "%", format: .fixed(2)), series: [XYSeries("s", points: points)])
    let doc = try parseXML(chart.svg())
    let tips = doc.strings("//*[local-name()='g'][@class='series-markers']/*/*[local-name()='title']")
    #expect(tips == points.map { "s — Energy \(ValueFormat.fixed(3).string($0.x)) mJ, Accuracy \(ValueFormat.fixed(2).string($0.y)) %" })
    #expect(tips.first == "s — Energy 0.123 mJ, Accuracy 93.46 %")
  }

  @Test func stepSeriesDrawAStaircase() throws {
    let front = [XYPoint(x: 1, y: 90), XYPoint(x: 2, y: 92), XYPoint(x: 4, y: 93)]
    let chart = XYChart(title: "Front", xAxis: Axis("Latency", unit: "ms"), yAxis: Self.accuracy,
                        series: [XYSeries("front", points: front, style: .step)])
    let doc = try parseXML(chart.svg())
    let path = doc.strings("//*[local-name()='path'][@class='series-line']/@d").first ?? ""
    #expect(path.filter { $0 == "H" }.count == 2 && path.filter { $0 == "V" }.count == 2, "\(path)")
  }

  @Test func empiricalCDF() {
    let cdf = XYSeries.empiricalCDF("ρ", values: [0.9, 0.95, 0.9, .nan, 1.0])
    #expect(Array(cdf.points.prefix(4)) == [XYPoint(x: 0.9, y: 0), XYPoint(x: 0.9, y: 0.5), XYPoint(x: 0.95, y: 0.75), XYPoint(x: 1.0, y: 1)])
    // The NaN stays, undrawable, so the chart counts it.
    #expect(cdf.points.count == 5 && cdf.points[4].x.isNaN)
    #expect(cdf.style == .step)
  }

  @Test func sameInputSameBytes() {
    let chart = XYChart(title: "t", xAxis: Self.latency, yAxis: Self.accuracy,
                        series: [XYSeries("a", points: (1...50).map { XYPoint(x: Double($0), y: 90 + Double($0 % 7)) })])
    #expect(chart.svg() == chart.svg())
  }

  /// A small chart's SVG, byte for byte; a change to the chart layer shows up here as a diff to review.
  @Test func goldenScatter() {
    let chart = XYChart(
      title: "Accuracy against latency", subtitle: "Golden: three points, a front, a cap and a choice",
      xAxis: Axis("Latency", unit: "ms", scale: .log), yAxis: Axis("Top-1 accuracy", unit: "%"),
      series: [
        XYSeries("every architecture", points: [XYPoint(x: 1.2, y: 88.5), XYPoint(x: 3.4, y: 92.25), XYPoint(x: 9.8, y: 93.5)], color: .grey),
        XYSeries("front", points: [XYPoint(x: 1.2, y: 88.5), XYPoint(x: 3.4, y: 92.25), XYPoint(x: 9.8, y: 93.5)], style: .stepWithMarkers),
      ],
      referenceLines: [ReferenceLine(.vertical, at: 5, label: "latency cap")],
      annotations: [PointAnnotation(x: 3.4, y: 92.25, label: "choice")],
      size: ChartSize(width: 480, plotHeight: 220))
    Golden.check("scatter-small.svg", chart.svg(id: "golden"), suite: "XYChartTests")
  }
}
