import ArgumentParser
import Foundation
import Interchange
import Reports
import SVGCharts
import Workload

/// `duet bench import`: how long reading an ONNX model takes.
struct BenchImportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Time importing ONNX models (decoding, shape inference, layers).",
    discussion: """
      Imports --model (default: torchvision's ResNet-50 as exported from PyTorch, weights stripped, from \
      the test fixtures) --runs times, and the shipped ResNet-50 exported by Duet with random weights \
      (about 100 MB, the weights decoded and ignored), and prints the median and fastest wall time of \
      each. The target for ResNet-50 is under 0.5 s.

      Example:
        swift run -c release duet bench import --runs 20
      """)

  @Option(help: ArgumentHelp("The ONNX model to import.", valueName: "file"))
  var model = "Tests/InterchangeTests/Fixtures/frameworks/resnet50.onnx"

  @Option(help: "How many imports to time.")
  var runs = 10

  func validate() throws {
    guard runs > 0 else { throw ValidationError("--runs must be positive") }
  }

  func run() async throws {
    #if DEBUG
      print("note: this is a debug build; use `swift run -c release duet bench import` for real figures")
    #endif
    guard let path = ShippedFiles.resolve(model, folder: ".", extensions: ["onnx"]) else {
      throw UserError("no model \"\(model)\" (run from the Duet checkout, or give --model)")
    }
    let file = try Data(contentsOf: URL(fileURLWithPath: path))
    print(try line("\(URL(fileURLWithPath: path).lastPathComponent) (\(ValueFormat.grouped(Int64(file.count))) bytes)", file, name: "model"))
    guard let workload = ShippedFiles.resolve("resnet50", folder: "workloads") else { return }
    let weighted = try ONNXExporter.export(try Network.load(path: workload), options: ONNXExportOptions(weights: .random), file: workload)
    print(try line("resnet50 exported by duet, random weights (\(ValueFormat.grouped(Int64(weighted.count))) bytes)", weighted, name: "resnet50"))
  }

  func line(_ label: String, _ data: Data, name: String) throws -> String {
    let clock = ContinuousClock()
    var times: [Double] = []
    var layers = 0
    var macs: Int64 = 0
    for _ in 0..<runs {
      let start = clock.now
      let imported = try ONNXImporter.decode(data, file: label, name: name)
      let d = clock.now - start
      times.append(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
      layers = imported.network.layers.count
      macs = imported.network.macs
    }
    times.sort()
    return "import \(label): median \(String(format: "%.4f", times[times.count / 2])) s, fastest \(String(format: "%.4f", times[0])) s over \(runs) runs; \(layers) layers, \(ValueFormat.grouped(macs)) MACs"
  }
}
