public import Foundation
public import SpecFiles
public import Workload
import SeededRandom
import SwiftProtobuf

/// How ``ONNXExporter`` writes a model.
public struct ONNXExportOptions: Hashable, Sendable {
  /// What the weight tensors hold.
  public enum Weights: String, Hashable, Sendable, CaseIterable {
    /// Seeded uniform values scaled by fan-in, batch-norm as the identity: a model a runtime runs (for
    /// latency, not for accuracy).
    case random
    /// Dimensions only: a file for pricing tools, a fraction of the size. Runtimes and onnx.checker
    /// refuse initializers without data.
    case none
  }

  public var weights: Weights
  public var seed: UInt64
  /// Give every layer a graph input of its own instead of following the network's edges: for a layer
  /// list that is not a graph (MAESTRO's model files list layers whose shapes do not chain).
  public var independentLayers: Bool
  /// Let layers read names that are not layers of the network: they become graph inputs (a block taken
  /// out of a network reads its producers outside it).
  public var allowsExternalInputs: Bool

  public init(weights: Weights = .random, seed: UInt64 = 1, independentLayers: Bool = false, allowsExternalInputs: Bool = false) {
    self.weights = weights
    self.seed = seed
    self.independentLayers = independentLayers
    self.allowsExternalInputs = allowsExternalInputs
  }
}

/// Writes Duet networks as ONNX models (opset 17) that a runtime runs: one node per layer (a few for
/// layers ONNX spells out, such as swish as Sigmoid·Mul), edges from the network's ``NetworkLayer/inputs``,
/// shapes checked along every edge. ``ONNXImporter`` reads the file back to the same layers.
public enum ONNXExporter {
  /// The operator set version written.
  public static let opset = 17

  /// The model's serialized bytes.
  /// - Parameter file: the network's source, for messages.
  /// - Throws: ``SpecError`` naming the layer whose input shape disagrees with what its producer gives, or
  ///   which cannot be written.
  public static func export(_ network: Network, options: ONNXExportOptions = ONNXExportOptions(), file: String) throws(SpecError) -> Data {
    let model = try self.model(network, options: options, file: file)
    do {
      return try model.serializedBytes()
    } catch {
      throw SpecError(file: file, problem: "cannot serialize the model (\(error))")
    }
  }

  static func model(_ network: Network, options: ONNXExportOptions, file: String) throws(SpecError) -> ONNXModelProto {
    guard !network.layers.isEmpty else { throw SpecError(file: file, problem: "the network has no layers to export") }
    var builder = GraphBuilder(network: network, options: options, file: file)
    for i in network.layers.indices {
      do {
        try builder.add(i)
      } catch {
        throw SpecError(file: file, keyPath: "layer \"\(network.layers[i].name)\" (\(network.layers[i].layer.kind.name))", problem: error.message)
      }
    }
    var graph = ONNXGraphProto()
    graph.name = network.name
    graph.node = builder.nodes
    graph.initializer = builder.initializers
    graph.input = builder.inputs
    graph.output = builder.outputs()
    var model = ONNXModelProto()
    model.irVersion = 8
    model.producerName = "duet"
    model.graph = graph
    var opsetID = ONNXOperatorSetIdProto()
    opsetID.domain = ""
    opsetID.version = Int64(opset)
    model.opsetImport = [opsetID]
    return model
  }
}

/// A tensor of the graph being written: its value name, shape and channel axis.
struct ExportTensor {
  var name: String
  var dims: [Int]
  var axis: Int
}

struct GraphBuilder {
  let network: Network
  let options: ONNXExportOptions
  let file: String
  var nodes: [ONNXNodeProto] = []
  var initializers: [ONNXTensorProto] = []
  var inputs: [ONNXValueInfoProto] = []
  var tensors: [String: ExportTensor] = [:]
  var read: Set<String> = []
  var rng: SplitMix64
  let layerNames: Set<String>
  var weightBytes: Int64 = 0

  init(network: Network, options: ONNXExportOptions, file: String) {
    self.network = network
    self.options = options
    self.file = file
    rng = SplitMix64(seed: options.seed)
    layerNames = Set(network.layers.map(\.name))
  }

  // MARK: Layers

  mutating func add(_ index: Int) throws(NodeProblem) {
    let entry = network.layers[index]
    let l = entry.layer
    let name = entry.name
    guard layerSizesAreSane(l) else { throw NodeProblem("the layer is too large to write") }
    if options.weights == .random {
      // Protobuf messages stop at 2 GiB; larger models need external data, which Duet does not write.
      weightBytes += 4 * l.weightElements
      guard weightBytes < 1 << 31 else { throw NodeProblem("the weights pass 2 GiB, more than one ONNX file holds; use --weights none") }
    }
    let sources = options.independentLayers ? ["\(name)/input"] : network.inputs(of: index)
    var operands: [ExportTensor] = []
    if sources.isEmpty {
      // Reads a constant (a cell node only zero ops feed): zeros of the layer's input shape.
      operands.append(zeros(shape: expectedInput(l), name: "\(name)/zeros"))
    }
    for source in sources {
      operands.append(try tensor(source, for: l))
      read.insert(source)
    }
    let output: ExportTensor
    switch l.kind {
    case .convolution, .depthwiseConvolution, .groupedConvolution, .transposedConvolution:
      output = try convolution(name, l, try spatial(operands, l))
    case .gemm:
      output = try gemm(name, l, try features(single(operands), l))
    case .pooling(let op):
      output = try pool(name, l, op, try spatial(operands, l))
    case .channelShuffle:
      output = shuffle(name, l, try spatial(operands, l))
    case .batchNorm:
      output = try normalization(name, l, try elementwise(single(operands), l))
    case .activation(let f):
      output = activation(name, l, f, try elementwise(single(operands), l))
    case .identity:
      let x = try elementwise(single(operands), l)
      node("Identity", [x.name], name)
      output = ExportTensor(name: name, dims: x.dims, axis: x.axis)
    case .elementwise(.concat):
      output = try concat(name, l, operands)
    case .elementwise(let op):
      output = try sum(name, l, op, operands)
    }
    tensors[name] = output
  }

  func single(_ operands: [ExportTensor]) throws(NodeProblem) -> ExportTensor {
    guard operands.count == 1 else { throw NodeProblem("reads \(operands.count) tensors; a layer of this kind reads one") }
    return operands[0]
  }

  /// The tensor a layer reads: an earlier layer's output, or a graph input (the network's input, or a
  /// block's producer outside it) shaped as the layer expects.
  mutating func tensor(_ source: String, for l: Layer) throws(NodeProblem) -> ExportTensor {
    if let t = tensors[source] { return t }
    guard source == Network.inputName || options.independentLayers || (options.allowsExternalInputs && !layerNames.contains(source)) else {
      throw NodeProblem(layerNames.contains(source) ? "reads \"\(source)\", which comes later in the network"
                        : "reads \"\(source)\", which is not a layer of the network")
    }
    let dims = expectedInput(l)
    var info = ONNXValueInfoProto()
    info.name = source
    info.type = tensorType(dims)
    inputs.append(info)
    let t = ExportTensor(name: source, dims: dims, axis: l.kind == .gemm ? dims.count - 1 : 1)
    tensors[source] = t
    return t
  }

  /// The shape a layer reads: N×C×Y×X, or rows × C (N × rows × C when N > 1) for a GEMM.
  func expectedInput(_ l: Layer) -> [Int] {
    if l.kind == .gemm { return l.n == 1 ? [l.y * l.x, l.c] : [l.n, l.y * l.x, l.c] }
    return [l.n, l.kind == .elementwise(.concat) && l.operands > 1 ? l.c : l.inputChannels, l.y, l.x]
  }

  mutating func zeros(shape: [Int], name: String) -> ExportTensor {
    let shapeName = name + "/shape"
    initializers.append(integerTensor(shapeName, shape))
    node("ConstantOfShape", [shapeName], name)
    return ExportTensor(name: name, dims: shape, axis: 1)
  }

  // MARK: Edges

  /// The input of a layer over an N×C×H×W map; a GEMM's one-row output is reshaped to N×K×1×1.
  mutating func spatial(_ operands: [ExportTensor], _ l: Layer) throws(NodeProblem) -> ExportTensor {
    let x = try single(operands)
    let want = [l.n, l.inputChannels, l.y, l.x]
    if x.dims == want && x.axis == 1 { return x }
    if l.y == 1 && l.x == 1, let count = elementCount(x.dims), count == Int64(l.n * l.inputChannels), x.axis == x.dims.count - 1 {
      return reshape(x, to: want, axis: 1, name: x.name + "/as-map")
    }
    throw mismatch(x, want)
  }

  /// The rows × features matrix a GEMM reads: flattened from a 1×1 map, or the map's pixels as rows.
  mutating func features(_ x: ExportTensor, _ l: Layer) throws(NodeProblem) -> ExportTensor {
    let want = expectedInput(l)
    if x.dims == want { return x }
    let rows = l.y * l.x
    if x.dims.count == 4 && x.axis == 1 && x.dims[0] == l.n && x.dims[1] == l.c && x.dims[2] * x.dims[3] == rows {
      var t = x
      if rows > 1 {
        t = transpose(x, perm: [0, 2, 3, 1], name: x.name + "/channels-last")
      }
      return reshape(t, to: want, axis: want.count - 1, name: x.name + "/as-rows")
    }
    if x.axis == x.dims.count - 1 && x.dims.last == l.c, let count = elementCount(x.dims), count == Int64(l.n * rows * l.c) {
      return reshape(x, to: want, axis: want.count - 1, name: x.name + "/as-rows")
    }
    throw mismatch(x, want)
  }

  /// The input of an element-wise layer: any tensor whose (N, C, Y, X) matches the layer's.
  func elementwise(_ x: ExportTensor, _ l: Layer) throws(NodeProblem) -> ExportTensor {
    guard let shape = elementShape(x.dims, axis: x.axis), shape == [l.n, l.c, l.y, l.x] else {
      throw mismatch(x, [l.n, l.c, l.y, l.x])
    }
    return x
  }

  func mismatch(_ x: ExportTensor, _ want: [Int]) -> NodeProblem {
    let producer = x.name.split(separator: "/").first.map(String.init) ?? x.name
    return NodeProblem("expects \(show(want)), but \"\(producer)\" gives \(show(x.dims))")
  }

  func show(_ dims: [Int]) -> String { dims.map(String.init).joined(separator: "×") }

  // MARK: Nodes

  @discardableResult
  mutating func node(_ op: String, _ inputs: [String], _ output: String, name: String? = nil,
                     _ attributes: [ONNXAttributeProto] = []) -> String {
    var n = ONNXNodeProto()
    n.opType = op
    n.name = name ?? output
    n.input = inputs
    n.output = [output]
    n.attribute = attributes
    nodes.append(n)
    return output
  }

  mutating func reshape(_ x: ExportTensor, to dims: [Int], axis: Int, name: String) -> ExportTensor {
    let shapeName = name + "/shape"
    initializers.append(integerTensor(shapeName, dims))
    node("Reshape", [x.name, shapeName], name)
    return ExportTensor(name: name, dims: dims, axis: axis)
  }

  mutating func transpose(_ x: ExportTensor, perm: [Int], name: String) -> ExportTensor {
    node("Transpose", [x.name], name, [ints("perm", perm)])
    return ExportTensor(name: name, dims: perm.map { x.dims[$0] }, axis: perm.firstIndex(of: x.axis) ?? 1)
  }

  mutating func convolution(_ name: String, _ l: Layer, _ x: ExportTensor) throws(NodeProblem) -> ExportTensor {
    var attributes = [ints("kernel_shape", [l.r, l.s]), ints("strides", [l.strideY, l.strideX]),
                      ints("pads", [l.padY, l.padX, l.padY, l.padX]), ints("dilations", [l.dilationY, l.dilationX])]
    let weightDims: [Int]
    let outChannels = l.outputChannels
    var fanIn = l.c * l.r * l.s
    switch l.kind {
    case .depthwiseConvolution:
      weightDims = [l.c, 1, l.r, l.s]
      attributes.append(int("group", l.c))
      fanIn = l.r * l.s
    case .groupedConvolution:
      weightDims = [l.g * l.k, l.c, l.r, l.s]
      attributes.append(int("group", l.g))
    case .transposedConvolution:
      weightDims = [l.c, l.k, l.r, l.s]
    default:
      weightDims = [l.k, l.c, l.r, l.s]
    }
    var inputs = [x.name, weight(name + "/weight", weightDims, fanIn: fanIn)]
    if l.bias { inputs.append(constant(name + "/bias", [outChannels], value: 0)) }
    node(l.kind == .transposedConvolution ? "ConvTranspose" : "Conv", inputs, name, attributes)
    let out = l.kind == .transposedConvolution ? [l.transposedOutputY, l.transposedOutputX] : [l.outputY, l.outputX]
    return ExportTensor(name: name, dims: [l.n, outChannels] + out, axis: 1)
  }

  mutating func gemm(_ name: String, _ l: Layer, _ a: ExportTensor) throws(NodeProblem) -> ExportTensor {
    guard l.x == 1 else {
      throw NodeProblem("a GEMM with X = \(l.x) (rows Y·X) cannot be written so that it reads back the same; give rows as Y")
    }
    if l.n == 1 {
      var inputs = [a.name, weight(name + "/weight", [l.k, l.c], fanIn: l.c)]
      if l.bias { inputs.append(constant(name + "/bias", [l.k], value: 0)) }
      node("Gemm", inputs, name, [int("transB", 1)])
      return ExportTensor(name: name, dims: [l.y, l.k], axis: 1)
    }
    let product = l.bias ? name + "/product" : name
    node("MatMul", [a.name, weight(name + "/weight", [l.c, l.k], fanIn: l.c)], product, name: name)
    if l.bias { node("Add", [product, constant(name + "/bias", [l.k], value: 0)], name, name: name + "/bias") }
    return ExportTensor(name: name, dims: [l.n, l.y, l.k], axis: 2)
  }

  mutating func pool(_ name: String, _ l: Layer, _ op: PoolingOperator, _ x: ExportTensor) throws(NodeProblem) -> ExportTensor {
    let out = [l.n, l.c, l.outputY, l.outputX]
    if l.r == l.y && l.s == l.x && l.padY == 0 && l.padX == 0 && l.strideY == 1 && l.strideX == 1 && l.dilationY == 1 && l.dilationX == 1 {
      node(op == .max ? "GlobalMaxPool" : "GlobalAveragePool", [x.name], name)
      return ExportTensor(name: name, dims: out, axis: 1)
    }
    var attributes = [ints("kernel_shape", [l.r, l.s]), ints("strides", [l.strideY, l.strideX]),
                      ints("pads", [l.padY, l.padX, l.padY, l.padX])]
    if l.dilationY != 1 || l.dilationX != 1 {
      guard op == .max else { throw NodeProblem("a dilated average pool has no ONNX form at opset \(ONNXExporter.opset)") }
      attributes.append(ints("dilations", [l.dilationY, l.dilationX]))
    }
    node(op == .max ? "MaxPool" : "AveragePool", [x.name], name, attributes)
    return ExportTensor(name: name, dims: out, axis: 1)
  }

  /// A channel shuffle as ONNX writes it: N×C×H×W → N×2×C/2×H×W, swap the two channel axes, merge back.
  /// (A layer does not record its group count; two groups, as in FBNet's and ShuffleNet's blocks.)
  mutating func shuffle(_ name: String, _ l: Layer, _ x: ExportTensor) -> ExportTensor {
    let groups = l.c % 2 == 0 ? 2 : 1
    let grouped = reshape(x, to: [l.n, groups, l.c / groups, l.y, l.x], axis: 1, name: name + "/split")
    let swapped = transpose(grouped, perm: [0, 2, 1, 3, 4], name: name)
    let merged = reshape(swapped, to: [l.n, l.c, l.y, l.x], axis: 1, name: name + "/merge")
    return merged
  }

  mutating func normalization(_ name: String, _ l: Layer, _ x: ExportTensor) throws(NodeProblem) -> ExportTensor {
    if x.axis == 1 {
      let inputs = [x.name, constant(name + "/scale", [l.c], value: 1), constant(name + "/shift", [l.c], value: 0),
                    constant(name + "/mean", [l.c], value: 0), constant(name + "/variance", [l.c], value: 1)]
      node("BatchNormalization", inputs, name)
    } else if x.axis == x.dims.count - 1 {
      // Features last (a transformer's tokens): the layer normalisation the importer read it from.
      node("LayerNormalization", [x.name, constant(name + "/scale", [l.c], value: 1), constant(name + "/shift", [l.c], value: 0)],
           name, [int("axis", -1)])
    } else {
      throw NodeProblem("a batch-norm over axis \(x.axis) of \(show(x.dims)) has no ONNX form")
    }
    return ExportTensor(name: name, dims: x.dims, axis: x.axis)
  }

  mutating func activation(_ name: String, _ l: Layer, _ f: Activation, _ x: ExportTensor) -> ExportTensor {
    switch f {
    case .relu: node("Relu", [x.name], name)
    case .relu6: node("Clip", [x.name, scalar(name + "/min", 0), scalar(name + "/max", 6)], name)
    case .sigmoid: node("Sigmoid", [x.name], name)
    case .hsigmoid: node("HardSigmoid", [x.name], name, [float("alpha", 1.0 / 6), float("beta", 0.5)])
    case .hswish: node("HardSwish", [x.name], name)
    case .tanh: node("Tanh", [x.name], name)
    case .softmax: node("Softmax", [x.name], name, [int("axis", x.axis)])
    case .swish:
      // x·σ(x): the Sigmoid node carries the layer's name (the importer names the fused layer after it).
      node("Sigmoid", [x.name], name + "/sigmoid", name: name)
      node("Mul", [x.name, name + "/sigmoid"], name, name: name + "/mul")
    case .gelu:
      // x·½·(1 + erf(x/√2)), as exporters write GELU before opset 20; the Erf node carries the name.
      node("Div", [x.name, scalar(name + "/sqrt2", 2.0.squareRoot())], name + "/div")
      node("Erf", [name + "/div"], name + "/erf", name: name)
      node("Add", [name + "/erf", scalar(name + "/one", 1)], name + "/add")
      node("Mul", [x.name, name + "/add"], name + "/mul")
      node("Mul", [name + "/mul", scalar(name + "/half", 0.5)], name, name: name + "/half")
    }
    return ExportTensor(name: name, dims: x.dims, axis: x.axis)
  }

  mutating func sum(_ name: String, _ l: Layer, _ op: ElementwiseOperator, _ operands: [ExportTensor]) throws(NodeProblem) -> ExportTensor {
    guard operands.count == l.operands else {
      throw NodeProblem("has \(l.operands) operands but reads \(operands.count) tensor(s); name its producers with `inputs:`")
    }
    guard op == .add || operands.count == 2 else {
      throw NodeProblem("a product of \(operands.count) tensors has no single ONNX node; write it as products of two")
    }
    // Every operand matches the layer's shape, or is an N×C×1×1 map it broadcasts (squeeze-and-excitation).
    guard let full = operands.first(where: { elementShape($0.dims, axis: $0.axis) == [l.n, l.c, l.y, l.x] }) else {
      throw mismatch(operands[0], [l.n, l.c, l.y, l.x])
    }
    var names: [String] = []
    for (j, t) in operands.enumerated() {
      let shape = elementShape(t.dims, axis: t.axis)
      if t.dims == full.dims || (t.dims.count == 4 && full.dims.count == 4 && shape == [l.n, l.c, 1, 1] && t.axis == 1) {
        names.append(t.name)
      } else if shape == [l.n, l.c, l.y, l.x] {
        names.append(reshape(t, to: full.dims, axis: full.axis, name: "\(name)/operand\(j)").name)
      } else {
        throw mismatch(t, [l.n, l.c, l.y, l.x])
      }
    }
    switch (op, names.count) {
    case (.add, 2): node("Add", names, name)
    case (.add, _): node("Sum", names, name)
    default: node("Mul", names, name)
    }
    return ExportTensor(name: name, dims: full.dims, axis: full.axis)
  }

  mutating func concat(_ name: String, _ l: Layer, _ operands: [ExportTensor]) throws(NodeProblem) -> ExportTensor {
    guard let first = operands.first else { throw NodeProblem("a concatenation of nothing") }
    let axis = first.axis
    var total = 0
    for t in operands {
      guard t.dims.count == first.dims.count, t.axis == axis,
            (0..<t.dims.count).allSatisfy({ $0 == axis || t.dims[$0] == first.dims[$0] }) else {
        throw mismatch(t, first.dims.enumerated().map { $0.offset == axis ? t.dims[axis] : $0.element })
      }
      total += t.dims[axis]
    }
    let equalParts = l.operands == operands.count && operands.allSatisfy { $0.dims[axis] == l.c }
    let onePart = l.operands == 1 && total == l.k
    guard equalParts || onePart, total == l.k else {
      throw NodeProblem("concatenates \(operands.count) tensors of \(operands.map { String($0.dims[axis]) }.joined(separator: " + ")) channels, but the layer has \(l.operands) operand(s) of \(l.c) giving \(l.k)")
    }
    var out = first.dims
    out[axis] = total
    guard elementShape(out, axis: axis) == [l.n, l.k, l.y, l.x] else { throw mismatch(first, [l.n, l.c, l.y, l.x]) }
    node("Concat", operands.map(\.name), name, [int("axis", axis)])
    return ExportTensor(name: name, dims: out, axis: axis)
  }

  // MARK: Outputs and tensors

  /// Every layer output no other layer reads (the network's output, and in a network that keeps dead
  /// branches, their ends: a runtime would otherwise drop them).
  func outputs() -> [ONNXValueInfoProto] {
    network.layers.compactMap { entry in
      guard !read.contains(entry.name), let t = tensors[entry.name] else { return nil }
      var info = ONNXValueInfoProto()
      info.name = t.name
      info.type = tensorType(t.dims)
      return info
    }
  }

  func tensorType(_ dims: [Int]) -> ONNXTypeProto {
    var shape = ONNXTensorShapeProto()
    shape.dim = dims.map { d in
      var dim = ONNXTensorShapeProto.Dimension()
      dim.dimValue = Int64(d)
      return dim
    }
    var tensor = ONNXTypeProto.Tensor()
    tensor.elemType = Int32(ONNXTensorProto.DataType.float.rawValue)
    tensor.shape = shape
    var type = ONNXTypeProto()
    type.tensorType = tensor
    return type
  }

  /// A weight: seeded uniform values in ±√(3 / fan-in) (variance 1 / fan-in, which keeps activations of
  /// a network without its batch-norms near unit scale: no overflow, no denormals to slow a runtime), or
  /// dimensions only.
  mutating func weight(_ name: String, _ dims: [Int], fanIn: Int) -> String {
    var t = floatTensor(name, dims)
    if options.weights == .random {
      let count = dims.reduce(1, *)
      let bound = Float((3.0 / Double(max(fanIn, 1))).squareRoot())
      var values = [Float](repeating: 0, count: count)
      var i = 0
      while i < count {
        let bits = rng.next()
        values[i] = (Float(bits >> 40) * 0x1p-24 * 2 - 1) * bound
        if i + 1 < count { values[i + 1] = (Float((bits >> 8) & 0xFF_FFFF) * 0x1p-24 * 2 - 1) * bound }
        i += 2
      }
      t.rawData = values.withUnsafeBufferPointer { Data(buffer: $0) }
    }
    initializers.append(t)
    return name
  }

  /// A per-channel constant (bias, batch-norm statistics): its value where weights are written, else
  /// dimensions only, as a weight.
  mutating func constant(_ name: String, _ dims: [Int], value: Float) -> String {
    var t = floatTensor(name, dims)
    if options.weights == .random {
      let values = [Float](repeating: value, count: dims.reduce(1, *))
      t.rawData = values.withUnsafeBufferPointer { Data(buffer: $0) }
    }
    initializers.append(t)
    return name
  }

  /// A scalar the graph needs to mean what it says (clip bounds, GELU's constants): always written.
  mutating func scalar(_ name: String, _ value: Double) -> String {
    var t = floatTensor(name, [])
    t.floatData = [Float(value)]
    initializers.append(t)
    return name
  }

  func floatTensor(_ name: String, _ dims: [Int]) -> ONNXTensorProto {
    var t = ONNXTensorProto()
    t.name = name
    t.dims = dims.map(Int64.init)
    t.dataType = Int32(ONNXTensorProto.DataType.float.rawValue)
    return t
  }

  func integerTensor(_ name: String, _ values: [Int]) -> ONNXTensorProto {
    var t = ONNXTensorProto()
    t.name = name
    t.dims = [Int64(values.count)]
    t.dataType = Int32(ONNXTensorProto.DataType.int64.rawValue)
    t.int64Data = values.map(Int64.init)
    return t
  }

  func ints(_ name: String, _ values: [Int]) -> ONNXAttributeProto {
    var a = ONNXAttributeProto()
    a.name = name
    a.type = .ints
    a.ints = values.map(Int64.init)
    return a
  }

  func int(_ name: String, _ value: Int) -> ONNXAttributeProto {
    var a = ONNXAttributeProto()
    a.name = name
    a.type = .int
    a.i = Int64(value)
    return a
  }

  func float(_ name: String, _ value: Double) -> ONNXAttributeProto {
    var a = ONNXAttributeProto()
    a.name = name
    a.type = .float
    a.f = Float(value)
    return a
  }
}

/// (N, C, Y, X) of a tensor for an element-wise layer, as the importer reads it (see
/// `GraphImporter.elementShape`); `nil` for an empty tensor.
func elementShape(_ dims: [Int], axis: Int) -> [Int]? {
  guard dims.allSatisfy({ $0 >= 1 }) else { return nil }
  if dims.isEmpty { return [1, 1, 1, 1] }
  if dims.count == 1 { return [1, dims[0], 1, 1] }
  let c = dims[axis]
  let n = axis == 0 ? 1 : dims[0]
  let rest = dims.indices.filter { $0 != axis && ($0 != 0 || axis == 0) }.map { dims[$0] }
  if axis == 1 && rest.count == 2 { return [n, c, rest[0], rest[1]] }
  guard let y = elementCount(rest) else { return nil }
  return [n, c, Int(y), 1]
}
