import Analysis
import Foundation
import Spaces
import TestSupport
import Testing
import Workload
@testable import Interchange

/// Python with onnx and onnxruntime, when installed (scripts/test.sh installs them where pip can).
enum Python {
  static let available: Bool = {
    let result = run(["-c", "import onnx, onnxruntime, numpy"])
    if result.status != 0 {
      TestPaths.note("onnx and onnxruntime are not importable by python3: skipping the runtime checks of exported models (pip install onnx onnxruntime)")
    }
    return result.status == 0
  }()

  /// Runs python3 with `arguments`; its status, stdout and stderr.
  static func run(_ arguments: [String]) -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    do { try process.run() } catch { return (127, "", "\(error)") }
    // Read before waiting: a full pipe would block the child.
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
  }

  static func script(_ name: String) -> String { TestPaths.project("scripts/\(name)") }

  static func jsonLines(_ text: String) -> [[String: Any]] {
    text.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
  }
}

func temporaryFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("duet-onnx-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// A plain CNN at width `w` (a family of sizes): four 3×3 convs with ReLU at 32 and 16 px, a global pool
/// and a classifier. MACs grow as w².
func widthFamilyMember(_ w: Int) -> Network {
  var layers: [NetworkLayer] = []
  func add(_ name: String, _ layer: Layer) { layers.append(NetworkLayer(name: name, layer: layer)) }
  for (i, (cIn, cOut, stride, size)) in [(3, w, 1, 32), (w, w, 1, 32), (w, 2 * w, 2, 32), (2 * w, 2 * w, 1, 16)].enumerated() {
    add("conv\(i)", .convolution(in: cIn, out: cOut, kernel: 3, stride: stride, input: size))
    add("relu\(i)", Layer(kind: .activation(.relu), k: cOut, c: cOut, y: size / stride, x: size / stride))
  }
  add("pool", Layer(kind: .pooling(.average), k: 2 * w, c: 2 * w, r: 16, s: 16, y: 16, x: 16))
  add("fc", .fullyConnected(in: 2 * w, out: 10))
  return Network(name: "cnn-w\(w)", layers: layers)
}

@Suite("Exported models in onnxruntime", .serialized)
struct RuntimeTests {
  /// Every model the exporter writes for the shipped workloads, a sample of every space, blocks and a
  /// MAESTRO layer list passes onnx.checker and runs in onnxruntime.
  @Test func exportedModelsPassTheCheckerAndRun() throws {
    guard Python.available else { return }
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var files: [String] = []
    func write(_ network: Network, _ name: String, _ options: ONNXExportOptions = ONNXExportOptions(weights: .random)) throws {
      let path = folder.appendingPathComponent("\(name).onnx").path
      try ONNXExporter.export(network, options: options, file: name).write(to: URL(fileURLWithPath: path))
      files.append(path)
    }
    let resnet = try Network.load(path: TestPaths.project("workloads/resnet50.yaml"))
    try write(resnet, "resnet50")
    try write(try Network.load(path: TestPaths.project("workloads/mobilenetv2.yaml")), "mobilenetv2")
    try write(try resnet.block(prefix: "conv4_1"), "resnet50-conv4_1", ONNXExportOptions(weights: .random, allowsExternalInputs: true))
    for name in Spaces.names {
      let network = try Spaces.samples(name, count: 1, seed: 4)[0]
      try write(network, name)
      if name == "darts" {
        // A cell reads the two cells before it: a block with two inputs.
        try write(try network.block(prefix: "cell7"), "darts-cell7", ONNXExportOptions(weights: .random, allowsExternalInputs: true))
      }
    }
    let maestro = try MaestroLikeList.vgg()
    try write(maestro, "vgg16-layers", ONNXExportOptions(weights: .random, independentLayers: true))
    let result = Python.run([Python.script("check-onnx-models.py")] + files)
    let lines = Python.jsonLines(result.out)
    #expect(lines.count == files.count, "\(result.err)")
    for line in lines {
      #expect(line["checker"] as? String == "ok", "\(line["model"] ?? ""): checker \(line["checker"] ?? "")")
      #expect(line["onnxruntime"] as? String == "ok", "\(line["model"] ?? ""): onnxruntime \(line["onnxruntime"] ?? "")")
    }
    #expect(result.status == 0)
  }

  /// The measuring command's contract: one JSON line per model with the minimum and trimmed mean;
  /// exit 1 and a message for a model a runtime cannot run.
  @Test func latencyScriptMeasuresExportedNetworks() throws {
    guard Python.available else { return }
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    var files: [String] = []
    for (i, network) in (try Spaces.samples("nasbench201", count: 2, seed: 8) + [widthFamilyMember(16)]).enumerated() {
      let path = folder.appendingPathComponent("m\(i).onnx").path
      try ONNXExporter.export(network, file: "m").write(to: URL(fileURLWithPath: path))
      files.append(path)
    }
    let result = Python.run([Python.script("onnx-latency.py")] + files + ["--repeats", "5", "--warmup", "1"])
    #expect(result.status == 0, "\(result.err)")
    let lines = Python.jsonLines(result.out)
    #expect(lines.map { $0["model"] as? String } == files)
    for line in lines {
      let min = try #require(line["min_ms"] as? Double), trimmed = try #require(line["trimmed_mean_ms"] as? Double)
      let max = try #require(line["max_ms"] as? Double)
      #expect(min > 0 && min <= trimmed && trimmed <= max)
      #expect(line["runs"] as? Int == 5 && line["warmup"] as? Int == 1 && line["threads"] as? Int == 1)
    }
    // Dimensions without data: onnxruntime refuses the model, the script says so and exits 1.
    let shapesOnly = folder.appendingPathComponent("none.onnx").path
    try ONNXExporter.export(widthFamilyMember(8), options: ONNXExportOptions(weights: .none), file: "n").write(to: URL(fileURLWithPath: shapesOnly))
    let refused = Python.run([Python.script("onnx-latency.py"), shapesOnly])
    #expect(refused.status == 1 && refused.err.contains("onnxruntime cannot load the model") && refused.out.isEmpty)
  }

  /// Measured latency rises with MACs across a family of sizes: Spearman ≥ 0.9 over 8 networks spanning
  /// more than 20× in MACs (the minimum of interleaved runs, as the noisy shared machine needs).
  @Test func latencyRisesWithMACs() throws {
    guard Python.available else { return }
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let family = [8, 12, 16, 24, 32, 48, 64, 96].map(widthFamilyMember)
    let macs = family.map { Double($0.macs) }
    #expect(macs.max()! / macs.min()! >= 20)
    var files: [String] = []
    for network in family {
      let path = folder.appendingPathComponent("\(network.name).onnx").path
      try ONNXExporter.export(network, file: network.name).write(to: URL(fileURLWithPath: path))
      files.append(path)
    }
    let result = Python.run([Python.script("onnx-latency.py")] + files + ["--repeats", "15", "--warmup", "3"])
    #expect(result.status == 0, "\(result.err)")
    let latency = Python.jsonLines(result.out).compactMap { $0["min_ms"] as? Double }
    #expect(latency.count == family.count)
    guard latency.count == family.count else { return }
    let rho = RankCorrelation.spearman(macs, latency)
    #expect(rho >= 0.9, "Spearman \(rho): MACs \(macs), minimum latency \(latency) ms")
  }
}

/// MAESTRO's VGG-16 model file as a layer list (its shapes do not chain: no pools between stages).
enum MaestroLikeList {
  static func vgg() throws -> Network {
    let sizes = [(3, 64, 224), (64, 64, 224), (64, 128, 112), (128, 128, 112), (128, 256, 56), (256, 256, 56)]
    return Network(name: "vgg16-layers", layers: sizes.enumerated().map { i, s in
      NetworkLayer(name: "CONV\(i + 1)", layer: Layer(kind: .convolution, k: s.1, c: s.0, r: 3, s: 3, y: s.2, x: s.2))
    })
  }
}
