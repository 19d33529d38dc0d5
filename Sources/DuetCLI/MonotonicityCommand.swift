import Analysis
import ArgumentParser
import CoDesign
import Foundation
import Reports
import Spaces

/// `duet monotonicity`: rank correlation of latency and energy across hardware.
struct MonotonicityCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "monotonicity",
    abstract: "Measure latency and energy monotonicity (Spearman ρ) across hardware.",
    discussion: """
      Either prices a space's architectures on every point of an accelerator sweep (latency and energy), \
      or reads a table of measured latencies (one column per device). Prints each hardware's mean ρ \
      with the others and the least monotone pairs, and writes a report folder with the ρ matrices.

      Examples:
        duet monotonicity
        duet monotonicity --space nasbench201 --accelerators maestro-grid --sample 2000
        duet monotonicity --table help_nb201_latency.csv --reference pixel3
      """
  )

  @OptionGroup var inputs: CandidateOptions

  @Option(help: ArgumentHelp("Measured latencies instead of a sweep: one row per architecture, one column per device.", valueName: "file"))
  var table: String?

  @Option(help: ArgumentHelp("With --table: the column holding the architecture string.", valueName: "column"))
  var key = "arch_str"

  @Option(help: ArgumentHelp("With --table: columns that are not devices (comma-separated).", valueName: "names"))
  var ignore = "index"

  @Option(help: ArgumentHelp("Hardware to report ρ against (a point's name or a device column; default: the sweep's target).", valueName: "name"))
  var reference: String?

  @Flag(help: "Also compute Kendall's τ-b of latency (O(n log n) per pair).")
  var kendall = false

  @Option(help: "Seed for --sample.")
  var seed: UInt64 = 1

  @Option(help: ArgumentHelp("Report folder (default: reports/monotonicity-<space>-<hardware>).", valueName: "folder"))
  var out: String?

  @Option(help: ArgumentHelp("What to print: text or json.", valueName: "format"))
  var format: CosearchCommand.OutputFormat = .text

  func run() async throws {
    let result: MonotonicityResult
    let source: String
    if let table {
      let space = try SpaceArgument.load(inputs.space)
      let measured = try MeasuredTable.load(path: table, space: space, keyColumn: key,
                                            exclude: Set(ignore.split(separator: ",").map(String.init)))
      if let note = measured.note { DuetMain.printError(note) }
      guard measured.devices.count >= 2 else { throw UserError("\(table) has fewer than two device columns") }
      let referenceIndex = try reference.map { name -> Int in
        guard let index = measured.devices.firstIndex(of: name) else { throw UserError("no device column \"\(name)\" in \(table)") }
        return index
      }
      result = MonotonicityResult(labels: measured.devices, latency: measured.devices.map { measured.columns[$0]! },
                                  reference: referenceIndex, kendall: kendall)
      source = "\(measured.names.count) architectures of \(space.name), measured latencies from \(table)"
    } else {
      let inputs = try self.inputs.load(target: reference, seed: seed, requireTarget: false, requireAccuracy: false)
      let evaluator = Evaluator(candidates: inputs.candidates, hardware: inputs.hardware, latencyUnit: inputs.latencyUnit)
      let matrix = MetricMatrix(evaluator)
      let labels = inputs.hardware.labels
      var computed = MonotonicityResult(labels: matrix.hardware.map { labels[$0] }, hardware: matrix.hardware,
                                        latency: matrix.latency, energy: matrix.energy,
                                        reference: inputs.target.flatMap { matrix.row(of: $0) }, kendall: kendall)
      computed.figures = matrix.hardware.map { inputs.hardware.points[$0].model.flatMap(HardwareFigures.init) }
      result = computed
      source = "\(inputs.candidates.count) architectures of \(inputs.space.name) (\(inputs.dataset.name)) priced on the \(matrix.hardware.count) valid hardware points of \(inputs.hardwareName)"
    }
    let name = out ?? "reports/monotonicity-\(inputs.space)-\(table.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent } ?? inputs.accelerators)"
    let run = RunDescription(command: DuetMain.commandLine, duetVersion: Duet.version,
                             seed: seed, facts: [Fact("source", source)])
    let title = "Monotonicity: \(source)"
    var files = try dataFiles(result)
    files.append(try RunRecord.dataFile(kind: .monotonicity, title: title, run: run, dataFiles: files))
    try RunFolder(path: name).write(page: MonotonicityReport.page(result: result, title: title, run: run, files: files),
                                    dataFiles: files)
    switch format {
    case .json: print(String(decoding: try ReportJSON.encode(result, pretty: false), as: UTF8.self))
    case .text: print(summary(result, source: source, folder: name))
    }
  }

  func dataFiles(_ result: MonotonicityResult) throws -> [DataFile] {
    var files = [DataFile(name: "result.json", contents: try ReportJSON.encode(result, pretty: false), description: "ρ matrices and means")]
    var matrices = [("rho_latency.csv", result.latencyRho)]
    if let energy = result.energyRho { matrices.append(("rho_energy.csv", energy)) }
    if let tau = result.latencyTau { matrices.append(("tau_latency.csv", tau)) }
    for (name, matrix) in matrices {
      var csv = CSVWriter(header: ["hardware"] + result.labels)
      for (i, row) in matrix.enumerated() { csv.append([result.labels[i]] + row.map(NumberFormat.exact)) }
      files.append(DataFile(name: name, text: csv.text, description: "rank correlation between every pair of hardware"))
    }
    return files
  }

  func summary(_ result: MonotonicityResult, source: String, folder: String) -> String {
    var lines = [source]
    func describe(_ name: String, _ means: [Double], _ pairs: [Double]) {
      lines.append(String(format: "%@: mean ρ per hardware min %.3f, 10th pct %.3f, median %.3f; pairs min %.3f, median %.3f; %d of %d hardware with mean ρ ≥ 0.97",
                          name, means.min() ?? .nan, Statistics.quantile(means, 0.1), Statistics.median(means),
                          pairs.min() ?? .nan, Statistics.median(pairs), means.filter { $0 >= 0.97 }.count, means.count))
    }
    describe("latency", result.meanLatencyRho, result.latencyPairs)
    if let energy = result.energyRho, let means = result.meanEnergyRho {
      let pairs = (0..<energy.count).flatMap { i in ((i + 1)..<max(energy.count, i + 1)).map { energy[i][$0] } }
      describe("energy", means, pairs)
    }
    let lowest = result.meanLatencyRho.indices.sorted { result.meanLatencyRho[$0] < result.meanLatencyRho[$1] }.prefix(5)
    lines.append("least monotone (mean latency ρ): " + lowest.map { String(format: "%@ %.3f", result.labels[$0], result.meanLatencyRho[$0]) }.joined(separator: ", "))
    if let r = result.reference {
      let others = result.latencyRhoWithReference.enumerated().filter { $0.offset != r }.map(\.element)
      lines.append(String(format: "ρ with %@: latency min %.3f, median %.3f", result.labels[r], others.min() ?? .nan, Statistics.median(others)))
    }
    lines.append("report: \(folder)/index.html")
    return lines.joined(separator: "\n")
  }
}
