import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
import SVGCharts
@testable import Reports

@Suite("HTML pages: well-formed, self-contained, escaped, deterministic")
struct ReportPageTests {
  static let evil = "a<b>&amp;\"q\" 'x' </section>"

  static func page(_ name: String = "Demo", startedAt: String? = nil) -> ReportPage {
    let chart = XYChart(title: "Accuracy \(evil)", xAxis: Axis("Latency", unit: "ms"), yAxis: Axis("Accuracy", unit: "%"),
                        series: [XYSeries(evil, points: [XYPoint(x: 1, y: 90, label: evil), XYPoint(x: 2, y: 93)])])
    let heat = Heatmap(title: "Heat", xAxis: CategoryAxis("NoC", unit: "elements/cycle", categories: ["1", evil]),
                       yAxis: CategoryAxis("PEs", unit: "count", categories: ["64"]), values: [[1, 2]], colorScale: ColorScale("Runtime", unit: "ms"))
    let table = ReportTable(caption: "Strategies \(evil)", columns: [.init("Strategy \(evil)"), .init("Accuracy", unit: "%", numeric: true), .init("Evaluations", numeric: true)],
                            rows: [[TableCell(evil), .number(93.3733, .fixed(2)), .count(2_062_500)], ["short row"]], highlightedRows: [0], note: evil)
    return ReportPage(
      title: "\(name) \(evil)", summary: evil,
      run: RunDescription(command: ["duet", "cosearch", "--out", "reports/my run", evil], duetVersion: "0.1.0 \(evil)", seed: 42,
                          facts: [Fact(evil, evil)], conventions: [Fact("Energy", evil)], startedAt: startedAt),
      sections: [
        ReportSection("Section \(evil)", introduction: evil, blocks: [
          .paragraph(evil), .callout(evil), .chart(.xy(chart), howToRead: evil), .table(table), .facts([Fact("k", evil)]),
        ]),
        ReportSection("Grid", blocks: [.chartGrid([.heatmap(heat), .heatmap(heat)], howToRead: "Compare panels.")]),
      ],
      files: [LinkedFile(name: "csv/a b&c.csv", description: evil, byteCount: 12_345)])
  }

  @Test func wellFormedAndSelfContained() throws {
    let html = Self.page().html()
    let doc = try parseXML(html)
    expectTitledAndLabelled(doc)
    let lower = html.lowercased()
    for forbidden in ["<script", "<link", "<img", "<iframe", "@import", "src=", "url(http", "javascript:"] {
      #expect(!lower.contains(forbidden), "page contains \(forbidden)")
    }
    // The only absolute URL is the SVG namespace name, which browsers never fetch.
    let urls = html.matches(of: try Regex(#"https?://[^"' )<]+"#)).map { String(html[$0.range]) }
    #expect(Set(urls) == ["http://www.w3.org/2000/svg"])
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
    #expect(html.contains("<meta charset=\"utf-8\"/>"))
  }

  @Test func textIsEscapedEverywhere() throws {
    let html = Self.page().html()
    let doc = try parseXML(html)
    #expect(!html.contains("<b>") && !html.contains("'x' </section>"))
    #expect(doc.strings("//h1") == ["Demo \(Self.evil)"])
    #expect(doc.strings("//p[@class='summary']") == [Self.evil])
    #expect(doc.strings("//section[@id='section-1']/h2") == ["Section \(Self.evil)"])
    #expect(doc.strings("//p[@class='callout']") == [Self.evil])
    #expect(doc.strings("//table/caption") == ["Strategies \(Self.evil)"])
    #expect(doc.strings("//table/thead/tr/th[1]") == ["Strategy \(Self.evil)"])
    #expect(doc.strings("//table/tbody/tr[1]/td[1]") == [Self.evil])
    #expect(doc.strings("//figure[@class='chart']/figcaption") == ["How to read: \(Self.evil)"])
    #expect(doc.strings("//section[@id='run']//dd").contains(Self.evil))
    // The command is shell-quoted, so it can be pasted back.
    #expect(doc.strings("//pre[@class='command']") == ["duet cosearch --out 'reports/my run' '\(Self.evil.replacingOccurrences(of: "'", with: "'\\''"))'"])
    #expect(doc.strings("//ul[@class='files']/li/a/@href") == ["csv/a%20b%26c.csv"])
    #expect(doc.strings("//ul[@class='files']/li/span[@class='size']") == ["(12.3 KB)"])
  }

  @Test func tablesCarryExactValuesBesideTheText() throws {
    let doc = try parseXML(Self.page().html())
    let row = doc.select("//table/tbody/tr[1]/td")
    #expect(row.map { $0.stringValue ?? "" } == [Self.evil, "93.37", "2,062,500"])
    #expect(row.map { $0.strings("@data-value").first ?? "-" } == ["-", "93.3733", "2062500"])
    #expect(doc.strings("//table/tbody/tr[1]/@class") == ["highlight"])
    // A short row is padded to the column count.
    #expect(doc.select("//table/tbody/tr[2]/td").count == 3)
  }

  @Test func chartIDsAreUniqueAndEveryChartSaysHowToReadIt() throws {
    let doc = try parseXML(Self.page().html())
    let ids = doc.strings("//*[@id]/@id")
    #expect(Set(ids).count == ids.count, "\(ids)")
    #expect(doc.strings("//*[local-name()='svg']/@id") == ["chart-1", "chart-2", "chart-3"])
    for figure in doc.select("//figure") {
      #expect(figure.strings("figcaption/strong").first == "How to read:")
    }
  }

  @Test func sameInputSameBytesAndNoTimestampUnlessGiven() {
    #expect(Self.page().html() == Self.page().html())
    #expect(!Self.page().html().contains("Started"))
    #expect(Self.page(startedAt: "2026-11-26 07:40 UTC").html().contains("<dt>Started</dt><dd>2026-11-26 07:40 UTC</dd>"))
  }
}

@Suite("Shell quoting of recorded command lines")
struct ShellQuoteTests {
  @Test func shellQuoting() {
    #expect(ShellQuote.quote("--seed") == "--seed")
    #expect(ShellQuote.quote("reports/run 1") == "'reports/run 1'")
    #expect(ShellQuote.quote("it's") == "'it'\\''s'")
    #expect(ShellQuote.quote("") == "''")
  }
}
