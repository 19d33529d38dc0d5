import ArgumentParser
import Foundation
import Hardware
import Learning
import Reports
import Spaces
import SpecFiles
import Surrogates

/// `duet predictors`: hardware-metric predictors (a command group).
struct PredictorsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "predictors",
    abstract: "Fit hardware-metric predictors and study how well they rank architectures.",
    discussion: """
      A predictor learns a device's latency (or energy) from a few measured architectures. `study` \
      compares the model zoo across encodings and training sizes ([Laube22]); see docs/predictors.md.

      Examples:
        duet predictors study --table help_nb201_latency.csv --columns pixel3,raspi4 --out reports/predictors
      """,
    subcommands: [PredictorsStudyCommand.self, PredictorsFitCommand.self]
  )
}

/// Where a study's or a fit's measurements come from: table columns or hardware files.
struct MeasurementOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Search space (a shipped name or a space YAML).", valueName: "space"))
  var space = "nasbench201"

  @Option(help: ArgumentHelp("Dataset the lowering builds networks for (default: the space's first).", valueName: "name"))
  var dataset: String?

  @Option(help: ArgumentHelp("Measured latencies (ms): one row per architecture, one column per device (HELP's layout).", valueName: "file"))
  var table: String?

  @Option(help: ArgumentHelp("The table's architecture column.", valueName: "column"))
  var key = "arch_str"

  @Option(help: ArgumentHelp("Table columns that are not devices (comma-separated).", valueName: "names"))
  var ignore = "index"

  @Option(help: ArgumentHelp("Device columns to learn (comma-separated; default: every device column).", valueName: "names"))
  var columns: String?

  @Option(help: ArgumentHelp("Hardware files whose cost model is the measurement (comma-separated; each point is a target).", valueName: "files"))
  var hardware: String?

  @Option(help: ArgumentHelp("What a hardware target measures: latency or energy.", valueName: "metric"))
  var metric = MeasuredMetric.latency.rawValue

  func validate() throws {
    if table == nil && hardware == nil { throw ValidationError("give --table (measured columns) or --hardware (cost models), or both") }
    if table == nil && columns != nil { throw ValidationError("--columns selects columns of --table; give the table") }
    guard MeasuredMetric(rawValue: metric) != nil else { throw ValidationError("--metric takes latency or energy, got \(metric)") }
  }

  /// The space, the dataset, the sources, and where they came from in words.
  func load() throws -> (space: SearchSpace, dataset: Dataset, sources: [any MeasurementSource], description: String) {
    try Self.load(space: space, dataset: dataset, table: table, key: key, ignore: ignore, columns: columns, hardware: hardware,
                  metric: MeasuredMetric(rawValue: metric)!)
  }

  static func load(space spaceName: String, dataset datasetName: String?, table: String?, key: String, ignore: String,
                   columns: String?, hardware: String?, metric: MeasuredMetric)
    throws -> (space: SearchSpace, dataset: Dataset, sources: [any MeasurementSource], description: String)
  {
    let space = try SpaceArgument.load(spaceName)
    var dataset = space.defaultDataset
    if let datasetName {
      guard let found = space.dataset(named: datasetName) else {
        throw UserError("\(space.name) has no dataset \"\(datasetName)\"; its datasets: \(space.datasets.map(\.name).joined(separator: ", "))")
      }
      dataset = found
    }
    var sources: [any MeasurementSource] = []
    var described: [String] = []
    if let table {
      let wanted = columns.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
      let loaded = try MeasuredArchitectureTable.load(
        path: table, space: space, keyColumn: key, columns: wanted,
        excluding: Set(ignore.split(separator: ",").map(String.init)))
      if loaded.incompleteRows > 0 {
        DuetMain.printError("note: \(loaded.incompleteRows) row(s) of \(table) lack a measurement in a selected column and are left out; \(loaded.architectures.count) remain")
      }
      sources += loaded.columns.map { loaded.source($0) }
      described.append("\(URL(fileURLWithPath: table).lastPathComponent), column\(loaded.columns.count == 1 ? "" : "s") \(loaded.columns.joined(separator: ", ")) (ms)")
    }
    if let hardware {
      for point in try HardwareFiles.points(hardware) {
        sources.append(CostModelSource(name: point.label, model: point.model, metric: metric, space: space, dataset: dataset))
      }
      described.append("cost models of \(hardware) (\(metric.rawValue))")
    }
    guard Set(sources.map(\.name)).count == sources.count else {
      throw UserError("two targets share a name among \(sources.map(\.name).joined(separator: ", ")); give distinct columns and hardware")
    }
    return (space, dataset, sources, described.joined(separator: "; "))
  }
}

/// Hardware points from comma-separated hardware files (shipped names or paths).
enum HardwareFiles {
  static func points(_ list: String) throws -> [HardwarePoint] {
    var points: [HardwarePoint] = []
    for name in list.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) {
      let (file, label) = split(name)
      guard let path = ShippedFiles.resolveHardware(file) else {
        throw UserError("no hardware \"\(file)\" (not a file, and not a shipped name in accelerators/)")
      }
      let loaded = try HardwareFile.loadCostModels(path: path, measuredDeviceNote: "give its table with --table instead")
      if let label {
        guard let point = loaded.points.first(where: { $0.label == label }) else {
          var message = "no point \"\(label)\" in \(path)"
          if let hint = nearestSpelling(to: label, among: loaded.points.map(\.label)) { message += " (did you mean \"\(hint)\"?)" }
          throw UserError(message)
        }
        points.append(point)
      } else {
        points += loaded.points
      }
    }
    return points
  }

  /// `file@point` → (file, point).
  static func split(_ name: String) -> (file: String, point: String?) {
    guard let at = name.lastIndex(of: "@") else { return (name, nil) }
    return (String(name[..<at]), String(name[name.index(after: at)...]))
  }

  /// Exactly one point (for the estimate encoding).
  static func single(_ name: String) throws -> HardwarePoint {
    let points = try points(name)
    guard points.count == 1 else {
      throw UserError("\(name) has \(points.count) hardware points; name one as FILE@POINT (points: \(points.prefix(5).map(\.label).joined(separator: ", "))\(points.count > 5 ? ", …" : ""))")
    }
    return points[0]
  }
}

/// The tuning budget of every fit.
struct TuningOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Hyperparameter draws per fit (the defaults first; 1 = no tuning).", valueName: "n"))
  var tuningTrials = 10

  @Option(help: ArgumentHelp("Folds of the cross-validation inside the training set.", valueName: "k"))
  var tuningFolds = 3

  @Option(help: ArgumentHelp("Stop drawing after this many seconds per fit (results then depend on the machine).", valueName: "s"))
  var tuningTimeLimit: Double?

  @Option(help: ArgumentHelp("What tuning maximises: kendall (τ of the out-of-fold predictions) or mse.", valueName: "name"))
  var tuningObjective = TuningObjective.kendallTau.rawValue

  func validate() throws {
    guard tuningTrials >= 1 else { throw ValidationError("--tuning-trials must be at least 1") }
    guard tuningFolds >= 2 else { throw ValidationError("--tuning-folds must be at least 2") }
    if let tuningTimeLimit, !(tuningTimeLimit > 0) { throw ValidationError("--tuning-time-limit must be positive") }
    guard TuningObjective(rawValue: tuningObjective) != nil else {
      throw ValidationError("--tuning-objective takes " + TuningObjective.allCases.map(\.rawValue).joined(separator: " or "))
    }
  }

  func budget() -> TuningBudget {
    TuningBudget(trials: tuningTrials, folds: tuningFolds, timeLimit: tuningTimeLimit.map { .milliseconds(Int64($0 * 1000)) },
                 objective: TuningObjective(rawValue: tuningObjective)!)
  }
}

/// `--estimate-hardware`: the cost model the estimate encoding adds as a feature.
struct EstimateOption: ParsableArguments {
  @Option(help: ArgumentHelp("The hardware whose cost-model estimate the estimate encoding adds (FILE or FILE@POINT).", valueName: "file"))
  var estimateHardware: String?

  /// The estimate encoding's cost model, when one of `encodings` has the estimate part.
  func estimator(for encodings: [ArchitectureEncoding], space: SearchSpace, dataset: Dataset) throws -> CostModelSource? {
    guard encodings.contains(where: { $0.parts.contains(.estimate) }) else { return nil }
    guard let estimateHardware else { throw UserError("the estimate encoding needs --estimate-hardware FILE (or FILE@POINT)") }
    let point = try HardwareFiles.single(estimateHardware)
    return CostModelSource(name: point.label, model: point.model, space: space, dataset: dataset)
  }
}

/// Parses `--encodings` (comma-separated; parts joined with +).
func parseEncodings(_ text: String, option: String) throws -> [ArchitectureEncoding] {
  var parsed: [ArchitectureEncoding] = []
  for name in text.split(separator: ",", omittingEmptySubsequences: false).map({ String($0).trimmingCharacters(in: .whitespaces) }) {
    do { parsed.append(try ArchitectureEncoding(parsing: name)) } catch { throw ValidationError("\(option): \(error)") }
  }
  guard Set(parsed).count == parsed.count else { throw ValidationError("\(option) lists an encoding twice") }
  return parsed
}

/// The help line of the encoding options.
let encodingHelp = "join parts with +: " + ArchitectureEncoding.Part.allCases.map(\.rawValue).joined(separator: ", ")

/// Comma-separated positive integers (`10,20,50`).
func parseCounts(_ text: String, option: String) throws -> [Int] {
  var values: [Int] = []
  for piece in text.split(separator: ",", omittingEmptySubsequences: false) {
    guard let value = Int(piece.trimmingCharacters(in: .whitespaces)), value > 0 else {
      throw ValidationError("\(option) takes positive whole numbers separated by commas; got \"\(piece)\"")
    }
    values.append(value)
  }
  return values
}
