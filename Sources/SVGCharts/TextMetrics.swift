/// Estimated text widths, for laying out labels without a font engine.
///
/// The table is DejaVu Sans's advance widths (thousandths of an em, ASCII 32–126): the font headless
/// Chromium falls back to on Debian, and wider than Helvetica or Arial, so a layout that fits here fits
/// on other systems too. Bold is about 9 % wider. Characters outside ASCII count as 0.64 em, except
/// superscript digits (0.40 em).
enum TextMetrics {
  static func width(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
    var thousandths = 0
    for scalar in text.unicodeScalars {
      let v = Int(scalar.value)
      if v >= 32 && v < 127 {
        thousandths += regular[v - 32]
      } else if superscripts.contains(scalar) {
        thousandths += 401
      } else {
        thousandths += 640
      }
    }
    return Double(thousandths) / 1000 * fontSize * (bold ? 1.09 : 1)
  }

  /// Splits `text` into lines no wider than `maxWidth`, at spaces (a single word longer than a line
  /// gets a line of its own rather than being cut).
  static func wrap(_ text: String, fontSize: Double, maxWidth: Double, bold: Bool = false) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      let candidate = current.isEmpty ? String(word) : current + " " + word
      if current.isEmpty || width(candidate, fontSize: fontSize, bold: bold) <= maxWidth {
        current = candidate
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    if !current.isEmpty { lines.append(current) }
    return lines.isEmpty ? [""] : lines
  }

  /// `text` shortened with an ellipsis to fit `maxWidth` (the full text goes in a tooltip).
  static func truncate(_ text: String, fontSize: Double, maxWidth: Double) -> String {
    guard width(text, fontSize: fontSize) > maxWidth else { return text }
    var kept = ""
    for character in text {
      if width(kept + String(character) + "…", fontSize: fontSize) > maxWidth { break }
      kept.append(character)
    }
    return kept + "…"
  }

  private static let superscripts = Set("⁰¹²³⁴⁵⁶⁷⁸⁹⁻".unicodeScalars)

  private static let regular: [Int] = [
    318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636,
    636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775,
    752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390,
    337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612,
    635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
  ]
}
