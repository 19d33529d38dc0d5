import Foundation
import SpecFiles
import TestSupport
import Testing
import Workload
@testable import Interchange

/// Fixtures under Tests/InterchangeTests/Fixtures (scripts/make-onnx-fixtures.py remakes them).
enum Fixtures {
  static func path(_ relative: String) -> String {
    TestPaths.project("Tests/InterchangeTests/Fixtures/\(relative).onnx")
  }

  static func load(_ relative: String, _ options: ONNXImportOptions = ONNXImportOptions()) throws -> ONNXImport {
    try ONNXImporter.load(path: path(relative), options: options)
  }

  /// The error importing a fixture gives, as its message.
  static func error(_ relative: String, _ options: ONNXImportOptions = ONNXImportOptions()) -> String? {
    do {
      _ = try load(relative, options)
      return nil
    } catch {
      return "\(error)"
    }
  }
}

@Suite("ONNX import: real framework exports")
struct FrameworkImportTests {
  /// torchvision's published multiply-accumulate counts ("GFLOPS" in its model table), in G.
  static let published: [(fixture: String, macs: Double, tolerance: Double)] = [
    ("frameworks/resnet50", 4.09, 0.01), ("frameworks/resnet50_dynamo", 4.09, 0.01),
    ("frameworks/mobilenet_v2", 0.30, 0.01), ("frameworks/vgg16", 15.5, 0.01),
    // Published to two decimals: within half a unit of the last digit, and 1 %.
    ("frameworks/squeezenet1_0", 0.82, 0.005 / 0.82 + 0.01), ("frameworks/googlenet", 1.5, 0.05 / 1.5 + 0.01),
    ("frameworks/mnasnet1_0", 0.31, 0.005 / 0.31 + 0.01),
  ]

  @Test(arguments: published)
  func totalMACsMatchThePublishedCounts(_ fixture: String, _ giga: Double, _ tolerance: Double) throws {
    let macs = Double(try Fixtures.load(fixture).network.macs) / 1e9
    #expect(abs(macs - giga) / giga <= tolerance, "\(fixture): \(macs) G MACs, published \(giga) G")
  }

  @Test(arguments: ["frameworks/unet", "frameworks/transformer_block", "frameworks/mlp"])
  func otherNetworksImportWithTheirHandCountedMACs(_ fixture: String) throws {
    let network = try Fixtures.load(fixture).network
    switch fixture {
    case "frameworks/unet":
      // Three levels of two 3×3 convs at 16·2^i channels on 128 → 16 px, a bottom block, three 2×2 stride-2
      // transposed convs, three merge blocks, a 1×1 head.
      #expect(network.layers.filter { $0.layer.kind == .transposedConvolution }.count == 3)
      #expect(network.layers.filter { $0.layer.kind == .elementwise(.concat) }.count == 3)
      var macs: Int64 = 0
      var c = 3, size = 128
      for level in 0..<3 {
        let k = 16 << level
        macs += Int64(size * size * 9) * Int64(c * k + k * k)
        c = k
        size /= 2
      }
      macs += Int64(size * size * 9) * Int64(c * 128 + 128 * 128)
      c = 128
      for level in (0..<3).reversed() {
        let k = 16 << level
        macs += Int64(size * size * 4) * Int64(c * k)  // transposed: every input pixel × every tap
        size *= 2
        macs += Int64(size * size * 9) * Int64(2 * k * k + k * k)
        c = k
      }
      macs += Int64(size * size * 16 * 2)
      #expect(network.macs == macs)
    case "frameworks/transformer_block":
      // d 256, 64 tokens, 4 heads, MLP ×4: QKV, two attention products per head, projection, two MLP GEMMs.
      let d = 256, t = 64
      let expected = t * d * 3 * d + 2 * 4 * (t * t * (d / 4)) + t * d * d + 2 * t * d * 4 * d
      #expect(network.macs == Int64(expected))
      #expect(network.layers.map(\.layer.kind) == [
        .batchNorm, .gemm, .gemm, .activation(.softmax), .gemm, .gemm, .elementwise(.add), .batchNorm, .gemm,
        .activation(.gelu), .gemm, .elementwise(.add),
      ])
    default:
      #expect(network.macs == 784 * 512 + 512 * 256 + 256 * 10)
    }
  }

  /// The MAC layers of the framework's ResNet-50 and MobileNet-V2 are those of the hand-written
  /// workloads, in order. (The exporter folds batch-norm into each convolution, giving it a bias the
  /// module does not have: biases are not compared.)
  @Test(arguments: [("frameworks/resnet50", "resnet50"), ("frameworks/resnet50_dynamo", "resnet50"),
                    ("frameworks/mobilenet_v2", "mobilenetv2")])
  func macLayersEqualTheShippedWorkload(_ fixture: String, _ workload: String) throws {
    let imported = try Fixtures.load(fixture).network.layers.filter { $0.layer.kind.isMACLayer }.map(\.layer)
    let written = try Network.load(path: TestPaths.project("workloads/\(workload).yaml")).layers
      .filter { $0.layer.kind.isMACLayer }.map(\.layer)
    #expect(imported.count == written.count)
    for (i, (a, b)) in zip(imported, written).enumerated() {
      var a = a, b = b
      a.bias = false
      b.bias = false
      #expect(a == b, "MAC layer \(i): imported \(a), written \(b)")
    }
  }

  @Test func residualEdgesFollowTheGraph() throws {
    let network = try Fixtures.load("frameworks/resnet50").network
    let add = try #require(network.layers.firstIndex { $0.name == "layer1/layer1.0/Add" })
    #expect(network.inputs(of: add) == ["layer1/layer1.0/conv3/Conv", "layer1/layer1.0/downsample/downsample.0/Conv"])
    let downsample = try #require(network.layers.firstIndex { $0.name == "layer1/layer1.0/downsample/downsample.0/Conv" })
    #expect(network.inputs(of: downsample) == ["maxpool/MaxPool"])
    #expect(network.danglingInput == nil)
    let googlenet = try Fixtures.load("frameworks/googlenet").network
    let concat = try #require(googlenet.layers.first { $0.layer.kind == .elementwise(.concat) })
    #expect(concat.inputs?.count == 4)  // Inception's four branches of different widths
    #expect(concat.layer.k == 64 + 128 + 32 + 32)
  }

  @Test func inputShapeOverridesTheFile() throws {
    let full = try Fixtures.load("frameworks/mobilenet_v2").network
    let large = try Fixtures.load("frameworks/mobilenet_v2", ONNXImportOptions(inputShape: [1, 3, 448, 448])).network
    #expect(large.layers.count == full.layers.count)
    #expect(large.layers[0].layer.y == 448)
    // Every map doubles in both sizes (448 = 32 · 14 halves evenly down to 14 × 14).
    let convMACs = { (n: Network) in n.layers.filter { $0.layer.kind != .gemm }.reduce(Int64(0)) { $0 + $1.layer.macs } }
    #expect(convMACs(large) == 4 * convMACs(full))
  }

  @Test func importedNetworksReadBackFromTheirYAML() throws {
    for fixture in ["frameworks/googlenet", "frameworks/transformer_block", "frameworks/unet"] {
      let imported = try Fixtures.load(fixture)
      let text = imported.network.yamlDocument(description: imported.summary, source: fixture)
      let path = FileManager.default.temporaryDirectory.appendingPathComponent("duet-onnx-\(UUID().uuidString).yaml").path
      try text.write(toFile: path, atomically: true, encoding: .utf8)
      defer { try? FileManager.default.removeItem(atPath: path) }
      let reread = try Network.load(path: path)
      #expect(reread.layers == imported.network.layers, "\(fixture)")
    }
  }
}

@Suite("ONNX import: operators and opset forms")
struct OperatorImportTests {
  typealias Expectation = (fixture: String, kinds: [String], macs: Int64)

  /// Each hand-built graph: the layer kinds it gives and its MACs.
  static let cases: [Expectation] = [
    ("conv_dense", ["conv"], 16 * 8 * 9 * 8 * 8), ("conv_depthwise", ["dwconv"], 8 * 25 * 16 * 16),
    ("conv_grouped", ["gconv"], 2 * 6 * 4 * 16 * 16), ("conv_dilated", ["conv"], 8 * 8 * 9 * 16 * 16),
    ("conv_uneven_pads", ["conv"], 8 * 8 * 9 * 8 * 8), ("conv_same_upper", ["conv"], 8 * 8 * 9 * 8 * 8),
    ("conv_1d", ["conv"], 16 * 8 * 3 * 100), ("convtranspose", ["trconv"], 4 * 8 * 4 * 16 * 16),
    ("convtranspose_output_padding", ["trconv"], 4 * 8 * 9 * 16 * 16), ("gemm", ["gemm"], 512 * 10),
    ("matmul_batched", ["gemm"], 2 * 64 * 128 * 32), ("maxpool_ceil", ["pool.max"], 0),
    ("averagepool", ["pool.average"], 0), ("globalaveragepool", ["pool.average"], 0),
    ("reducemean_attribute", ["pool.average"], 0), ("reducemean_input", ["pool.average"], 0),
    ("add_mul_concat", ["act.relu", "act.sigmoid", "eltwise.add", "eltwise.multiply", "eltwise.concat"], 0),
    ("split_attribute", ["act.relu"], 0), ("split_input", ["act.relu"], 0), ("split_num_outputs", ["act.relu"], 0),
    ("batchnorm", ["batchnorm"], 0), ("clip_attributes", ["act.relu6"], 0), ("clip_inputs", ["act.relu6"], 0),
    ("clip_relu", ["act.relu"], 0), ("hardsigmoid_hardswish", ["act.hsigmoid", "act.hswish"], 0),
    ("swish", ["act.swish"], 0), ("hswish_decomposed", ["act.hswish"], 0), ("gelu", ["act.gelu"], 0),
    ("gelu_erf", ["act.gelu"], 0), ("softmax_opset11", ["act.softmax"], 0), ("softmax_opset13", ["act.softmax"], 0),
    ("tanh_layernorm", ["batchnorm", "act.tanh"], 0), ("pad_attribute", ["conv"], 8 * 8 * 9 * 16 * 16),
    ("pad_input", ["conv"], 8 * 8 * 9 * 16 * 16), ("upsample_attribute", ["act.relu"], 0),
    ("upsample_input", ["act.relu"], 0), ("resize_opset10", ["act.relu"], 0), ("resize_sizes", ["act.relu"], 0),
    ("resize_scales", ["act.relu"], 0), ("shape_ops", ["pool.average", "gemm"], 80),
    ("squeeze_attribute", ["pool.average", "gemm"], 80), ("squeeze_input", ["pool.average", "gemm"], 80),
    ("constant_slice", ["conv"], 4 * 8 * 8 * 8), ("slice_attributes", ["act.relu"], 0), ("channel_shuffle", ["shuffle"], 0), ("symbolic_batch", ["act.relu"], 0),
  ]

  @Test(arguments: cases)
  func operatorImports(_ expectation: Expectation) throws {
    let network = try Fixtures.load("ops/\(expectation.fixture)").network
    #expect(network.layers.map(\.layer.kind.name) == expectation.kinds, "\(expectation.fixture)")
    #expect(network.macs == expectation.macs, "\(expectation.fixture)")
    for entry in network.layers { #expect(entry.layer.shapeProblems.isEmpty, "\(expectation.fixture): \(entry.name)") }
  }

  @Test func everyHandBuiltGraphHasAnExpectation() throws {
    let folder = TestPaths.project("Tests/InterchangeTests/Fixtures/ops")
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".onnx") }
    #expect(Set(files.map { String($0.dropLast(5)) }) == Set(Self.cases.map(\.fixture)))
  }

  @Test func shapesFollowEachOperatorsArithmetic() throws {
    func layer(_ fixture: String, _ i: Int = 0) throws -> Layer { try Fixtures.load("ops/\(fixture)").network.layers[i].layer }
    // ceil_mode: ⌈(55 − 3)/2⌉ + 1 = 27 (exact here); uneven and SAME padding: the extra row counts as input.
    #expect(try layer("maxpool_ceil").outputY == 27)
    let uneven = try layer("conv_uneven_pads")
    #expect((uneven.y, uneven.padY, uneven.outputY) == (17, 0, 8))
    #expect(try layer("conv_same_upper").outputY == 8)
    // Pad and Resize change what the next layer reads; Slice [1:16] leaves 15 rows.
    #expect(try layer("pad_input").y == 18)
    #expect(try layer("resize_scales").y == 32)
    #expect(try layer("upsample_attribute").y == 32)
    #expect(try layer("constant_slice").y == 15)
    #expect(try layer("slice_attributes").y == 15)
    // Split sizes from the attribute (opset 11), the input (13), or equal parts (18).
    #expect(try layer("split_attribute").c == 6)
    #expect(try layer("split_input").c == 6)
    #expect(try layer("split_num_outputs").c == 4)
    // A bias Add after MatMul is the GEMM's bias; a Softmax over features keeps them as C.
    #expect(try layer("matmul_batched").bias)
    #expect(try layer("softmax_opset13").c == 10)
    let concat = try Fixtures.load("ops/add_mul_concat").network.layers[4]
    #expect(concat.inputs == ["mul", "input", "add"])
    #expect((concat.layer.c, concat.layer.operands, concat.layer.k) == (8, 3, 24))
  }
}

@Suite("ONNX import: bad input")
struct ImportErrorTests {
  @Test func eachProblemNamesTheNodeAndWhatIsWrong() {
    let cases: [(String, [String])] = [
      ("errors/not_onnx", ["not an ONNX model"]),
      ("errors/unsupported_op", ["node \"leaky\" (LeakyRelu)", "not supported", "--unsupported skip"]),
      ("errors/cycle", ["(Add)", "cycle", "first", "second"]),
      ("errors/stripped_reshape_target", ["node \"reshape\" (Reshape)", "cannot infer the output shape", "not in the file"]),
      ("errors/symbolic_height", ["symbolic size \"H\" at axis 2", "--input-shape"]),
      ("errors/mismatched_conv", ["node \"conv\" (Conv)", "8 channels", "expect 3"]),
    ]
    for (fixture, fragments) in cases {
      let message = Fixtures.error(fixture)
      #expect(message != nil, "\(fixture) imported")
      for fragment in fragments { #expect(message?.contains(fragment) == true, "\(fixture): \(message ?? "")") }
      #expect(message?.hasPrefix(Fixtures.path(fixture)) == true)
    }
  }

  @Test func unsupportedSkipPricesTheRestAndCounts() throws {
    let imported = try Fixtures.load("errors/unsupported_op", ONNXImportOptions(unsupported: .skip))
    #expect(imported.network.layers.map(\.name) == ["relu", "conv"])
    #expect(imported.skipped == [OperatorCount(opType: "LeakyRelu", count: 1, firstNode: "leaky")])
    #expect(imported.summary.contains("Skipped (not priced): LeakyRelu ×1"))
    // The skipped node passes its input's shape and producer on.
    #expect(imported.network.layers[1].inputs == nil)
  }

  @Test func symbolicSizesTakeTheGivenShape() throws {
    let network = try Fixtures.load("errors/symbolic_height", ONNXImportOptions(inputShape: [1, 8, 20, 30])).network
    #expect((network.layers[0].layer.y, network.layers[0].layer.x) == (20, 30))
    #expect(Fixtures.error("ops/symbolic_batch", ONNXImportOptions(inputShape: [1, 8, 16])) != nil)  // wrong rank
  }

  @Test func aMissingFileIsAnError() {
    #expect(throws: SpecError.self) { try ONNXImporter.load(path: "/no/such/model.onnx") }
  }

  /// Truncated and bit-flipped files: an error or a network, never a trap (a trap would end the run).
  @Test func fuzzedFilesNeverTrap() throws {
    var rng = TestRandom(seed: 11)
    var outcomes = (imported: 0, refused: 0)
    for fixture in ["frameworks/mlp", "ops/shape_ops", "ops/add_mul_concat", "ops/resize_scales", "frameworks/unet", "ops/channel_shuffle"] {
      let original = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path(fixture)))
      for trial in 0..<60 {
        var bytes = [UInt8](original)
        if trial % 3 == 0 {
          bytes = Array(bytes[..<rng.index(below: bytes.count)])
        } else {
          for _ in 0..<(1 + rng.index(below: 4)) {
            let i = rng.index(below: bytes.count)
            bytes[i] ^= UInt8(1 << rng.index(below: 8))
          }
          if trial % 3 == 2 { bytes[rng.index(below: bytes.count)] = UInt8(truncatingIfNeeded: rng.next()) }
        }
        do {
          let imported = try ONNXImporter.decode(Data(bytes), file: fixture, name: "fuzz")
          for entry in imported.network.layers { #expect(entry.layer.shapeProblems.isEmpty) }
          _ = (imported.network.macs, imported.network.flops, imported.network.parameters)
          outcomes.imported += 1
        } catch {
          #expect(!"\(error)".isEmpty)
          outcomes.refused += 1
        }
      }
    }
    #expect(outcomes.refused > 100)
  }
}
