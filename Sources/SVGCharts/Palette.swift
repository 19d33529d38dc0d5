import Foundation

/// An sRGB colour, written into SVG as `#rrggbb`.
public struct ChartColor: Hashable, Sendable, Codable {
  public var red: UInt8, green: UInt8, blue: UInt8

  public init(red: UInt8, green: UInt8, blue: UInt8) {
    self.red = red
    self.green = green
    self.blue = blue
  }

  /// From `0xRRGGBB`.
  public init(hex: UInt32) {
    self.init(red: UInt8((hex >> 16) & 0xFF), green: UInt8((hex >> 8) & 0xFF), blue: UInt8(hex & 0xFF))
  }

  /// `#rrggbb`.
  public var svg: String {
    let digits = Array("0123456789abcdef")
    return "#" + [red, green, blue].map { String([digits[Int($0 >> 4)], digits[Int($0 & 15)]]) }.joined()
  }

  /// Relative luminance (WCAG 2), to pick black or white text on a cell.
  var luminance: Double {
    func linear(_ c: UInt8) -> Double {
      let v = Double(c) / 255
      return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
  }

  // The Okabe–Ito palette (Okabe & Ito 2008, "Color Universal Design"): eight colours told apart under
  // the common forms of colour-vision deficiency.
  public static let black = ChartColor(hex: 0x000000)
  public static let orange = ChartColor(hex: 0xE69F00)
  public static let skyBlue = ChartColor(hex: 0x56B4E9)
  public static let bluishGreen = ChartColor(hex: 0x009E73)
  public static let yellow = ChartColor(hex: 0xF0E442)
  public static let blue = ChartColor(hex: 0x0072B2)
  public static let vermillion = ChartColor(hex: 0xD55E00)
  public static let reddishPurple = ChartColor(hex: 0xCC79A7)
  /// For context drawn behind the series that matter (every evaluated point).
  public static let grey = ChartColor(hex: 0xA8A8A8)

  /// Series colours in the order they are handed out. Yellow comes last: it is faint on white.
  public static let series: [ChartColor] = [.blue, .orange, .bluishGreen, .vermillion, .reddishPurple, .skyBlue, .black, .yellow]

  /// The `index`-th series colour, cycling.
  public static func series(_ index: Int) -> ChartColor { series[((index % series.count) + series.count) % series.count] }
}

/// A continuous colour map for heatmaps.
public enum ColorMap: String, Hashable, Sendable, Codable {
  /// Viridis (van der Walt & Smith, matplotlib 2015): perceptually uniform, colour-blind-safe, and legible
  /// in greyscale; dark = low.
  case viridis
  /// Viridis reversed: dark = high (use when high is bad, e.g. runtime, so good designs are light).
  case viridisReversed
  /// A diverging blue–white–red map (ColorBrewer RdBu, colour-blind-safe) for signed values around a centre.
  case blueWhiteRed

  /// The colour at `t` in [0, 1] (clamped).
  public func color(at t: Double) -> ChartColor {
    let t = t.isNaN ? 0 : min(1, max(0, t))
    switch self {
    case .viridis: return Self.interpolate(Self.viridisStops, t)
    case .viridisReversed: return Self.interpolate(Self.viridisStops, 1 - t)
    case .blueWhiteRed: return Self.interpolate(Self.rdBuStops, t)
    }
  }

  static func interpolate(_ stops: [UInt32], _ t: Double) -> ChartColor {
    let position = t * Double(stops.count - 1)
    let i = min(stops.count - 2, Int(position.rounded(.down)))
    let f = position - Double(i)
    let a = ChartColor(hex: stops[i]), b = ChartColor(hex: stops[i + 1])
    func mix(_ x: UInt8, _ y: UInt8) -> UInt8 { UInt8((Double(x) + (Double(y) - Double(x)) * f).rounded()) }
    return ChartColor(red: mix(a.red, b.red), green: mix(a.green, b.green), blue: mix(a.blue, b.blue))
  }

  // Viridis at 17 evenly spaced entries of matplotlib's 256-entry table (indices 0, 16, …, 239, 255).
  static let viridisStops: [UInt32] = [
    0x440154, 0x48186A, 0x472D7B, 0x424086, 0x3B528B, 0x33638D, 0x2C728E, 0x26828E, 0x21918C,
    0x1F9F88, 0x27AD81, 0x3DBC74, 0x5CC863, 0x81D34D, 0xAADC32, 0xD5E21A, 0xFDE725,
  ]
  // ColorBrewer RdBu (11 classes), from blue (low) through white to red (high).
  static let rdBuStops: [UInt32] = [
    0x053061, 0x2166AC, 0x4393C3, 0x92C5DE, 0xD1E5F0, 0xF7F7F7, 0xFDDBC7, 0xF4A582, 0xD6604D, 0xB2182B, 0x67001F,
  ]
}
