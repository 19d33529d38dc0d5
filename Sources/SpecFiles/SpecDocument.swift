import Foundation
import Yams

/// Loads a Duet YAML document and checks its `schema:` and `kind:` keys.
///
/// A Duet file starts with
/// ```yaml
/// schema: duet/v1
/// kind: accelerator      # network | accelerator | sweep | dataflow | space | fpga | device | …
/// ```
/// Loading never traps and never returns a partial document: unreadable files, invalid UTF-8, binary
/// data, YAML syntax errors, duplicate keys and empty files all become a ``SpecError`` with a position.
public enum SpecDocument {
  /// The schema version this Duet reads.
  public static let schema = "duet/v1"

  /// Parses YAML text; `file` is only used in messages.
  public static func parse(_ text: String, file: String) throws(SpecError) -> SpecNode {
    if text.unicodeScalars.contains(where: { $0.value == 0 }) {
      throw SpecError(file: file, problem: "this is not a text file (it contains NUL bytes); expected YAML")
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw Self.describe(error, file: file)
    } catch {
      throw SpecError(file: file, problem: "cannot parse YAML: \(error)")
    }
    guard let root else {
      throw SpecError(file: file, line: 1, column: 1, problem: "the file is empty; expected a YAML mapping starting with `schema: \(schema)`")
    }
    return SpecNode(root, file: file, path: "")
  }

  /// Reads and parses a file from disk.
  public static func load(path: String) throws(SpecError) -> SpecNode {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      let exists = FileManager.default.fileExists(atPath: path)
      throw SpecError(file: path, problem: exists ? "cannot read the file" : "no such file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw SpecError(file: path, problem: "this is not UTF-8 text (binary data?); expected YAML")
    }
    return try parse(text, file: path)
  }

  /// Loads a file and checks `schema:` and `kind:`; returns the kind and the root mapping.
  ///
  /// - Parameter kinds: the kinds the caller accepts; the error lists them when the file has another.
  public static func load(path: String, kinds: [String]) throws(SpecError) -> (kind: String, root: SpecMapping) {
    try header(of: try load(path: path), kinds: kinds)
  }

  /// Checks `schema:` and `kind:` of a parsed document.
  public static func header(of node: SpecNode, kinds: [String]) throws(SpecError) -> (kind: String, root: SpecMapping) {
    let root = try node.mapping()
    let schemaNode = try root.required("schema")
    let found = try schemaNode.string()
    guard found == schema else {
      throw schemaNode.error("unsupported schema \"\(found)\"; this version of Duet reads \"\(schema)\"")
    }
    let kindNode = try root.required("kind")
    let kind = try kindNode.string()
    guard kinds.contains(kind) else {
      var message = "expected " + (kinds.count == 1 ? "\"\(kinds[0])\"" : "one of " + kinds.map { "\"\($0)\"" }.joined(separator: ", "))
      message += ", got \"\(kind)\""
      if let hint = nearestSpelling(to: kind, among: kinds) { message += " (did you mean \"\(hint)\"?)" }
      throw kindNode.error(message)
    }
    return (kind, root)
  }

  static func describe(_ error: YamlError, file: String) -> SpecError {
    switch error {
    case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
      let .composer(context, problem, mark, _):
      var text = problem
      if let context { text += " (\(context.text) at \(context.mark.line):\(context.mark.column))" }
      return SpecError(file: file, line: mark.line, column: mark.column, problem: "invalid YAML: \(text)")
    case let .reader(problem, offset, _, _):
      let at = offset.map { " at byte \($0)" } ?? ""
      return SpecError(file: file, problem: "cannot read the text\(at): \(problem)")
    case let .duplicatedKeysInMapping(duplicates, context):
      return SpecError(
        file: file, line: context.mark.line, column: context.mark.column,
        keyPath: duplicates.joined(separator: ", "), problem: "duplicate key in a mapping")
    default:
      return SpecError(file: file, problem: "invalid YAML: \(error)")
    }
  }
}
