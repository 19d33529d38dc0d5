public import SpecFiles

extension LayerKind {
  /// Reads a layer type (`conv`, `dwconv`, `pool.max`, `act.relu`, …) from a YAML node; an unknown name
  /// is an error at the node that suggests the nearest spelling. Shared by the network and space formats.
  public init(node: SpecNode) throws(SpecError) {
    let name = try node.string()
    guard let kind = LayerKind(name: name) else {
      var message = "unknown layer type \"\(name)\"; expected one of " + LayerKind.allNames.joined(separator: ", ")
      if let hint = nearestSpelling(to: name, among: LayerKind.allNames) { message = "unknown layer type \"\(name)\" (did you mean \"\(hint)\"?)" }
      throw node.error(message)
    }
    self = kind
  }
}
