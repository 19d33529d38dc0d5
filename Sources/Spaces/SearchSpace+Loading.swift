import Foundation
public import SpecFiles
import Workload

// Reading `kind: space` files. The schema is documented in docs/spaces.md; every problem becomes a
// SpecError at the offending node. After reading, the loader lowers a few architectures that together
// use every choice of every decision on every dataset, so template mistakes surface at load time.

extension SearchSpace {
  /// Loads a space file.
  ///
  /// - Throws: ``SpecError`` with file, line, column and key path for any problem: unknown keys or ops,
  ///   empty choice lists, a cell edge that does not go forward, a stage without blocks, a template
  ///   that gives an invalid layer.
  public static func load(path: String) throws(SpecError) -> SearchSpace {
    let (_, root) = try SpecDocument.load(path: path, kinds: ["space"])
    let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var loader = SpaceLoader(root: root, directory: directory)
    return try loader.load()
  }

  /// Reads a space from YAML text; `file` names it in messages and relative table paths are resolved
  /// against `directory`.
  public init(yaml text: String, file: String, directory: String = ".") throws(SpecError) {
    let (_, root) = try SpecDocument.header(of: try SpecDocument.parse(text, file: file), kinds: ["space"])
    var loader = SpaceLoader(root: root, directory: directory)
    self = try loader.load()
  }
}

/// Characters that separate parts of canonical strings; choice labels may not contain them.
let reservedLabelCharacters: Set<Character> = ["/", ",", "|", "~", ":", "+", " ", "="]

struct SpaceLoader {
  let root: SpecMapping
  let directory: String
  let file: String
  var decisions: [Decision] = []
  var groups: [StringGroup] = []
  var datasets: [Dataset] = []
  var datasetVariables: Set<String> = []
  var opNames: [String] = []
  var ops: [ResolvedOp] = []
  var cellTypes: [CellType] = []
  var cellTypeNodes: [String: SpecNode] = [:]
  var usedCellTypes: Set<Int> = []
  var parts: [Part] = []
  var stageCount = 0
  var cellCount = 0

  init(root: SpecMapping, directory: String) {
    self.root = root
    self.directory = directory
    self.file = root.file
  }

  static let topKeys = ["schema", "kind", "name", "title", "description", "source", "convention",
                        "datasets", "resolution", "ops", "cells", "network", "accuracy"]

  mutating func load() throws(SpecError) -> SearchSpace {
    try root.rejectUnknownKeys(allowed: Self.topKeys)
    let nameNode = try root.required("name")
    let name = try nameNode.string()
    guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
      throw nameNode.error("a space name uses letters, digits, - and _ only, got \"\(name)\"")
    }
    let title = try root.optional("title")?.string() ?? name
    let summary = try root.optional("description")?.string() ?? ""
    let source = try root.optional("source")?.string() ?? ""
    var convention: CountingConvention?
    if let node = root.optional("convention") {
      convention = CountingConvention.named(try node.oneOf(CountingConvention.all.map(\.name)))
    }
    try loadDatasets(try root.required("datasets"))
    try loadOps(try root.required("ops"))
    if let node = root.optional("cells") { try loadCellTypes(node) }

    var resolution: Source?
    if let node = root.optional("resolution") {
      var list: [Int] = []
      resolution = try valueSource(node, name: "resolution", role: .global, groupDecisions: &list)
      if !list.isEmpty { groups.append(.values(decisions: list, stage: nil)) }
    }
    for (index, item) in try root.required("network").nonEmptySequence().enumerated() {
      try loadPart(item, index: index)
    }
    for (name, node) in cellTypeNodes where !usedCellTypes.contains(cellTypes.firstIndex { $0.name == name }!) {
      throw node.error("cell \"\(name)\" is not used by the network")
    }
    let accuracy = try root.optional("accuracy").map { (node) throws(SpecError) in try loadAccuracy(node) } ?? [:]

    let sites = SiteLayout(parts: parts, cellTypes: cellTypes)
    let space = SearchSpace(
      name: name, title: title, summary: summary, source: source, file: file, decisions: decisions, datasets: datasets,
      convention: convention, accuracySources: accuracy, ops: ops, parts: parts, cellTypes: cellTypes, groups: groups,
      resolution: resolution, sites: sites, cache: LoweringCache(slots: sites.count * (ops.count + 1)))
    try probe(space)
    return space
  }

  // MARK: Datasets

  mutating func loadDatasets(_ node: SpecNode) throws(SpecError) {
    if node.isSequence {
      for item in try node.nonEmptySequence() {
        let n = try item.string()
        guard let known = Dataset.catalog.first(where: { $0.name == n }) else {
          throw item.error(unknownDataset(n))
        }
        datasets.append(known)
      }
      return
    }
    let mapping = try node.mapping()
    guard !mapping.keys.isEmpty else { throw node.error("expected at least one dataset") }
    for (n, value) in mapping.children {
      let known = Dataset.catalog.first { $0.name == n }
      if value.isNull {
        guard let known else { throw value.error(unknownDataset(n) + "; or describe it: {input: 32, classes: 10}") }
        datasets.append(known)
        continue
      }
      let fields = try value.mapping(allowedKeys: ["input", "classes", "channels", "vars", "description"])
      guard let input = try fields.optional("input")?.positiveInt() ?? known?.inputSize else {
        throw fields.error("dataset \"\(n)\" needs `input:` (pixels per side)")
      }
      guard let classes = try fields.optional("classes")?.positiveInt() ?? known?.classes else {
        throw fields.error("dataset \"\(n)\" needs `classes:`")
      }
      let channels = try fields.optional("channels")?.positiveInt() ?? known?.channels ?? 3
      var variables: [String: TemplateValue] = [:]
      if let vars = fields.optional("vars") {
        for (key, v) in try vars.mapping().children {
          guard Self.isIdentifier(key), !templateContextNames.contains(key) else {
            throw v.error("\"\(key)\" cannot be a variable name (reserved, or not an identifier)")
          }
          variables[key] = try literal(v)
          datasetVariables.insert(key)
        }
      }
      datasets.append(Dataset(name: n, inputSize: input, classes: classes, channels: channels, variables: variables))
    }
  }

  func unknownDataset(_ n: String) -> String {
    var message = "unknown dataset \"\(n)\"; known without a description: " + Dataset.catalog.map(\.name).joined(separator: ", ")
    if let hint = nearestSpelling(to: n, among: Dataset.catalog.map(\.name)) { message = "unknown dataset \"\(n)\" (did you mean \"\(hint)\"?)" }
    return message
  }

  static func isIdentifier(_ s: String) -> Bool {
    guard let first = s.first, first.isLetter || first == "_" else { return false }
    return s.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
  }

  func literal(_ node: SpecNode) throws(SpecError) -> TemplateValue {
    if let v = try? node.int() { return .int(v) }
    if let v = try? node.bool() { return .bool(v) }
    if let v = try? node.double() { return .double(v) }
    throw node.error("expected a number or true/false, got a \(node.isSequence ? "list" : node.isMapping ? "mapping" : "string")")
  }

  // MARK: Ops

  mutating func loadOps(_ node: SpecNode) throws(SpecError) {
    let mapping = try node.mapping()
    opNames = mapping.keys
    guard !opNames.isEmpty else { throw node.error("expected at least one op") }
    var templates: [String: OpTemplate] = [:]
    var instances: [String: (base: String, baseNode: SpecNode, bindings: [(String, SpecNode)])] = [:]
    var zeros: Set<String> = []
    for (opName, value) in mapping.children {
      guard !opName.contains(where: { reservedLabelCharacters.contains($0) }), !opName.isEmpty else {
        throw value.error("op names may not contain any of / , | ~ : + = or spaces")
      }
      let def = try value.mapping()
      if let base = def.optional("op") {
        var bindings: [(String, SpecNode)] = []
        for (key, v) in def.children where key != "op" && key != "description" { bindings.append((key, v)) }
        instances[opName] = (try base.string(), base, bindings)
      } else if let zero = def.optional("zero") {
        try def.rejectUnknownKeys(allowed: ["zero", "description"])
        guard try zero.bool() else { throw zero.error("`zero: false` means nothing; give `layers:` instead") }
        zeros.insert(opName)
      } else {
        try def.rejectUnknownKeys(allowed: ["params", "let", "layers", "description"])
        templates[opName] = try loadTemplate(opName, def)
      }
    }
    // Resolve instances (possibly chained) into a template plus bindings.
    func resolve(_ opName: String, seen: [String]) throws(SpecError) -> ResolvedOp {
      if zeros.contains(opName) { return ResolvedOp(name: opName, template: nil, bindings: [:]) }
      if let t = templates[opName] { return ResolvedOp(name: opName, template: t, bindings: [:]) }
      let instance = instances[opName]!
      guard opNames.contains(instance.base) else { throw instance.baseNode.error(unknownOp(instance.base)) }
      guard !seen.contains(instance.base) else {
        throw instance.baseNode.error("ops refer to each other in a loop: " + (seen + [instance.base]).joined(separator: " → "))
      }
      var resolved = try resolve(instance.base, seen: seen + [opName])
      guard let template = resolved.template else { throw instance.baseNode.error("a zero op takes no parameters") }
      for (key, v) in instance.bindings {
        guard template.params.contains(where: { $0.name == key }) else {
          throw v.error(unknownParameter(key, of: template))
        }
        resolved.bindings[key] = try literal(v)
      }
      resolved.name = opName
      return resolved
    }
    for opName in opNames { ops.append(try resolve(opName, seen: [opName])) }
  }

  func unknownOp(_ n: String) -> String {
    if let hint = nearestSpelling(to: n, among: opNames) { return "unknown op \"\(n)\" (did you mean \"\(hint)\"?)" }
    return "unknown op \"\(n)\"; the ops of this space are " + opNames.joined(separator: ", ")
  }

  func unknownParameter(_ key: String, of template: OpTemplate) -> String {
    let names = template.params.map(\.name)
    if let hint = nearestSpelling(to: key, among: names) { return "op \(template.name) has no parameter \"\(key)\" (did you mean \"\(hint)\"?)" }
    return "op \(template.name) has no parameter \"\(key)\"" + (names.isEmpty ? "" : "; its parameters: " + names.joined(separator: ", "))
  }

  func loadTemplate(_ opName: String, _ def: SpecMapping) throws(SpecError) -> OpTemplate {
    var params: [(name: String, value: TemplateValue)] = []
    if let node = def.optional("params") {
      for (key, v) in try node.mapping().children {
        guard Self.isIdentifier(key), !templateContextNames.contains(key) else {
          throw v.error("\"\(key)\" cannot be a parameter name (reserved, or not an identifier)")
        }
        params.append((key, try literal(v)))
      }
    }
    var known = Set(templateContextNames).union(datasetVariables).union(params.map(\.name))
    var lets: [(name: String, expression: TemplateExpression, position: SourcePosition)] = []
    if let node = def.optional("let") {
      for (key, v) in try node.mapping().children {
        guard Self.isIdentifier(key), !known.contains(key) else {
          throw v.error("\"\(key)\" is already defined (or reserved)")
        }
        lets.append((key, try expression(v, known: known), SourcePosition(v)))
        known.insert(key)
      }
    }
    var layerNames: Set<String> = ["input"]
    let items = try loadItems(try def.required("layers"), known: known, layerNames: &layerNames)
    return OpTemplate(name: opName, params: params, lets: lets, items: items)
  }

  static let layerKeys = ["name", "type", "K", "kernel", "stride", "padding", "dilation", "groups", "bias", "operands", "from", "when"]

  func loadItems(_ node: SpecNode, known: Set<String>, layerNames: inout Set<String>) throws(SpecError) -> [TemplateItem] {
    var items: [TemplateItem] = []
    for item in try node.sequence() {
      let m = try item.mapping()
      if m.contains("layers") {
        try m.rejectUnknownKeys(allowed: ["when", "layers", "else"])
        let condition = try expression(try m.required("when"), known: known)
        let then = try loadItems(try m.required("layers"), known: known, layerNames: &layerNames)
        let otherwise = try m.optional("else").map { (n) throws(SpecError) in try loadItems(n, known: known, layerNames: &layerNames) } ?? []
        items.append(.group(condition: condition, then: then, otherwise: otherwise, position: SourcePosition(item)))
        continue
      }
      try m.rejectUnknownKeys(allowed: Self.layerKeys)
      let kind = try LayerKind(node: try m.required("type"))
      func optionalExpression(_ key: String) throws(SpecError) -> TemplateExpression? {
        try m.optional(key).map { (n) throws(SpecError) in try expression(n, known: known) }
      }
      var kernel: LayerTemplate.Kernel?
      if let k = m.optional("kernel") {
        kernel = (try? k.string()) == "global" ? .global : .size(try expression(k, known: known))
      }
      var from: String?
      if let f = m.optional("from") {
        let target = try f.string()
        guard layerNames.contains(target) else {
          var message = "`from: \(target)` names no earlier layer; use `input` or the `name:` of a layer above"
          if let hint = nearestSpelling(to: target, among: layerNames) { message += " (did you mean \"\(hint)\"?)" }
          throw f.error(message)
        }
        from = target
      }
      var layerName: String?
      if let n = m.optional("name") {
        layerName = try n.string()
        guard !layerName!.isEmpty, layerName != "input" else { throw n.error("\"\(layerName!)\" cannot name a layer") }
      }
      let template = LayerTemplate(
        name: layerName, kind: kind, k: try optionalExpression("K"), kernel: kernel, stride: try optionalExpression("stride"),
        padding: try optionalExpression("padding"), dilation: try optionalExpression("dilation"),
        groups: try optionalExpression("groups"), bias: try m.optional("bias")?.bool() ?? false,
        operands: try optionalExpression("operands"), from: from, when: try optionalExpression("when"), position: SourcePosition(item))
      if kind.isMACLayer && kind != .depthwiseConvolution && template.k == nil {
        throw m.error("a \(kind.name) layer needs K (output channels), e.g. `K: C_out`")
      }
      if let layerName { layerNames.insert(layerName) }
      items.append(.layer(template))
    }
    return items
  }

  /// An expression from a number, a truth value or text, with every name checked against `known`.
  func expression(_ node: SpecNode, known: Set<String>) throws(SpecError) -> TemplateExpression {
    if !node.isScalar { throw node.error("expected a number or an expression") }
    if let v = try? literal(node) { return .literal(v) }
    let text = try node.string()
    let parsed: TemplateExpression
    do {
      parsed = try TemplateExpression(parsing: text)
    } catch {
      throw node.error("in \"\(text)\" at character \(error.offset + 1): \(error.problem)")
    }
    for name in parsed.variables where !known.contains(name) {
      var message = "unknown name \"\(name)\" in \"\(text)\""
      if let hint = nearestSpelling(to: name, among: known) { message += " (did you mean \"\(hint)\"?)" } else {
        message += "; names here: " + known.sorted().joined(separator: ", ")
      }
      throw node.error(message)
    }
    return parsed
  }

  // MARK: Decisions

  /// Adds a decision from a choice list.
  mutating func addDecision(
    _ node: SpecNode, name: String, role: Decision.Role, activity: BlockActivity? = nil, ops opChoices: Bool
  ) throws(SpecError) -> Int {
    let items = try node.sequence()
    guard !items.isEmpty else { throw node.error("empty choice list: give at least one choice") }
    guard items.count <= 255 else { throw node.error("at most 255 choices per decision, got \(items.count)") }
    var labels: [String] = []
    var values: [Choice] = []
    for item in items {
      if opChoices {
        let n = try item.string()
        guard let index = opNames.firstIndex(of: n) else { throw item.error(unknownOp(n)) }
        labels.append(n)
        values.append(.op(index))
      } else {
        let v = try literal(item)
        labels.append(v.description)
        values.append(.value(v))
      }
      if labels.dropLast().contains(labels.last!) { throw item.error("\"\(labels.last!)\" is listed twice") }
    }
    decisions.append(Decision(name: name, labels: labels, values: values, activity: activity, role: role))
    return decisions.count - 1
  }

  /// A skeleton value: a list is a decision, anything else a fixed value or expression over the
  /// dataset's variables. A one-element list is a fixed value.
  mutating func valueSource(_ node: SpecNode, name: String, role: Decision.Role, groupDecisions: inout [Int]) throws(SpecError) -> Source {
    if node.isSequence {
      let items = try node.sequence()
      if items.count == 1 { return .fixed(.literal(try literal(items[0]))) }
      let d = try addDecision(node, name: name, role: role, ops: false)
      groupDecisions.append(d)
      return .decision(d)
    }
    let known = datasetVariables.union(["classes", "input_size"])
    return .fixed(try expression(node, known: known))
  }

  mutating func opSource(_ node: SpecNode, name: String, role: Decision.Role, groupDecisions: inout [Int]) throws(SpecError) -> Source {
    if node.isSequence {
      let items = try node.sequence()
      if items.count == 1 { return try opSource(items[0], name: name, role: role, groupDecisions: &groupDecisions) }
      let d = try addDecision(node, name: name, role: role, ops: true)
      groupDecisions.append(d)
      return .decision(d)
    }
    let n = try node.string()
    guard opNames.contains(n) else { throw node.error(unknownOp(n)) }
    return .fixed(.variable(n))
  }

  /// The ops a source may select.
  func ops(of source: Source) -> [Int] {
    switch source {
    case .decision(let d): return decisions[d].values.compactMap { if case .op(let i) = $0 { i } else { nil } }
    case .fixed(.variable(let n)): return opNames.firstIndex(of: n).map { [$0] } ?? []
    default: return []
    }
  }

  /// Checks that every op a call may select takes the parameters given.
  func checkParameters(_ keys: [(String, SpecNode)], ops candidates: [Int]) throws(SpecError) {
    for (key, node) in keys {
      for op in candidates {
        guard let template = ops[op].template else {
          throw node.error("op \(ops[op].name) is a zero op and takes no parameter \"\(key)\"")
        }
        if !template.params.contains(where: { $0.name == key }) { throw node.error(unknownParameter(key, of: template)) }
      }
    }
  }

  // MARK: Network parts

  static let callKeys = ["name", "op", "C_out", "stride"]
  static let stageKeys = ["stage", "op", "C_out", "stride", "depth", "blocks", "max_depth", "per_block"]
  static let cellPartKeys = ["cells", "count", "C"]

  mutating func loadPart(_ item: SpecNode, index: Int) throws(SpecError) {
    let m = try item.mapping()
    if m.contains("stage") { return try loadStage(m) }
    if m.contains("cells") { return try loadCellStack(m) }
    guard let opNode = m.optional("op") else {
      throw m.error("a network part is an op call (`op:`), a stage (`stage:`) or a stack of cells (`cells:`)")
    }
    let name = try m.optional("name")?.string() ?? (try? opNode.string()) ?? "part\(index)"
    var groupDecisions: [Int] = []
    let op = try opSource(opNode, name: "\(name).op", role: .global, groupDecisions: &groupDecisions)
    let cOut = try m.optional("C_out").map { (n) throws(SpecError) in try valueSource(n, name: "\(name).C_out", role: .global, groupDecisions: &groupDecisions) }
    let stride = try m.optional("stride").map { (n) throws(SpecError) in try valueSource(n, name: "\(name).stride", role: .global, groupDecisions: &groupDecisions) }
    var params: [(name: String, value: Source)] = []
    var paramNodes: [(String, SpecNode)] = []
    for (key, node) in m.children where !Self.callKeys.contains(key) {
      params.append((key, try valueSource(node, name: "\(name).\(key)", role: .global, groupDecisions: &groupDecisions)))
      paramNodes.append((key, node))
    }
    try checkParameters(paramNodes, ops: ops(of: op))
    if !groupDecisions.isEmpty { groups.append(.values(decisions: groupDecisions, stage: nil)) }
    parts.append(.call(OpCall(name: name, op: op, cOut: cOut, stride: stride, params: params)))
  }

  mutating func loadStage(_ m: SpecMapping) throws(SpecError) {
    let name = try m.required("stage").string()
    let stageIndex = stageCount
    stageCount += 1
    var groupDecisions: [Int] = []
    var op: Source?
    var cOut: Source?
    var stride: Source = .fixed(.literal(.int(1)))
    var depth: Source?
    var depthChoices: [Int] = []
    var shared: [(name: String, value: Source)] = []
    var paramNodes: [(String, SpecNode)] = []
    var capNode: SpecNode?
    // Stage-level values in file order, so the canonical string lists them as written.
    for (key, node) in m.children {
      switch key {
      case "stage", "per_block": break
      case "max_depth": capNode = node
      case "op": op = try opSource(node, name: "\(name).op", role: .stageFeature(stage: stageIndex), groupDecisions: &groupDecisions)
      case "C_out": cOut = try valueSource(node, name: "\(name).C_out", role: .stageFeature(stage: stageIndex), groupDecisions: &groupDecisions)
      case "stride": stride = try valueSource(node, name: "\(name).stride", role: .stageFeature(stage: stageIndex), groupDecisions: &groupDecisions)
      case "depth", "blocks":
        guard depth == nil else { throw node.error("give either depth or blocks, not both") }
        for choice in node.oneOrMany() {
          let v = try choice.int()
          guard v > 0 else { throw choice.error("a stage needs at least one block; got \(v)") }
          depthChoices.append(v)
        }
        if node.isSequence && depthChoices.isEmpty { throw node.error("empty choice list: give at least one choice") }
        depth = try valueSource(node, name: "\(name).depth", role: .depth(stage: stageIndex), groupDecisions: &groupDecisions)
      default:
        shared.append((key, try valueSource(node, name: "\(name).\(key)", role: .stageFeature(stage: stageIndex), groupDecisions: &groupDecisions)))
        paramNodes.append((key, node))
      }
    }
    guard let depth else { throw m.error("a stage needs `depth:` (choices) or `blocks:` (a fixed count)") }
    guard let cOut else { throw m.error("a stage needs `C_out:` (output channels)") }
    var cap = depthChoices.max()!
    if let capNode {
      cap = try capNode.positiveInt()
    }
    let slots = min(depthChoices.max()!, cap)
    let alwaysBuilt = min(depthChoices.min()!, cap)
    var perBlock: [[(name: String, decision: Int)]] = Array(repeating: [], count: slots)
    var blockOps: [Int] = []
    if let node = m.optional("per_block") {
      let keys = try node.mapping().children
      guard !keys.isEmpty else { throw node.error("expected per-block choices, e.g. {kernel: [3, 5, 7]}") }
      for (key, list) in keys {
        guard list.isSequence else { throw list.error("per-block values are choice lists; put a fixed value at the stage level") }
        if key == "op" {
          for item in try list.sequence() { if let i = opNames.firstIndex(of: (try? item.string()) ?? "") { blockOps.append(i) } }
        } else {
          paramNodes.append((key, list))
        }
      }
      for b in 0..<slots {
        let activity: BlockActivity? = b < alwaysBuilt ? nil : {
          if case .decision(let d) = depth { return BlockActivity(depthDecision: d, block: b, cap: cap) }
          return nil
        }()
        for (key, list) in keys {
          let d = try addDecision(list, name: "\(name).b\(b).\(key)", role: .blockFeature(stage: stageIndex, block: b),
                                  activity: activity, ops: key == "op")
          perBlock[b].append((key, d))
        }
      }
    }
    if op == nil && blockOps.isEmpty { throw m.error("a stage needs `op:` (at the stage or in per_block)") }
    let stageOp = op ?? .fixed(.variable(opNames[blockOps[0]]))
    try checkParameters(paramNodes, ops: blockOps.isEmpty ? ops(of: stageOp) : blockOps)
    if !groupDecisions.isEmpty || perBlock.contains(where: { !$0.isEmpty }) {
      groups.append(.values(decisions: groupDecisions, stage: parts.count))
    }
    parts.append(.stage(Stage(
      name: name, op: stageOp, cOut: cOut, stride: stride, depth: depth, depthCap: cap, slots: slots, shared: shared,
      perBlock: perBlock, index: stageIndex)))
  }

  // MARK: Cells

  mutating func loadCellTypes(_ node: SpecNode) throws(SpecError) {
    for (cellName, value) in try node.mapping().children {
      let m = try value.mapping(allowedKeys: ["inputs", "nodes", "edges", "choose", "output", "reduction", "preprocess", "ops", "description"])
      let inputs = try m.optional("inputs")?.positiveInt() ?? 1
      let nodes = try m.required("nodes").positiveInt()
      let opsNode = try m.required("ops")
      let opItems = try opsNode.sequence()
      guard !opItems.isEmpty else { throw opsNode.error("empty choice list: give at least one choice") }
      var cellOps: [Int] = []
      for item in opItems {
        let n = try item.string()
        guard let i = opNames.firstIndex(of: n) else { throw item.error(unknownOp(n)) }
        cellOps.append(i)
      }
      var preprocess: [Int] = []
      if let pre = m.optional("preprocess") {
        let items = try pre.sequence()
        guard items.count == inputs else { throw pre.error("expected one preprocessing op per input node (\(inputs)), got \(items.count)") }
        for item in items {
          let n = try item.string()
          guard let i = opNames.firstIndex(of: n) else { throw item.error(unknownOp(n)) }
          preprocess.append(i)
        }
      }
      let output = try CellType.Output(rawValue: m.optional("output")?.oneOf(["last", "concat"]) ?? "last")!
      let reduction = try m.optional("reduction")?.bool() ?? false
      // Topology is parsed now and its decisions made at the cell type's first use (genome order).
      let topology: CellType.Topology
      switch (m.optional("edges"), m.optional("choose")) {
      case (let edgesNode?, nil):
        var edges: [(from: Int, to: Int, decision: Int)] = []
        for item in try edgesNode.nonEmptySequence() {
          let text = try item.string()
          let pieces = text.components(separatedBy: "->")
          guard pieces.count == 2, let from = Int(pieces[0].trimmingCharacters(in: .whitespaces)),
            let to = Int(pieces[1].trimmingCharacters(in: .whitespaces))
          else { throw item.error("expected an edge as \"from->to\" (node numbers), got \"\(text)\"") }
          guard from < to else {
            throw item.error("edge \(from)->\(to) does not go forward: a cell is a DAG, so every edge goes from a lower-numbered node to a higher one")
          }
          guard to >= inputs else { throw item.error("edge \(from)->\(to) ends at an input node (nodes 0…\(inputs - 1) are the cell's inputs)") }
          guard to < inputs + nodes, from >= 0 else {
            throw item.error("edge \(from)->\(to) names a node that does not exist (nodes 0…\(inputs + nodes - 1))")
          }
          guard !edges.contains(where: { $0.from == from && $0.to == to }) else { throw item.error("edge \(from)->\(to) is listed twice") }
          edges.append((from, to, -1))
        }
        for node in inputs..<(inputs + nodes) where !edges.contains(where: { $0.to == node }) {
          throw edgesNode.error("node \(node) has no incoming edge")
        }
        edges.sort { ($0.to, $0.from) < ($1.to, $1.from) }
        topology = .fixed(edges)
      case (nil, let chooseNode?):
        let k = try chooseNode.positiveInt()
        guard k <= inputs else { throw chooseNode.error("the first node can only choose among the \(inputs) input nodes; choose \(k) is too many") }
        topology = .chosen(k: k, nodes: [])
      case (nil, nil):
        throw m.error("a cell needs `edges:` (a fixed DAG, an op per edge) or `choose:` (every node picks that many earlier nodes)")
      case (_?, _?):
        throw m.error("give either `edges:` or `choose:`, not both")
      }
      cellTypeNodes[cellName] = value
      cellTypes.append(CellType(
        name: cellName, inputs: inputs, nodes: nodes, topology: topology, output: output, reduction: reduction,
        preprocess: preprocess, ops: cellOps))
    }
  }

  /// Makes a cell type's decisions (at its first use, so the genome follows the network order).
  mutating func makeCellDecisions(_ t: Int) {
    var cell = cellTypes[t]
    let opLabels = cell.ops.map { opNames[$0] }
    let opValues = cell.ops.map { Choice.op($0) }
    switch cell.topology {
    case .fixed(let edges):
      var made = edges
      for i in made.indices {
        decisions.append(Decision(name: "\(cell.name).\(made[i].from)->\(made[i].to)", labels: opLabels, values: opValues,
                                  activity: nil, role: .cell(t)))
        made[i].decision = decisions.count - 1
      }
      cell.topology = .fixed(made)
    case .chosen(let k, _):
      var perNode: [(inputs: Int, ops: [Int])] = []
      for j in 0..<cell.nodes {
        let node = cell.inputs + j
        let sets = combinations(of: Array(0..<node), k)
        decisions.append(Decision(name: "\(cell.name).n\(node).inputs", labels: sets.map { $0.map(String.init).joined(separator: "+") },
                                  values: sets.map { Choice.inputs($0) }, activity: nil, role: .cell(t)))
        let inputsDecision = decisions.count - 1
        var opDecisions: [Int] = []
        for r in 0..<k {
          decisions.append(Decision(name: "\(cell.name).n\(node).op\(r)", labels: opLabels, values: opValues,
                                    activity: nil, role: .cell(t)))
          opDecisions.append(decisions.count - 1)
        }
        perNode.append((inputsDecision, opDecisions))
      }
      cell.topology = .chosen(k: k, nodes: perNode)
    }
    cellTypes[t] = cell
    groups.append(.cell(t))
  }

  mutating func loadCellStack(_ m: SpecMapping) throws(SpecError) {
    try m.rejectUnknownKeys(allowed: Self.cellPartKeys)
    let typeNode = try m.required("cells")
    let typeName = try typeNode.string()
    guard let t = cellTypes.firstIndex(where: { $0.name == typeName }) else {
      var message = "unknown cell \"\(typeName)\"; define it under `cells:`"
      if let hint = nearestSpelling(to: typeName, among: cellTypes.map(\.name)) { message = "unknown cell \"\(typeName)\" (did you mean \"\(hint)\"?)" }
      throw typeNode.error(message)
    }
    if !usedCellTypes.contains(t) {
      makeCellDecisions(t)
      usedCellTypes.insert(t)
    }
    let countNode = try m.required("count")
    let count = try countNode.int()
    guard count > 0 else { throw countNode.error("a stack needs at least one cell; got \(count)") }
    var none: [Int] = []
    let c = try valueSource(try m.required("C"), name: "\(typeName).C", role: .global, groupDecisions: &none)
    guard none.isEmpty else { throw try m.required("C").error("a cell stack's C cannot be a choice") }
    parts.append(.cells(CellStack(cellType: t, count: count, c: c, firstCell: cellCount)))
    cellCount += count
  }

  // MARK: Accuracy

  func loadAccuracy(_ node: SpecNode) throws(SpecError) -> [String: AccuracySourceSpec] {
    var result: [String: AccuracySourceSpec] = [:]
    for (datasetName, value) in try node.mapping().children {
      guard datasets.contains(where: { $0.name == datasetName }) else {
        var message = "accuracy for \"\(datasetName)\", which is not one of the space's datasets (" + datasets.map(\.name).joined(separator: ", ") + ")"
        if let hint = nearestSpelling(to: datasetName, among: datasets.map(\.name)) { message += " (did you mean \"\(hint)\"?)" }
        throw value.error(message)
      }
      result[datasetName] = try AccuracySourceSpec(value, directory: directory)
    }
    return result
  }

  // MARK: Probing

  /// Lowers, on every dataset, architectures that together use every choice of every decision; a
  /// template that gives an invalid layer is reported now rather than in the middle of a search.
  func probe(_ space: SearchSpace) throws(SpecError) {
    let widest = space.decisions.map(\.count).max() ?? 1
    // Choice t of every decision, once as is and once with every stage at its deepest, so that the
    // blocks past the shallowest depth see every choice too.
    var genomes: [[UInt8]] = []
    for t in 0..<widest {
      let genome = space.decisions.map { UInt8(t % $0.count) }
      genomes.append(genome)
      var deepest = genome
      for (i, d) in space.decisions.enumerated() where d.role.isDepth {
        deepest[i] = UInt8(d.values.indices.max { (d.values[$0].intValue ?? 0) < (d.values[$1].intValue ?? 0) }!)
      }
      if deepest != genome { genomes.append(deepest) }
    }
    for dataset in space.datasets {
      for genome in genomes {
        let arch = Architecture(genome: space.canonicalized(genome))
        do {
          _ = try space.lower(arch, dataset: dataset)
        } catch {
          var e = error
          e.problem += " (checking \(space.canonicalString(arch)) on \(dataset.name))"
          throw e
        }
      }
    }
  }
}

/// All `k`-element subsets of `items`, in lexicographic order.
func combinations(of items: [Int], _ k: Int) -> [[Int]] {
  if k == 0 { return [[]] }
  guard items.count >= k else { return [] }
  var result: [[Int]] = []
  for (i, first) in items.enumerated() {
    for rest in combinations(of: Array(items[(i + 1)...]), k - 1) { result.append([first] + rest) }
  }
  return result
}
