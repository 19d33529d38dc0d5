import ArgumentParser
import Foundation
import Hardware
import Interchange
import Reports
import SVGCharts
import SpecFiles
import Workload

/// `duet workload`: bring networks in from ONNX and hand them out to runtimes.
struct WorkloadCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "workload",
    abstract: "Import ONNX models as networks; export networks as ONNX or MAESTRO models.",
    discussion: """
      docs/interchange.md lists the ONNX operators Duet reads and how each is priced.

      Examples:
        duet workload import model.onnx --out net.yaml
        duet workload export resnet50 --out resnet50.onnx
        duet workload export resnet50 --block conv3_1 --out conv3_1.onnx
      """,
    subcommands: [Import.self, Export.self]
  )
}

// MARK: - Reading workloads

/// `--input-shape` and `--unsupported`, for every command that reads an ONNX model.
struct ONNXImportOptionGroup: ParsableArguments {
  @Option(help: ArgumentHelp("For an ONNX model: the input's shape (e.g. 1x3x224x224), overriding the file's (a symbolic batch is read as 1).", valueName: "NxCxHxW"))
  var inputShape: String?

  @Option(help: ArgumentHelp("For an ONNX model: what to do with an operator Duet does not price: error (default) or skip (price the rest and list what was skipped).", valueName: "rule"))
  var unsupported = "error"

  func validate() throws {
    guard ONNXImportOptions.Unsupported(rawValue: unsupported) != nil else {
      throw ValidationError("--unsupported must be error or skip, got \(unsupported)")
    }
    _ = try shape()
  }

  func shape() throws -> [Int]? {
    guard let inputShape else { return nil }
    let parts = inputShape.split(separator: "x", omittingEmptySubsequences: false).map { Int($0) }
    guard !parts.isEmpty, parts.allSatisfy({ ($0 ?? 0) > 0 }) else {
      throw ValidationError("--input-shape must be positive sizes joined by x (e.g. 1x3x224x224), got \(inputShape)")
    }
    return parts.map { $0! }
  }

  var options: ONNXImportOptions {
    ONNXImportOptions(inputShape: try? shape(), unsupported: ONNXImportOptions.Unsupported(rawValue: unsupported) ?? .error)
  }
}

/// A workload file: Duet's network YAML, a MAESTRO model or mapping file, or an ONNX model.
struct WorkloadSource {
  var path: String
  var network: Network
  /// The Dataflow block of each layer of a MAESTRO mapping file.
  var dataflows: [Dataflow?] = []
  var imported: ONNXImport?

  /// A path or a shipped name (`resnet50`).
  static func load(_ name: String, onnx: ONNXImportOptions = ONNXImportOptions()) throws -> WorkloadSource {
    guard let path = ShippedFiles.resolve(name, folder: "workloads", extensions: ["yaml", "yml", "m", "onnx"]) else {
      throw UserError("no workload \"\(name)\" (not a file, and not a shipped name in workloads/)")
    }
    if path.hasSuffix(".m") {
      let file = try MaestroModelFile.load(path: path)
      return WorkloadSource(path: path, network: file.network, dataflows: file.entries.map(\.dataflow))
    }
    if path.hasSuffix(".onnx") {
      let imported = try ONNXImporter.load(path: path, options: onnx)
      return WorkloadSource(path: path, network: imported.network, imported: imported)
    }
    return WorkloadSource(path: path, network: try Network.load(path: path))
  }

  /// What an ONNX import left out, for stderr; empty otherwise.
  var skippedNote: String? {
    guard let imported, !imported.skipped.isEmpty else { return nil }
    let total = imported.skipped.reduce(0) { $0 + $1.count }
    return "note: skipped \(total) node\(total == 1 ? "" : "s") Duet does not price: "
      + imported.skipped.map { "\($0.opType) ×\($0.count) (first: \"\($0.firstNode)\")" }.joined(separator: ", ")
  }
}

/// `--block` / `--layers`: one layer or a contiguous block of a network.
struct BlockOptionGroup: ParsableArguments {
  @Option(help: ArgumentHelp("Only the layers named PREFIX or PREFIX.… (a block such as conv3_1 or stage2.b0, or one layer).", valueName: "prefix"))
  var block: String?

  @Option(help: ArgumentHelp("Only the layers FIRST through LAST (by name, inclusive).", valueName: "first:last"))
  var layers: String?

  func validate() throws {
    if block != nil && layers != nil { throw ValidationError("give --block or --layers, not both") }
    if let layers, layers.split(separator: ":", omittingEmptySubsequences: false).count != 2 {
      throw ValidationError("--layers must be FIRST:LAST, got \(layers)")
    }
  }

  var isSelecting: Bool { block != nil || layers != nil }

  func select(_ network: Network) throws -> Network {
    do {
      if let block { return try network.block(prefix: block) }
      if let layers {
        let ends = layers.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        return try network.block(from: ends[0], through: ends[1])
      }
    } catch {
      throw UserError(error.description)
    }
    return network
  }
}

/// `--weights` and `--seed` of an ONNX export.
struct ONNXExportOptionGroup: ParsableArguments {
  @Option(help: ArgumentHelp("Weights to write: random (seeded; a model a runtime runs) or none (dimensions only, for pricing tools).", valueName: "kind"))
  var weights = "random"

  @Option(help: "Seed of the random weights.")
  var seed: UInt64 = 1

  func validate() throws {
    guard ONNXExportOptions.Weights(rawValue: weights) != nil else {
      throw ValidationError("--weights must be random or none, got \(weights)")
    }
  }

  func options(block: Bool, independentLayers: Bool = false) -> ONNXExportOptions {
    ONNXExportOptions(weights: ONNXExportOptions.Weights(rawValue: weights) ?? .random, seed: seed,
                      independentLayers: independentLayers, allowsExternalInputs: block)
  }
}

/// Writes a network as ONNX and says what was written.
func writeONNX(_ network: Network, options: ONNXExportOptions, source: String, to out: String) throws {
  let data = try ONNXExporter.export(network, options: options, file: source)
  try AtomicFile.write(data, to: out)
  let readsInput = network.layers.indices.contains { network.inputs(of: $0).contains(Network.inputName) }
  let inputs = options.independentLayers ? network.layers.count : network.externalInputs.count + (readsInput ? 1 : 0)
  print("\(out): \(WorkloadTable.summary(network)); opset \(ONNXExporter.opset), \(inputs) input\(inputs == 1 ? "" : "s"), weights \(options.weights.rawValue), \(ValueFormat.grouped(Int64(data.count))) bytes")
}

// MARK: - import

extension WorkloadCommand {
  struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Read an ONNX model as a Duet network (YAML).",
      discussion: """
        Infers every tensor's shape from the input (the file's value annotations are not needed; a \
        symbolic batch is read as 1; --input-shape overrides), maps each operator to the layer that \
        prices it, and keeps the graph's edges as each layer's inputs. Weights are read by their \
        dimensions alone, so files with stripped or external weights import the same. Prints the layer \
        table, or with --out writes the network YAML (docs/formats.md), which every command that takes \
        a workload reads. docs/interchange.md lists the operators.

        Examples:
          duet workload import resnet50.onnx --out resnet50-onnx.yaml
          duet workload import detector.onnx --input-shape 1x3x320x320 --unsupported skip --out det.yaml
        """)

    @Argument(help: ArgumentHelp("The ONNX model.", valueName: "model.onnx")) var model: String
    @OptionGroup var onnx: ONNXImportOptionGroup
    @Option(help: ArgumentHelp("Write the network YAML here.", valueName: "file")) var out: String?

    func run() async throws {
      let imported = try ONNXImporter.load(path: model, options: onnx.options)
      if let note = WorkloadSource(path: model, network: imported.network, imported: imported).skippedNote {
        DuetMain.printError(note)
      }
      guard let out else {
        print(WorkloadTable.render(imported.network))
        print(imported.summary)
        return
      }
      try AtomicFile.write(imported.network.yamlDocument(description: imported.summary, source: model), to: out)
      print("\(out): \(WorkloadTable.summary(imported.network))")
    }
  }
}

// MARK: - export

extension WorkloadCommand {
  struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write a network (or one block of it) as an ONNX model, or as a MAESTRO model file.",
      discussion: """
        The workload is a network YAML, a MAESTRO model file (.m) or an ONNX model. The ONNX model \
        (opset 17) has one node per layer, follows the network's edges (each layer's inputs: in the \
        YAML, `inputs:`), and checks every edge: a layer whose input shape disagrees with what its \
        producer gives is named in the error. --block or --layers export one layer or a contiguous block \
        with its real input shape (the producers outside it become the model's inputs). A layer list \
        whose shapes do not chain (MAESTRO's model files) exports with --independent-layers: every layer \
        reads its own input. --format maestro writes the multiply-accumulate layers as a MAESTRO model \
        file instead. Measure the result with scripts/onnx-latency.py (docs/interchange.md).

        Examples:
          duet workload export resnet50 --out resnet50.onnx
          duet workload export mobilenetv2 --block block4_2 --out block4_2.onnx
          duet workload export resnet50 --layers conv3_1.a:conv3_1.add --weights none --out stage.onnx
          duet workload export Tests/HardwareTests/Fixtures/maestro/model/vgg16_model.m --independent-layers --out vgg.onnx
          duet workload export model.onnx --format maestro --out model.m
        """)

    @Argument(help: ArgumentHelp("Network YAML, MAESTRO .m or ONNX file (a path, or a shipped name such as resnet50).", valueName: "workload"))
    var workload: String
    @Option(help: ArgumentHelp("The file to write.", valueName: "file")) var out: String
    @Option(help: ArgumentHelp("onnx (default) or maestro.", valueName: "format")) var format = "onnx"
    @OptionGroup var selection: BlockOptionGroup
    @OptionGroup var export: ONNXExportOptionGroup
    @Flag(help: "Give every layer its own input instead of following the network's edges.") var independentLayers = false
    @OptionGroup var onnx: ONNXImportOptionGroup

    func validate() throws {
      guard format == "onnx" || format == "maestro" else { throw ValidationError("--format must be onnx or maestro, got \(format)") }
    }

    func run() async throws {
      let source = try WorkloadSource.load(workload, onnx: onnx.options)
      if let note = source.skippedNote { DuetMain.printError(note) }
      let network = try selection.select(source.network)
      if format == "maestro" {
        try AtomicFile.write(MaestroModelFile.text(of: network), to: out)
        let macLayers = network.layers.filter { $0.layer.kind.isMACLayer }.count
        print("\(out): \(network.name), \(macLayers) multiply-accumulate layers, \(ValueFormat.grouped(network.macs)) MACs")
        return
      }
      try writeONNX(network, options: export.options(block: selection.isSelecting, independentLayers: independentLayers),
                    source: source.path, to: out)
    }
  }
}
