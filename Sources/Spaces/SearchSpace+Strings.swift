import Foundation

/// An architecture string that does not name an architecture of the space, with the position that is
/// wrong (1-based character offset) and, where known, the decision read there.
public struct ArchitectureStringError: Error, Hashable, Sendable, CustomStringConvertible {
  public var position: Int
  public var decision: String?
  public var problem: String

  public init(position: Int, decision: String? = nil, problem: String) {
    self.position = position
    self.decision = decision
    self.problem = problem
  }

  public var description: String {
    "position \(position)" + (decision.map { " (\($0))" } ?? "") + ": \(problem)"
  }
}

// Canonical strings. The groups of a space are joined by `/`:
// - values (global decisions, an op call's choices, a stage): labels joined by `,`; a stage lists its
//   stage-level choices in file order, then the per-block choices of the blocks it builds;
// - a cell with fixed edges: NAS-Bench-201's `|op~0|+|op~0|op~1|+…|` (one `+` group per node, `~source`);
// - a cell whose nodes choose their inputs: DARTS's `op:input` pairs joined by `,`, inputs ascending
//   within a node.

extension SearchSpace {
  /// The canonical string of an architecture; ``parse(_:)`` reads it back.
  ///
  /// Equal architectures give equal strings: unused decisions are left out, and a DARTS node's two
  /// edges are listed by ascending input (their sum does not depend on the order).
  public func canonicalString(_ architecture: Architecture) -> String {
    var out: [String] = []
    for group in groups {
      switch group {
      case .values(let list, let stagePart):
        var items = list.map { decisions[$0].labels[architecture[$0]] }
        if let stagePart, case .stage(let stage) = parts[stagePart] {
          for b in 0..<builtBlocks(stage, architecture) {
            for (_, d) in stage.perBlock[b] { items.append(decisions[d].labels[architecture[d]]) }
          }
        }
        out.append(items.joined(separator: ","))
      case .cell(let t):
        out.append(cellString(cellTypes[t], architecture))
      }
    }
    return out.joined(separator: "/")
  }

  /// The number of blocks a stage builds for an architecture (its depth, capped).
  func builtBlocks(_ stage: Stage, _ architecture: Architecture) -> Int {
    switch stage.depth {
    case .decision(let d): return min(decisions[d].values[architecture[d]].intValue ?? 0, stage.depthCap)
    case .fixed(let e):
      if case .literal(let v) = e, let n = try? v.integer() { return min(n, stage.depthCap) }
      return stage.slots
    }
  }

  func cellString(_ cell: CellType, _ a: Architecture) -> String {
    switch cell.topology {
    case .fixed(let edges):
      var nodes: [String] = []
      for node in cell.inputs..<(cell.inputs + cell.nodes) {
        let items = edges.filter { $0.to == node }.map { "\(decisions[$0.decision].labels[a[$0.decision]])~\($0.from)" }
        nodes.append("|" + items.joined(separator: "|") + "|")
      }
      return nodes.joined(separator: "+")
    case .chosen(_, let perNode):
      var pairs: [String] = []
      for slot in perNode {
        guard case .inputs(let sources) = decisions[slot.inputs].values[a[slot.inputs]] else { continue }
        for (source, d) in zip(sources, slot.ops) { pairs.append("\(decisions[d].labels[a[d]]):\(source)") }
      }
      return pairs.joined(separator: ",")
    }
  }

  /// Reads an architecture string (the canonical form, or an equivalent one: a DARTS node's edges in
  /// either order, a NAS-Bench-201 node's edges in any order).
  ///
  /// - Throws: ``ArchitectureStringError`` naming the first wrong position and what was expected there.
  public func parse(_ text: String) throws(ArchitectureStringError) -> Architecture {
    var genome = [UInt8](repeating: 0, count: decisions.count)
    if groups.isEmpty {
      // A space without decisions has one architecture, written as the empty string.
      guard text.isEmpty else { throw ArchitectureStringError(position: 1, problem: "this space has no decisions; its only architecture is the empty string") }
      return Architecture(genome: genome)
    }
    let pieces = split(text, on: "/", offset: 0)
    guard pieces.count == groups.count else {
      let shape = groups.map { group -> String in
        switch group {
        case .values(let list, let stage): return stage == nil ? list.map { decisions[$0].name }.joined(separator: ",") : "stage values"
        case .cell(let t): return "\(cellTypes[t].name) cell"
        }
      }
      throw ArchitectureStringError(
        position: pieces.count > groups.count ? pieces[groups.count].offset : text.count + 1,
        problem: "expected \(groups.count) group\(groups.count == 1 ? "" : "s") separated by \"/\" (\(shape.joined(separator: " / "))), found \(pieces.count)")
    }
    for (group, piece) in zip(groups, pieces) {
      switch group {
      case .values(let list, let stagePart):
        try parseValues(piece, list: list, stagePart: stagePart, into: &genome)
      case .cell(let t):
        let cell = cellTypes[t]
        switch cell.topology {
        case .fixed(let edges): try parseFixedCell(piece, cell: cell, edges: edges, into: &genome)
        case .chosen(let k, let perNode): try parseChosenCell(piece, cell: cell, k: k, perNode: perNode, into: &genome)
        }
      }
    }
    return Architecture(genome: genome)
  }

  /// Reads choice indices in genome order: digits without separators (`02012100`, when no decision
  /// has more than 10 choices) or integers separated by spaces or commas (`7 8 1 8 …`).
  ///
  /// This is the form of tables that key architectures by candidate indices (NAS-Bench-Macro, FBNet).
  public func parse(choiceIndices text: String) throws(ArchitectureStringError) -> Architecture {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    var values: [Int] = []
    if !trimmed.isEmpty, trimmed.allSatisfy(\.isNumber), trimmed.count == decisions.count {
      values = trimmed.map { Int(String($0))! }
    } else {
      for piece in split(trimmed, on: " ", offset: 0).flatMap({ split($0.text, on: ",", offset: $0.offset - 1) }) where !piece.text.isEmpty {
        guard let v = Int(piece.text) else {
          throw ArchitectureStringError(position: piece.offset, problem: "\"\(piece.text)\" is not a choice index")
        }
        values.append(v)
      }
    }
    return try architecture(choices: values)
  }

  /// Pieces of `text` between separators, with their 1-based offsets in the whole string.
  func split(_ text: Substring, on separator: Character, offset: Int) -> [(text: Substring, offset: Int)] {
    var result: [(Substring, Int)] = []
    var start = text.startIndex
    var position = offset + 1
    var pieceStart = position
    for index in text.indices {
      if text[index] == separator {
        result.append((text[start..<index], pieceStart))
        start = text.index(after: index)
        pieceStart = position + 1
      }
      position += 1
    }
    result.append((text[start...], pieceStart))
    return result
  }

  func split(_ text: String, on separator: Character, offset: Int) -> [(text: Substring, offset: Int)] {
    split(text[...], on: separator, offset: offset)
  }

  func choice(_ token: Substring, at offset: Int, decision d: Int) throws(ArchitectureStringError) -> UInt8 {
    let labels = decisions[d].labels
    if let i = labels.firstIndex(where: { $0 == token }) { return UInt8(i) }
    var problem = "\"\(token)\" is not a choice; expected one of " + labels.joined(separator: ", ")
    if token.isEmpty { problem = "missing value; expected one of " + labels.joined(separator: ", ") }
    throw ArchitectureStringError(position: offset, decision: decisions[d].name, problem: problem)
  }

  func parseValues(_ piece: (text: Substring, offset: Int), list: [Int], stagePart: Int?, into genome: inout [UInt8]) throws(ArchitectureStringError) {
    let tokens = split(piece.text, on: ",", offset: piece.offset - 1)
    var next = 0
    for d in list {
      guard next < tokens.count else {
        throw ArchitectureStringError(position: piece.offset + piece.text.count, decision: decisions[d].name,
                                      problem: "missing value; expected one of " + decisions[d].labels.joined(separator: ", "))
      }
      genome[d] = try choice(tokens[next].text, at: tokens[next].offset, decision: d)
      next += 1
    }
    var expected = list.count
    if let stagePart, case .stage(let stage) = parts[stagePart] {
      let built = builtBlocks(stage, Architecture(genome: genome))
      let perBlock = stage.perBlock.first?.count ?? 0
      expected += built * perBlock
      guard tokens.count == expected else {
        let position = tokens.count > expected ? tokens[expected].offset : piece.offset + piece.text.count
        throw ArchitectureStringError(
          position: position, decision: stage.name,
          problem: "stage \(stage.name) builds \(built) block\(built == 1 ? "" : "s") with \(perBlock) choice\(perBlock == 1 ? "" : "s") each, so it takes \(expected) value\(expected == 1 ? "" : "s") (\(list.count) for the stage first); found \(tokens.count)")
      }
      for b in 0..<built {
        for (_, d) in stage.perBlock[b] {
          genome[d] = try choice(tokens[next].text, at: tokens[next].offset, decision: d)
          next += 1
        }
      }
    }
    guard tokens.count == expected else {
      let position = tokens.count > expected ? tokens[expected].offset : piece.offset + piece.text.count
      throw ArchitectureStringError(position: position, problem: "expected \(expected) value\(expected == 1 ? "" : "s") in this group, found \(tokens.count)")
    }
  }

  func parseFixedCell(
    _ piece: (text: Substring, offset: Int), cell: CellType, edges: [(from: Int, to: Int, decision: Int)],
    into genome: inout [UInt8]
  ) throws(ArchitectureStringError) {
    let nodeGroups = split(piece.text, on: "+", offset: piece.offset - 1)
    guard nodeGroups.count == cell.nodes else {
      throw ArchitectureStringError(
        position: nodeGroups.count > cell.nodes ? nodeGroups[cell.nodes].offset : piece.offset + piece.text.count,
        problem: "cell type \"\(cell.name)\" has \(cell.nodes) nodes, so \(cell.nodes) groups \"|op~source|…|\" joined by \"+\"; found \(nodeGroups.count)")
    }
    for (j, group) in nodeGroups.enumerated() {
      let node = cell.inputs + j
      let into = edges.filter { $0.to == node }
      guard group.text.first == "|", group.text.last == "|", group.text.count >= 2 else {
        throw ArchitectureStringError(position: group.offset, problem: "node \(node): expected \"|op~source|…|\", got \"\(group.text)\"")
      }
      let inner = group.text.dropFirst().dropLast()
      let items = split(inner, on: "|", offset: group.offset)
      var seen: Set<Int> = []
      for item in items {
        let parts = split(item.text, on: "~", offset: item.offset - 1)
        guard parts.count == 2, let source = Int(parts[1].text) else {
          throw ArchitectureStringError(position: item.offset, problem: "node \(node): expected \"op~source\", got \"\(item.text)\"")
        }
        guard let edge = into.first(where: { $0.from == source }) else {
          throw ArchitectureStringError(
            position: parts[1].offset,
            problem: "node \(node) has no edge from node \(source); its inputs are " + into.map { String($0.from) }.joined(separator: ", "))
        }
        guard seen.insert(source).inserted else {
          throw ArchitectureStringError(position: parts[1].offset, problem: "node \(node) lists the edge from node \(source) twice")
        }
        genome[edge.decision] = try choice(parts[0].text, at: parts[0].offset, decision: edge.decision)
      }
      if let missing = into.first(where: { !seen.contains($0.from) }) {
        throw ArchitectureStringError(position: group.offset + group.text.count - 1, decision: decisions[missing.decision].name,
                                      problem: "node \(node) is missing its edge from node \(missing.from)")
      }
    }
  }

  func parseChosenCell(
    _ piece: (text: Substring, offset: Int), cell: CellType, k: Int, perNode: [(inputs: Int, ops: [Int])],
    into genome: inout [UInt8]
  ) throws(ArchitectureStringError) {
    let pairs = split(piece.text, on: ",", offset: piece.offset - 1)
    guard pairs.count == k * cell.nodes else {
      throw ArchitectureStringError(
        position: pairs.count > k * cell.nodes ? pairs[k * cell.nodes].offset : piece.offset + piece.text.count,
        problem: "the \(cell.name) cell takes \(k * cell.nodes) \"op:input\" pairs (\(k) per node, \(cell.nodes) nodes); found \(pairs.count)")
    }
    for (j, slot) in perNode.enumerated() {
      let node = cell.inputs + j
      var chosen: [(source: Int, op: Substring, opOffset: Int)] = []
      for pair in pairs[(j * k)..<((j + 1) * k)] {
        let parts = split(pair.text, on: ":", offset: pair.offset - 1)
        guard parts.count == 2, let source = Int(parts[1].text) else {
          throw ArchitectureStringError(position: pair.offset, problem: "expected \"op:input\", got \"\(pair.text)\"")
        }
        guard source >= 0, source < node else {
          throw ArchitectureStringError(position: parts[1].offset, decision: decisions[slot.inputs].name,
                                        problem: "node \(node) can only take inputs 0…\(node - 1), got \(source)")
        }
        guard !chosen.contains(where: { $0.source == source }) else {
          throw ArchitectureStringError(position: parts[1].offset, decision: decisions[slot.inputs].name,
                                        problem: "node \(node) takes input \(source) twice; its \(k) inputs must differ")
        }
        chosen.append((source, parts[0].text, parts[0].offset))
      }
      chosen.sort { $0.source < $1.source }
      let set = chosen.map(\.source)
      guard let index = decisions[slot.inputs].values.firstIndex(of: .inputs(set)) else {
        throw ArchitectureStringError(position: pairs[j * k].offset, decision: decisions[slot.inputs].name, problem: "no such input set")
      }
      genome[slot.inputs] = UInt8(index)
      for (r, item) in chosen.enumerated() {
        genome[slot.ops[r]] = try choice(item.op, at: item.opOffset, decision: slot.ops[r])
      }
    }
  }
}
