import Foundation
import SpecFiles
import Spaces

/// A table of measured latencies (one row per architecture, one column per device), such as HELP's or
/// HW-NAS-Bench's, read against a search space so every row is a known architecture.
struct MeasuredTable {
  var architectures: [Architecture]
  var names: [String]
  /// Column name → value per row.
  var columns: [String: [Double]]
  /// Device columns in file order.
  var devices: [String]

  static func load(path: String, space: SearchSpace, keyColumn: String, exclude: Set<String>) throws -> MeasuredTable {
    let table = try CSVTable(path: path)
    let key = try table.column(keyColumn)
    var architectures: [Architecture] = []
    var seen: Set<Architecture> = []
    var rows: [Int] = []
    for (row, fields) in table.rows.enumerated() {
      let architecture: Architecture
      do {
        architecture = try space.parse(fields[key])
      } catch {
        throw SpecError(file: path, line: table.lines[row], keyPath: keyColumn, problem: "\"\(fields[key])\": \(error)")
      }
      guard seen.insert(architecture).inserted else {
        throw SpecError(file: path, line: table.lines[row], keyPath: keyColumn, problem: "architecture listed twice")
      }
      architectures.append(architecture)
      rows.append(row)
    }
    var columns: [String: [Double]] = [:]
    var devices: [String] = []
    for (index, name) in table.header.enumerated() where index != key && !exclude.contains(name) {
      var values: [Double] = []
      var numeric = true
      for row in rows {
        guard let value = Double(table.rows[row][index].trimmingCharacters(in: .whitespaces)), value.isFinite else {
          numeric = false
          break
        }
        values.append(value)
      }
      if numeric {
        columns[name] = values
        devices.append(name)
      }
    }
    return MeasuredTable(architectures: architectures, names: architectures.map(space.canonicalString),
                         columns: columns, devices: devices)
  }

  func column(_ name: String, file: String) throws -> [Double] {
    guard let values = columns[name] else {
      var message = "no device column \"\(name)\" in \(file)"
      if let hint = nearestSpelling(to: name, among: devices) { message += " (did you mean \"\(hint)\"?)" }
      else { message += "; columns: " + devices.joined(separator: ", ") }
      throw UserError(message)
    }
    return values
  }
}
