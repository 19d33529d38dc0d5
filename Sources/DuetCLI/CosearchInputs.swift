import Analysis
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
  var acceleratorSet: AcceleratorSet
  var hardware: HardwareSet
  var target: Int?

  static func load(space spaceName: String, dataset datasetName: String?, candidatesFile: String?, sample: Int?,
                   accelerators: String, target targetName: String?, seed: UInt64, requireTarget: Bool = true,
                   requireAccuracy: Bool = true) throws -> CosearchInputs {
    guard let spacePath = ShippedFiles.resolve(spaceName, folder: "spaces") else {
      throw UserError("no space \"\(spaceName)\" (not a file, and not a shipped name in spaces/)")
    }
    let space = try SearchSpace.load(path: spacePath)
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
      for (row, fields) in table.rows.enumerated() {
        do {
          architectures.append(try space.parse(fields[archColumn]))
        } catch {
          throw SpecError(file: candidatesFile, line: table.lines[row], keyPath: "arch", problem: "\(error)")
        }
        accuracies.append(try table.double(row: row, column: accuracyColumn))
      }
      accuracyDescription = "accuracies from \(candidatesFile) (\(architectures.count) architectures)"
    } else {
      let loaded = try space.accuracySource(for: dataset)
      let source = loaded?.spec.kindName == "proxy" ? nil : loaded
      if requireAccuracy && source == nil {
        throw UserError("""
          \(space.name) has no accuracy table or predictor for \(dataset.name); co-search maximises accuracy, so \
          pass --candidates F.csv (columns arch, accuracy)
          """)
      }
      if let sample {
        var generator = SplitMix64(seed: seed)
        architectures = space.sample(count: sample, distinct: true, using: &generator)
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

    guard let acceleratorPath = ShippedFiles.resolve(accelerators, folder: "accelerators") else {
      throw UserError("no accelerators \"\(accelerators)\" (not a file, and not a shipped name in accelerators/)")
    }
    let set = try AcceleratorFile.load(path: acceleratorPath)
    // HardwareResource(h) for MAESTRO accelerators: the PE count (area grows with it).
    let hardware = HardwareSet(points: set.accelerators.map {
      HardwareSet.Point(label: $0.label, model: $0, resource: Double($0.hardware.pes))
    })
    var target: Int? = nil
    if let wanted = targetName ?? set.target {
      guard let found = set.accelerators.firstIndex(where: { $0.label == wanted }) else {
        throw UserError("no accelerator named \"\(wanted)\" in \(acceleratorPath)")
      }
      target = found
    } else if requireTarget {
      throw UserError("\(acceleratorPath) names no target; pass --target NAME (a point's name)")
    }
    return CosearchInputs(space: space, dataset: dataset, candidates: candidates, architectures: architectures,
                          accuracyDescription: accuracyDescription, acceleratorSet: set, hardware: hardware,
                          target: target)
  }
}
