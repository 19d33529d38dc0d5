import ArgumentParser
import Interchange
import Spaces
import Workload

extension SpaceCommand {
  /// `duet space export-onnx`: an architecture (or one of its blocks) as a runnable ONNX model.
  struct ExportONNX: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "export-onnx",
      abstract: "Write an architecture, or one block of it, as an ONNX model with its real topology.",
      discussion: """
        Lowers the architecture with its edges (cell DAGs with their node sums and concatenations, \
        residual adds, shortcuts; `duet space lower` lists the layers and their names) and writes it as \
        an ONNX model (opset 17) with seeded random weights, or dimensions only with --weights none. \
        --block exports one block (e.g. stage2.b0, cell3) or layer at its real input shape. Measure the \
        model with scripts/onnx-latency.py (docs/interchange.md).

        Examples:
          duet space export-onnx nasbench201 '|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|nor_conv_1x1~2|' --out nb201.onnx
          duet space export-onnx mobilenetv2 --indices 0000000000000000000000000000000000 --block stage2.b0 --out block.onnx
          duet space export-onnx darts --sample-seed 3 --out darts.onnx
        """)

    @OptionGroup var space: SpaceArgument
    @Argument(help: ArgumentHelp("The architecture (omit with --sample-seed).", valueName: "arch")) var architecture: String?
    @Flag(help: "Read the architecture as choice indices.") var indices = false
    @Option(help: ArgumentHelp("Export a random architecture drawn with this seed instead of naming one.", valueName: "seed"))
    var sampleSeed: UInt64?
    @OptionGroup var dataset: DatasetOption
    @Option(help: ArgumentHelp("Cell edges whose result never reaches the cell output: keep (default) or prune.", valueName: "rule"))
    var deadEdges = "keep"
    @Option(help: ArgumentHelp("The file to write.", valueName: "file")) var out: String
    @OptionGroup var selection: BlockOptionGroup
    @OptionGroup var export: ONNXExportOptionGroup

    func validate() throws {
      guard LoweringOptions.DeadEdges(rawValue: deadEdges) != nil else {
        throw ValidationError("--dead-edges must be keep or prune, got \(deadEdges)")
      }
      guard (architecture == nil) != (sampleSeed == nil) else {
        throw ValidationError("name an architecture or give --sample-seed (one of them)")
      }
    }

    func run() async throws {
      let space = try self.space.load()
      let dataset = try self.dataset.resolve(in: space)
      let arch = try architecture.map { try space.architecture(argument: $0, indices: indices) }
        ?? space.seededSample(1, distinct: false, seed: sampleSeed!)[0]
      let options = LoweringOptions(deadEdges: LoweringOptions.DeadEdges(rawValue: deadEdges)!, recordsEdges: true)
      let network = try space.lower(arch, dataset: dataset, options: options)
      guard !network.layers.isEmpty else {
        throw UserError("\(space.canonicalString(arch)) lowers to no layers under --dead-edges \(deadEdges) (its cells are cut off from the input)")
      }
      print(space.canonicalString(arch))
      try writeONNX(try selection.select(network), options: export.options(block: selection.isSelecting), source: space.name, to: out)
    }
  }
}
