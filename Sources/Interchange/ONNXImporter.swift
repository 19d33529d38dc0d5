public import Foundation
public import SpecFiles
public import Workload

/// How ``ONNXImporter`` reads a model.
public struct ONNXImportOptions: Hashable, Sendable {
  /// What to do with an operator Duet does not price.
  public enum Unsupported: String, Hashable, Sendable, CaseIterable {
    /// Stop with an error naming the node.
    case error
    /// Leave it out, pass its input's shape on (or the shape the file declares for its output), and list
    /// it in ``ONNXImport/skipped``.
    case skip
  }

  /// The input's shape (N, C, H, W, …), overriding what the file declares. `nil`: the declared shape, a
  /// symbolic batch read as 1.
  public var inputShape: [Int]?
  public var unsupported: Unsupported

  public init(inputShape: [Int]? = nil, unsupported: Unsupported = .error) {
    self.inputShape = inputShape
    self.unsupported = unsupported
  }
}

/// An operator type and how many nodes of it.
public struct OperatorCount: Hashable, Sendable {
  public var opType: String
  public var count: Int
  /// The first such node's name, for messages.
  public var firstNode: String
}

/// A model read from an ONNX file.
public struct ONNXImport: Sendable {
  /// The layers Duet prices, named after their nodes, with the graph's edges.
  public var network: Network
  /// The input shape the shapes were inferred from.
  public var inputShape: [Int]
  /// The default-domain operator set version.
  public var opsetVersion: Int
  /// The exporter that wrote the file (producer name and version), when the file says.
  public var producer: String
  public var nodeCount: Int
  /// Operators left out under ``ONNXImportOptions/Unsupported/skip``, in order of first appearance.
  public var skipped: [OperatorCount]
  /// Operators that became no layer (pure shape ops, constants, an add of a constant, ops fused into a
  /// layer), in order of first appearance.
  public var free: [OperatorCount]

  /// A one-paragraph account for a network file's `description:`.
  public var summary: String {
    var text = "Imported from an ONNX model (opset \(opsetVersion)"
    if !producer.isEmpty { text += ", written by \(producer)" }
    text += ") with input \(inputShape.map(String.init).joined(separator: "×")): \(nodeCount) nodes, "
      + "\(network.layers.count) layers."
    if !free.isEmpty {
      text += " No layer (free): " + free.map { "\($0.opType) ×\($0.count)" }.joined(separator: ", ") + "."
    }
    if !skipped.isEmpty {
      text += " Skipped (not priced): " + skipped.map { "\($0.opType) ×\($0.count)" }.joined(separator: ", ") + "."
    }
    return text
  }
}

/// Reads ONNX models as Duet networks: every node's output shape inferred from the graph's input (value
/// annotations in the file are not needed), each operator mapped to the layer kind that prices it (see
/// docs/interchange.md), weights read by their dimensions alone.
public enum ONNXImporter {
  /// The default-domain operator set versions the importer reads.
  public static let supportedOpsets = 7...21

  /// Reads and imports a file.
  /// - Throws: ``SpecError`` naming the file, and the node (name and operator) where one is at fault.
  public static func load(path: String, options: ONNXImportOptions = ONNXImportOptions()) throws(SpecError) -> ONNXImport {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw SpecError(file: path, problem: "cannot read the file (\(error.localizedDescription))")
    }
    let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    return try decode(data, file: path, name: name, options: options)
  }

  /// Imports a model from its serialized bytes.
  /// - Parameters:
  ///   - file: the file's name, for messages.
  ///   - name: the network's name.
  public static func decode(_ data: Data, file: String, name: String, options: ONNXImportOptions = ONNXImportOptions())
    throws(SpecError) -> ONNXImport
  {
    let model: ONNXModelProto
    do {
      model = try ONNXModelProto(serializedBytes: data)
    } catch {
      throw SpecError(file: file, problem: "not an ONNX model: the bytes do not decode as one (\(error)); a truncated or corrupted file?")
    }
    guard model.hasIrVersion, model.hasGraph, !model.graph.node.isEmpty else {
      throw SpecError(file: file, problem: "not an ONNX model: no IR version or no graph nodes")
    }
    var opset: Int?
    for entry in model.opsetImport where entry.domain.isEmpty || entry.domain == "ai.onnx" {
      opset = Int(clamping: entry.version)
    }
    guard let opset else {
      throw SpecError(file: file, problem: "the model imports no version of the default operator set (opset_import)")
    }
    guard supportedOpsets.contains(opset) else {
      throw SpecError(file: file, problem: "opset \(opset) is outside the versions Duet reads (\(supportedOpsets.lowerBound)–\(supportedOpsets.upperBound)); re-export the model with an opset in that range")
    }
    var importer = GraphImporter(file: file, graph: model.graph, opset: opset, options: options)
    // Exporters name graphs generically ("main_graph", "torch_jit"): the file names the network.
    let network = try importer.run(name: name)
    var producer = model.producerName
    if !model.producerVersion.isEmpty { producer += (producer.isEmpty ? "" : " ") + model.producerVersion }
    return ONNXImport(network: network, inputShape: importer.inputShape, opsetVersion: opset, producer: producer,
                      nodeCount: model.graph.node.count, skipped: importer.skipped.counts, free: importer.free.counts)
  }
}

// MARK: - The graph walk

/// Where a tensor comes from: the network's input, a layer, or constants alone.
enum Source: Hashable {
  case input
  case constant
  case layer(Int)
}

/// Patterns that span several nodes and price as one layer.
enum Pattern: Hashable {
  case none
  /// Sigmoid(x) (layer `layer`); Mul(x, ·) makes it a swish.
  case sigmoid(of: Source, layer: Int)
  /// HardSigmoid(x); Mul(x, ·) makes it a hard swish.
  case hardSigmoid(of: Source, layer: Int)
  /// 1 + erf(x/√2) (the GELU layer `layer`); Mul(x, ·) completes the GELU.
  case gelu(of: Source, layer: Int)
  /// A channel-first tensor reshaped to N × groups × C/groups × …, the first step of a channel shuffle.
  case groupedChannels(groups: Int)
  /// A tensor of zeros made by ConstantOfShape: what Duet writes for a cell node only zero ops feed.
  case zeros
}

/// A tensor during import: its inferred shape, its numbers where known (small constants), and its origin.
struct Value {
  var dims: [Int]
  var numbers: [Double]?
  var source: Source
  /// The axis that holds channels (features); `nil` for the rank's default (see ``defaultChannelAxis``).
  var channelAxis: Int?
  var pattern: Pattern = .none

  var isConstant: Bool { source == .constant }
  var rank: Int { dims.count }
  var axis: Int { channelAxis ?? defaultChannelAxis(rank: dims.count) }
}

/// Channels are axis 1 of an N×C×… tensor; a rank-3 tensor without other evidence is read as batch ×
/// tokens × features (transformers), channels last.
func defaultChannelAxis(rank: Int) -> Int {
  rank == 3 ? 2 : min(1, max(0, rank - 1))
}

/// Operator counts in order of first appearance.
struct OrderedCounts {
  private var index: [String: Int] = [:]
  private(set) var counts: [OperatorCount] = []

  mutating func add(_ op: String, node: String) {
    if let i = index[op] {
      counts[i].count += 1
    } else {
      index[op] = counts.count
      counts.append(OperatorCount(opType: op, count: 1, firstNode: node))
    }
  }
}

struct PendingLayer {
  var name: String
  var layer: Layer
  var reads: [Source]
}

struct GraphImporter {
  let file: String
  let graph: ONNXGraphProto
  let opset: Int
  let options: ONNXImportOptions
  var values: [String: Value] = [:]
  var layers: [PendingLayer] = []
  var usedNames: Set<String> = [Network.inputName]
  /// How many node inputs and graph outputs read each value.
  var consumers: [String: Int] = [:]
  var declared: [String: ONNXValueInfoProto] = [:]
  var skipped = OrderedCounts()
  var free = OrderedCounts()
  var inputShape: [Int] = []
  var totalMACs: Int64 = 0

  init(file: String, graph: ONNXGraphProto, opset: Int, options: ONNXImportOptions) {
    self.file = file
    self.graph = graph
    self.opset = opset
    self.options = options
  }

  func fail(_ problem: String) -> SpecError { SpecError(file: file, problem: problem) }

  func fail(node: ONNXNodeProto, index: Int, _ problem: String) -> SpecError {
    let name = node.name.isEmpty ? "#\(index)" : "\"\(node.name)\""
    return SpecError(file: file, keyPath: "node \(name) (\(node.opType.isEmpty ? "no operator type" : node.opType))", problem: problem)
  }

  mutating func run(name: String) throws(SpecError) -> Network {
    // Constants first: initializers (weights by their dimensions; small ones with their numbers).
    var initializerNames: Set<String> = []
    for tensor in graph.initializer {
      let dims: [Int]
      do { dims = try tensor.checkedDims() } catch { throw fail("initializer \"\(tensor.name)\": \(error.message)") }
      values[tensor.name] = Value(dims: dims, numbers: tensor.numbers(), source: .constant)
      initializerNames.insert(tensor.name)
    }
    for info in graph.valueInfo + graph.output { declared[info.name] = info }
    try readInput(initializers: initializerNames)
    for node in graph.node {
      for input in node.input where !input.isEmpty { consumers[input, default: 0] += 1 }
    }
    for output in graph.output { consumers[output.name, default: 0] += 1 }

    for index in try topologicalOrder() {
      let node = graph.node[index]
      do {
        try process(node, index: index)
      } catch {
        throw fail(node: node, index: index, error.message)
      }
    }
    for output in graph.output where values[output.name] == nil {
      throw fail("graph output \"\(output.name)\" is not produced by any node")
    }
    guard !layers.isEmpty else { throw fail("the model has no layer Duet prices (only shape operators and constants)") }
    return network(name: name)
  }

  /// The network's one input: the graph input that is not an initializer.
  mutating func readInput(initializers: Set<String>) throws(SpecError) {
    let inputs = graph.input.filter { !initializers.contains($0.name) }
    guard let input = inputs.first else { throw fail("the graph has no input (every graph input is an initializer)") }
    guard inputs.count == 1 else {
      throw fail("the graph has \(inputs.count) inputs (\(inputs.map { "\"\($0.name)\"" }.joined(separator: ", "))); Duet networks read one")
    }
    var dims: [Int]
    if let given = options.inputShape {
      if let declaredDims = input.declaredDims, declaredDims.count != given.count {
        throw fail("--input-shape has \(given.count) dimensions; input \"\(input.name)\" has \(declaredDims.count)")
      }
      dims = given
    } else {
      guard let declaredDims = input.declaredDims, !declaredDims.isEmpty else {
        throw fail("input \"\(input.name)\" declares no shape; give one with --input-shape (e.g. 1x3x224x224)")
      }
      dims = []
      for (axis, d) in declaredDims.enumerated() {
        if let v = d.value, v > 0, v <= maximumDimension {
          dims.append(Int(v))
        } else if axis == 0 && d.value == nil {
          dims.append(1)  // a symbolic (or unset) batch: one inference
        } else {
          let shown = d.symbol.map { "symbolic size \"\($0)\"" } ?? (d.value.map { "size \($0)" } ?? "no size")
          throw fail("input \"\(input.name)\" has \(shown) at axis \(axis); give the shape with --input-shape (e.g. 1x3x224x224)")
        }
      }
    }
    guard dims.allSatisfy({ $0 > 0 && $0 <= maximumDimension }), elementCount(dims) != nil else {
      throw fail("input shape \(dims) is not a valid tensor shape")
    }
    inputShape = dims
    values[input.name] = Value(dims: dims, numbers: nil, source: .input)
  }

  /// Node indices in an order where every node follows the nodes it reads (the file's order when it
  /// already is one, as the specification asks).
  func topologicalOrder() throws(SpecError) -> [Int] {
    let nodes = graph.node
    var producer: [String: Int] = [:]
    for (i, node) in nodes.enumerated() {
      for output in node.output where !output.isEmpty {
        if values[output] != nil {
          throw fail(node: node, index: i, "output \"\(output)\" has the name of an initializer or graph input")
        }
        if producer[output] != nil {
          throw fail(node: node, index: i, "output \"\(output)\" is also produced by another node")
        }
        producer[output] = i
      }
    }
    var pending = [Int](repeating: 0, count: nodes.count)
    var readers: [[Int]] = Array(repeating: [], count: nodes.count)
    for (i, node) in nodes.enumerated() {
      for input in node.input where !input.isEmpty {
        if let p = producer[input] {
          pending[i] += 1
          readers[p].append(i)
        } else if values[input] == nil {
          throw fail(node: node, index: i, "input \"\(input)\" is not produced by any node, initializer or graph input")
        }
      }
    }
    // Kahn's algorithm, always taking the lowest-numbered ready node.
    var ready = Heap()
    for i in nodes.indices where pending[i] == 0 { ready.push(i) }
    var order: [Int] = []
    order.reserveCapacity(nodes.count)
    while let i = ready.pop() {
      order.append(i)
      for r in readers[i] {
        pending[r] -= 1
        if pending[r] == 0 { ready.push(r) }
      }
    }
    if order.count < nodes.count {
      // Walk back from a stuck node through stuck producers until a node repeats: that is a cycle.
      var current = nodes.indices.first { pending[$0] > 0 }!
      var seen: [Int: Int] = [:]
      var path: [Int] = []
      while seen[current] == nil {
        seen[current] = path.count
        path.append(current)
        let next = nodes[current].input.compactMap { producer[$0] }.first { pending[$0] > 0 }!
        current = next
      }
      let cycle = path[seen[current]!...].reversed().map { nodes[$0].name.isEmpty ? "#\($0)" : nodes[$0].name }
      throw fail(node: nodes[current], index: current,
                 "is part of a cycle (\(cycle.joined(separator: " → ")) → \(cycle[0])): its inputs depend on its own output")
    }
    return order
  }

  /// The layers with their edges; inputs that are the default (the previous layer) are left implicit.
  func network(name: String) -> Network {
    var out: [NetworkLayer] = []
    out.reserveCapacity(layers.count)
    for (i, pending) in layers.enumerated() {
      let names: [String] = pending.reads.compactMap { source in
        switch source {
        case .input: Network.inputName
        case .layer(let l): layers[l].name
        case .constant: nil
        }
      }
      let implicit = [i == 0 ? Network.inputName : layers[i - 1].name]
      out.append(NetworkLayer(name: pending.name, layer: pending.layer, inputs: names == implicit ? nil : names))
    }
    return Network(name: name, layers: out)
  }

  // MARK: Helpers for the operators

  func value(_ name: String) throws(NodeProblem) -> Value {
    guard let v = values[name] else { throw NodeProblem("input \"\(name)\" has no value") }
    return v
  }

  /// Input `i` of the node, which must be present.
  func input(_ node: ONNXNodeProto, _ i: Int, _ role: String = "input") throws(NodeProblem) -> Value {
    guard let name = node.input(i) else { throw NodeProblem("missing \(role) (input \(i))") }
    return try value(name)
  }

  func optionalInput(_ node: ONNXNodeProto, _ i: Int) throws(NodeProblem) -> Value? {
    guard let name = node.input(i) else { return nil }
    return try value(name)
  }

  /// The numbers of a constant input, which shape inference needs.
  func numbers(_ node: ONNXNodeProto, _ i: Int, _ role: String) throws(NodeProblem) -> [Double]? {
    guard let name = node.input(i) else { return nil }
    let v = try value(name)
    guard let numbers = v.numbers else {
      throw NodeProblem(v.isConstant
        ? "cannot infer the output shape: \(role) (\"\(name)\") is a tensor whose values are not in the file (stripped or stored outside it)"
        : "cannot infer the output shape: \(role) (\"\(name)\") is computed from the network's input at run time")
    }
    return numbers
  }

  func integers(_ numbers: [Double], _ role: String) throws(NodeProblem) -> [Int] {
    var out: [Int] = []
    for x in numbers {
      guard x.isFinite || x.isInfinite, x == x.rounded() || x.isInfinite else { throw NodeProblem("\(role) holds \(x), not an integer") }
      out.append(x >= 9.2e18 ? Int.max / 4 : x <= -9.2e18 ? Int.min / 4 : Int(x))
    }
    return out
  }

  mutating func setOutput(_ node: ONNXNodeProto, _ value: Value, index: Int = 0) throws(NodeProblem) {
    guard index < node.output.count, !node.output[index].isEmpty else {
      if index == 0 { throw NodeProblem("the node has no output") }
      return
    }
    guard value.dims.allSatisfy({ $0 >= 0 && $0 <= maximumDimension }), elementCount(value.dims) != nil else {
      throw NodeProblem("the inferred output shape \(value.dims) is not a valid tensor shape")
    }
    values[node.output[index]] = value
  }

  /// A unique layer name from the node's name (its leading "/" dropped), or from the operator and index.
  mutating func layerName(_ node: ONNXNodeProto, index: Int) -> String {
    var base = node.name.hasPrefix("/") ? String(node.name.dropFirst()) : node.name
    if base.isEmpty { base = "\(node.opType)_\(index)" }
    var candidate = base
    var n = 2
    while usedNames.contains(candidate) {
      candidate = "\(base).\(n)"
      n += 1
    }
    usedNames.insert(candidate)
    return candidate
  }

  /// Adds a layer after checking its shape and sizes; returns its index.
  mutating func emit(_ layer: Layer, node: ONNXNodeProto, index: Int, reads: [Source]) throws(NodeProblem) -> Int {
    if let problem = layer.shapeProblems.first { throw NodeProblem("the layer's shape is invalid: \(problem)") }
    guard layerSizesAreSane(layer) else { throw NodeProblem("the layer is too large to price (\(layer))") }
    let (total, overflow) = totalMACs.addingReportingOverflow(layer.macs)
    guard !overflow, total <= maximumElements << 8 else { throw NodeProblem("the model's multiply-accumulates overflow") }
    totalMACs = total
    let name = layerName(node, index: index)
    // A layer that reads only constants has no edge: it reads a constant tensor (inputs []).
    layers.append(PendingLayer(name: name, layer: layer, reads: reads.filter { $0 != .constant }))
    return layers.count - 1
  }
}

/// Whether every count Duet derives from the layer (MACs, FLOPs, tensor sizes) stays far inside Int64.
func layerSizesAreSane(_ l: Layer) -> Bool {
  let out = [l.outputY, l.outputX, l.transposedOutputY, l.transposedOutputX].map { max($0, 1) }
  let factors: [[Int]] = [
    [l.n, l.g, l.k, l.c, l.r, l.s, out[0], out[1]],
    [l.n, l.g, l.k, l.c, l.r, l.s, l.y, l.x],
    [l.n, l.g, l.c, l.y, l.x, l.operands],
    [l.n, l.g, l.k, l.operands, out[0], out[1]],
    [l.n, l.g, l.k, l.operands, out[2], out[3]],
    [l.n, l.c, l.operands, out[0], out[1], l.r, l.s],
  ]
  return factors.allSatisfy { elementCount($0).map { $0 <= maximumElements >> 2 } ?? false }
}

/// A binary min-heap of node indices.
struct Heap {
  private var items: [Int] = []

  mutating func push(_ x: Int) {
    items.append(x)
    var i = items.count - 1
    while i > 0 {
      let parent = (i - 1) / 2
      guard items[parent] > items[i] else { break }
      items.swapAt(parent, i)
      i = parent
    }
  }

  mutating func pop() -> Int? {
    guard let first = items.first else { return nil }
    let last = items.removeLast()
    if !items.isEmpty {
      items[0] = last
      var i = 0
      while true {
        let l = 2 * i + 1, r = l + 1
        var m = i
        if l < items.count && items[l] < items[m] { m = l }
        if r < items.count && items[r] < items[m] { m = r }
        if m == i { break }
        items.swapAt(i, m)
        i = m
      }
    }
    return first
  }
}
