import Testing
@testable import SVGCharts

@Suite("Value formatting for readers")
struct ValueFormatTests {
  @Test(arguments: [
    (93.3733, 4, "93.37"), (93.4, 4, "93.40"), (0.0012345, 3, "0.00123"), (9.9996, 4, "10.00"),
    (1234.6, 4, "1,235"), (123_456.0, 6, "123,456"), (2_062_700, 4, "2.063×10⁶"), (0.00001234, 3, "1.23×10⁻⁵"),
    (-0.5, 2, "-0.50"), (0, 3, "0.00"), (-0.0, 1, "0"), (0.99126, 4, "0.9913"),
  ])
  func significantDigits(value: Double, digits: Int, text: String) {
    #expect(ValueFormat.significant(digits).string(value) == text)
  }

  @Test func otherFormats() {
    #expect(ValueFormat.integer.string(2_062_500) == "2,062,500")
    #expect(ValueFormat.integer.string(-1234.6) == "-1,235")
    #expect(ValueFormat.fixed(2).string(12.345678) == "12.35")
    #expect(ValueFormat.fixed(1).string(-0.04) == "0.0")
    #expect(ValueFormat.percent(1).string(0.9337) == "93.4 %")
  }

  @Test func nonFiniteValuesAreWords() {
    for format in [ValueFormat.significant(4), .fixed(2), .integer, .percent(1)] {
      #expect(format.string(.nan) == "n/a")
      #expect(format.string(.infinity) == "∞")
      #expect(format.string(-.infinity) == "−∞")
    }
  }

  @Test func superscripts() {
    #expect(ValueFormat.superscript(-12) == "⁻¹²")
    #expect(ValueFormat.superscript(305) == "³⁰⁵")
  }
}
