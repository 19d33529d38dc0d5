import Foundation
import Hardware
import SpecFiles
import Spaces

/// A table of measured latencies (one row per architecture, one column per device), such as HELP's or
/// HW-NAS-Bench's, read against a search space so every row is a known architecture.
///
/// Every column but the key and the ignored ones is a device, read by ``MeasuredDevice`` (an empty cell
/// is "not measured"; anything else must be a non-negative number, or the error names its line and
/// column). Rank correlation needs the same architectures on every device, so rows missing a
/// measurement on some device are left out and counted in ``incompleteRows``.
struct MeasuredTable {
  var architectures: [Architecture]
  var names: [String]
  /// Device → latency in seconds, per row.
  var columns: [String: [Double]]
  /// Device columns in file order.
  var devices: [String]
  /// Rows left out because some device has no measurement for them.
  var incompleteRows: Int

  static func load(path: String, space: SearchSpace, keyColumn: String, exclude: Set<String>) throws -> MeasuredTable {
    let table = try CSVTable(path: path)
    let measured = try MeasuredColumns(table: table, keyColumn: keyColumn, excluding: exclude)
    guard !measured.devices.isEmpty else { throw UserError("\(path) has no device columns besides \(keyColumn)") }
    let key = measured.keyColumn
    var architectures: [Architecture] = []
    var complete: [Int] = []
    var seen: Set<Architecture> = []
    for (row, fields) in table.rows.enumerated() {
      let architecture: Architecture
      do {
        architecture = try space.parse(fields[key])
      } catch {
        throw SpecError(file: path, line: table.lines[row], keyPath: keyColumn, problem: "\"\(fields[key])\": \(error)")
      }
      guard seen.insert(architecture).inserted else {
        throw SpecError(file: path, line: table.lines[row], keyPath: keyColumn,
                        problem: "\(space.canonicalString(architecture)) is listed twice (under another spelling)")
      }
      guard measured.latencySeconds.allSatisfy({ $0[row] != nil }) else { continue }
      architectures.append(architecture)
      complete.append(row)
    }
    var columns: [String: [Double]] = [:]
    for (device, values) in zip(measured.devices, measured.latencySeconds) { columns[device] = complete.map { values[$0]! } }
    return MeasuredTable(architectures: architectures, names: architectures.map(space.canonicalString), columns: columns,
                         devices: measured.devices, incompleteRows: table.rows.count - complete.count)
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

  /// A note for stderr when rows were left out.
  var note: String? {
    incompleteRows == 0 ? nil
      : "note: \(incompleteRows) architecture(s) lack a measurement on some device and are left out; \(names.count) remain"
  }
}
