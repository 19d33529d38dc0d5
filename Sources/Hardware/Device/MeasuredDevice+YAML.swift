import Foundation
public import SpecFiles

// The measured-device format (`kind: measured-device`):
//
//   schema: duet/v1
//   kind: measured-device
//   name: pixel3
//   source: "HW-NAS-Bench via HELP (MIT)"          # optional free text
//   table: latency/nb201.csv                        # relative to this file (or absolute); .csv or .csv.gz
//   key: arch_str                                   # the column holding canonical architecture strings
//   latency: {column: pixel3, unit: ms}             # unit: s | ms | us (default ms)
//   energy: {column: pixel3_energy, unit: mJ}       # optional; unit: J | mJ | uJ (default mJ)

extension MeasuredDevice {
  /// Loads a `kind: measured-device` file and the table it names.
  ///
  /// - Throws: ``SpecError``: positioned in the YAML file for its own keys (an unreadable `table:` is
  ///   reported there too), positioned in the CSV file for problems inside the table.
  public static func load(path: String) throws(SpecError) -> MeasuredDevice {
    let (_, root) = try SpecDocument.load(path: path, kinds: ["measured-device"])
    return try MeasuredDevice(spec: root)
  }

  /// Builds a device from the root mapping of a `kind: measured-device` document, reading its table.
  public init(spec root: SpecMapping) throws(SpecError) {
    try root.rejectUnknownKeys(allowed: ["schema", "kind", "name", "description", "source", "table", "key", "latency",
                                         "energy"])
    let name = try root.required("name").string()
    let tableNode = try root.required("table")
    let tablePath = Self.resolve(try tableNode.string(), relativeTo: root.file)
    let table: CSVTable
    do {
      table = try CSVTable(path: tablePath)
    } catch where error.line == nil {
      throw tableNode.error("\(error.problem): \(tablePath)")  // the file itself is missing or unreadable
    }
    let keyNode = try root.required("key")
    let latency = try root.required("latency").mapping(allowedKeys: ["column", "unit"])
    let energy = try root.optional("energy")?.mapping(allowedKeys: ["column", "unit"])
    // Columns are checked here so a misspelt one points at the YAML line, not the CSV header.
    for node in [keyNode, try latency.required("column")] + (try energy.map { e throws(SpecError) in [try e.required("column")] } ?? []) {
      let column = try node.string()
      if !table.header.contains(column) {
        var message = "no column \"\(column)\" in \(tablePath)"
        if let hint = nearestSpelling(to: column, among: table.header) { message += " (did you mean \"\(hint)\"?)" }
        throw node.error(message)
      }
    }
    try self.init(
      table: table, name: name, keyColumn: try keyNode.string(), latencyColumn: try latency.required("column").string(),
      latencyUnit: try latency.optional("unit")?.enum(MeasuredTimeUnit.self) ?? .ms,
      energyColumn: try energy?.required("column").string(),
      energyUnit: try energy?.optional("unit")?.enum(MeasuredEnergyUnit.self) ?? .mJ)
  }

  /// A path written in a file, resolved against that file's folder unless absolute.
  static func resolve(_ path: String, relativeTo file: String) -> String {
    if path.hasPrefix("/") { return path }
    return URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(path).standardized.path
  }
}
