import Analysis
import ArgumentParser
import CoDesign
import Foundation
import Hardware
import SpecFiles
import Spaces

/// Loads what `duet cosearch` and `duet monotonicity` share: the space's architectures with accuracies,
/// and the accelerators.
struct CosearchInputs {
  var space: SearchSpace
  var dataset: Dataset
  var candidates: CandidateSet
  var architectures: [Architecture]
  var accuracyDescription: String
  /// The hardware files' names.
  var hardwareName: String
  var points: [HardwarePoint]
  var hardware: HardwareSet
  var target: Int?
  var latencyUnit: CostTable.LatencyUnit

  /// The MAESTRO-like accelerators among the points.
  var accelerators: [Accelerator] { points.compactMap(\.accelerator) }

  static func load(space spaceName: String, dataset datasetName: String?, candidatesFile: String?, sample: Int?,
                   accelerators: String, target targetName: String?, seed: UInt64, requireTarget: Bool = true,
                   requireAccuracy: Bool = true) throws -> CosearchInputs {
    let space = try SpaceArgument.load(spaceName)
    let dataset: Dataset
    if let datasetName {
      guard let found = space.dataset(named: datasetName) else {
        throw UserError("\(space.name) has no dataset \"\(datasetName)\"; its datasets: \(space.datasets.map(\.name).joined(separator: ", "))")
      }
      dataset = found
    } else {
      dataset = space.defaultDataset
    }

    // Architectures and accuracies: a given list, or the space's own table (all or a seeded sample).
    var architectures: [Architecture] = []
    var accuracies: [Double] = []
    let accuracyDescription: String
    if let candidatesFile {
      let table = try CSVTable(path: candidatesFile)
      let archColumn = try table.column("arch"), accuracyColumn = try table.column("accuracy")
      var firstLine: [Architecture: Int] = [:]
      for (row, fields) in table.rows.enumerated() {
        let architecture: Architecture
        do {
          architecture = try space.parse(fields[archColumn])
        } catch {
          throw SpecError(file: candidatesFile, line: table.lines[row], keyPath: "arch", problem: "\(error)")
        }
        if let line = firstLine[architecture] {
          throw SpecError(file: candidatesFile, line: table.lines[row], keyPath: "arch",
                          problem: "\(space.canonicalString(architecture)) is listed twice (first on line \(line))")
        }
        firstLine[architecture] = table.lines[row]
        let accuracy = try table.double(row: row, column: accuracyColumn)
        guard (0...100).contains(accuracy) else {
          throw SpecError(file: candidatesFile, line: table.lines[row], keyPath: "accuracy",
                          problem: "expected an accuracy in percent (0…100), got \(accuracy)")
        }
        architectures.append(architecture)
        accuracies.append(accuracy)
      }
      guard architectures.count >= 2 else {
        throw SpecError(file: candidatesFile, problem: "a co-search needs at least 2 candidate architectures")
      }
      accuracyDescription = "accuracies from \(candidatesFile) (\(architectures.count) architectures)"
    } else {
      let loaded = try space.accuracySource(for: dataset)
      let source = loaded?.spec.isProxy == true ? nil : loaded
      if requireAccuracy && source == nil {
        throw UserError("""
          \(space.name) has no accuracy table or predictor for \(dataset.name); co-search maximises accuracy, so \
          pass --candidates F.csv (columns arch, accuracy)
          """)
      }
      if let sample {
        architectures = try space.seededSample(sample, distinct: true, seed: seed)
      } else {
        guard let size = space.size.exactInt, size <= 1_000_000 else {
          throw UserError("\(space.name) has \(space.size.approximateDescription) architectures; pass --sample N or --candidates F.csv")
        }
        architectures = Array(space.enumerate())
      }
      for architecture in architectures {
        guard let source else {
          accuracies.append(.nan)
          continue
        }
        guard let estimate = source.estimate(architecture) else {
          throw UserError("the accuracy source of \(space.name) has no value for \(space.canonicalString(architecture))")
        }
        accuracies.append(estimate.value)
      }
      accuracyDescription = source.map { "\($0.spec.kindName): \($0.spec.metric)" } ?? "none (not needed here)"
    }
    var candidates = CandidateSet()
    for (architecture, accuracy) in zip(architectures, accuracies) {
      candidates.append(name: space.canonicalString(architecture), accuracy: accuracy,
                        network: try space.lower(architecture, dataset: dataset))
    }

    // Hardware: one or more files (comma-separated) of any kind that prices layers.
    var points: [HardwarePoint] = []
    var fileTarget: String? = nil
    var names: [String] = []
    for name in accelerators.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) {
      guard let path = ShippedFiles.resolveHardware(name) else {
        throw UserError("no hardware \"\(name)\" (not a file, and not a shipped name in accelerators/)")
      }
      let file = try HardwareFile.loadCostModels(
        path: path, measuredDeviceNote: "measured tables price whole architectures; use duet monotonicity --table or duet adapt")
      points += file.points
      fileTarget = fileTarget ?? file.target
      names.append(file.name)
    }
    guard Set(points.map(\.label)).count == points.count else {
      throw UserError("two hardware points share a label; give the points distinct names")
    }
    // HardwareResource(h) (seed 002, Eq. 4.4): the PE count of a MAESTRO-like accelerator, the DSP slices
    // of an FPGA design; none for a device.
    let hardware = HardwareSet(points: points.map { point in
      let resource: Double? = if let a = point.accelerator { Double(a.hardware.pes) }
        else if let f = point.model as? FPGADesign { Double(f.resourceUsage.dspSlices) } else { nil }
      return HardwareSet.Point(label: point.label, model: point.model, resource: resource)
    })
    var target: Int? = nil
    if let wanted = targetName ?? fileTarget {
      guard let found = points.firstIndex(where: { $0.label == wanted }) else {
        var message = "no hardware point named \"\(wanted)\" in \(accelerators)"
        if let hint = nearestSpelling(to: wanted, among: points.map(\.label)) { message += " (did you mean \"\(hint)\"?)" }
        throw UserError(message)
      }
      // A target that cannot run the space has no front to take caps on.
      for layer in candidates.distinctLayers {
        if case .invalid(let why) = points[found].model.cost(of: layer).validity {
          throw UserError("the target \(wanted) cannot run \(space.name): \(why); choose another with --target")
        }
      }
      target = found
    } else if requireTarget {
      throw UserError("\(accelerators) names no target; pass --target NAME (a point's name)")
    }
    // Cycles compare only among MAESTRO-like accelerators that share one clock; any other mix (FPGAs,
    // devices, or accelerators with different clocks) is compared in seconds.
    let clocks = Set(points.compactMap { $0.accelerator?.clockHertz })
    let latencyUnit: CostTable.LatencyUnit = points.allSatisfy { $0.accelerator != nil } && clocks.count == 1 ? .cycles : .seconds
    return CosearchInputs(space: space, dataset: dataset, candidates: candidates, architectures: architectures,
                          accuracyDescription: accuracyDescription, hardwareName: names.joined(separator: " + "),
                          points: points, hardware: hardware, target: target, latencyUnit: latencyUnit)
  }
}

/// The options that say what a co-search or a monotonicity run prices: a space's architectures (all, a
/// sample, or a given list) on a set of hardware files.
struct CandidateOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Search space (a shipped name or a space YAML).", valueName: "space"))
  var space = "nasbench201"

  @Option(help: ArgumentHelp("Dataset (default: the space's first).", valueName: "name"))
  var dataset: String?

  @Option(help: ArgumentHelp("Architectures and accuracies: a CSV with columns arch (the space's canonical string) and accuracy (%). Default: the space's own accuracy table, every architecture.", valueName: "file"))
  var candidates: String?

  @Option(help: ArgumentHelp("A seeded sample of this many architectures instead of the whole space.", valueName: "n"))
  var sample: Int?

  @Option(help: ArgumentHelp("Hardware: a sweep, accelerator, FPGA or device file (a path or a shipped name); several, comma-separated.", valueName: "files"))
  var accelerators = "semi-decoupled-grid"

  func validate() throws {
    if let sample, sample < 2 { throw ValidationError("--sample needs at least 2 architectures") }
  }

  func load(target: String?, seed: UInt64, requireTarget: Bool = true, requireAccuracy: Bool = true) throws -> CosearchInputs {
    try CosearchInputs.load(space: space, dataset: dataset, candidatesFile: candidates, sample: sample,
                            accelerators: accelerators, target: target, seed: seed, requireTarget: requireTarget,
                            requireAccuracy: requireAccuracy)
  }
}
