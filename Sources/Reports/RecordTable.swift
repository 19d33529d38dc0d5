import Foundation

/// One value of a ``RecordTable``: typed once, written the same way to CSV and to JSON.
public enum RecordValue: Hashable, Sendable {
  /// Text: a CSV field as is, a JSON string (also when empty).
  case text(String)
  case integer(Int64)
  /// A double, exact (``NumberFormat/exact(_:)``) in both formats.
  case number(Double)
  case bool(Bool)
  /// No value: an empty CSV field, JSON `null`.
  case missing

  /// Text, or ``missing`` when `nil`.
  public static func text(_ value: String?) -> RecordValue { value.map { .text($0) } ?? .missing }
  public static func integer(_ value: Int64?) -> RecordValue { value.map { .integer($0) } ?? .missing }
  public static func integer(_ value: Int?) -> RecordValue { value.map { .integer(Int64($0)) } ?? .missing }
  public static func number(_ value: Double?) -> RecordValue { value.map { .number($0) } ?? .missing }

  var csvField: String {
    switch self {
    case .text(let s): s
    case .integer(let n): String(n)
    case .number(let x): NumberFormat.exact(x)
    case .bool(let b): b ? "true" : "false"
    case .missing: ""
    }
  }

  var json: String {
    switch self {
    case .text(let s): JSONText.quote(s)
    case .missing: "null"
    default: csvField
    }
  }
}

/// Rows of typed values under named columns, written as CSV (a header, then one line per row) or as a
/// JSON array with one object per line, keys in column order. Both come from the same values, so the
/// two files always agree.
public struct RecordTable: Sendable {
  public let columns: [String]
  public private(set) var rows: [[RecordValue]] = []

  public init(columns: [String]) { self.columns = columns }

  /// Appends a row; it must have one value per column.
  public mutating func append(_ row: [RecordValue]) {
    precondition(row.count == columns.count, "a row of \(row.count) values under \(columns.count) columns")
    rows.append(row)
  }

  public var csv: String {
    var writer = CSVWriter(header: columns)
    for row in rows { writer.append(row.map(\.csvField)) }
    return writer.text
  }

  public var json: String {
    var text = "[\n"
    for (r, row) in rows.enumerated() {
      let fields = zip(columns, row).map { "\(JSONText.quote($0)): \($1.json)" }
      text += "  {" + fields.joined(separator: ", ") + "}" + (r + 1 < rows.count ? ",\n" : "\n")
    }
    return text + "]\n"
  }
}

enum JSONText {
  /// A JSON string literal: quotes, backslashes and control characters escaped.
  static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
      }
    }
    return out + "\""
  }
}
