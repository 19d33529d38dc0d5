public import SpecFiles

/// A device known only through measurements: a latency (and optionally an energy) per architecture,
/// read from a table keyed by the search space's canonical architecture string.
///
/// This is the form real measurements arrive in (HW-NAS-Bench, HELP: one row per architecture, one column
/// per device). It prices whole architectures, not layers, so it is not a ``CostModel``; keys are plain
/// strings, so this type knows nothing about search spaces (the caller passes the canonical string).
public struct MeasuredDevice: Hashable, Sendable {
  /// A short name (the table's column, unless the file names it otherwise).
  public var name: String
  let latencies: [String: Double]
  let energies: [String: Double]

  /// A device from measurements already in memory.
  ///
  /// - Parameters:
  ///   - latencySeconds: latency per canonical architecture string, in seconds.
  ///   - energyJoules: energy per canonical architecture string, in joules (may be empty).
  public init(name: String, latencySeconds: [String: Double], energyJoules: [String: Double] = [:]) {
    self.name = name
    self.latencies = latencySeconds
    self.energies = energyJoules
  }

  /// The measured latency of an architecture, in seconds, or `nil` when it was not measured.
  public func latencySeconds(of canonicalString: String) -> Double? { latencies[canonicalString] }

  /// The measured energy of an architecture, in joules, or `nil` when the table has none for it.
  public func energyJoules(of canonicalString: String) -> Double? { energies[canonicalString] }

  /// How many architectures have a latency.
  public var architectureCount: Int { latencies.count }

  /// Whether the table holds energies at all.
  public var hasEnergy: Bool { !energies.isEmpty }

  /// The measured architectures, sorted (for deterministic iteration).
  public var architectures: [String] { latencies.keys.sorted() }
}

/// Units of a measured latency column.
public enum MeasuredTimeUnit: String, Hashable, Sendable, Codable, CaseIterable {
  case s, ms, us
  public var seconds: Double {
    switch self {
    case .s: 1
    case .ms: 1e-3
    case .us: 1e-6
    }
  }
}

/// Units of a measured energy column.
public enum MeasuredEnergyUnit: String, Hashable, Sendable, Codable, CaseIterable {
  case J, mJ, uJ
  public var joules: Double {
    switch self {
    case .J: 1
    case .mJ: 1e-3
    case .uJ: 1e-6
    }
  }
}

extension MeasuredDevice {
  /// A device from one latency column (and optionally one energy column) of a table.
  ///
  /// An empty field means "not measured" and leaves that architecture out; anything else must be a
  /// non-negative number.
  ///
  /// - Throws: ``SpecError`` at the table's file and line for a missing column (with a spelling hint), an
  ///   empty or repeated key, or a value that is not a non-negative number.
  /// - Complexity: O(rows).
  public init(table: CSVTable, name: String? = nil, keyColumn: String, latencyColumn: String,
              latencyUnit: MeasuredTimeUnit = .ms, energyColumn: String? = nil,
              energyUnit: MeasuredEnergyUnit = .mJ) throws(SpecError) {
    let key = try Self.checkedKeys(table, keyColumn: keyColumn)
    let latency = try Self.measurements(table, column: try table.column(latencyColumn), scale: latencyUnit.seconds)
    let energy = try energyColumn.map { column throws(SpecError) in
      try Self.measurements(table, column: try table.column(column), scale: energyUnit.joules)
    }
    self.init(name: name ?? latencyColumn, latencySeconds: Self.byKey(table, key: key, latency),
              energyJoules: energy.map { Self.byKey(table, key: key, $0) } ?? [:])
  }

  /// One device per latency column of a multi-device table (HELP's layout: a key column, then one
  /// column per device), skipping `excluding` (an index column, say).
  public static func devices(in table: CSVTable, keyColumn: String, latencyUnit: MeasuredTimeUnit = .ms,
                             excluding: Set<String> = []) throws(SpecError) -> [MeasuredDevice] {
    let columns = try MeasuredColumns(table: table, keyColumn: keyColumn, latencyUnit: latencyUnit, excluding: excluding)
    return zip(columns.devices, columns.latencySeconds).map { name, values in
      MeasuredDevice(name: name, latencySeconds: byKey(table, key: columns.keyColumn, values))
    }
  }

  /// The index of the key column, after checking every key once: none empty, none repeated.
  static func checkedKeys(_ table: CSVTable, keyColumn: String) throws(SpecError) -> Int {
    let key = try table.column(keyColumn)
    var firstLine: [String: Int] = [:]
    firstLine.reserveCapacity(table.rows.count)
    for (index, row) in table.rows.enumerated() {
      let architecture = row[key]
      guard !architecture.isEmpty else {
        throw SpecError(file: table.file, line: table.lines[index], keyPath: keyColumn, problem: "empty architecture key")
      }
      if let line = firstLine.updateValue(table.lines[index], forKey: architecture) {
        throw SpecError(file: table.file, line: table.lines[index], keyPath: keyColumn,
                        problem: "architecture \"\(architecture)\" appears again (first on line \(line))")
      }
    }
    return key
  }

  /// A column's measurements in file order, times `scale`; `nil` where a field is blank.
  static func measurements(_ table: CSVTable, column: Int, scale: Double) throws(SpecError) -> [Double?] {
    var values: [Double?] = []
    values.reserveCapacity(table.rows.count)
    for row in table.rows.indices { values.append(try measurement(table, row: row, column: column).map { $0 * scale }) }
    return values
  }

  static func byKey(_ table: CSVTable, key: Int, _ values: [Double?]) -> [String: Double] {
    var result: [String: Double] = [:]
    result.reserveCapacity(values.count)
    for (row, value) in zip(table.rows, values) { if let value { result[row[key]] = value } }
    return result
  }

  static func measurement(_ table: CSVTable, row: Int, column: Int) throws(SpecError) -> Double? {
    let field = table.rows[row][column]
    if field.isEmpty || field.allSatisfy(\.isWhitespace) { return nil }
    let value = try table.double(row: row, column: column)
    guard value >= 0 else {
      throw SpecError(file: table.file, line: table.lines[row], keyPath: table.header[column],
                      problem: "expected a non-negative measurement, got \(value)")
    }
    return value
  }
}

/// A multi-device table read column by column, rows in file order (HELP's layout: a key column, then
/// one latency column per device). The keys are checked once for the whole table, not once per device.
public struct MeasuredColumns: Sendable {
  /// The index of the key column in the table.
  public let keyColumn: Int
  /// Device names: every column but the key and the excluded ones, in file order.
  public let devices: [String]
  /// Per device, per row: the latency in seconds, or `nil` where the field is blank (not measured).
  public let latencySeconds: [[Double?]]

  /// - Throws: ``SpecError`` at the table's file and line for a missing key column, an empty or repeated
  ///   key, or a value that is not a non-negative number.
  public init(table: CSVTable, keyColumn: String, latencyUnit: MeasuredTimeUnit = .ms,
              excluding: Set<String> = []) throws(SpecError) {
    self.keyColumn = try MeasuredDevice.checkedKeys(table, keyColumn: keyColumn)
    var devices: [String] = []
    var latencies: [[Double?]] = []
    for (index, column) in table.header.enumerated() where column != keyColumn && !excluding.contains(column) {
      devices.append(column)
      latencies.append(try MeasuredDevice.measurements(table, column: index, scale: latencyUnit.seconds))
    }
    self.devices = devices
    self.latencySeconds = latencies
  }
}
