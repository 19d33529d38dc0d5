import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
import SVGCharts
@testable import Reports

@Suite("Demo report: every chart kind on co-search-shaped data")
struct DemoReportTests {
  /// Writes the demo run folder (to `$DUET_REPORT_DEMO_DIR` when set, for the screenshot script) and
  /// checks the page: well-formed, every chart titled and labelled, numbers equal to result.json.
  @Test func demoReportIsCompleteAndConsistent() throws {
    let (page, files, result) = DemoReport.make()
    let keep = ProcessInfo.processInfo.environment["DUET_REPORT_DEMO_DIR"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
    let folder = keep ?? temporaryFolder("demo-report")
    defer { if keep == nil { try? FileManager.default.removeItem(at: folder) } }
    try RunFolder(path: folder.path).write(page: page, dataFiles: files)
    if let keep { TestPaths.note("demo report written to \(keep.path)/index.html") }

    let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
    let doc = try parseXML(html)
    expectTitledAndLabelled(doc)
    expectNoNonFiniteAttributes(html)
    #expect(doc.select("//*[local-name()='svg']").count == 13)

    // The numbers shown equal result.json: exact in data-value, and the text is the one format of it.
    let decoded = try JSONDecoder().decode(DemoReport.Result.self, from: Data(contentsOf: folder.appendingPathComponent("result.json")))
    #expect(decoded == result)
    let rows = doc.select("//table/tbody/tr")
    #expect(rows.count == decoded.strategies.count)
    for (row, strategy) in zip(rows, decoded.strategies) {
      let cells = row.select("td")
      let texts = cells.map { $0.stringValue ?? "" }
      let exact = cells.map { $0.strings("@data-value").first }
      #expect(texts[0] == strategy.name)
      #expect(texts[3] == DemoReport.accuracyFormat.string(strategy.accuracyPercent))
      #expect(exact[3] == NumberFormat.exact(strategy.accuracyPercent))
      #expect(texts[4] == DemoReport.latencyFormat.string(strategy.latencyMilliseconds))
      #expect(exact[4] == NumberFormat.exact(strategy.latencyMilliseconds))
      #expect(texts[5] == DemoReport.energyFormat.string(strategy.energyMillijoules))
      #expect(texts[6] == ValueFormat.grouped(Int64(strategy.evaluations)))
      #expect(exact[6] == String(strategy.evaluations))
    }
    // The chart's highlighted choice shows the same strings as the table.
    let coupled = decoded.strategies[0]
    let tip = doc.strings("//*[local-name()='svg'][@id='chart-2']//*[@class='annotation']/*[local-name()='title']").first ?? ""
    #expect(tip == "fully coupled choice — Latency on the target \(DemoReport.latencyFormat.string(coupled.latencyMilliseconds)) ms, Top-1 accuracy \(DemoReport.accuracyFormat.string(coupled.accuracyPercent)) %")
    // Names with markup characters come out as text.
    #expect(doc.strings("//table/tbody/tr[3]/td[1]").first == "fully decoupled <arch → hw>")
    #expect(html.contains("fully decoupled &lt;arch → hw&gt;"))
    // Links to every data file, with sizes.
    #expect(doc.strings("//ul[@class='files']/li/a/@href") == ["result.json", "strategies.csv", "architectures.csv"])
    // Same seed, same bytes.
    #expect(DemoReport.make().page.html() == page.html())
  }

  @Test func edgeCasePageRenders() throws {
    let page = DemoReport.edgeCases()
    let html = page.html()
    let doc = try parseXML(html)
    expectTitledAndLabelled(doc)
    expectNoNonFiniteAttributes(html)
    #expect(doc.select("//*[local-name()='svg']").count == 11)
    if let keep = ProcessInfo.processInfo.environment["DUET_REPORT_DEMO_DIR"], !keep.isEmpty {
      try RunFolder(path: keep + "/edge-cases").write(page: page, dataFiles: [])
      TestPaths.note("edge-case report written to \(keep)/edge-cases/index.html")
    }
  }
}
