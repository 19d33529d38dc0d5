import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
@testable import CoDesign
@testable import Reports

@Suite("Monotonicity page")
struct MonotonicityReportTests {
  static let run = RunDescription(command: ["duet", "monotonicity"], duetVersion: "0.1.0", seed: 2)

  /// Four accelerators over six architectures; the series are chosen so the yr-p point ranks differently.
  static func result(energy: Bool = true, figures: Bool = true) -> MonotonicityResult {
    let labels = ["x-p/64pe/noc300/off50", "yr-p/64pe/noc300/off50", "kc-p/256pe/noc300/off50", "kc-p/64pe/noc300/off50"]
    let latency: [[Double]] = [[1, 2, 3, 4, 5, 6], [6, 2, 3, 4, 5, 1], [1, 2, 3, 4, 6, 5], [1, 2, 3, 4, 5, 6]]
    var result = MonotonicityResult(labels: labels, hardware: [0, 1, 2, 3], latency: latency,
                                    energy: energy ? latency.map { $0.reversed() } : nil, reference: 3)
    result.figures = figures ? [("x-p", 64), ("yr-p", 64), ("kc-p", 256), ("kc-p", 64)].map {
      HardwareFigures(dataflow: $0.0, pes: $0.1, nocBandwidth: 300, offchipBandwidth: 50)
    } : nil
    return result
  }

  @Test func heatmapsCDFAndLeastMonotoneTable() throws {
    let result = Self.result()
    let html = MonotonicityReport.page(result: result, title: "Monotonicity <test>", run: Self.run, files: []).html()
    let doc = try parseXML(html)
    expectTitledAndLabelled(doc)
    expectNoNonFiniteAttributes(html)
    #expect(doc.strings("//h1") == ["Monotonicity <test>"])
    let titles = doc.strings("//*[local-name()='text'][@class='chart-title']")
    #expect(titles.contains { $0.hasPrefix("Spearman ρ of latency") } && titles.contains { $0.hasPrefix("Spearman ρ of energy") })
    #expect(titles.contains { $0.hasPrefix("Distribution of each hardware point's mean ρ") })
    // Rows in dataflow order, by the result's figures: kc-p 64, kc-p 256, yr-p 64, x-p 64.
    let rowLabels = doc.strings("//*[local-name()='svg'][@id='chart-1']//*[local-name()='text'][@class='tick-label y']")
    #expect(rowLabels == ["kc-p 64/300/50", "kc-p 256/300/50", "yr-p 64/300/50", "x-p 64/300/50"])
    // The table lists the least monotone first, with the result's exact values.
    let rows = doc.select("//table/tbody/tr")
    let worst = result.meanLatencyRho.indices.min { result.meanLatencyRho[$0] < result.meanLatencyRho[$1] }!
    #expect(rows.first?.select("td").first?.stringValue == result.labels[worst])
    #expect(rows.first?.select("td")[2].strings("@data-value").first == NumberFormat.exact(result.meanLatencyRho[worst]))
    #expect(rows.first?.select("td")[4].strings("@data-value").first == NumberFormat.exact(result.latencyRhoWithReference[worst]))
  }

  @Test func measuredTablesWithoutEnergyOrFiguresKeepTheirOrder() throws {
    var result = Self.result(energy: false, figures: false)
    result.labels = ["pixel3", "<gpu> & co", "cpu", "edge"]
    let html = MonotonicityReport.page(result: result, title: "Devices", run: Self.run, files: []).html()
    let doc = try parseXML(html)
    expectTitledAndLabelled(doc)
    #expect(!doc.strings("//*[local-name()='text'][@class='chart-title']").contains { $0.contains("energy") })
    let rowLabels = doc.strings("//*[local-name()='svg'][@id='chart-1']//*[local-name()='text'][@class='tick-label y']")
    #expect(rowLabels == result.labels)
    #expect(html.contains("&lt;gpu&gt; &amp; co"))
  }
}

@Suite("Cost sweep page")
struct SweepReportTests {
  static func sweep() -> CostSweep {
    var points: [CostSweep.Point] = []
    for dataflow in ["yr-p", "kc-p"] {
      for off in [50, 350] {
        for pes in [16, 64] {
          for noc in [300, 600] where !(dataflow == "yr-p" && off == 350 && pes == 64 && noc == 600) {  // one hole
            let label = "\(dataflow)/\(pes)pe/noc\(noc)/off\(off)"
            let invalid = dataflow == "kc-p" && pes < 64
            let runtime = 1e6 * Double(64 / pes) + Double(noc + off)
            points.append(CostSweep.Point(
              label: label, figures: HardwareFigures(dataflow: dataflow, pes: pes, nocBandwidth: noc, offchipBandwidth: off),
              runtimeCycles: invalid ? nil : runtime, energyPicojoules: invalid ? nil : runtime * 1000,
              invalidReason: invalid ? "layer 0 (conv1): kc-p needs at least 64 PEs <here>" : nil))
          }
        }
      }
    }
    return CostSweep(workload: "tiny & net", layerCount: 3, macs: 1e9, sweep: "test", target: "kc-p/64pe/noc300/off50", points: points)
  }

  @Test func panelsPerDataflowAndOffchipWithInvalidDesignsExplained() throws {
    let sweep = Self.sweep()
    let html = SweepReport.page(sweep: sweep, run: RunDescription(command: ["duet", "cost"], duetVersion: "0.1.0"), files: []).html()
    let doc = try parseXML(html)
    expectTitledAndLabelled(doc)
    expectNoNonFiniteAttributes(html)
    let titles = doc.strings("//*[local-name()='text'][@class='chart-title']")
    // Two metrics × (2 dataflows × 2 off-chip) panels, kc-p first.
    #expect(titles.count == 8)
    #expect(titles.first == "Runtime: kc-p, off-chip 50")
    #expect(doc.strings("//*[local-name()='text'][@class='axis-title x']").allSatisfy { $0 == "NoC bandwidth (elements/cycle)" })
    #expect(doc.strings("//*[local-name()='text'][@class='axis-title color']").contains("Runtime (million cycles)"))
    // Invalid cells: hatched, their reason in the tooltip and in the note, escaped.
    let tips = doc.strings("//*[local-name()='rect']/*[local-name()='title']")
    #expect(tips.contains("PEs 16, NoC bandwidth 300: no value — kc-p/16pe/noc300/off50: invalid — kc-p needs at least 64 PEs <here>"))
    #expect(tips.contains("PEs 64, NoC bandwidth 600: no value — not in the sweep"))
    let notes = doc.strings("//*[local-name()='text'][@class='chart-note']").joined(separator: " ")
    #expect(notes.contains("Hatched, invalid (2 designs): kc-p needs at least 64 PEs <here>."))
    // The table of the fastest designs shows the sweep's exact totals.
    let best = try #require(doc.select("//table").first)
    let fastest = sweep.points.filter(\.isValid).min { $0.runtimeCycles! < $1.runtimeCycles! }!
    #expect(best.select("tbody/tr[1]/td[1]").first?.stringValue == fastest.label)
    #expect(best.select("tbody/tr[1]/td[6]").first?.strings("@data-value").first == NumberFormat.exact(fastest.runtimeCycles!))
    let invalid = try #require(doc.select("//table").last).select("tbody/tr")
    #expect(invalid.count == 1)
    #expect(invalid.first?.select("td").map { $0.stringValue ?? "" }.prefix(2) == ["kc-p needs at least 64 PEs <here>", "4"])
  }

  @Test func displayUnitsKeepValuesReadable() {
    #expect(SweepReport.displayUnit(.runtime, values: [14_680_497, 30_000_000]).unit == "million cycles")
    #expect(SweepReport.displayUnit(.energy, values: [1.2e10]).unit == "mJ")
    #expect(SweepReport.displayUnit(.energy, values: [.nan]).unit == "pJ")
    let figures = HardwareFigures(dataflow: "kc-p", pes: 16, nocBandwidth: 1, offchipBandwidth: 1)
    let point = { (reason: String?) in
      CostSweep.Point(label: "p", figures: figures, runtimeCycles: nil, energyPicojoules: nil, invalidReason: reason)
    }
    #expect(point("layer 3 (conv2): too big").invalidCause == "too big")
    #expect(point("too big").invalidCause == "too big")
    #expect(point(nil).invalidCause == nil)
  }

  @Test func oneInvalidPointRenders() throws {
    var sweep = Self.sweep()
    sweep.points = [sweep.points.first { !$0.isValid }!]
    let html = SweepReport.page(sweep: sweep, run: RunDescription(command: ["duet"], duetVersion: "0"), files: []).html()
    expectTitledAndLabelled(try parseXML(html))
    expectNoNonFiniteAttributes(html)
  }
}
