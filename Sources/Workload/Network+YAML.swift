public import SpecFiles

// The user-written network format:
//
//   schema: duet/v1
//   kind: network
//   name: ResNet-50
//   layers:
//     - {name: conv1, type: conv, C: 3, K: 64, kernel: 7, stride: 2, padding: 3, input: 224}
//     - {name: pool1, type: pool.max, C: 64, kernel: 3, stride: 2, padding: 1, input: 112}
//
// Dimensions use MAESTRO's letters (N G K C R S Y X; Y and X are input sizes). `kernel:` sets R and S,
// `input:` sets Y and X, and `stride`, `padding`, `dilation` take one value or [rows, cols]. K defaults to
// C for kinds that keep channels (depth-wise, pooling, element-wise, …). `repeat: n` writes a layer n
// times (names get a `.1` … `.n` suffix). `inputs:` names the layers a layer reads (one name or a list;
// `input` is the network's input; `[]` a constant); without it a layer reads the layer before it. With
// `repeat`, the first copy reads `inputs:` and each later copy the one before it.

extension Network {
  static let layerKeys = ["name", "type", "N", "G", "K", "C", "R", "S", "Y", "X", "kernel", "input", "stride",
                          "padding", "dilation", "bias", "operands", "repeat", "inputs"]

  /// Loads a network file.
  public static func load(path: String) throws(SpecError) -> Network {
    let (_, root) = try SpecDocument.load(path: path, kinds: ["network"])
    return try Network(spec: root)
  }

  /// Builds a network from the root mapping of a `kind: network` document.
  public init(spec root: SpecMapping) throws(SpecError) {
    try root.rejectUnknownKeys(allowed: ["schema", "kind", "name", "description", "source", "layers"])
    let name = try root.required("name").string()
    var layers: [NetworkLayer] = []
    var seen: [String: Int] = [:]
    for item in try root.required("layers").nonEmptySequence() {
      let entry = try item.mapping(allowedKeys: Self.layerKeys)
      let nameNode = try entry.required("name")
      let layerName = try nameNode.string()
      let layer = try Self.layer(from: entry)
      let inputs = try Self.inputs(from: entry, known: seen)
      let count = try entry.optional("repeat")?.positiveInt() ?? 1
      let names = count == 1 ? [layerName] : (1...count).map { "\(layerName).\($0)" }
      for (copy, n) in names.enumerated() {
        if n == Self.inputName { throw nameNode.error("\"\(n)\" names the network's input in `inputs:`; choose another layer name") }
        if seen[n] != nil { throw nameNode.error("duplicate layer name \"\(n)\"") }
        seen[n] = layers.count
        layers.append(NetworkLayer(name: n, layer: layer, inputs: copy == 0 ? inputs : nil))
      }
    }
    self.init(name: name, layers: layers)
  }

  /// The `inputs:` of a layer entry: one name or a list, each `input` or an earlier layer.
  static func inputs(from entry: SpecMapping, known: [String: Int]) throws(SpecError) -> [String]? {
    guard let node = entry.optional("inputs") else { return nil }
    let items = node.isSequence ? try node.sequence() : [node]
    var names: [String] = []
    for item in items {
      let name = try item.string()
      guard name == inputName || known[name] != nil else {
        var message = "no earlier layer is named \"\(name)\" (a layer reads the network's `input` or layers above it)"
        if let hint = nearestSpelling(to: name, among: Array(known.keys) + [inputName]) { message += "; did you mean \"\(hint)\"?" }
        throw item.error(message)
      }
      names.append(name)
    }
    return names
  }

  static func layer(from entry: SpecMapping) throws(SpecError) -> Layer {
    let kind = try LayerKind(node: try entry.required("type"))
    func int(_ key: String) throws(SpecError) -> Int? { try entry.optional(key)?.positiveInt() }
    func pair(_ key: String, nonNegative: Bool = false) throws(SpecError) -> (Int, Int)? {
      guard let node = entry.optional(key) else { return nil }
      if node.isSequence {
        let items = try node.sequence()
        guard items.count == 2 else { throw node.error("expected one value or [rows, cols]") }
        return nonNegative ? (try items[0].nonNegativeInt(), try items[1].nonNegativeInt())
          : (try items[0].positiveInt(), try items[1].positiveInt())
      }
      let v = nonNegative ? try node.nonNegativeInt() : try node.positiveInt()
      return (v, v)
    }
    func conflict(_ a: String, _ b: String) throws(SpecError) {
      if entry.contains(a), entry.contains(b) { throw try entry.required(b).error("give either \(a) or \(b), not both") }
    }
    try conflict("kernel", "R"); try conflict("kernel", "S"); try conflict("input", "Y"); try conflict("input", "X")
    let kernel = try pair("kernel")
    let input = try pair("input")
    let cNode = try entry.required("C")
    let c = try cNode.positiveInt()
    let keepsChannels: Bool = switch kind {
      case .depthwiseConvolution, .pooling, .batchNorm, .activation, .channelShuffle, .identity, .elementwise(.add), .elementwise(.multiply): true
      default: false
    }
    let operands = try int("operands") ?? (kind == .elementwise(.add) || kind == .elementwise(.multiply) ? 2 : 1)
    let k: Int
    if let explicit = try int("K") { k = explicit } else if keepsChannels { k = c } else if kind == .elementwise(.concat) {
      k = c * operands
    } else { throw entry.error("missing required key K (output channels) for a \(kind.name) layer") }
    let r = try int("R") ?? kernel?.0 ?? 1
    let s = try int("S") ?? kernel?.1 ?? r
    guard let y = try int("Y") ?? input?.0 else { throw entry.error("missing required key input (or Y and X): the input size") }
    let x = try int("X") ?? input?.1 ?? y
    let stride = try pair("stride") ?? (1, 1)
    let padding = try pair("padding", nonNegative: true) ?? (0, 0)
    let dilation = try pair("dilation") ?? (1, 1)
    let layer = Layer(
      kind: kind, n: try int("N") ?? 1, g: try int("G") ?? 1, k: k, c: c, r: r, s: s, y: y, x: x,
      strideY: stride.0, strideX: stride.1, padY: padding.0, padX: padding.1,
      dilationY: dilation.0, dilationX: dilation.1,
      bias: try entry.optional("bias")?.bool() ?? false, operands: operands)
    if let problem = layer.shapeProblems.first {
      throw entry.error(problem)
    }
    return layer
  }
}
