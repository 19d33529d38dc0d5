import Yams

/// A YAML node together with where it came from, with typed accessors that throw ``SpecError``.
///
/// Accessors check the YAML type strictly: `"300"` (a quoted string) is not a number and `300` is not a
/// string, so a typo in a file is reported, never silently coerced.
public struct SpecNode {
  let node: Node
  /// The file, for messages.
  public let file: String
  /// The key path of this node (`layers[3].kernel`).
  public let path: String

  init(_ node: Node, file: String, path: String) {
    self.node = node
    self.file = file
    self.path = path
  }

  /// 1-based line of the node.
  public var line: Int? { node.mark?.line }
  /// 1-based column of the node.
  public var column: Int? { node.mark?.column }

  /// An error located at this node.
  public func error(_ problem: String) -> SpecError {
    SpecError(file: file, line: line, column: column, keyPath: path, problem: problem)
  }

  /// The text of the node as written, for messages.
  var shown: String {
    switch node {
    case .scalar(let scalar):
      return scalar.style == .plain ? (scalar.string.isEmpty ? "nothing" : scalar.string) : "\"\(scalar.string)\""
    case .mapping: return "a mapping"
    case .sequence: return "a list"
    case .alias: return "an alias"
    }
  }

  /// Whether the node is an explicit `null` / `~` / empty value.
  public var isNull: Bool { node.null != nil }

  // MARK: Scalars

  public func string() throws(SpecError) -> String {
    guard case .scalar(let scalar) = node, node.tag.rawValue == Tag.Name.str.rawValue else {
      throw error("expected a string, got \(shown)")
    }
    return scalar.string
  }

  public func bool() throws(SpecError) -> Bool {
    guard let value = node.bool, node.tag.rawValue == Tag.Name.bool.rawValue else {
      throw error("expected true or false, got \(shown)")
    }
    return value
  }

  /// An integer; `0x`, `_` separators and floats with a zero fraction (`64.0`) are not accepted.
  public func int() throws(SpecError) -> Int {
    guard case .scalar = node, node.tag.rawValue == Tag.Name.int.rawValue, let value = node.int else {
      if case .scalar(let s) = node, node.tag.rawValue == Tag.Name.int.rawValue {
        throw error("the integer \(s.string) is out of range")
      }
      throw error("expected an integer, got \(shown)")
    }
    return value
  }

  public func int(in range: ClosedRange<Int>) throws(SpecError) -> Int {
    let value = try int()
    guard range.contains(value) else {
      throw error("expected an integer in \(range.lowerBound)…\(range.upperBound), got \(value)")
    }
    return value
  }

  public func positiveInt() throws(SpecError) -> Int {
    let value = try int()
    guard value > 0 else { throw error("expected a positive integer, got \(value)") }
    return value
  }

  public func nonNegativeInt() throws(SpecError) -> Int {
    let value = try int()
    guard value >= 0 else { throw error("expected a non-negative integer, got \(value)") }
    return value
  }

  /// A finite number (integers are accepted).
  public func double() throws(SpecError) -> Double {
    let tag = node.tag.rawValue
    guard case .scalar = node, tag == Tag.Name.int.rawValue || tag == Tag.Name.float.rawValue,
      let value = node.float
    else { throw error("expected a number, got \(shown)") }
    guard value.isFinite else { throw error("expected a finite number, got \(shown)") }
    return value
  }

  public func positiveDouble() throws(SpecError) -> Double {
    let tag = node.tag.rawValue
    guard case .scalar = node, tag == Tag.Name.int.rawValue || tag == Tag.Name.float.rawValue,
      let value = node.float, value.isFinite, value > 0
    else { throw error("expected a positive number, got \(shown)") }
    return value
  }

  public func nonNegativeDouble() throws(SpecError) -> Double {
    let value = try double()
    guard value >= 0 else { throw error("expected a non-negative number, got \(shown)") }
    return value
  }

  /// A string from a closed set, with a suggestion when it is misspelt.
  public func oneOf(_ choices: [String]) throws(SpecError) -> String {
    let value = try string()
    guard choices.contains(value) else {
      var message = "expected one of " + choices.map { "\"\($0)\"" }.joined(separator: ", ") + ", got \"\(value)\""
      if let hint = nearestSpelling(to: value, among: choices) { message += " (did you mean \"\(hint)\"?)" }
      throw error(message)
    }
    return value
  }

  /// A value of a `String`-backed enum.
  public func `enum`<E: RawRepresentable & CaseIterable>(_ type: E.Type) throws(SpecError) -> E where E.RawValue == String {
    let raw = try oneOf(E.allCases.map(\.rawValue))
    return E(rawValue: raw)!  // oneOf only returns listed raw values
  }

  // MARK: Collections

  /// The node as a mapping; `allowedKeys` (when given) rejects unknown keys with a suggestion.
  public func mapping(allowedKeys: [String]? = nil) throws(SpecError) -> SpecMapping {
    guard case .mapping(let mapping) = node else { throw error("expected a mapping (key: value lines), got \(shown)") }
    var entries: [(key: String, keyNode: Node, value: Node)] = []
    for (keyNode, value) in mapping {
      guard case .scalar(let key) = keyNode else {
        throw SpecError(file: file, line: keyNode.mark?.line, column: keyNode.mark?.column, keyPath: path,
                        problem: "keys must be plain names")
      }
      entries.append((key.string, keyNode, value))
    }
    let result = SpecMapping(entries: entries, file: file, path: path, mark: node.mark)
    if let allowedKeys { try result.rejectUnknownKeys(allowed: allowedKeys) }
    return result
  }

  /// The node as a list.
  public func sequence() throws(SpecError) -> [SpecNode] {
    guard case .sequence(let sequence) = node else { throw error("expected a list, got \(shown)") }
    return sequence.enumerated().map { SpecNode($1, file: file, path: "\(path)[\($0)]") }
  }

  /// A non-empty list.
  public func nonEmptySequence() throws(SpecError) -> [SpecNode] {
    let items = try sequence()
    guard !items.isEmpty else { throw error("expected a non-empty list") }
    return items
  }

  /// A single value or a list of values (`pes: 64` or `pes: [64, 128]`).
  public func oneOrMany() -> [SpecNode] {
    if case .sequence(let sequence) = node {
      return sequence.enumerated().map { SpecNode($1, file: file, path: "\(path)[\($0)]") }
    }
    return [self]
  }

  /// Whether the node is a list.
  public var isSequence: Bool { if case .sequence = node { true } else { false } }
  /// Whether the node is a mapping.
  public var isMapping: Bool { if case .mapping = node { true } else { false } }
  /// Whether the node is a scalar.
  public var isScalar: Bool { if case .scalar = node { true } else { false } }
}

/// A YAML mapping with its entries in file order.
public struct SpecMapping {
  let entries: [(key: String, keyNode: Node, value: Node)]
  public let file: String
  public let path: String
  let mark: Mark?

  /// The keys, in file order.
  public var keys: [String] { entries.map(\.key) }

  func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

  /// An error at the mapping itself.
  public func error(_ problem: String) -> SpecError {
    SpecError(file: file, line: mark?.line, column: mark?.column, keyPath: path, problem: problem)
  }

  /// The value of `key`, or `nil` when absent or explicitly null.
  public func optional(_ key: String) -> SpecNode? {
    guard let entry = entries.first(where: { $0.key == key }) else { return nil }
    if entry.value.null != nil { return nil }
    return SpecNode(entry.value, file: file, path: childPath(key))
  }

  /// The value of `key`; a missing key is an error at the mapping's position.
  public func required(_ key: String) throws(SpecError) -> SpecNode {
    guard let entry = entries.first(where: { $0.key == key }) else {
      throw SpecError(file: file, line: mark?.line, column: mark?.column, keyPath: childPath(key),
                      problem: "missing required key")
    }
    let node = SpecNode(entry.value, file: file, path: childPath(key))
    if entry.value.null != nil { throw node.error("a value is required") }
    return node
  }

  /// Whether `key` is present.
  public func contains(_ key: String) -> Bool { entries.contains { $0.key == key } }

  /// Every entry as (key, node), in file order.
  public var children: [(key: String, node: SpecNode)] {
    entries.map { ($0.key, SpecNode($0.value, file: file, path: childPath($0.key))) }
  }

  /// Rejects keys outside `allowed`, suggesting the nearest allowed key.
  public func rejectUnknownKeys(allowed: [String]) throws(SpecError) {
    for entry in entries where !allowed.contains(entry.key) {
      var message = "unknown key"
      if let hint = nearestSpelling(to: entry.key, among: allowed) {
        message += " (did you mean \"\(hint)\"?)"
      } else {
        message += "; allowed keys here: " + allowed.joined(separator: ", ")
      }
      throw SpecError(file: file, line: entry.keyNode.mark?.line, column: entry.keyNode.mark?.column,
                      keyPath: childPath(entry.key), problem: message)
    }
  }
}
