import ArgumentParser
import CoDesign
import Foundation
import Hardware
import Reports
import Spaces
import SVGCharts
import SpecFiles

/// `duet cost --architectures`: whole architectures of a space on any hardware, including the files that
/// price whole architectures (measured and predicted devices).
struct ArchitectureCostOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Architectures to price whole, instead of --workload: canonical strings of --space (comma-separated) or a CSV with an arch column.", valueName: "list"))
  var architectures: String?

  @Option(help: ArgumentHelp("The space of --architectures (a shipped name or a space YAML).", valueName: "space"))
  var space = "nasbench201"

  @Option(help: ArgumentHelp("Dataset the architectures are built for (default: the space's first).", valueName: "name"))
  var dataset: String?

  /// The architectures named by --architectures.
  func parse(_ space: SearchSpace) throws -> [Architecture] {
    guard let architectures else { return [] }
    if FileManager.default.fileExists(atPath: architectures) {
      let table = try CSVTable(path: architectures)
      let column = try table.column("arch")
      return try table.rows.indices.map { row throws -> Architecture in
        do { return try space.parse(table.rows[row][column]) } catch {
          throw SpecError(file: architectures, line: table.lines[row], keyPath: "arch", problem: "\(error)")
        }
      }
    }
    // Canonical strings hold `|` and `+` but never a comma.
    return try architectures.split(separator: ",").map { text throws -> Architecture in
      do { return try space.parse(String(text)) } catch { throw UserError("--architectures: \"\(text)\": \(error)") }
    }
  }

  /// Prices every architecture whole on every point of the hardware files and prints (or writes) one row
  /// per (architecture, point): latency in seconds, energy in joules where the hardware knows it.
  func run(accelerators: String?, out: String?) throws {
    let space = try SpaceArgument.load(self.space)
    let dataset = try space.dataset(dataset)
    let list = try parse(space)
    guard !list.isEmpty else { throw UserError("--architectures names no architecture") }
    let names = list.map(space.canonicalString)
    guard let accelerators else {
      for (name, architecture) in zip(names, list) {
        let network = try space.lower(architecture, dataset: dataset)
        print("\(name): \(network.layers.count) layers, \(ValueFormat.grouped(network.macs)) MACs, \(ValueFormat.grouped(network.parameters)) parameters")
      }
      return
    }
    let (files, models) = try ArchitectureHardware.load(accelerators, space: space)
    let hardware = HardwareSet(files.flatMap(\.points), architectureModels: models)
    var candidates = CandidateSet()
    for (name, architecture) in zip(names, list) {
      candidates.append(name: name, accuracy: .nan, network: try space.lower(architecture, dataset: dataset))
    }
    let evaluator = Evaluator(candidates: candidates, hardware: hardware, latencyUnit: .seconds)
    var csv = CSVWriter(header: ["architecture", "hardware", "valid", "latency_s", "energy_J", "reason"])
    var rows: [Row] = []
    var lines: [String] = []
    for h in 0..<hardware.count {
      let point = hardware.points[h]
      let reason = evaluator.costs.invalidReason[h]
      for a in 0..<candidates.count {
        let m = evaluator.peek(a, on: h)
        let energy = m.energy.isNaN ? "" : NumberFormat.exact(m.energy * 1e-12)
        csv.append([names[a], point.label, reason == nil ? "true" : "false", reason == nil ? NumberFormat.exact(m.latency) : "",
                    reason == nil ? energy : "", reason ?? ""])
        rows.append(Row(architecture: names[a], hardware: point.label, valid: reason == nil,
                        latency_s: reason == nil ? m.latency : nil,
                        energy_J: reason == nil && !m.energy.isNaN ? m.energy * 1e-12 : nil, reason: reason))
        let shown = reason.map { "cannot price: \($0)" }
          ?? ("latency \(ValueFormat.significant(4).string(m.latency * 1e3)) ms"
              + (m.energy.isNaN ? "" : ", energy \(ValueFormat.significant(4).string(m.energy * 1e-9)) mJ"))
        lines.append("\(point.label)  \(names[a])  \(shown)")
      }
    }
    if let out {
      if out.hasSuffix(".json") {
        try AtomicFile.write(try ReportJSON.encode(rows, pretty: true), to: out)
      } else {
        try AtomicFile.write(Data(csv.text.utf8), to: out)
      }
    }
    print(lines.joined(separator: "\n"))
  }

  /// One row of `--out rows.json`.
  struct Row: Codable {
    var architecture: String
    var hardware: String
    var valid: Bool
    var latency_s: Double?
    var energy_J: Double?
    var reason: String?
  }
}
