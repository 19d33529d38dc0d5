import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
@testable import SVGCharts

@Suite("Heatmaps and bar charts")
struct HeatmapTests {
  static func rhoMatrix(_ n: Int, seed: UInt64) -> [[Double]] {
    var random = TestRandom(seed: seed)
    let factor = (0..<n).map { _ in Double.random(in: 0...1, using: &random) }
    return (0..<n).map { (i: Int) -> [Double] in
      (0..<n).map { (j: Int) -> Double in i == j ? 1.0 : 1.0 - 0.12 * abs(factor[i] - factor[j]) }
    }
  }

  @Test func correlationMatrixAcross132Accelerators() throws {
    var values = Self.rhoMatrix(132, seed: 5)
    values[7] = Array(repeating: .nan, count: 132)  // an accelerator without valid mappings
    let names = (0..<132).map { "acc-\($0)" }
    let chart = Heatmap(title: "Latency ρ", xAxis: CategoryAxis("Accelerator", unit: "", categories: names),
                        yAxis: CategoryAxis("Accelerator", unit: "", categories: names), values: values,
                        colorScale: ColorScale("Spearman ρ", unit: ""), firstRowAtTop: true, size: ChartSize(width: 720, plotHeight: 520))
    let svg = chart.svg(id: "rho")
    expectNoNonFiniteAttributes(svg)
    let doc = try parseXML(svg)
    expectTitledAndLabelled(doc)
    // 17,424 cells: drawn as one path per colour level, each cell a subpath; a tooltip per row.
    let subpaths = doc.strings("//*[local-name()='g'][@class='cells']/*[local-name()='path']/@d").joined().filter { $0 == "M" }.count
    #expect(subpaths == 132 * 132)
    let notes = doc.strings("//*[local-name()='text'][@class='chart-note']").joined(separator: " ")
    #expect(notes.contains("132 cells without a value"), "\(notes)")
    #expect(notes.contains("Labels thinned"), "\(notes)")
    #expect(!doc.strings("//*[local-name()='text'][@class='axis-title color']").isEmpty)
    #expect(doc.strings("//*[local-name()='g'][@class='rows']/*/*[local-name()='title']").prefix(2) == ["Accelerator acc-0", "Accelerator acc-1"])
    #expect(svg.utf8.count < 700_000, "\(svg.utf8.count) bytes")
  }

  @Test func smallGridShowsValuesInCells() throws {
    let values: [[Double]] = [[1.5, 2.25, .nan], [3, 4.5, 6]]
    let chart = Heatmap(title: "Runtime over PEs × NoC", xAxis: CategoryAxis("NoC bandwidth", unit: "elements/cycle", categories: ["100", "300", "900"]),
                        yAxis: CategoryAxis("PEs", unit: "count", categories: ["64", "512"]), values: values,
                        colorScale: ColorScale("Runtime", unit: "ms", map: .viridisReversed, format: .significant(3)))
    let doc = try parseXML(chart.svg())
    expectTitledAndLabelled(doc)
    #expect(doc.strings("//*[local-name()='text'][@class='cell-value']") == ["1.50", "2.25", "3.00", "4.50", "6.00"])
    // Small grids: each cell's tooltip carries its formatted value.
    #expect(doc.strings("//*[local-name()='g'][@class='cells']/*[local-name()='rect'][2]/*[local-name()='title']").first
      == "PEs 64, NoC bandwidth 300: 2.25 ms")
    #expect(doc.strings("//*[local-name()='text'][@class='chart-note']").joined().contains("1 cell without a value"))
  }

  @Test func oversizedGridIsAveragedInBlocks() throws {
    let values = (0..<450).map { r in (0..<450).map { c in Double(r + c) } }
    let chart = Heatmap(title: "Big", xAxis: CategoryAxis("c", unit: "", categories: (0..<450).map(String.init)),
                        yAxis: CategoryAxis("r", unit: "", categories: (0..<450).map(String.init)), values: values,
                        colorScale: ColorScale("v", unit: "s"))
    let doc = try parseXML(chart.svg())
    #expect(doc.strings("//*[local-name()='g'][@class='cells']/*[local-name()='path']/@d").joined().filter { $0 == "M" }.count == 150 * 150)
    #expect(doc.strings("//*[local-name()='text'][@class='chart-note']").joined(separator: " ").contains("450 × 450 cells shown as 150 × 150"))
  }

  @Test func emptyAndRaggedInputStillRenders() throws {
    let ragged = Heatmap(title: "Ragged", xAxis: CategoryAxis("x", unit: "", categories: ["a", "b"]),
                         yAxis: CategoryAxis("y", unit: "", categories: ["r"]), values: [[1], [2, 3, 4]],
                         colorScale: ColorScale("v", unit: "", scale: .log))
    expectTitledAndLabelled(try parseXML(ragged.svg()))
    let empty = Heatmap(title: "Empty", xAxis: CategoryAxis("x", unit: "", categories: []),
                        yAxis: CategoryAxis("y", unit: "", categories: []), values: [], colorScale: ColorScale("v", unit: ""))
    expectTitledAndLabelled(try parseXML(empty.svg()))
  }

  @Test func logBarsForEvaluations() throws {
    let chart = BarChart(title: "Evaluations per strategy", categoryAxis: CategoryAxis("Strategy", unit: "", categories: ["fully coupled", "semi-decoupled", "broken <&>"]),
                         valueAxis: Axis("Evaluations", unit: "architecture–hardware pairs", scale: .log, format: .integer),
                         series: [BarSeries("evaluations", values: [2_062_500, 17_875, .nan])])
    let svg = chart.svg()
    expectNoNonFiniteAttributes(svg)
    let doc = try parseXML(svg)
    expectTitledAndLabelled(doc)
    #expect(doc.strings("//*[local-name()='text'][@class='bar-value']/text()") == ["2,062,500", "17,875", "n/a"])
    #expect(doc.select("//*[local-name()='rect'][@class='bar']").count == 2)
  }

  @Test func goldenHeatmap() {
    let chart = Heatmap(title: "Energy over PEs × NoC bandwidth", subtitle: "Golden: KC-P, off-chip 350",
                        xAxis: CategoryAxis("NoC bandwidth", unit: "elements/cycle", categories: ["100", "500", "900"]),
                        yAxis: CategoryAxis("PEs", unit: "count", categories: ["64", "256"]),
                        values: [[3.2, 2.9, 2.8], [2.1, .nan, 1.7]], colorScale: ColorScale("Energy", unit: "mJ", map: .viridisReversed),
                        size: ChartSize(width: 480, plotHeight: 160))
    Golden.check("heatmap-small.svg", chart.svg(id: "golden-heat"), suite: "HeatmapTests")
  }
}
