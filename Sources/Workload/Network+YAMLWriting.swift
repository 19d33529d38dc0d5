extension Network {
  /// The network as a `kind: network` document that ``load(path:)`` reads back to an equal network:
  /// one flow mapping per layer, keys left out where they hold their defaults.
  ///
  /// - Parameters:
  ///   - description: written as the document's `description:` (folded lines), when given.
  ///   - source: written as `source:`, when given.
  public func yamlDocument(description: String? = nil, source: String? = nil) -> String {
    var out = "schema: duet/v1\nkind: network\nname: \(Self.yamlScalar(name))\n"
    if let description, !description.isEmpty {
      out += "description: >\n"
      for line in Self.wrapped(description, width: 100) { out += "  \(line)\n" }
    }
    if let source, !source.isEmpty { out += "source: \(Self.yamlScalar(source))\n" }
    out += "layers:\n"
    for entry in layers {
      out += "  - {" + Self.yamlFields(entry).joined(separator: ", ") + "}\n"
    }
    return out
  }

  static func yamlFields(_ entry: NetworkLayer) -> [String] {
    let l = entry.layer
    var fields = ["name: \(yamlScalar(entry.name))", "type: \(l.kind.name)"]
    func pair(_ a: Int, _ b: Int) -> String { a == b ? "\(a)" : "[\(a), \(b)]" }
    if l.n != 1 { fields.append("N: \(l.n)") }
    if l.g != 1 { fields.append("G: \(l.g)") }
    fields.append("C: \(l.c)")
    if l.k != defaultK(kind: l.kind, c: l.c, operands: l.operands) { fields.append("K: \(l.k)") }
    if l.r != 1 || l.s != 1 { fields.append("kernel: \(pair(l.r, l.s))") }
    fields.append("input: \(pair(l.y, l.x))")
    if l.strideY != 1 || l.strideX != 1 { fields.append("stride: \(pair(l.strideY, l.strideX))") }
    if l.padY != 0 || l.padX != 0 { fields.append("padding: \(pair(l.padY, l.padX))") }
    if l.dilationY != 1 || l.dilationX != 1 { fields.append("dilation: \(pair(l.dilationY, l.dilationX))") }
    if l.bias { fields.append("bias: true") }
    if l.operands != defaultOperands(l.kind) { fields.append("operands: \(l.operands)") }
    if let inputs = entry.inputs {
      fields.append("inputs: [" + inputs.map(yamlScalar).joined(separator: ", ") + "]")
    }
    return fields
  }

  /// K when the file leaves it out (see the reader): C for kinds that keep channels, C·operands for a
  /// concatenation; -1 (always written) for kinds that need it.
  static func defaultK(kind: LayerKind, c: Int, operands: Int) -> Int {
    switch kind {
    case .depthwiseConvolution, .pooling, .batchNorm, .activation, .channelShuffle, .identity,
      .elementwise(.add), .elementwise(.multiply):
      return c
    case .elementwise(.concat): return c * operands
    default: return -1
    }
  }

  static func defaultOperands(_ kind: LayerKind) -> Int {
    kind == .elementwise(.add) || kind == .elementwise(.multiply) ? 2 : 1
  }

  /// A string as a YAML scalar: plain where YAML reads it back as the same string, else double-quoted.
  static func yamlScalar(_ s: String) -> String {
    let plainSafe = !s.isEmpty && s.unicodeScalars.allSatisfy { c in
      (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || "_.-/+".unicodeScalars.contains(c)
    }
    let first = s.unicodeScalars.first
    let startsSafely = first.map { ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || $0 == "_" } ?? false
    let reserved = ["true", "false", "yes", "no", "on", "off", "null", "y", "n"].contains(s.lowercased())
    if plainSafe && startsSafely && !reserved { return s }
    var quoted = "\""
    for c in s.unicodeScalars {
      switch c {
      case "\"": quoted += "\\\""
      case "\\": quoted += "\\\\"
      case "\n": quoted += "\\n"
      case "\t": quoted += "\\t"
      default:
        if c.value < 0x20 || c.value == 0x7F {
          quoted += "\\x" + (c.value < 0x10 ? "0" : "") + String(c.value, radix: 16)
        } else {
          quoted.unicodeScalars.append(c)
        }
      }
    }
    return quoted + "\""
  }

  static func wrapped(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(whereSeparator: { $0 == " " || $0 == "\n" }) {
      if !line.isEmpty && line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines
  }
}
