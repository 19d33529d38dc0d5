public import SpecFiles
public import Workload
import Foundation

/// A MAESTRO model or mapping file (`Network NAME { Layer NAME { Type: … Stride { … } Dimensions { … }
/// Dataflow { … } } }`), read into Duet layers.
///
/// `Constant NAME value;` lines define names usable as sizes; `//` starts a comment. A layer without a
/// `Dataflow` block inherits the previous layer's (as MAESTRO does). Layer types map to Duet kinds:
/// CONV → conv, DSCONV → dwconv (MAESTRO writes K: 1; Duet keeps K = C), NGCONV → gconv (G, K, C as
/// written), TRCONV → conv (MAESTRO analyses it as CONV on the written sizes), GEMM (M, N, K) → gemm with
/// M rows, reduction K and N outputs. `Y'`/`X'` (output sizes) may be given instead of Y/X.
public struct MaestroModelFile: Sendable {
  public struct Entry: Sendable {
    public var name: String
    public var layer: Layer
    /// MAESTRO's type keyword as written.
    public var maestroType: String
    /// The layer's dataflow (its own block, or the previous layer's), `nil` in a plain model file.
    public var dataflow: Dataflow?
  }

  public var networkName: String
  public var entries: [Entry]

  /// The layers as a Duet network.
  public var network: Network {
    Network(name: networkName, layers: entries.map { NetworkLayer(name: $0.name, layer: $0.layer) })
  }

  /// Reads a file from disk.
  public static func load(path: String) throws(SpecError) -> MaestroModelFile {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw SpecError(file: path, problem: FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")
    }
    guard let text = String(data: data, encoding: .utf8), !text.unicodeScalars.contains(where: { $0.value == 0 }) else {
      throw SpecError(file: path, problem: "this is not a text file; expected a MAESTRO model file")
    }
    return try parse(text, file: path)
  }

  /// Parses the text of a model or mapping file; `file` is used in messages.
  public static func parse(_ text: String, file: String) throws(SpecError) -> MaestroModelFile {
    var scanner = MaestroScanner(text: text, file: file)
    var constants: [String: Int] = [:]
    while scanner.peek()?.text == "Constant" {
      _ = scanner.next()
      let name = try scanner.expectWord("a constant name")
      let valueToken = try scanner.expectWord("a value")
      guard let value = Int(valueToken.text), value > 0 else {
        throw valueToken.error(file, "expected a positive integer for constant \(name.text), got \(valueToken.text)")
      }
      constants[name.text] = value
      scanner.skip(";")
    }
    try scanner.expectKeyword("Network")
    let networkName = try scanner.expectWord("the network's name").text
    try scanner.expect("{")
    var entries: [Entry] = []
    var inherited: Dataflow? = nil
    while let token = scanner.peek(), token.text != "}" {
      try scanner.expectKeyword("Layer")
      var nameParts: [String] = []
      while let t = scanner.peek(), t.text != "{" { nameParts.append(scanner.next()!.text) }
      let layerName = nameParts.joined(separator: " ")
      let open = try scanner.expect("{")
      var type: Token? = nil
      var stride = (y: 1, x: 1)
      var dims: [String: (Int, Token)] = [:]
      var dataflow: Dataflow? = nil
      while let t = scanner.peek(), t.text != "}" {
        let key = scanner.next()!
        switch key.text {
        case "Type":
          scanner.skip(":")
          type = try scanner.expectWord("a layer type")
        case "Stride":
          try scanner.expect("{")
          while let s = scanner.peek(), s.text != "}" {
            let axis = scanner.next()!
            scanner.skip(":")
            let v = try scanner.expectValue(constants, file)
            switch axis.text {
            case "X": stride.x = v
            case "Y": stride.y = v
            default: throw axis.error(file, "Stride: expected X or Y, got \(axis.text)")
            }
            scanner.skip(",")
          }
          try scanner.expect("}")
        case "Dimensions":
          try scanner.expect("{")
          while let s = scanner.peek(), s.text != "}" {
            let dim = scanner.next()!
            scanner.skip(":")
            dims[dim.text] = (try scanner.expectValue(constants, file), dim)
            scanner.skip(",")
          }
          try scanner.expect("}")
        case "Dataflow":
          dataflow = try scanner.dataflow(name: layerName, constants: constants)
        default:
          throw key.error(file, "unknown keyword \(key.text) in a layer; expected Type, Stride, Dimensions or Dataflow")
        }
        scanner.skip(";")
      }
      try scanner.expect("}")
      guard let type else { throw open.error(file, "layer \(layerName) has no Type") }
      let layer = try Self.layer(type: type, dims: dims, stride: stride, at: open, file: file)
      if let dataflow { inherited = dataflow }
      entries.append(Entry(name: layerName, layer: layer, maestroType: type.text, dataflow: inherited))
    }
    try scanner.expect("}")
    if let extra = scanner.peek() { throw extra.error(file, "unexpected \(extra.text) after the network") }
    guard !entries.isEmpty else { throw SpecError(file: file, problem: "the network has no layers") }
    return MaestroModelFile(networkName: networkName, entries: entries)
  }

  static func layer(type: Token, dims: [String: (Int, Token)], stride: (y: Int, x: Int), at open: Token,
                    file: String) throws(SpecError) -> Layer {
    let allowed: Set<String> = type.text == "GEMM" ? ["M", "N", "K"] : ["N", "G", "K", "C", "R", "S", "Y", "X", "Y'", "X'"]
    for (key, (_, token)) in dims where !allowed.contains(key) {
      throw token.error(file, "unknown dimension \(key) for a \(type.text) layer; expected one of " + allowed.sorted().joined(separator: ", "))
    }
    func size(_ key: String, default value: Int? = nil) throws(SpecError) -> Int {
      if let v = dims[key]?.0 { return v }
      if let value { return value }
      throw open.error(file, "a \(type.text) layer needs \(key) in Dimensions")
    }
    var layer: Layer
    if type.text == "GEMM" {
      layer = Layer(kind: .gemm, k: try size("N"), c: try size("K"), y: try size("M"), x: 1)
    } else {
      let kind: LayerKind
      switch type.text {
      case "CONV", "TRCONV": kind = .convolution
      case "DSCONV": kind = .depthwiseConvolution
      case "NGCONV": kind = .groupedConvolution
      default:
        throw type.error(file, "unsupported layer type \(type.text); MAESTRO analyses CONV, DSCONV, NGCONV, TRCONV and GEMM")
      }
      let r = try size("R", default: 1), s = try size("S", default: 1)
      let y = dims["Y"] != nil ? try size("Y") : (try size("Y'") - 1) * stride.y + r
      let x = dims["X"] != nil ? try size("X") : (try size("X'") - 1) * stride.x + s
      let c = try size("C")
      layer = Layer(kind: kind, n: try size("N", default: 1), g: kind == .groupedConvolution ? try size("G", default: 1) : 1,
                    k: kind == .depthwiseConvolution ? c : try size("K"), c: c, r: r, s: s, y: y, x: x,
                    strideY: stride.y, strideX: stride.x)
    }
    if let problem = layer.shapeProblems.first { throw open.error(file, problem) }
    return layer
  }
}

/// A token with its position.
struct Token {
  var text: String
  var line: Int
  var column: Int
  func error(_ file: String, _ problem: String) -> SpecError {
    SpecError(file: file, line: line, column: column, problem: problem)
  }
}

/// Splits MAESTRO's files into words and punctuation (`{ } ( ) , : ;`), skipping `//` comments.
struct MaestroScanner {
  var tokens: [Token] = []
  var position = 0
  let file: String

  init(text: String, file: String) {
    self.file = file
    var line = 1, column = 0
    var current = ""
    var start = (1, 1)
    var inComment = false
    func flush(_ tokens: inout [Token]) {
      if !current.isEmpty { tokens.append(Token(text: current, line: start.0, column: start.1)); current = "" }
    }
    var previous: Character = " "
    for ch in text {
      column += 1
      if ch == "\n" { flush(&tokens); inComment = false; line += 1; column = 0; previous = ch; continue }
      if inComment { continue }
      if ch == "/" && previous == "/" {
        current.removeLast()
        flush(&tokens)
        inComment = true
        continue
      }
      previous = ch
      if "{}(),:;".contains(ch) {
        flush(&tokens)
        tokens.append(Token(text: String(ch), line: line, column: column))
      } else if ch.isWhitespace {
        flush(&tokens)
      } else {
        if current.isEmpty { start = (line, column) }
        current.append(ch)
      }
    }
    flush(&tokens)
  }

  func peek() -> Token? { position < tokens.count ? tokens[position] : nil }

  mutating func next() -> Token? {
    guard position < tokens.count else { return nil }
    position += 1
    return tokens[position - 1]
  }

  mutating func skip(_ text: String) { if peek()?.text == text { position += 1 } }

  func endError(_ what: String) -> SpecError {
    let last = tokens.last
    return SpecError(file: file, line: last?.line, column: last?.column, problem: "the file ends early; expected \(what)")
  }

  @discardableResult
  mutating func expect(_ text: String) throws(SpecError) -> Token {
    guard let t = next() else { throw endError("\"\(text)\"") }
    guard t.text == text else { throw t.error(file, "expected \"\(text)\", got \"\(t.text)\"") }
    return t
  }

  mutating func expectKeyword(_ text: String) throws(SpecError) { try expect(text) }

  mutating func expectWord(_ what: String) throws(SpecError) -> Token {
    guard let t = next() else { throw endError(what) }
    guard !"{}(),:;".contains(t.text) else { throw t.error(file, "expected \(what), got \"\(t.text)\"") }
    return t
  }

  mutating func expectValue(_ constants: [String: Int], _ file: String) throws(SpecError) -> Int {
    let t = try expectWord("a size")
    if let v = Int(t.text) {
      guard v > 0 else { throw t.error(file, "sizes must be positive, got \(v)") }
      return v
    }
    if let v = constants[t.text] { return v }
    throw t.error(file, "expected a number or a defined Constant, got \(t.text)")
  }

  /// `{ SpatialMap(1,1) K; TemporalMap(Sz(R),1) Y; Cluster(64, P); … }`
  mutating func dataflow(name: String, constants: [String: Int]) throws(SpecError) -> Dataflow {
    try expect("{")
    var items: [DataflowItem] = []
    while let t = peek(), t.text != "}" {
      items.append(try item(constants: constants))
      skip(";")
    }
    try expect("}")
    let dataflow = Dataflow(name: name, items: items)
    return dataflow
  }

  mutating func item(constants: [String: Int]) throws(SpecError) -> DataflowItem {
    let head = try expectWord("a directive")
    switch head.text {
    case "Cluster":
      try expect("(")
      let size = try mapSize(constants: constants)
      if peek()?.text == "," { _ = next(); _ = try expectWord("P") }
      try expect(")")
      return .cluster(size)
    case "SpatialMap", "TemporalMap":
      try expect("(")
      let size = try mapSize(constants: constants)
      try expect(",")
      let offset = try mapSize(constants: constants)
      try expect(")")
      let dimToken = try expectWord("a dimension")
      guard let dim = DirectiveDimension(text: dimToken.text) else {
        throw dimToken.error(file, "unknown dimension \(dimToken.text); expected one of " + DirectiveDimension.spellings.joined(separator: ", "))
      }
      return .directive(Directive(head.text == "SpatialMap" ? .spatialMap : .temporalMap, size: size, offset: offset, dim))
    default:
      throw head.error(file, "unknown directive \(head.text); expected SpatialMap, TemporalMap or Cluster")
    }
  }

  mutating func mapSize(constants: [String: Int]) throws(SpecError) -> MapSize {
    let t = try expectWord("a size")
    if t.text == "Sz" {
      try expect("(")
      let d = try expectWord("a dimension")
      guard let dim = MaestroDimension(letter: d.text) else {
        throw d.error(file, "Sz(\(d.text)): unknown dimension; expected one of N, G, K, C, R, S, Y, X")
      }
      try expect(")")
      return .full(dim)
    }
    if let v = Int(t.text) {
      guard v > 0 else { throw t.error(file, "sizes and offsets must be positive, got \(v)") }
      return .literal(v)
    }
    if let v = constants[t.text] { return .literal(v) }
    throw t.error(file, "expected a number, Sz(D) or a Constant, got \(t.text)")
  }
}
