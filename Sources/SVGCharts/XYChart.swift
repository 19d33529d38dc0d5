/// A chart of numeric x against numeric y: scatters, lines, step lines (Pareto fronts, CDFs), horizontal
/// or vertical reference lines, and highlighted points.
///
/// Series are drawn in order (put context such as every evaluated point first, in ``ChartColor/grey``,
/// so fronts and choices sit on top). A scatter series with more than `maxMarkersPerSeries` drawable
/// points is thinned to one marker per small pixel cell, and the chart says so. Points with a NaN or
/// infinite coordinate, with a value ≤ 0 on a log axis, or outside a fixed axis range are not drawn and
/// are counted in a note on the chart.
///
/// ```swift
/// let chart = XYChart(
///   title: "Accuracy against latency",
///   xAxis: Axis("Latency", unit: "ms", scale: .log),
///   yAxis: Axis("Top-1 accuracy", unit: "%"),
///   series: [XYSeries("Every architecture", points: cloud, color: .grey),
///            XYSeries("Semi-decoupled front", points: front, style: .stepWithMarkers)],
///   annotations: [PointAnnotation(x: 1.9, y: 93.4, label: "semi-decoupled choice")])
/// let svg = chart.svg(id: "accuracy-latency")
/// ```
public struct XYChart: Hashable, Sendable {
  public var title: String
  /// One line under the title (what was plotted, on what).
  public var subtitle: String?
  public var xAxis: Axis
  public var yAxis: Axis
  public var series: [XYSeries]
  public var referenceLines: [ReferenceLine]
  public var annotations: [PointAnnotation]
  /// Extra notes printed under the chart (after the notes the chart writes itself).
  public var notes: [String]
  public var size: ChartSize
  /// Scatter series with more drawable points than this are thinned (and the chart says so).
  public var maxMarkersPerSeries: Int

  public init(
    title: String, subtitle: String? = nil, xAxis: Axis, yAxis: Axis, series: [XYSeries] = [],
    referenceLines: [ReferenceLine] = [], annotations: [PointAnnotation] = [], notes: [String] = [],
    size: ChartSize = .standard, maxMarkersPerSeries: Int = 4000
  ) {
    self.title = title
    self.subtitle = subtitle
    self.xAxis = xAxis
    self.yAxis = yAxis
    self.series = series
    self.referenceLines = referenceLines
    self.annotations = annotations
    self.notes = notes
    self.size = size
    self.maxMarkersPerSeries = maxMarkersPerSeries
  }
}

/// A chart's outer width and its plot area's height, in CSS pixels; the total height grows to fit the
/// title, legend and notes, so nothing is cut off.
public struct ChartSize: Hashable, Sendable, Codable {
  public var width: Double
  public var plotHeight: Double

  public init(width: Double, plotHeight: Double) {
    self.width = width
    self.plotHeight = plotHeight
  }

  /// One chart across the page.
  public static let standard = ChartSize(width: 720, plotHeight: 340)
  /// Small multiples, two or three across.
  public static let small = ChartSize(width: 440, plotHeight: 240)
}

/// One point; `label` (an architecture, an accelerator) shows in the point's tooltip.
public struct XYPoint: Hashable, Sendable, Codable {
  public var x: Double
  public var y: Double
  public var label: String?

  public init(x: Double, y: Double, label: String? = nil) {
    self.x = x
    self.y = y
    self.label = label
  }
}

/// How a series is drawn.
public enum SeriesStyle: String, Hashable, Sendable, Codable {
  /// Markers only (a scatter); thinned above the chart's marker limit.
  case markers
  /// Straight segments between consecutive points, in the order given.
  case line
  case lineWithMarkers
  /// A staircase: each y holds until the next point's x (Pareto fronts, empirical CDFs). Give the points
  /// sorted by x.
  case step
  case stepWithMarkers

  var drawsLine: Bool { self != .markers }
  var drawsMarkers: Bool { self == .markers || self == .lineWithMarkers || self == .stepWithMarkers }
}

/// A named set of points with one style.
public struct XYSeries: Hashable, Sendable {
  public var name: String
  public var points: [XYPoint]
  public var style: SeriesStyle
  /// `nil`: the palette colour for the series' position.
  public var color: ChartColor?
  /// `nil`: the marker shape for the series' position.
  public var marker: MarkerShape?
  /// Marker opacity in (0, 1]; below 1 shows density in dense clouds.
  public var opacity: Double
  /// Whether the series appears in the legend.
  public var inLegend: Bool
  /// Whether each marker carries a tooltip with its values. Turn off for dense context clouds (thousands
  /// of grey points): about 100 bytes a marker saved, and the exact values are in the data files.
  public var pointTooltips: Bool

  public init(
    _ name: String, points: [XYPoint], style: SeriesStyle = .markers, color: ChartColor? = nil,
    marker: MarkerShape? = nil, opacity: Double = 1, inLegend: Bool = true, pointTooltips: Bool = true
  ) {
    self.name = name
    self.points = points
    self.style = style
    self.color = color
    self.marker = marker
    self.opacity = opacity
    self.inLegend = inLegend
    self.pointTooltips = pointTooltips
  }

  /// The empirical CDF of `values` as a step series (fraction of the finite values ≤ x), starting from 0
  /// at the smallest value.
  ///
  /// Values that are NaN or infinite stay in the series as undrawable points at its end, so the chart
  /// counts them in its note instead of dropping them silently.
  public static func empiricalCDF(_ name: String, values: [Double], color: ChartColor? = nil) -> XYSeries {
    let sorted = values.filter(\.isFinite).sorted()
    // The staircase starts at 0 at the smallest value, so the first jump is drawn too.
    var points: [XYPoint] = sorted.first.map { [XYPoint(x: $0, y: 0)] } ?? []
    for (index, value) in sorted.enumerated() {
      let fraction = Double(index + 1) / Double(sorted.count)
      if let last = points.last, last.x == value, last.y > 0 {
        points[points.count - 1].y = fraction
      } else {
        points.append(XYPoint(x: value, y: fraction))
      }
    }
    points += values.filter { !$0.isFinite }.map { XYPoint(x: $0, y: .nan) }
    return XYSeries(name, points: points, style: .step, color: color)
  }
}

/// A horizontal line at a y value (e.g. the coupled optimum) or a vertical one at an x value (a cap).
public struct ReferenceLine: Hashable, Sendable {
  public enum Orientation: String, Hashable, Sendable, Codable { case horizontal, vertical }
  public var orientation: Orientation
  public var value: Double
  /// Printed beside the line.
  public var label: String
  public var color: ChartColor
  public var dashed: Bool

  public init(_ orientation: Orientation, at value: Double, label: String, color: ChartColor = .black, dashed: Bool = true) {
    self.orientation = orientation
    self.value = value
    self.label = label
    self.color = color
    self.dashed = dashed
  }
}

/// A highlighted point with a label beside it (a strategy's choice, the coupled optimum).
public struct PointAnnotation: Hashable, Sendable {
  public var x: Double
  public var y: Double
  public var label: String
  public var color: ChartColor
  public var marker: MarkerShape

  public init(x: Double, y: Double, label: String, color: ChartColor = .vermillion, marker: MarkerShape = .diamond) {
    self.x = x
    self.y = y
    self.label = label
    self.color = color
    self.marker = marker
  }
}
