import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// Parses text as XML (the page is XHTML-compatible, charts are SVG): a parse error fails the test.
func parseXML(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> XMLDocument {
  do {
    return try XMLDocument(data: Data(text.utf8), options: [])
  } catch {
    Issue.record("not well-formed XML: \(error)", sourceLocation: sourceLocation)
    throw error
  }
}

extension XMLNode {
  /// Nodes matching an XPath; SVG elements live in the SVG namespace, so match them with
  /// `*[local-name()='text']`.
  func select(_ xpath: String) -> [XMLNode] { (try? nodes(forXPath: xpath)) ?? [] }

  /// The string values of matching nodes.
  func strings(_ xpath: String) -> [String] { select(xpath).map { $0.stringValue ?? "" } }
}

/// Every chart (`svg` element) below `node` has a non-empty title, an x-axis title and a y-axis title.
func expectTitledAndLabelled(_ node: XMLNode, sourceLocation: SourceLocation = #_sourceLocation) {
  let charts = node.select("//*[local-name()='svg']")
  #expect(!charts.isEmpty, "no chart found", sourceLocation: sourceLocation)
  for chart in charts {
    let id = chart.strings("@id").first ?? "?"
    let title = chart.strings("./*[local-name()='text'][@class='chart-title']").first ?? ""
    #expect(!title.trimmingCharacters(in: .whitespaces).isEmpty, "chart \(id) has no title", sourceLocation: sourceLocation)
    #expect(chart.strings("./*[local-name()='title']").first?.isEmpty == false, "chart \(id) has no accessible title", sourceLocation: sourceLocation)
    for axis in ["x", "y"] {
      let label = chart.strings(".//*[local-name()='text'][@class='axis-title \(axis)']").first ?? ""
      #expect(!label.isEmpty, "chart \(id) has no \(axis)-axis title", sourceLocation: sourceLocation)
    }
  }
}

/// No attribute value anywhere says NaN or infinity (a chart must skip such points, not print them).
/// Text may say "NaN" in words (the notes do); attribute values never may.
func expectNoNonFiniteAttributes(_ markup: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let attribute = try! Regex(#"=\"([^\"]*)\""#)
  let nonFinite = try! Regex(#"(?i)(^|[^a-z])(nan|inf|infinity)([^a-z]|$)"#)
  for match in markup.matches(of: attribute) {
    let value = String(markup[match.range]).dropFirst(2).dropLast()
    #expect(value.firstMatch(of: nonFinite) == nil, "attribute value \(value)", sourceLocation: sourceLocation)
  }
}

/// Golden files under `Tests/ReportsTests/Golden/`. A missing golden (or `DUET_RECORD_GOLDEN=1`) is
/// written and the test FAILS, so no run passes by recording; review the new file, then re-run.
enum Golden {
  static func check(_ name: String, _ actual: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let path = TestPaths.project("Tests/ReportsTests/Golden/\(name)")
    let record = ProcessInfo.processInfo.environment["DUET_RECORD_GOLDEN"] == "1"
    guard !record, let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
      try? actual.write(toFile: path, atomically: true, encoding: .utf8)
      Issue.record("recorded golden file \(path); review it and run the tests again", sourceLocation: sourceLocation)
      return
    }
    if expected != actual {
      let actualPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).actual").path
      try? actual.write(toFile: actualPath, atomically: true, encoding: .utf8)
      let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
      let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
      let want = line < a.count ? String(a[line]) : "<end>"
      let got = line < b.count ? String(b[line]) : "<end>"
      Issue.record("\(name) differs from its golden file at line \(line + 1):\n  golden: \(want)\n  actual: \(got)\n(actual written to \(actualPath); if the change is intended, re-record with DUET_RECORD_GOLDEN=1 and review the diff)", sourceLocation: sourceLocation)
    }
  }
}

/// A fresh temporary folder, removed by the caller.
func temporaryFolder(_ label: String) -> URL {
  var random = SystemRandomNumberGenerator()
  return FileManager.default.temporaryDirectory.appendingPathComponent("duet-\(label)-\(random.next() % 1_000_000_000)")
}
