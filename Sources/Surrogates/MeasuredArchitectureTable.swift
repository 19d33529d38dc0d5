public import Spaces
public import SpecFiles
public import Hardware

/// A table of measured latencies read against a search space (HELP's and HW-NAS-Bench's layout: a key
/// column with architecture strings, then one column of milliseconds per device), so every row is a
/// known architecture.
///
/// Only the selected columns are read as measurements; rows missing any of them are left out (and
/// counted), so every target covers the same architectures and a study's splits fit every target.
public struct MeasuredArchitectureTable: Sendable {
  public let file: String
  /// The architectures of the complete rows, in file order.
  public let architectures: [Architecture]
  /// The selected columns, in the order asked.
  public let columns: [String]
  /// Per column, per architecture: latency in seconds.
  public let latencySeconds: [[Double]]
  /// Rows left out because a selected column has no measurement for them.
  public let incompleteRows: Int
  /// Every device column of the file (for messages).
  public let availableColumns: [String]
  /// The space the architectures belong to.
  public let space: SearchSpace

  /// Reads `path` against `space`.
  ///
  /// - Parameters:
  ///   - keyColumn: the column holding the architecture string (`arch_str`; for FBNet `op_idx_list`).
  ///   - columns: the device columns to read; `nil` reads every column but the key and `excluding`.
  ///   - latencyUnit: the unit of the table's numbers.
  /// - Throws: ``SpecError`` naming the file, line and column for an unparsable architecture, a repeated
  ///   one, a value that is not a non-negative number, or a missing column (with a spelling hint).
  public static func load(path: String, space: SearchSpace, keyColumn: String, columns wanted: [String]? = nil,
                          excluding: Set<String> = [], latencyUnit: MeasuredTimeUnit = .ms) throws(SpecError)
    -> MeasuredArchitectureTable
  {
    try read(try CSVTable(path: path), space: space, keyColumn: keyColumn, columns: wanted, excluding: excluding,
             latencyUnit: latencyUnit)
  }

  /// As ``load(path:space:keyColumn:columns:excluding:latencyUnit:)``, from a table already read.
  public static func read(_ table: CSVTable, space: SearchSpace, keyColumn: String, columns wanted: [String]? = nil,
                          excluding: Set<String> = [], latencyUnit: MeasuredTimeUnit = .ms) throws(SpecError)
    -> MeasuredArchitectureTable
  {
    let devices = table.header.filter { $0 != keyColumn && !excluding.contains($0) }
    let selected = wanted ?? devices
    for name in selected where !devices.contains(name) {
      var message = "no device column \"\(name)\""
      if let hint = nearestSpelling(to: name, among: devices) { message += " (did you mean \"\(hint)\"?)" }
      else { message += "; columns: " + devices.joined(separator: ", ") }
      throw SpecError(file: table.file, line: 1, keyPath: name, problem: message)
    }
    if let repeated = selected.indices.first(where: { selected[..<$0].contains(selected[$0]) }) {
      throw SpecError(file: table.file, line: 1, keyPath: selected[repeated], problem: "column asked for twice")
    }
    guard !selected.isEmpty else {
      throw SpecError(file: table.file, problem: "no device columns besides \(keyColumn)")
    }
    let measured = try MeasuredColumns(table: table, keyColumn: keyColumn, latencyUnit: latencyUnit,
                                       excluding: Set(table.header).subtracting(selected).subtracting([keyColumn]))
    // MeasuredColumns lists the kept columns in file order; map them to the order asked.
    let position = Dictionary(uniqueKeysWithValues: measured.devices.enumerated().map { ($1, $0) })
    let perColumn = selected.map { measured.latencySeconds[position[$0]!] }
    var architectures: [Architecture] = []
    var complete: [Int] = []
    var firstLine: [Architecture: Int] = [:]
    for (row, fields) in table.rows.enumerated() {
      let architecture: Architecture
      do {
        architecture = try space.parse(fields[measured.keyColumn])
      } catch {
        throw SpecError(file: table.file, line: table.lines[row], keyPath: keyColumn, problem: "\"\(fields[measured.keyColumn])\": \(error)")
      }
      if let line = firstLine.updateValue(table.lines[row], forKey: architecture) {
        throw SpecError(file: table.file, line: table.lines[row], keyPath: keyColumn,
                        problem: "\(space.canonicalString(architecture)) is listed twice (first on line \(line), under another spelling)")
      }
      guard perColumn.allSatisfy({ $0[row] != nil }) else { continue }
      architectures.append(architecture)
      complete.append(row)
    }
    return MeasuredArchitectureTable(
      file: table.file, architectures: architectures, columns: selected,
      latencySeconds: perColumn.map { values in complete.map { values[$0]! } },
      incompleteRows: table.rows.count - complete.count, availableColumns: devices, space: space)
  }

  /// The measurement source of one column.
  /// - Precondition: `column` is one of ``columns``.
  public func source(_ column: String) -> TableColumnSource {
    let index = columns.firstIndex(of: column)!
    return TableColumnSource(name: column, space: space, architectures: architectures, latencySeconds: latencySeconds[index])
  }
}

/// One column of a measured table as a measurement source: it knows exactly the architectures the
/// table holds, and measuring another is an error.
public struct TableColumnSource: MeasurementSource {
  public let name: String
  public var metric: MeasuredMetric { .latency }
  let space: SearchSpace
  let values: [Architecture: Double]
  let order: [Architecture]

  public init(name: String, space: SearchSpace, architectures: [Architecture], latencySeconds: [Double]) {
    self.name = name
    self.space = space
    order = architectures
    values = Dictionary(zip(architectures, latencySeconds), uniquingKeysWith: { first, _ in first })
  }

  public var knownArchitectures: [Architecture]? { order }

  public func measure(_ architectures: [Architecture]) throws(MeasurementError) -> [Double] {
    var result: [Double] = []
    result.reserveCapacity(architectures.count)
    for architecture in architectures {
      guard let value = values[architecture] else {
        throw .notMeasured(source: name, architecture: space.canonicalString(architecture))
      }
      result.append(value)
    }
    return result
  }
}
