/// Any chart the report pages can hold.
///
/// An enum rather than a protocol: the page switches over a closed set of kinds, and adding one makes
/// the compiler point at every place that must learn about it. To add a kind, see docs/reports.md.
public enum Chart: Hashable, Sendable {
  case xy(XYChart)
  case heatmap(Heatmap)
  case bars(BarChart)

  public var title: String {
    switch self {
    case .xy(let chart): return chart.title
    case .heatmap(let chart): return chart.title
    case .bars(let chart): return chart.title
    }
  }

  /// The chart's natural width in CSS pixels (a grid of small multiples sizes its columns by it).
  public var width: Double {
    switch self {
    case .xy(let chart): return chart.size.width
    case .heatmap(let chart): return chart.size.width
    case .bars(let chart): return chart.width
    }
  }

  /// The chart as an `<svg>` element; `id` must be unique within a page.
  public func svg(id: String) -> String {
    switch self {
    case .xy(let chart): return chart.svg(id: id)
    case .heatmap(let chart): return chart.svg(id: id)
    case .bars(let chart): return chart.svg(id: id)
    }
  }
}
