import SpecFiles
import Workload

/// Where something was written in a space file, to point errors at it.
struct SourcePosition: Hashable, Sendable {
  var file: String
  var line: Int?
  var column: Int?
  var path: String

  init(_ node: SpecNode) {
    file = node.file
    line = node.line
    column = node.column
    path = node.path
  }

  func error(_ problem: String) -> SpecError {
    SpecError(file: file, line: line, column: column, keyPath: path, problem: problem)
  }
}

/// An op written as layer templates: what one op call lowers to.
///
/// Each template layer reads the previous layer's output (or a named earlier tensor with `from:`) and
/// its fields are expressions over the call's context (`C_in`, `H_in`, `C_out`, `stride`), the current
/// tensor (`C`, `H`), the op's parameters, its `let:` values and the dataset's variables (`classes`,
/// `input_size`, `vars:`).
struct OpTemplate: Sendable {
  var name: String
  /// Parameters and their defaults, in file order.
  var params: [(name: String, value: TemplateValue)]
  /// Derived values, evaluated in order before the layers.
  var lets: [(name: String, expression: TemplateExpression, position: SourcePosition)]
  var items: [TemplateItem]
}

indirect enum TemplateItem: Sendable {
  case layer(LayerTemplate)
  /// Layers used only when `condition` holds, else the `otherwise` layers.
  case group(condition: TemplateExpression, then: [TemplateItem], otherwise: [TemplateItem], position: SourcePosition)
}

/// One layer of an op template.
struct LayerTemplate: Sendable {
  enum Kernel: Sendable {
    case size(TemplateExpression)
    /// R = Y, S = X: a global pool.
    case global
  }

  var name: String?
  var kind: LayerKind
  /// Output channels (whole layer, all groups); defaults to the input channels for kinds that keep them.
  var k: TemplateExpression?
  var kernel: Kernel?
  var stride: TemplateExpression?
  /// Padding per side; defaults to dilation·(kernel − 1)/2 ("same").
  var padding: TemplateExpression?
  var dilation: TemplateExpression?
  /// Groups of a convolution (1 gives a dense convolution; more, a grouped one).
  var groups: TemplateExpression?
  var bias: Bool
  var operands: TemplateExpression?
  /// The named tensor the layer reads (`input` for the op's input), else the previous layer's output.
  var from: String?
  var when: TemplateExpression?
  var position: SourcePosition
}

/// A feature map between layers: channels and (square) spatial size.
struct Tensor: Hashable, Sendable {
  var c: Int
  var h: Int
}

/// The context of one op call.
struct OpContext: Hashable, Sendable {
  var cIn: Int
  var hIn: Int
  var cOut: Int
  var stride: Int
}

/// The layers one op call produced, and its output.
struct Segment: Sendable {
  var layers: [NetworkLayer]
  var output: Tensor
  /// A zero op: no output, not an operand of a node sum.
  var isZero: Bool
  /// What each layer reads, in operand order (the graph inside the op call), and which tensor is the
  /// call's output; used when lowering records edges.
  var reads: [[SegmentInput]] = []
  var outputSource: SegmentInput = .opInput
}

/// A tensor inside an op call: the call's input, or the output of one of its layers (by index).
enum SegmentInput: Hashable, Sendable {
  case opInput
  case layer(Int)
}

/// Names every template may read besides the op's own parameters and `let:` values.
let templateContextNames = ["C_in", "H_in", "C_out", "stride", "C", "H", "classes", "input_size"]

extension ResolvedOp {
  /// Lowers one call of the op.
  ///
  /// - Parameters:
  ///   - params: call-site parameter values (they override the instance's bindings and the defaults).
  ///   - prefix: the network-level name of the call (`MB2.b0`), prepended to layer names.
  /// - Throws: ``SpecError`` at the template that cannot be evaluated or gives an invalid layer shape.
  func instantiate(
    params: [(name: String, value: TemplateValue)], context: OpContext, dataset: Dataset, prefix: String
  ) throws(SpecError) -> Segment {
    guard let template else {
      return Segment(layers: [], output: Tensor(c: context.cOut, h: context.hIn / context.stride), isZero: true)
    }
    var env = dataset.variables
    env["classes"] = .int(dataset.classes)
    env["input_size"] = .int(dataset.inputSize)
    env["C_in"] = .int(context.cIn)
    env["H_in"] = .int(context.hIn)
    env["C_out"] = .int(context.cOut)
    env["stride"] = .int(context.stride)
    for (name, value) in template.params { env[name] = value }
    for (name, value) in bindings { env[name] = value }
    for (name, value) in params { env[name] = value }
    let described = "\(prefix) (op \(name): C_in \(context.cIn), C_out \(context.cOut), input \(context.hIn)×\(context.hIn), stride \(context.stride)"
      + (params.isEmpty ? "" : ", " + params.map { "\($0.name) \($0.value)" }.joined(separator: ", ")) + ")"
    for item in template.lets {
      do {
        env[item.name] = try item.expression.evaluate { env[$0] }
      } catch {
        throw item.position.error("\(error) while lowering \(described)")
      }
    }
    var builder = SegmentBuilder(env: env, input: Tensor(c: context.cIn, h: context.hIn), prefix: prefix, described: described)
    try builder.add(template.items)
    return Segment(layers: builder.layers, output: builder.current, isZero: false, reads: builder.reads,
                   outputSource: builder.currentSource)
  }
}

/// Walks an op template, producing named layers.
private struct SegmentBuilder {
  var env: [String: TemplateValue]
  var current: Tensor
  var named: [String: Tensor]
  var layers: [NetworkLayer] = []
  var nameCounts: [String: Int] = [:]
  let prefix: String
  let described: String
  // The graph inside the call: what each layer reads, which tensor is current, which tensor each `name:`
  // names, and the results no later layer has read yet (in the order they were made).
  var reads: [[SegmentInput]] = []
  var currentSource = SegmentInput.opInput
  var namedSources: [String: SegmentInput] = ["input": .opInput]
  var unread: [SegmentInput] = []

  init(env: [String: TemplateValue], input: Tensor, prefix: String, described: String) {
    self.env = env
    self.current = input
    self.named = ["input": input]
    self.prefix = prefix
    self.described = described
  }

  mutating func add(_ items: [TemplateItem]) throws(SpecError) {
    for item in items {
      switch item {
      case .group(let condition, let then, let otherwise, let position):
        if try truth(condition, at: position) { try add(then) } else { try add(otherwise) }
      case .layer(let template):
        try add(template)
      }
    }
  }

  func evaluate(_ e: TemplateExpression, at position: SourcePosition) throws(SpecError) -> TemplateValue {
    do {
      return try e.evaluate { env[$0] }
    } catch {
      throw position.error("\(error) while lowering \(described)")
    }
  }

  func integer(_ e: TemplateExpression, at position: SourcePosition) throws(SpecError) -> Int {
    do {
      return try e.evaluate { env[$0] }.integer()
    } catch {
      throw position.error("\(error) while lowering \(described)")
    }
  }

  func truth(_ e: TemplateExpression, at position: SourcePosition) throws(SpecError) -> Bool {
    do {
      return try e.evaluate { env[$0] }.truth()
    } catch {
      throw position.error("\(error) while lowering \(described)")
    }
  }

  mutating func add(_ t: LayerTemplate) throws(SpecError) {
    if let from = t.from {
      // Checked at load time: `from` names `input` or an earlier layer of the template, but that layer
      // may have been left out by its `when:`.
      guard let tensor = named[from] else {
        throw t.position.error("`from: \(from)` names a layer that was not built (its `when:` was false) while lowering \(described)")
      }
      current = tensor
      currentSource = namedSources[from] ?? .opInput
    }
    env["C"] = .int(current.c)
    env["H"] = .int(current.h)
    if let when = t.when, !(try truth(when, at: t.position)) { return }

    let stride = try t.stride.map { (e) throws(SpecError) in try integer(e, at: t.position) } ?? 1
    let dilation = try t.dilation.map { (e) throws(SpecError) in try integer(e, at: t.position) } ?? 1
    var kernel = 1
    var global = false
    switch t.kernel {
    case .size(let e)?: kernel = try integer(e, at: t.position)
    case .global?: kernel = current.h; global = true
    case nil: break
    }
    let padding = try t.padding.map { (e) throws(SpecError) in try integer(e, at: t.position) }
      ?? (global ? 0 : dilation * (kernel - 1) / 2)
    let c = current.c
    var kind = t.kind
    var g = 1
    var k: Int
    var layerC = c
    var operands = 1
    switch kind {
    case .convolution, .groupedConvolution, .transposedConvolution, .gemm:
      guard let kExpr = t.k else { throw t.position.error("a \(kind.name) layer needs K (output channels)") }
      k = try integer(kExpr, at: t.position)
      let groups = try t.groups.map { (e) throws(SpecError) in try integer(e, at: t.position) } ?? 1
      if groups > 1 || kind == .groupedConvolution {
        guard groups > 0, c % groups == 0, k % groups == 0 else {
          throw t.position.error("\(groups) groups do not divide C = \(c) and K = \(k) while lowering \(described)")
        }
        kind = .groupedConvolution
        g = groups
        k /= groups
        layerC = c / groups
      }
    case .elementwise(.concat):
      operands = try t.operands.map { (e) throws(SpecError) in try integer(e, at: t.position) } ?? 2
      k = c * operands
    case .elementwise:
      operands = try t.operands.map { (e) throws(SpecError) in try integer(e, at: t.position) } ?? 2
      k = c
    default:
      k = c
      if let kExpr = t.k {
        let given = try integer(kExpr, at: t.position)
        guard given == c else {
          throw t.position.error("a \(kind.name) layer keeps its channels: K = \(given) differs from the input's \(c) while lowering \(described)")
        }
      }
    }
    let layer: Layer
    if kind == .gemm {
      // A GEMM over every pixel (rows = H·W); after a global pool that is one row.
      layer = Layer(kind: .gemm, k: k, c: c, y: current.h * current.h, x: 1, bias: t.bias)
    } else {
      layer = Layer(
        kind: kind, g: g, k: k, c: layerC, r: kernel, s: kernel, y: current.h, x: current.h,
        strideY: stride, strideX: stride, padY: padding, padX: padding, dilationY: dilation, dilationX: dilation,
        bias: t.bias, operands: operands)
    }
    if let problem = layer.shapeProblems.first {
      throw t.position.error("\(problem) while lowering \(described)")
    }
    let base = t.name ?? kind.name
    let count = (nameCounts[base] ?? 0) + 1
    nameCounts[base] = count
    let local = count == 1 ? base : "\(base)\(count)"
    // An element-wise layer of n operands reads the current tensor and the n − 1 latest results no
    // layer has read yet (the main branch beside a shortcut); the op's input when there are none (the
    // identity shortcut of a residual block).
    var sources = [currentSource]
    if case .elementwise = kind {
      let others = unread.filter { $0 != currentSource }.suffix(operands - 1)
      sources = Array(others) + Array(repeating: .opInput, count: operands - 1 - others.count) + [currentSource]
    }
    unread.removeAll { sources.contains($0) }
    reads.append(sources)
    layers.append(NetworkLayer(name: prefix.isEmpty ? local : "\(prefix).\(local)", layer: layer))
    currentSource = .layer(layers.count - 1)
    unread.append(currentSource)
    current = kind == .gemm ? Tensor(c: k, h: current.h) : Tensor(c: layer.outputChannels, h: layer.outputY)
    if let name = t.name {
      named[name] = current
      namedSources[name] = currentSource
    }
  }
}
