/// The parts every chart kind shares: the title block on top, the legend and the notes at the bottom.
/// Layout is measured first (so the chart's height fits everything), then drawn.
struct ChartFrame {
  static let margin = 12.0
  static let titleSize = 15.0, titleLeading = 19.0
  static let subtitleSize = 12.0, subtitleLeading = 15.0
  static let noteSize = 11.0, noteLeading = 14.0
  static let tickLabelSize = 11.0
  static let axisTitleSize = 13.0

  var titleLines: [String]
  var subtitleLines: [String]

  init(title: String, subtitle: String?, width: Double) {
    let text = width - 2 * Self.margin
    titleLines = TextMetrics.wrap(title, fontSize: Self.titleSize, maxWidth: text, bold: true)
    subtitleLines = subtitle.map { TextMetrics.wrap($0, fontSize: Self.subtitleSize, maxWidth: text) } ?? []
  }

  /// Where the content below the header may start.
  var headerHeight: Double {
    Self.margin + Double(titleLines.count) * Self.titleLeading + Double(subtitleLines.count) * Self.subtitleLeading + 8
  }

  func drawHeader(_ canvas: inout SVGCanvas) {
    var y = Self.margin + Self.titleSize
    for (index, line) in titleLines.enumerated() {
      canvas.text(line, x: Self.margin, y: y, size: Self.titleSize, bold: true, color: "#111111",
                  className: index == 0 ? "chart-title" : "chart-title-continued")
      y += Self.titleLeading
    }
    y += Self.subtitleSize - Self.titleSize + 2
    for line in subtitleLines {
      canvas.text(line, x: Self.margin, y: y, size: Self.subtitleSize, color: "#444444", className: "chart-subtitle")
      y += Self.subtitleLeading
    }
  }

  /// Notes wrapped to the chart width.
  static func noteLines(_ notes: [String], width: Double) -> [String] {
    notes.flatMap { TextMetrics.wrap($0, fontSize: noteSize, maxWidth: width - 2 * margin) }
  }

  static func notesHeight(_ lines: [String]) -> Double {
    lines.isEmpty ? 0 : Double(lines.count) * noteLeading + 4
  }

  /// Draws note lines with the first baseline just below `top`.
  static func drawNotes(_ lines: [String], top: Double, canvas: inout SVGCanvas) {
    var y = top + noteSize + 2
    for line in lines {
      canvas.text(line, x: margin, y: y, size: noteSize, color: "#555555", className: "chart-note", italic: true)
      y += noteLeading
    }
  }
}

/// A legend entry's sample.
enum LegendSwatch {
  case marker(MarkerShape, ChartColor, opacity: Double)
  case line(ChartColor, dashed: Bool)
  case lineAndMarker(MarkerShape, ChartColor)
  case patch(ChartColor)
  case hatched
}

/// Legend entries laid out in rows that wrap at a given width.
struct LegendLayout {
  static let rowHeight = 18.0
  static let swatchWidth = 22.0
  var items: [(name: String, swatch: LegendSwatch, x: Double, row: Int)] = []
  var rows = 0

  init(_ entries: [(String, LegendSwatch)], left: Double, maxWidth: Double) {
    var x = left
    var row = 0
    for (name, swatch) in entries {
      let shown = TextMetrics.truncate(name, fontSize: 12, maxWidth: maxWidth - Self.swatchWidth - 6)
      let width = Self.swatchWidth + 5 + TextMetrics.width(shown, fontSize: 12) + 16
      if x > left && x + width > left + maxWidth {
        row += 1
        x = left
      }
      items.append((shown, swatch, x, row))
      x += width
    }
    rows = entries.isEmpty ? 0 : row + 1
  }

  var height: Double { Double(rows) * Self.rowHeight }

  func draw(top: Double, canvas: inout SVGCanvas) {
    guard rows > 0 else { return }
    canvas.open("g", [("class", "legend")])
    for item in items {
      let cy = top + Double(item.row) * Self.rowHeight + Self.rowHeight / 2
      let x = item.x
      switch item.swatch {
      case .marker(let shape, let color, let opacity):
        canvas.marker(shape, x: x + Self.swatchWidth / 2, y: cy, r: 4, attributes: [("fill", color.svg)] + (opacity < 1 ? [("fill-opacity", Markup.coordinate(max(opacity, 0.5)))] : []))
      case .line(let color, let dashed):
        canvas.line(x, cy, x + Self.swatchWidth, cy, [("stroke", color.svg), ("stroke-width", "2")] + (dashed ? [("stroke-dasharray", "6 4")] : []))
      case .lineAndMarker(let shape, let color):
        canvas.line(x, cy, x + Self.swatchWidth, cy, [("stroke", color.svg), ("stroke-width", "2")])
        canvas.marker(shape, x: x + Self.swatchWidth / 2, y: cy, r: 3.5, attributes: [("fill", color.svg), ("stroke", "#ffffff"), ("stroke-width", "0.8")])
      case .patch(let color):
        canvas.rect(x + 4, cy - 6, Self.swatchWidth - 8, 12, [("fill", color.svg)])
      case .hatched:
        canvas.rect(x + 4, cy - 6, Self.swatchWidth - 8, 12, [("fill", "#ffffff"), ("stroke", "#999999")])
        canvas.line(x + 4, cy + 6, x + Self.swatchWidth - 4, cy - 6, [("stroke", "#999999")])
      }
      canvas.text(item.name, x: x + Self.swatchWidth + 5, y: cy + 4, size: 12, className: "legend-label")
    }
    canvas.close("g")
  }
}

/// Places labels so they do not overlap one another: each label tries its preferred spot, then spots
/// shifted down (or up) in steps of one line.
struct LabelPlacer {
  private var placed: [(x0: Double, y0: Double, x1: Double, y1: Double)] = []
  var bounds: (top: Double, bottom: Double)

  init(top: Double, bottom: Double) { bounds = (top, bottom) }

  /// The baseline y for a label whose box spans [x0, x1] horizontally, preferring `y`.
  mutating func place(x0: Double, x1: Double, y: Double, height: Double = 13) -> Double {
    let step = height + 2
    let candidates = (0..<8).flatMap { i in [y + Double(i) * step, y - Double(i) * step] }
    for candidate in candidates where candidate - height >= bounds.top && candidate + 3 <= bounds.bottom {
      let box = (x0, candidate - height, x1, candidate + 3)
      if !placed.contains(where: { $0.x0 < box.2 && box.0 < $0.x1 && $0.y0 < box.3 && box.1 < $0.y1 }) {
        placed.append(box)
        return candidate
      }
    }
    placed.append((x0, y - height, x1, y + 3))
    return y
  }
}
