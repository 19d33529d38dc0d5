import Foundation

/// How a number is shown to a reader: in tables, tooltips, tick labels and cell labels.
///
/// A report formats each number once with its column's or axis's `ValueFormat` and uses that string
/// everywhere it appears, so the table, the chart tooltip and the cell label always agree. Exact values
/// belong in the CSV/JSON beside the page (`NumberFormat.exact`); `ValueFormat` is for eyes.
///
/// Output is deterministic: it never depends on the locale (the decimal mark is always `.`, thousands
/// are grouped with `,`), and `-0` prints as `0`. Very large or small magnitudes use `×10ⁿ` notation.
public enum ValueFormat: Hashable, Sendable, Codable {
  /// This many significant digits (at least 1), trailing zeros kept: `93.40`, `0.001235`, `1.235×10⁶`.
  case significant(Int)
  /// This many decimals (0 or more): `12.35`.
  case fixed(Int)
  /// Rounded to an integer and grouped by thousands: `2,062,500`.
  case integer
  /// A fraction shown as a percentage with this many decimals: `0.934` → `93.4 %`.
  case percent(Int)

  /// The text for `value`; `n/a` for NaN, `∞`/`−∞` for infinities.
  public func string(_ value: Double) -> String {
    if value.isNaN { return "n/a" }
    if value.isInfinite { return value > 0 ? "∞" : "−∞" }
    switch self {
    case .significant(let digits):
      return Self.significant(value, digits: max(1, digits))
    case .fixed(let decimals):
      return Self.fixed(value, decimals: max(0, decimals))
    case .integer:
      let rounded = value.rounded()
      guard abs(rounded) < 1e18 else { return Self.significant(value, digits: 4) }
      return Self.grouped(Int64(rounded))
    case .percent(let decimals):
      return Self.fixed(value * 100, decimals: max(0, decimals)) + " %"
    }
  }

  static func fixed(_ value: Double, decimals: Int) -> String {
    guard abs(value) < 1e15 else { return significant(value, digits: decimals + 1) }
    let text = String(format: "%.\(min(decimals, 12))f", value)
    return Self.isNegativeZero(text) ? String(text.dropFirst()) : text
  }

  /// Significant digits: fixed notation for magnitudes in [10⁻³, 10⁶), `m×10ⁿ` outside.
  static func significant(_ value: Double, digits: Int) -> String {
    if value == 0 { return digits > 1 ? "0." + String(repeating: "0", count: digits - 1) : "0" }
    // Round first in scientific notation: the exponent after rounding decides the layout (9.9996 → 10.00).
    let scientific = String(format: "%.\(digits - 1)e", value)
    guard let e = scientific.firstIndex(where: { $0 == "e" }), let exponent = Int(scientific[scientific.index(after: e)...])
    else { return scientific }
    if exponent >= -3 && exponent < 6 {
      let text = fixed(value, decimals: max(0, digits - 1 - exponent))
      // Integers of 4–6 digits read better grouped (12,345); fixed() never groups.
      if exponent >= 3 && digits - 1 - exponent <= 0, let whole = Int64(text) { return grouped(whole) }
      return text
    }
    return String(scientific[..<e]) + "×10" + superscript(exponent)
  }

  /// Thousands grouped with commas: `-1,234,567`.
  public static func grouped(_ value: Int64) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
      out.append(digit)
    }
    return value < 0 ? "-" + out : out
  }

  /// An integer in Unicode superscript digits: `-4` → `⁻⁴`.
  static func superscript(_ value: Int) -> String {
    let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
    let body = String(value.magnitude).map { digits[Int(String($0))!] }  // decimal digits only
    return (value < 0 ? "⁻" : "") + String(body)
  }

  private static func isNegativeZero(_ text: String) -> Bool {
    text.hasPrefix("-") && text.dropFirst().allSatisfy { $0 == "0" || $0 == "." }
  }
}
