/// Builds CSV text (RFC 4180): a header row, then one row per record; fields with commas, quotes or
/// line breaks are quoted. Numbers are formatted by the caller so output bytes are deterministic.
public struct CSVWriter: Sendable {
  public private(set) var text: String

  public init(header: [String]) {
    text = ""
    append(header)
  }

  public mutating func append(_ fields: [String]) {
    text += fields.map(Self.escape).joined(separator: ",")
    text += "\n"
  }

  public static func escape(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

/// Deterministic number formatting for CSV/JSON: integers exactly; doubles with Swift's shortest
/// round-trip representation (so a value read back is bit-identical), `nan`/`inf` spelled out.
public enum NumberFormat {
  public static func exact(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }
}
