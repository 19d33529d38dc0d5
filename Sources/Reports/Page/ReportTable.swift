public import SVGCharts

/// A table for the page (e.g. the strategies: best pair, accuracy, latency, energy, evaluations, wall
/// time, hypervolume).
///
/// Numeric cells carry their exact value (in a `data-value` attribute) beside the text shown, which is
/// formatted once by a ``ValueFormat``; use the same format for the matching chart axis so the table and
/// the tooltips agree.
public struct ReportTable: Hashable, Sendable {
  public struct Column: Hashable, Sendable {
    public var title: String
    /// Shown under the title (`ms`, `mJ`, `%`); empty for none.
    public var unit: String
    /// Right-aligned with tabular digits.
    public var numeric: Bool

    public init(_ title: String, unit: String = "", numeric: Bool = false) {
      self.title = title
      self.unit = unit
      self.numeric = numeric
    }
  }

  public var caption: String
  public var columns: [Column]
  public var rows: [[TableCell]]
  /// Rows drawn emphasised (the winner).
  public var highlightedRows: Set<Int>
  /// A sentence under the table (how values were measured, what a blank means).
  public var note: String?

  public init(caption: String, columns: [Column], rows: [[TableCell]], highlightedRows: Set<Int> = [], note: String? = nil) {
    self.caption = caption
    self.columns = columns
    self.rows = rows
    self.highlightedRows = highlightedRows
    self.note = note
  }
}

/// A table cell: the text shown and, for numbers, the exact value.
public struct TableCell: Hashable, Sendable, ExpressibleByStringLiteral {
  public var text: String
  public var value: Double?

  public init(_ text: String, value: Double? = nil) {
    self.text = text
    self.value = value
  }

  public init(stringLiteral text: String) { self.init(text) }

  /// A number shown with `format`; the exact value travels with it.
  public static func number(_ value: Double, _ format: ValueFormat) -> TableCell {
    TableCell(format.string(value), value: value)
  }

  /// An integer count, grouped (`2,062,500`).
  public static func count(_ value: Int) -> TableCell {
    TableCell(ValueFormat.grouped(Int64(value)), value: Double(value))
  }
}
