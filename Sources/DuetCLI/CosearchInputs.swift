import ArgumentParser
import CoDesign
import Foundation
import Hardware
import Spaces

extension CosearchInputs {
  /// Resolves the shipped names of a space and hardware files, then gathers the inputs (see
  /// ``CosearchInputs/init(space:dataset:candidates:files:hardwareArgument:target:requireTarget:requireAccuracy:)``).
  static func load(space spaceName: String, dataset datasetName: String?, candidatesFile: String?, sample: Int?,
                   accelerators: String, target targetName: String?, seed: UInt64, requireTarget: Bool = true,
                   requireAccuracy: Bool = true) throws -> CosearchInputs {
    let space = try SpaceArgument.load(spaceName)
    let dataset = try space.dataset(datasetName)
    let source: CandidateSource = candidatesFile.map { .list(path: $0) }
      ?? sample.map { .sample(count: $0, seed: seed) } ?? .wholeSpace
    // Hardware: one or more files (comma-separated) of any kind that prices layers.
    var files: [HardwareFile] = []
    for name in accelerators.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) {
      guard let path = ShippedFiles.resolveHardware(name) else {
        throw UserError("no hardware \"\(name)\" (not a file, and not a shipped name in accelerators/)")
      }
      files.append(try HardwareFile.loadCostModels(
        path: path, measuredDeviceNote: "measured tables price whole architectures; use duet monotonicity --table or duet adapt"))
    }
    return try CosearchInputs(space: space, dataset: dataset, candidates: source, files: files,
                              hardwareArgument: accelerators, target: targetName, requireTarget: requireTarget,
                              requireAccuracy: requireAccuracy)
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
