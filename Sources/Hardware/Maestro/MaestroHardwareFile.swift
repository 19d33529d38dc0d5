public import SpecFiles
import Foundation

/// A MAESTRO hardware file (`data/hw/*.m`): `key: value` lines such as `num_pes: 256`.
///
/// Keys: `num_pes`, `l1_size_cstr`, `l2_size_cstr`, `noc_bw_cstr`, `offchip_bw_cstr`, `NoC_NumHops`,
/// `num_simd_lanes`. As in MAESTRO's `--HW_file` path, the NoC latency is `NoC_NumHops` cycles (default 1)
/// and a missing off-chip bandwidth means unlimited (here: Int32.max elements per cycle).
public struct MaestroHardwareFile: Hashable, Sendable {
  public var hardware: MaestroHardware
  public var l1SizeElements: Int?
  public var l2SizeElements: Int?

  static let keys = ["num_pes", "l1_size_cstr", "l2_size_cstr", "noc_bw_cstr", "offchip_bw_cstr", "NoC_NumHops",
                     "num_simd_lanes"]

  public static func load(path: String) throws(SpecError) -> MaestroHardwareFile {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      throw SpecError(file: path, problem: FileManager.default.fileExists(atPath: path) ? "cannot read the file as text" : "no such file")
    }
    return try parse(text, file: path)
  }

  public static func parse(_ text: String, file: String) throws(SpecError) -> MaestroHardwareFile {
    var values: [String: Int] = [:]
    for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = rawLine.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty { continue }
      let parts = trimmed.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      guard parts.count == 2 else {
        throw SpecError(file: file, line: index + 1, column: 1, problem: "expected `key: value`, got \"\(trimmed)\"")
      }
      guard keys.contains(parts[0]) else {
        var message = "unknown key \(parts[0])"
        if let hint = nearestSpelling(to: parts[0], among: keys) { message += " (did you mean \"\(hint)\"?)" }
        throw SpecError(file: file, line: index + 1, column: 1, keyPath: parts[0], problem: message)
      }
      guard let value = Int(parts[1]), value > 0 else {
        throw SpecError(file: file, line: index + 1, column: 1, keyPath: parts[0], problem: "expected a positive integer, got \(parts[1])")
      }
      values[parts[0]] = value
    }
    guard let pes = values["num_pes"] else { throw SpecError(file: file, keyPath: "num_pes", problem: "missing required key") }
    let hardware = MaestroHardware(
      pes: pes, simdLanes: values["num_simd_lanes"] ?? 1, nocBandwidth: values["noc_bw_cstr"] ?? Int(Int32.max),
      nocHops: values["NoC_NumHops"] ?? 1, nocHopLatency: 1, offchipBandwidth: values["offchip_bw_cstr"] ?? Int(Int32.max))
    return MaestroHardwareFile(hardware: hardware, l1SizeElements: values["l1_size_cstr"], l2SizeElements: values["l2_size_cstr"])
  }
}
