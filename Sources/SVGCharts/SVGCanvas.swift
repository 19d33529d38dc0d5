/// Accumulates SVG markup. Every string argument is escaped here and every number goes through
/// `Markup.coordinate`, so callers cannot emit broken markup or `nan`.
struct SVGCanvas {
  private(set) var markup = ""

  /// The font stack: system UI fonts, then DejaVu Sans (Debian), then generic; nothing is fetched.
  static let fontFamily = "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', Helvetica, Arial, sans-serif"

  init(width: Double, height: Double, id: String, title: String, description: String?) {
    let n = Markup.coordinate
    markup += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"\(Markup.escape(id))\""
    markup += " viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\""
    markup += " role=\"img\" aria-labelledby=\"\(Markup.escape(id))-title\""
    markup += " font-family=\"\(Self.fontFamily)\" font-size=\"12\">\n"
    markup += "<title id=\"\(Markup.escape(id))-title\">\(Markup.escape(title))</title>\n"
    if let description { markup += "<desc>\(Markup.escape(description))</desc>\n" }
    markup += "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n"
  }

  mutating func finish() -> String {
    markup += "</svg>\n"
    return markup
  }

  /// Raw markup built by the chart code itself (never from outside text).
  mutating func raw(_ text: String) { markup += text }

  mutating func open(_ element: String, _ attributes: [(String, String)] = []) {
    markup += "<\(element)\(Self.attributes(attributes))>\n"
  }

  mutating func close(_ element: String) { markup += "</\(element)>\n" }

  /// A leaf element, with an optional tooltip (`<title>` child).
  mutating func element(_ name: String, _ attributes: [(String, String)], tooltip: String? = nil) {
    if let tooltip {
      markup += "<\(name)\(Self.attributes(attributes))><title>\(Markup.escape(tooltip))</title></\(name)>\n"
    } else {
      markup += "<\(name)\(Self.attributes(attributes))/>\n"
    }
  }

  mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ attributes: [(String, String)] = []) {
    let n = Markup.coordinate
    element("line", [("x1", n(x1)), ("y1", n(y1)), ("x2", n(x2)), ("y2", n(y2))] + attributes)
  }

  mutating func rect(_ x: Double, _ y: Double, _ width: Double, _ height: Double, _ attributes: [(String, String)] = [], tooltip: String? = nil) {
    let n = Markup.coordinate
    element("rect", [("x", n(x)), ("y", n(y)), ("width", n(max(0, width))), ("height", n(max(0, height)))] + attributes, tooltip: tooltip)
  }

  enum Anchor: String { case start, middle, end }

  /// A text element; `rotate` in degrees about (x, y); `tooltip` only when it differs from `content`.
  mutating func text(
    _ content: String, x: Double, y: Double, size: Double = 12, anchor: Anchor = .start, bold: Bool = false,
    color: String = "#222222", className: String? = nil, rotate: Double? = nil, italic: Bool = false,
    halo: Bool = false, tooltip: String? = nil
  ) {
    let n = Markup.coordinate
    var attributes: [(String, String)] = [("x", n(x)), ("y", n(y))]
    if let className { attributes.append(("class", className)) }
    if size != 12 { attributes.append(("font-size", n(size))) }
    if anchor != .start { attributes.append(("text-anchor", anchor.rawValue)) }
    if bold { attributes.append(("font-weight", "bold")) }
    if italic { attributes.append(("font-style", "italic")) }
    attributes.append(("fill", color))
    if halo {
      // A white outline under the glyphs keeps a label legible over points and lines.
      attributes += [("stroke", "#ffffff"), ("stroke-width", "3"), ("stroke-linejoin", "round"), ("paint-order", "stroke")]
    }
    if let rotate { attributes.append(("transform", "rotate(\(n(rotate)) \(n(x)) \(n(y)))")) }
    // A tooltip repeating the visible text adds nothing (it is there for text shortened to fit).
    let tip = tooltip == content ? nil : tooltip
    let body = Markup.escape(content) + (tip.map { "<title>\(Markup.escape($0))</title>" } ?? "")
    markup += "<text\(Self.attributes(attributes))>\(body)</text>\n"
  }

  static func attributes(_ pairs: [(String, String)]) -> String {
    pairs.map { " \($0.0)=\"\(Markup.escape($0.1))\"" }.joined()
  }
}

/// Marker shapes; series differ in shape as well as colour so they stay apart in greyscale print.
public enum MarkerShape: String, Hashable, Sendable, Codable, CaseIterable {
  case circle, square, triangle, diamond, triangleDown, plus, cross

  /// The `index`-th shape, cycling.
  public static func series(_ index: Int) -> MarkerShape { allCases[((index % allCases.count) + allCases.count) % allCases.count] }

  /// Path data for a marker of radius `r` centred on (x, y); `nil` for a circle.
  func path(x: Double, y: Double, r: Double) -> String? {
    let n = Markup.coordinate
    switch self {
    case .circle: return nil
    case .square:
      let s = r * 0.89  // same area as the circle
      return "M\(n(x - s)) \(n(y - s))h\(n(2 * s))v\(n(2 * s))h\(n(-2 * s))z"
    case .triangle:
      let s = r * 1.3
      return "M\(n(x)) \(n(y - s))L\(n(x + s * 0.866)) \(n(y + s * 0.5))L\(n(x - s * 0.866)) \(n(y + s * 0.5))z"
    case .triangleDown:
      let s = r * 1.3
      return "M\(n(x)) \(n(y + s))L\(n(x + s * 0.866)) \(n(y - s * 0.5))L\(n(x - s * 0.866)) \(n(y - s * 0.5))z"
    case .diamond:
      let s = r * 1.25
      return "M\(n(x)) \(n(y - s))L\(n(x + s)) \(n(y))L\(n(x)) \(n(y + s))L\(n(x - s)) \(n(y))z"
    case .plus:
      let s = r * 1.2, t = r * 0.4
      return "M\(n(x - t)) \(n(y - s))h\(n(2 * t))v\(n(s - t))h\(n(s - t))v\(n(2 * t))h\(n(t - s))v\(n(s - t))h\(n(-2 * t))v\(n(t - s))h\(n(t - s))v\(n(-2 * t))h\(n(s - t))z"
    case .cross:
      // The plus turned by 45°, as a polygon.
      let s = r * 1.2, t = r * 0.4
      let points: [(Double, Double)] = [(-t, -s), (t, -s), (t, -t), (s, -t), (s, t), (t, t), (t, s), (-t, s), (-t, t), (-s, t), (-s, -t), (-t, -t)]
      let c = 0.7071
      let turned = points.map { (x + ($0.0 - $0.1) * c, y + ($0.0 + $0.1) * c) }
      return "M" + turned.map { "\(n($0.0)) \(n($0.1))" }.joined(separator: "L") + "z"
    }
  }
}

extension SVGCanvas {
  /// One marker, as a circle or a path.
  mutating func marker(_ shape: MarkerShape, x: Double, y: Double, r: Double, attributes: [(String, String)] = [], tooltip: String? = nil) {
    let n = Markup.coordinate
    if let d = shape.path(x: x, y: y, r: r) {
      element("path", [("d", d)] + attributes, tooltip: tooltip)
    } else {
      element("circle", [("cx", n(x)), ("cy", n(y)), ("r", n(r))] + attributes, tooltip: tooltip)
    }
  }
}
