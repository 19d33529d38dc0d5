/// A grid of coloured cells over two category axes, with a colour-scale legend: ρ matrices across
/// accelerators, runtime or energy over PEs × NoC bandwidth.
///
/// `values[row][column]` belongs to `yAxis.categories[row]` and `xAxis.categories[column]`. Missing
/// entries and NaN/infinite values are drawn hatched and counted in a note (an invalid design is
/// data, not an error). Cells show their value as text when they are large enough, category labels are
/// thinned when they would overlap, and grids larger than `maxCellsPerSide` are averaged in blocks
/// (stated on the chart).
public struct Heatmap: Hashable, Sendable {
  public var title: String
  public var subtitle: String?
  public var xAxis: CategoryAxis
  public var yAxis: CategoryAxis
  public var values: [[Double]]
  public var colorScale: ColorScale
  /// Whether the first row is drawn at the top (matrices) rather than at the bottom (numeric axes).
  public var firstRowAtTop: Bool
  /// Text values in cells: `nil` shows them when the cells are large enough.
  public var showsValues: Bool?
  public var notes: [String]
  public var size: ChartSize
  public var maxCellsPerSide: Int
  /// Extra text for a cell's tooltip, `cellNotes[row][column]` (e.g. why a design is invalid); empty or
  /// missing entries add nothing. Used while cells have their own tooltips (up to 5,000, not averaged).
  public var cellNotes: [[String]]
  /// What the hatched swatch in the legend says (`no value`, `invalid design`).
  public var missingLabel: String

  public init(
    title: String, subtitle: String? = nil, xAxis: CategoryAxis, yAxis: CategoryAxis, values: [[Double]],
    colorScale: ColorScale, firstRowAtTop: Bool = false, showsValues: Bool? = nil, notes: [String] = [],
    size: ChartSize = .standard, maxCellsPerSide: Int = 200, cellNotes: [[String]] = [], missingLabel: String = "no value"
  ) {
    self.title = title
    self.subtitle = subtitle
    self.xAxis = xAxis
    self.yAxis = yAxis
    self.values = values
    self.colorScale = colorScale
    self.firstRowAtTop = firstRowAtTop
    self.showsValues = showsValues
    self.notes = notes
    self.size = size
    self.maxCellsPerSide = maxCellsPerSide
    self.cellNotes = cellNotes
    self.missingLabel = missingLabel
  }
}

/// How heatmap values map to colours, and the legend's label and unit.
public struct ColorScale: Hashable, Sendable, Codable {
  public var label: String
  public var unit: String
  public var map: ColorMap
  public var scale: AxisScale
  /// A fixed value range (values outside are clamped, and counted); `nil` fits the data. Give heatmaps
  /// meant to be compared (small multiples) the same domain.
  public var domain: ClosedRange<Double>?
  /// How cell values and tooltips are written.
  public var format: ValueFormat

  public init(
    _ label: String, unit: String, map: ColorMap = .viridis, scale: AxisScale = .linear,
    domain: ClosedRange<Double>? = nil, format: ValueFormat = .significant(3)
  ) {
    self.label = label
    self.unit = unit
    self.map = map
    self.scale = scale
    self.domain = domain
    self.format = format
  }

  var axis: Axis { Axis(label, unit: unit, scale: scale, range: domain, format: format) }
}
