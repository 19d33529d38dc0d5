/// Text and numbers as they go into SVG and HTML.
///
/// Every string from outside the chart layer (names, labels, notes) passes through `escape` before it
/// reaches the page, so a name such as `a<b & "c"` can never break the markup. Every coordinate passes
/// through `coordinate`, which never prints `nan` or `inf`.
public enum Markup {
  /// Escapes text for XML element content and attribute values (both quote styles).
  ///
  /// Characters XML 1.0 forbids (control characters other than tab, line feed and carriage return) are
  /// replaced by U+FFFD, so the page stays well-formed whatever a name contains.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) {
          out += "\u{FFFD}"
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }

  /// A coordinate or length with at most two decimals and no trailing zeros (`12.5`, `-3`, `0.25`).
  ///
  /// Two decimals are a hundredth of a CSS pixel: finer than any screen, and short. The digits are built
  /// from an integer so the bytes never depend on a C library's formatting. A non-finite value (which
  /// the callers filter out before drawing) prints as `0` rather than `nan`.
  public static func coordinate(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let hundredths = (value * 100).rounded()
    guard abs(hundredths) < 1e15 else { return "0" }
    var n = Int64(hundredths)
    if n == 0 { return "0" }
    let negative = n < 0
    if negative { n = -n }
    let whole = n / 100
    let fraction = n % 100
    var text = negative ? "-" : ""
    text += String(whole)
    if fraction != 0 {
      text += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
    }
    return text
  }
}
