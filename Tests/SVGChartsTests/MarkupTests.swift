import Testing
@testable import SVGCharts

@Suite("Markup: escaping and coordinates")
struct MarkupTests {
  @Test func escapesEveryMarkupCharacter() {
    #expect(Markup.escape("a<b & \"c\" 'd' >") == "a&lt;b &amp; &quot;c&quot; &#39;d&#39; &gt;")
    #expect(Markup.escape("ρ × 10⁶ — ok") == "ρ × 10⁶ — ok")
  }

  @Test func replacesCharactersXMLForbids() {
    #expect(Markup.escape("a\u{0}b\u{1B}c\td\n") == "a\u{FFFD}b\u{FFFD}c\td\n")
  }

  @Test(arguments: [
    (0.0, "0"), (-0.0, "0"), (1.0, "1"), (12.5, "12.5"), (0.25, "0.25"), (0.05, "0.05"), (-3.456, "-3.46"),
    (100.004, "100"), (1e-9, "0"), (-0.004, "0"), (7.10, "7.1"), (Double.nan, "0"), (Double.infinity, "0"),
  ])
  func coordinates(value: Double, text: String) {
    #expect(Markup.coordinate(value) == text)
  }
}
