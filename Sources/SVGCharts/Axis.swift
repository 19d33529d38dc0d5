import Foundation

/// How values map onto an axis.
public enum AxisScale: String, Hashable, Sendable, Codable {
  case linear
  /// Base-10 logarithmic; values ≤ 0 cannot be drawn and are skipped (and counted on the chart).
  case log
}

/// A numeric axis: its label and unit (always shown), scale, and optionally a fixed range.
///
/// The axis title reads `label (unit)`; pass `unit: ""` only for a pure number (a rank, a correlation, a
/// fraction). Without a fixed `range` the axis fits the data with a small margin.
public struct Axis: Hashable, Sendable, Codable {
  /// What the axis measures, e.g. `Latency`.
  public var label: String
  /// The unit, e.g. `ms`, `mJ`, `%`; empty for a pure number.
  public var unit: String
  public var scale: AxisScale
  /// A fixed range; `nil` fits the data. Points outside a fixed range are not drawn and are counted.
  public var range: ClosedRange<Double>?
  /// Whether a fitted linear range must include zero (bar lengths, counts).
  public var includesZero: Bool
  /// How values on this axis are shown in tooltips (the tick labels follow the tick spacing).
  public var format: ValueFormat

  public init(
    _ label: String, unit: String, scale: AxisScale = .linear, range: ClosedRange<Double>? = nil,
    includesZero: Bool = false, format: ValueFormat = .significant(4)
  ) {
    self.label = label
    self.unit = unit
    self.scale = scale
    self.range = range
    self.includesZero = includesZero
    self.format = format
  }

  /// The axis title as drawn: `Latency (ms)`, or just the label when there is no unit.
  public var title: String { unit.isEmpty ? label : "\(label) (\(unit))" }

  /// Whether a value can be placed on this axis at all.
  func canShow(_ value: Double) -> Bool {
    value.isFinite && (scale == .linear || value > 0)
  }

  /// The domain drawn for the given data values (already filtered by `canShow`).
  ///
  /// A fitted range is padded by 4 % of its span on each side (in log space on a log axis) so markers at
  /// the extremes are not cut by the frame; a single value gets a span of its own.
  func domain(fitting values: [Double]) -> ClosedRange<Double> {
    if let range, canShow(range.lowerBound), canShow(range.upperBound), range.lowerBound < range.upperBound {
      return range
    }
    guard var lo = values.min(), var hi = values.max() else { return scale == .log ? 1...10 : 0...1 }
    switch scale {
    case .linear:
      if includesZero { lo = min(lo, 0); hi = max(hi, 0) }
      if lo == hi {
        let half = lo == 0 ? 1 : abs(lo) * 0.1
        return (lo - half)...(hi + half)
      }
      let pad = (hi - lo) * 0.04
      // Keep a zero baseline exact: bars and counts start at 0, not at -4 %.
      return (includesZero && lo == 0 ? 0 : lo - pad)...(includesZero && hi == 0 ? 0 : hi + pad)
    case .log:
      var a = log10(lo), b = log10(hi)
      if a == b { a -= 0.1; b += 0.1 }
      let pad = (b - a) * 0.04
      return pow(10, a - pad)...pow(10, b + pad)
    }
  }
}

/// A category axis (heatmap rows and columns, bar categories): a label, a unit and the category names.
public struct CategoryAxis: Hashable, Sendable, Codable {
  public var label: String
  /// The unit of the category values when they are numbers (`PEs`, `elements/cycle`); may be empty.
  public var unit: String
  /// The category names in drawing order.
  public var categories: [String]

  public init(_ label: String, unit: String, categories: [String]) {
    self.label = label
    self.unit = unit
    self.categories = categories
  }

  public var title: String { unit.isEmpty ? label : "\(label) (\(unit))" }
}

/// Maps a domain onto a pixel interval (which may run backwards, as a y axis does).
struct Scale {
  var kind: AxisScale
  var domain: ClosedRange<Double>
  var pixels: (start: Double, end: Double)

  func callAsFunction(_ value: Double) -> Double {
    let t: Double
    switch kind {
    case .linear: t = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
    case .log:
      t = (log10(value) - log10(domain.lowerBound)) / (log10(domain.upperBound) - log10(domain.lowerBound))
    }
    return pixels.start + t * (pixels.end - pixels.start)
  }

  func contains(_ value: Double) -> Bool {
    value >= domain.lowerBound && value <= domain.upperBound
  }
}
