// Encodings that read a cell's graph rather than its decisions one by one ([Laube22] Appendix B.1).
//
// Adjacency one-hot: one block per possible edge of each cell type, a 0/1 per candidate op (all zeros
// when the edge is absent), so a DARTS-style cell whose nodes pick their inputs is described by the
// edges it has, not by which input position a choice sits in. With a fixed topology (NAS-Bench-201)
// it is the one-hot encoding of the edge decisions. Decisions outside cells stay one-hot.
//
// Path encoding (BANANAS, White et al. 2021): one feature per sequence of non-zero ops along a path
// from a cell input to the cell output, counting the paths of the architecture with that sequence
// (BANANAS uses presence; the count keeps two distinct paths with one sequence apart). A path through a
// zero op (`none`) does not exist. Decisions outside cells are appended one-hot.

extension SearchSpace {
  /// One block of the adjacency layout: a cell edge or a decision outside cells.
  enum AdjacencyBlock {
    /// Edge `from → to` of cell type `cell`; `width` candidate ops.
    case edge(cell: Int, from: Int, to: Int, width: Int)
    case decision(Int)
  }

  /// Blocks in genome order: a cell type's edges where its first decision sits.
  var adjacencyBlocks: [AdjacencyBlock] {
    var blocks: [AdjacencyBlock] = []
    var seenCells: Set<Int> = []
    for (i, d) in decisions.enumerated() {
      guard case .cell(let t) = d.role else {
        blocks.append(.decision(i))
        continue
      }
      guard seenCells.insert(t).inserted else { continue }
      let cell = cellTypes[t]
      for (from, to) in possibleEdges(cell) { blocks.append(.edge(cell: t, from: from, to: to, width: cell.ops.count)) }
    }
    return blocks
  }

  /// Every edge a cell type can have, sorted by target node then source node.
  func possibleEdges(_ cell: CellType) -> [(from: Int, to: Int)] {
    switch cell.topology {
    case .fixed(let edges):
      return edges.map { ($0.from, $0.to) }
    case .chosen:
      var edges: [(from: Int, to: Int)] = []
      for to in cell.inputs..<(cell.inputs + cell.nodes) {
        for from in 0..<to { edges.append((from, to)) }
      }
      return edges
    }
  }

  /// The edges an architecture has in cell type `t`, as (from, to, position of the op in the cell's op
  /// list), zero ops included.
  func edges(ofCell t: Int, in architecture: Architecture) -> [(from: Int, to: Int, op: Int)] {
    let cell = cellTypes[t]
    switch cell.topology {
    case .fixed(let edges):
      return edges.map { ($0.from, $0.to, architecture[$0.decision]) }
    case .chosen(_, let nodes):
      var result: [(from: Int, to: Int, op: Int)] = []
      for (j, slot) in nodes.enumerated() {
        guard case .inputs(let sources) = decisions[slot.inputs].values[architecture[slot.inputs]] else { continue }
        for (source, d) in zip(sources, slot.ops) { result.append((source, cell.inputs + j, architecture[d])) }
      }
      return result
    }
  }

  /// Length of ``adjacencyOneHot(_:)``.
  public var adjacencyOneHotLength: Int {
    adjacencyBlocks.reduce(0) { total, block in
      switch block {
      case .edge(_, _, _, let width): total + width
      case .decision(let i): total + decisions[i].count
      }
    }
  }

  /// The column range of every block: one categorical choice each (an edge's op, or a decision).
  public var adjacencyOneHotGroups: [Range<Int>] {
    var offset = 0
    return adjacencyBlocks.map { block in
      let width = switch block {
      case .edge(_, _, _, let width): width
      case .decision(let i): decisions[i].count
      }
      defer { offset += width }
      return offset..<(offset + width)
    }
  }

  /// A name per feature: `cell.0->2=nor_conv_3x3`, or `decision=label` outside cells.
  public var adjacencyOneHotFeatureNames: [String] {
    adjacencyBlocks.flatMap { block -> [String] in
      switch block {
      case .edge(let t, let from, let to, _):
        let cell = cellTypes[t]
        return cell.ops.map { "\(cell.name).\(from)->\(to)=\(ops[$0].name)" }
      case .decision(let i):
        return decisions[i].labels.map { "\(decisions[i].name)=\($0)" }
      }
    }
  }

  /// The adjacency one-hot encoding ([Laube22] Appendix B.1): per possible cell edge a 0/1 per candidate
  /// op, 1 at the edge's op (all zeros when the architecture lacks the edge); outside cells, one-hot per
  /// decision (all zeros when unused, as ``oneHot(_:)``).
  public func adjacencyOneHot(_ architecture: Architecture) -> [Double] {
    var x = [Double](repeating: 0, count: adjacencyOneHotLength)
    var offset = 0
    var edgeOffsets: [Int: [String: Int]] = [:]  // cell → "from>to" → offset
    for block in adjacencyBlocks {
      switch block {
      case .edge(let t, let from, let to, let width):
        edgeOffsets[t, default: [:]]["\(from)>\(to)"] = offset
        offset += width
      case .decision(let i):
        if isActive(i, in: architecture.genome) { x[offset + architecture[i]] = 1 }
        offset += decisions[i].count
      }
    }
    for (t, offsets) in edgeOffsets {
      for edge in edges(ofCell: t, in: architecture) {
        if let start = offsets["\(edge.from)>\(edge.to)"] { x[start + edge.op] = 1 }
      }
    }
    return x
  }

  // MARK: Path encoding

  /// The path layout of one cell type: its non-zero ops and where its features start.
  struct PathLayout {
    var cell: Int
    /// Position in the cell's op list → index among the non-zero ops, `nil` for a zero op.
    var nonZero: [Int?]
    var opCount: Int
    /// Longest path, in edges (the number of intermediate nodes).
    var maxLength: Int
    var offset: Int

    /// Features of one input: Σ over lengths of opCount^length.
    var perInput: Int {
      var total = 0, power = 1
      for _ in 0..<maxLength {
        power *= opCount
        total += power
      }
      return total
    }
  }

  /// Cell types in order of first use, each with its feature offset; then the one-hot decisions outside
  /// cells, and the total length.
  var pathLayout: (cells: [PathLayout], decisions: [Int], length: Int) {
    var cells: [PathLayout] = []
    var outside: [Int] = []
    var seen: Set<Int> = []
    var offset = 0
    for (i, d) in decisions.enumerated() {
      guard case .cell(let t) = d.role else {
        outside.append(i)
        continue
      }
      guard seen.insert(t).inserted else { continue }
      let cell = cellTypes[t]
      var nonZero: [Int?] = []
      var count = 0
      for op in cell.ops {
        if ops[op].template == nil { nonZero.append(nil) } else { nonZero.append(count); count += 1 }
      }
      let layout = PathLayout(cell: t, nonZero: nonZero, opCount: count, maxLength: cell.nodes, offset: offset)
      offset += layout.perInput * cell.inputs
      cells.append(layout)
    }
    let length = offset + outside.reduce(0) { $0 + decisions[$1].count }
    return (cells, outside, length)
  }

  /// Length of ``pathEncoding(_:)``: for a cell of i inputs, n intermediate nodes and m non-zero ops,
  /// i·(m + m² + … + mⁿ); plus the one-hot width of the decisions outside cells. 84 for NAS-Bench-201.
  public var pathEncodingLength: Int { pathLayout.length }

  /// A name per feature: `cell[in0:nor_conv_3x3>skip_connect]`, or `decision=label` outside cells.
  public var pathEncodingFeatureNames: [String] {
    let layout = pathLayout
    var names: [String] = []
    for cellLayout in layout.cells {
      let cell = cellTypes[cellLayout.cell]
      let opNames = cell.ops.indices.filter { cellLayout.nonZero[$0] != nil }.map { ops[cell.ops[$0]].name }
      for input in 0..<cell.inputs {
        var sequences: [[String]] = [[]]
        for _ in 0..<cellLayout.maxLength {
          // The sequences one op longer, first op most significant, as ``pathEncoding(_:)`` indexes them.
          sequences = sequences.flatMap { prefix in opNames.map { prefix + [$0] } }
          names += sequences.map { "\(cell.name)[in\(input):\($0.joined(separator: ">"))]" }
        }
      }
    }
    for i in layout.decisions { names += decisions[i].labels.map { "\(decisions[i].name)=\($0)" } }
    return names
  }

  /// The path encoding: per cell type, the number of paths from each cell input to the cell's output
  /// with each sequence of non-zero ops; decisions outside cells one-hot.
  ///
  /// The output is the last node for a cell that outputs its last node (NAS-Bench-201), and every
  /// intermediate node for a cell that concatenates them (DARTS).
  public func pathEncoding(_ architecture: Architecture) -> [Double] {
    let layout = pathLayout
    var x = [Double](repeating: 0, count: layout.length)
    for cellLayout in layout.cells {
      let cell = cellTypes[cellLayout.cell]
      var outgoing = [[(to: Int, op: Int)]](repeating: [], count: cell.inputs + cell.nodes)
      for edge in edges(ofCell: cellLayout.cell, in: architecture) {
        if let op = cellLayout.nonZero[edge.op] { outgoing[edge.from].append((edge.to, op)) }
      }
      let last = cell.inputs + cell.nodes - 1
      // Offsets of each length's block within one input's features.
      var lengthOffset = [0]
      var power = 1
      for _ in 0..<cellLayout.maxLength {
        power *= cellLayout.opCount
        lengthOffset.append(lengthOffset.last! + power)
      }
      func walk(_ node: Int, length: Int, index: Int, base: Int) {
        for edge in outgoing[node] {
          let next = index * cellLayout.opCount + edge.op
          let reachesOutput = cell.output == .concat || edge.to == last
          if reachesOutput { x[base + lengthOffset[length] + next] += 1 }
          walk(edge.to, length: length + 1, index: next, base: base)
        }
      }
      for input in 0..<cell.inputs {
        walk(input, length: 0, index: 0, base: cellLayout.offset + input * cellLayout.perInput)
      }
    }
    var offset = layout.length - layout.decisions.reduce(0) { $0 + decisions[$1].count }
    for i in layout.decisions {
      if isActive(i, in: architecture.genome) { x[offset + architecture[i]] = 1 }
      offset += decisions[i].count
    }
    return x
  }

  /// The column range of each decision in ``oneHot(_:)``.
  public var oneHotGroups: [Range<Int>] {
    var offset = 0
    return decisions.map { d in
      defer { offset += d.count }
      return offset..<(offset + d.count)
    }
  }
}
