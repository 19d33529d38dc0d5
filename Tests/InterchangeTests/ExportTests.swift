import Foundation
import SeededRandom
import Spaces
import SpecFiles
import TestSupport
import Testing
import Workload
@testable import Interchange

/// The shipped spaces, loaded once (loading probes every choice).
enum Spaces {
  static let names = ["nasbench201", "darts", "fbnet", "alphanet", "alphanet-semidecoupled", "mobilenetv2", "nasbench-macro"]
  static let loaded: [String: Result<SearchSpace, any Error>] = Dictionary(uniqueKeysWithValues: names.map { name in
    (name, Result { try SearchSpace.load(path: TestPaths.project("spaces/\(name).yaml")) })
  })

  static func space(_ name: String) throws -> SearchSpace { try loaded[name]!.get() }

  /// Seeded samples of a space, lowered with their edges.
  static func samples(_ name: String, count: Int, seed: UInt64, deadEdges: LoweringOptions.DeadEdges = .keep) throws -> [Network] {
    let space = try space(name)
    var rng = SplitMix64(seed: seed)
    return try space.sample(count: count, distinct: false, using: &rng).map {
      try space.lower($0, dataset: space.defaultDataset, options: LoweringOptions(deadEdges: deadEdges, recordsEdges: true))
    }
  }
}

/// Exports a network and imports the bytes again.
func roundTrip(_ network: Network, weights: ONNXExportOptions.Weights = .none, block: Bool = false) throws -> Network {
  let data = try ONNXExporter.export(network, options: ONNXExportOptions(weights: weights, allowsExternalInputs: block), file: network.name)
  return try ONNXImporter.decode(data, file: network.name, name: network.name).network
}

/// Same names, layers and edges (the default edge spelt out on both sides).
func expectSameGraph(_ a: Network, _ b: Network, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) {
  #expect(a.layers.count == b.layers.count, "\(label): \(a.layers.count) vs \(b.layers.count) layers", sourceLocation: sourceLocation)
  for i in 0..<min(a.layers.count, b.layers.count) {
    let (x, y) = (a.layers[i], b.layers[i])
    guard x.name == y.name, x.layer == y.layer, a.inputs(of: i) == b.inputs(of: i) else {
      Issue.record("\(label): layer \(i) \(x.name) \(x.layer) reads \(a.inputs(of: i)); back: \(y.name) \(y.layer) reads \(b.inputs(of: i))",
                   sourceLocation: sourceLocation)
      return
    }
  }
}

@Suite("ONNX export and round trip")
struct ExportTests {
  @Test(arguments: ["resnet50", "mobilenetv2"])
  func shippedWorkloadsRoundTrip(_ name: String) throws {
    let network = try Network.load(path: TestPaths.project("workloads/\(name).yaml"))
    expectSameGraph(network, try roundTrip(network), name)
  }

  @Test(arguments: Spaces.names)
  func spaceSamplesRoundTripWithTheirTopology(_ name: String) throws {
    var networks = try Spaces.samples(name, count: name == "darts" ? 2 : 4, seed: 5)
    if name == "nasbench201" { networks += try Spaces.samples(name, count: 4, seed: 6, deadEdges: .prune).filter { !$0.layers.isEmpty } }
    for (i, network) in networks.enumerated() {
      #expect(network.hasEdges)
      expectSameGraph(network, try roundTrip(network), "\(name) sample \(i)")
    }
  }

  /// Recording edges changes nothing else: the same layers, names and order as the pricing path.
  @Test(arguments: Spaces.names)
  func recordingEdgesKeepsTheLayers(_ name: String) throws {
    let space = try Spaces.space(name)
    var rng = SplitMix64(seed: 9)
    for arch in space.sample(count: 6, distinct: false, using: &rng) {
      for rule in LoweringOptions.DeadEdges.allCases {
        let plain = try space.lower(arch, dataset: space.defaultDataset, options: LoweringOptions(deadEdges: rule))
        let graph = try space.lower(arch, dataset: space.defaultDataset, options: LoweringOptions(deadEdges: rule, recordsEdges: true))
        #expect(plain.layers.map(\.name) == graph.layers.map(\.name))
        #expect(plain.layers.map(\.layer) == graph.layers.map(\.layer))
        #expect(!plain.hasEdges)
        #expect(graph.danglingInput == nil)
        for (i, entry) in graph.layers.enumerated() {
          if case .elementwise(let op) = entry.layer.kind, op != .concat {
            #expect(graph.inputs(of: i).count == entry.layer.operands, "\(name): \(entry.name) reads \(graph.inputs(of: i))")
          }
        }
      }
    }
  }

  @Test func nasBench201CellsKeepTheirDAG() throws {
    let space = try Spaces.space("nasbench201")
    // Node 1 only zero ops feed (a constant); node 2 sums two edges; node 3 three.
    let arch = try space.parse("|none~0|+|nor_conv_3x3~0|nor_conv_1x1~1|+|skip_connect~0|avg_pool_3x3~1|nor_conv_3x3~2|")
    let network = try space.lower(arch, dataset: space.defaultDataset, options: LoweringOptions(recordsEdges: true))
    func inputs(_ name: String) throws -> [String] { network.inputs(of: try #require(network.layers.firstIndex { $0.name == name })) }
    #expect(try inputs("cell0.e1-2.act.relu") == [])  // reads node 1: zeros
    #expect(try inputs("cell0.e0-2.act.relu") == ["stem.batchnorm"])
    #expect(try inputs("cell0.n2.add") == ["cell0.e0-2.batchnorm", "cell0.e1-2.batchnorm"])
    #expect(try inputs("cell0.n3.add") == ["cell0.e0-3.identity", "cell0.e1-3.pool.average", "cell0.e2-3.batchnorm"])
    #expect(try inputs("cell1.e0-2.act.relu") == ["cell0.n3.add"])
    #expect(try inputs("reduce1.conv") == ["reduce1.act.relu"])
    #expect(try inputs("reduce1.pool.average") == ["cell4.n3.add"])
    #expect(try inputs("reduce1.eltwise.add") == ["reduce1.main", "reduce1.conv3"])
    expectSameGraph(network, try roundTrip(network), "nasbench201 with a zero node")
  }

  @Test func residualBlocksAndCellsReadTheirShortcuts() throws {
    let mbv2 = try Spaces.samples("mobilenetv2", count: 1, seed: 1)[0]
    let add = try #require(mbv2.layers.firstIndex { $0.name == "stage1.b1.eltwise.add" })
    #expect(mbv2.inputs(of: add) == ["stage1.b0.batchnorm3", "stage1.b1.batchnorm3"])
    let darts = try Spaces.samples("darts", count: 1, seed: 1)[0]
    let concat = try #require(darts.layers.firstIndex { $0.name == "cell1.concat" })
    #expect(darts.inputs(of: concat) == ["cell1.n2.add", "cell1.n3.add", "cell1.n4.add", "cell1.n5.add"])
    func reads(_ name: String) throws -> [String] { darts.inputs(of: try #require(darts.layers.firstIndex { $0.name == name })) }
    // The first cell reads the stem twice; the next, the stem and the first cell.
    #expect(try reads("cell0.pre0.act.relu") == ["stem.batchnorm"])
    #expect(try reads("cell0.pre1.act.relu") == ["stem.batchnorm"])
    #expect(try reads("cell1.pre0.act.relu") == ["stem.batchnorm"])
    #expect(try reads("cell1.pre1.act.relu") == ["cell0.concat"])
  }

  @Test func oneBlockExportsWithItsRealInputShape() throws {
    let resnet = try Network.load(path: TestPaths.project("workloads/resnet50.yaml"))
    let block = try resnet.block(prefix: "conv3_1")
    #expect(block.layers.map(\.name) == ["conv3_1.a", "conv3_1.b", "conv3_1.c", "conv3_1.downsample", "conv3_1.add"])
    #expect(block.externalInputs == ["conv2_3.add"])
    let model = try ONNXExporter.model(block, options: ONNXExportOptions(weights: .none, allowsExternalInputs: true), file: "resnet50")
    #expect(model.graph.input.map(\.name) == ["conv2_3.add"])
    #expect(model.graph.input[0].declaredDims?.map(\.value) == [1, 256, 56, 56])
    #expect(model.graph.output.map(\.name) == ["conv3_1.add"])
    let back = try roundTrip(block, block: true)
    #expect(back.layers.map(\.layer) == block.layers.map(\.layer))
    #expect(back.macs == block.macs)

    let single = try resnet.block(prefix: "conv4_2.b")
    #expect(single.layers.count == 1 && single.externalInputs == ["conv4_2.a"])
    #expect(try roundTrip(single, block: true).layers.map(\.layer) == single.layers.map(\.layer))
    #expect(try resnet.block(from: "conv5_3.a", through: "fc").layers.count == 6)
    #expect(throws: BlockSelectionError.self) { try resnet.block(prefix: "conv9") }
    #expect(throws: BlockSelectionError.self) { try resnet.block(from: "fc", through: "conv1") }
  }

  @Test func aShapeDisagreementNamesTheLayerAndItsProducer() {
    let network = Network(name: "bad", layers: [
      NetworkLayer(name: "conv1", layer: .convolution(in: 3, out: 8, kernel: 3, stride: 2, input: 32)),
      NetworkLayer(name: "conv2", layer: .convolution(in: 8, out: 8, kernel: 3, input: 32)),
    ])
    #expect(message { try ONNXExporter.export(network, file: "bad.yaml") }
            == "bad.yaml: layer \"conv2\" (conv): expects 1×8×32×32, but \"conv1\" gives 1×8×16×16")
    let add = Network(name: "add", layers: [
      NetworkLayer(name: "conv", layer: .convolution(in: 3, out: 3, kernel: 1, input: 8)),
      NetworkLayer(name: "add", layer: Layer(kind: .elementwise(.add), k: 3, c: 3, y: 8, x: 8, operands: 2)),
    ])
    #expect(message { try ONNXExporter.export(add, file: "add.yaml") }?.contains("has 2 operands but reads 1 tensor(s); name its producers with `inputs:`") == true)
    let forward = Network(name: "forward", layers: [
      NetworkLayer(name: "a", layer: .convolution(in: 3, out: 3, kernel: 1, input: 8), inputs: ["b"]),
      NetworkLayer(name: "b", layer: .convolution(in: 3, out: 3, kernel: 1, input: 8)),
    ])
    #expect(message { try ONNXExporter.export(forward, file: "f.yaml") }?.contains("reads \"b\", which comes later") == true)
  }

  @Test func layersThatDoNotChainExportApart() throws {
    let list = Network(name: "list", layers: [
      NetworkLayer(name: "conv1", layer: .convolution(in: 3, out: 8, kernel: 3, input: 32)),
      NetworkLayer(name: "conv2", layer: .convolution(in: 16, out: 8, kernel: 3, input: 16)),
    ])
    #expect(throws: SpecError.self) { try ONNXExporter.export(list, file: "list") }
    let model = try ONNXExporter.model(list, options: ONNXExportOptions(weights: .none, independentLayers: true), file: "list")
    #expect(model.graph.input.map(\.name) == ["conv1/input", "conv2/input"])
    #expect(model.graph.output.map(\.name) == ["conv1", "conv2"])
  }

  @Test func weightsAreSeeded() throws {
    let network = try Spaces.samples("nasbench-macro", count: 1, seed: 2)[0]
    let a = try ONNXExporter.export(network, options: ONNXExportOptions(weights: .random, seed: 1), file: "n")
    #expect(a == (try ONNXExporter.export(network, options: ONNXExportOptions(weights: .random, seed: 1), file: "n")))
    #expect(a != (try ONNXExporter.export(network, options: ONNXExportOptions(weights: .random, seed: 2), file: "n")))
    let shapesOnly = try ONNXExporter.export(network, options: ONNXExportOptions(weights: .none), file: "n")
    #expect(shapesOnly.count * 20 < a.count)
    expectSameGraph(network, try roundTrip(network, weights: .random), "random weights")
  }

  @Test func everyActivationAndKindRoundTrips() throws {
    var layers: [NetworkLayer] = [NetworkLayer(name: "stem", layer: .convolution(in: 3, out: 16, kernel: 3, input: 8, bias: true))]
    for f in Activation.allCases {
      layers.append(NetworkLayer(name: "act.\(f.rawValue)", layer: Layer(kind: .activation(f), k: 16, c: 16, y: 8, x: 8)))
    }
    layers += [
      NetworkLayer(name: "bn", layer: Layer(kind: .batchNorm, k: 16, c: 16, y: 8, x: 8)),
      NetworkLayer(name: "shuffle", layer: Layer(kind: .channelShuffle, k: 16, c: 16, y: 8, x: 8)),
      NetworkLayer(name: "skip", layer: Layer(kind: .identity, k: 16, c: 16, y: 8, x: 8)),
      NetworkLayer(name: "gconv", layer: Layer(kind: .groupedConvolution, g: 4, k: 4, c: 4, r: 3, s: 3, y: 8, x: 8, padY: 1, padX: 1)),
      NetworkLayer(name: "dw", layer: .depthwise(channels: 16, kernel: 5, stride: 2, input: 8)),
      NetworkLayer(name: "up", layer: Layer(kind: .transposedConvolution, k: 8, c: 16, r: 2, s: 2, y: 4, x: 4, strideY: 2, strideX: 2)),
      NetworkLayer(name: "max", layer: Layer(kind: .pooling(.max), k: 8, c: 8, r: 3, s: 3, y: 8, x: 8, strideY: 2, strideX: 2, padY: 1, padX: 1, dilationY: 2, dilationX: 2)),
      NetworkLayer(name: "sum3", layer: Layer(kind: .elementwise(.add), k: 8, c: 8, y: 3, x: 3, operands: 3), inputs: ["max", "max", "max"]),
      NetworkLayer(name: "cat", layer: Layer(kind: .elementwise(.concat), k: 16, c: 8, y: 3, x: 3, operands: 2), inputs: ["sum3", "max"]),
      NetworkLayer(name: "gap", layer: Layer(kind: .pooling(.average), k: 16, c: 16, r: 3, s: 3, y: 3, x: 3)),
      NetworkLayer(name: "fc", layer: .fullyConnected(in: 16, out: 10)),
      NetworkLayer(name: "fc.relu", layer: Layer(kind: .activation(.relu), k: 10, c: 10, y: 1, x: 1)),
    ]
    let network = Network(name: "kinds", layers: layers)
    expectSameGraph(network, try roundTrip(network, weights: .random), "kinds")
    // A batched GEMM over tokens (MatMul and a bias Add), its GELU and layer normalisation.
    let tokens = Network(name: "tokens", layers: [
      NetworkLayer(name: "fc1", layer: Layer(kind: .gemm, n: 2, k: 32, c: 16, y: 5, x: 1, bias: true)),
      NetworkLayer(name: "gelu", layer: Layer(kind: .activation(.gelu), n: 2, k: 32, c: 32, y: 5, x: 1)),
      NetworkLayer(name: "norm", layer: Layer(kind: .batchNorm, n: 2, k: 32, c: 32, y: 5, x: 1)),
      NetworkLayer(name: "fc2", layer: Layer(kind: .gemm, n: 2, k: 16, c: 32, y: 5, x: 1)),
    ])
    expectSameGraph(tokens, try roundTrip(tokens, weights: .random), "tokens")
  }
}

/// The error message a throwing call gives, or `nil`.
func message(_ body: () throws -> Data) -> String? {
  do {
    _ = try body()
    return nil
  } catch {
    return "\(error)"
  }
}
