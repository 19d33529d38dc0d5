public import SpecFiles
import Foundation

// Dataflow files (`accelerators/dataflows/*.yaml`) and inline `dataflow:` blocks:
//
//   schema: duet/v1
//   kind: dataflow
//   name: kc-p
//   directives:                  # MAESTRO's syntax, outer to inner; Cluster(n) opens the next level
//     - SpatialMap(1,1) K
//     - TemporalMap(64,64) C
//     - Cluster(64)
//     - SpatialMap(1,1) C
//   layer_kinds:                 # optional: kinds priced with another dataflow (a preset or file name)
//     dwconv: dpt

public enum DataflowFile {
  static let keys = ["name", "summary", "description", "source", "license", "directives", "layer_kinds"]

  /// Loads a `kind: dataflow` file.
  public static func load(path: String) throws(SpecError) -> DataflowPreset {
    let (_, root) = try SpecDocument.load(path: path, kinds: ["dataflow"])
    try root.rejectUnknownKeys(allowed: ["schema", "kind"] + keys)
    return try preset(root, folder: URL(fileURLWithPath: path).deletingLastPathComponent().path)
  }

  /// A `dataflow:` value: a preset name, a file name, or an inline mapping.
  static func preset(_ node: SpecNode, folder: String) throws(SpecError) -> DataflowPreset {
    if node.isMapping {
      return try preset(try node.mapping(allowedKeys: keys), folder: folder)
    }
    return try named(try node.string(), at: node, folder: folder)
  }

  /// A built-in preset by name, else `<folder>/dataflows/<name>.yaml`, `<folder>/<name>.yaml` or the
  /// name as a path.
  static func named(_ name: String, at node: SpecNode, folder: String) throws(SpecError) -> DataflowPreset {
    if let preset = DataflowPreset.named(name) { return preset }
    let candidates = ["\(folder)/dataflows/\(name).yaml", "\(folder)/\(name).yaml", "\(folder)/\(name)", name]
    for path in candidates {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
        return try load(path: path)
      }
    }
    var message = "unknown dataflow \"\(name)\": not a preset (\(DataflowPreset.aliases.keys.sorted().joined(separator: ", "))) nor a file in \(folder)/dataflows/"
    if let hint = nearestSpelling(to: name, among: DataflowPreset.aliases.keys) { message += " (did you mean \"\(hint)\"?)" }
    throw node.error(message)
  }

  static func preset(_ m: SpecMapping, folder: String) throws(SpecError) -> DataflowPreset {
    let name = try m.required("name").string()
    var items: [DataflowItem] = []
    for node in try m.required("directives").nonEmptySequence() {
      let text = try node.string()
      var scanner = MaestroScanner(text: text, file: node.file)
      do {
        items.append(try scanner.item(constants: [:]))
      } catch {
        throw node.error(error.problem)
      }
      scanner.skip(";")
      if let extra = scanner.peek() { throw node.error("unexpected \"\(extra.text)\" after the directive") }
    }
    let dataflow = Dataflow(name: name, items: items)
    if let problem = dataflow.problems.first { throw try m.required("directives").error(problem) }
    var overrides: [LayerKindClass: Dataflow] = [:]
    if let kindsNode = m.optional("layer_kinds") {
      let kinds = try kindsNode.mapping(allowedKeys: LayerKindClass.allCases.map(\.rawValue))
      for (key, value) in kinds.children {
        let kind = LayerKindClass(rawValue: key)!  // allowedKeys checked it
        let target = try value.string()
        if target == "self" || target == name { continue }
        overrides[kind] = try named(target, at: value, folder: folder).dataflow
      }
    }
    let summary = try m.optional("summary")?.string() ?? ""
    return DataflowPreset(dataflow: dataflow, kindOverrides: overrides, summary: summary)
  }
}
