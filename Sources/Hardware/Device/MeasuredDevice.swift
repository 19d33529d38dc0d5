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
    let key = try table.column(keyColumn)
    let latency = try table.column(latencyColumn)
    let energy = try energyColumn.map { column throws(SpecError) in try table.column(column) }
    var latencies: [String: Double] = [:]
    var energies: [String: Double] = [:]
    var firstLine: [String: Int] = [:]
    latencies.reserveCapacity(table.rows.count)
    for (index, row) in table.rows.enumerated() {
      let architecture = row[key]
      guard !architecture.isEmpty else {
        throw SpecError(file: table.file, line: table.lines[index], keyPath: keyColumn, problem: "empty architecture key")
      }
      if let line = firstLine[architecture] {
        throw SpecError(file: table.file, line: table.lines[index], keyPath: keyColumn,
                        problem: "architecture \"\(architecture)\" appears again (first on line \(line))")
      }
      firstLine[architecture] = table.lines[index]
      if let value = try Self.measurement(table, row: index, column: latency) {
        latencies[architecture] = value * latencyUnit.seconds
      }
      if let energy, let value = try Self.measurement(table, row: index, column: energy) {
        energies[architecture] = value * energyUnit.joules
      }
    }
    self.init(name: name ?? latencyColumn, latencySeconds: latencies, energyJoules: energies)
  }

  /// One device per latency column of a multi-device table (HELP's layout: a key column, then one
  /// column per device), skipping `excluding` (an index column, say).
  public static func devices(in table: CSVTable, keyColumn: String, latencyUnit: MeasuredTimeUnit = .ms,
                             excluding: Set<String> = []) throws(SpecError) -> [MeasuredDevice] {
    var devices: [MeasuredDevice] = []
    for column in table.header where column != keyColumn && !excluding.contains(column) {
      devices.append(try MeasuredDevice(table: table, keyColumn: keyColumn, latencyColumn: column,
                                        latencyUnit: latencyUnit))
    }
    return devices
  }

  static func measurement(_ table: CSVTable, row: Int, column: Int) throws(SpecError) -> Double? {
    if table.rows[row][column].allSatisfy(\.isWhitespace) { return nil }
    let value = try table.double(row: row, column: column)
    guard value >= 0 else {
      throw SpecError(file: table.file, line: table.lines[row], keyPath: table.header[column],
                      problem: "expected a non-negative measurement, got \(value)")
    }
    return value
  }
}
