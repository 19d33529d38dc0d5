public import Foundation
#if canImport(FoundationXML)
public import FoundationXML
#endif
public import Testing

/// Parses text as XML (the page is XHTML-compatible, charts are SVG): a parse error fails the test.
public func parseXML(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> XMLDocument {
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
  public func select(_ xpath: String) -> [XMLNode] { (try? nodes(forXPath: xpath)) ?? [] }

  /// The string values of matching nodes.
  public func strings(_ xpath: String) -> [String] { select(xpath).map { $0.stringValue ?? "" } }
}

/// Every chart (`svg` element) below `node` has a non-empty title, an x-axis title and a y-axis title.
public func expectTitledAndLabelled(_ node: XMLNode, sourceLocation: SourceLocation = #_sourceLocation) {
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
public func expectNoNonFiniteAttributes(_ markup: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let attribute = try! Regex(#"=\"([^\"]*)\""#)
  let nonFinite = try! Regex(#"(?i)(^|[^a-z])(nan|inf|infinity)([^a-z]|$)"#)
  for match in markup.matches(of: attribute) {
    let value = String(markup[match.range]).dropFirst(2).dropLast()
    #expect(value.firstMatch(of: nonFinite) == nil, "attribute value \(value)", sourceLocation: sourceLocation)
  }
}

