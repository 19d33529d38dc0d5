// Architecture encodings for latency and accuracy predictors.
//
// One-hot: a block of 0/1 per decision, the representation of the linear latency predictor of
// [Lu22-OP] (l = wᵀx over one-hot operator choices; Eq. 3.3 of [Lu22] adapts w to a new device).
// Decisions an architecture does not use (blocks past the depth) are all zeros, as the thesis encodes
// a skipped MobileNet-V2 block.
//
// FCC, feature-combination count ([Nasir24] §II-C4): per stage ("unit"), every combination of a
// block's features gets a count of the blocks that use it; the per-stage vectors are concatenated.
// Shorter than one-hot, less dense than statistics. Decisions outside stages (resolution, a stem's
// width) stay one-hot; a cell type counts its edges per (op, whether the edge leaves a cell input).

extension SearchSpace {
  /// Length of ``oneHot(_:)``: the total number of choices.
  public var oneHotLength: Int { decisions.reduce(0) { $0 + $1.count } }

  /// One-hot encoding: for each decision in genome order, 1 at the chosen index (all 0 when the
  /// decision is unused). Append a constant 1 for the non-searchable part if the predictor needs it.
  ///
  /// - Complexity: O(``oneHotLength``).
  public func oneHot(_ architecture: Architecture) -> [Double] {
    var x = [Double](repeating: 0, count: oneHotLength)
    var offset = 0
    for (i, d) in decisions.enumerated() {
      if isActive(i, in: architecture.genome) { x[offset + architecture[i]] = 1 }
      offset += d.count
    }
    return x
  }

  /// A name per one-hot feature: `decision=label`.
  public var oneHotFeatureNames: [String] {
    decisions.flatMap { d in d.labels.map { "\(d.name)=\($0)" } }
  }

  /// The feature-combination-count (FCC) encoding ([Nasir24]).
  public func featureCombinationCounts(_ architecture: Architecture) -> [Double] {
    let layout = fccLayout
    var x = [Double](repeating: 0, count: layout.length)
    for unit in layout.units {
      switch unit {
      case .oneHot(let d, let offset):
        x[offset + architecture[d]] = 1
      case .stage(let part, let stageFeatures, let blockKeys, let offset):
        guard case .stage(let stage) = parts[part] else { continue }
        var base = 0
        for d in stageFeatures { base = base * decisions[d].count + architecture[d] }
        for b in 0..<builtBlocks(stage, architecture) {
          var index = base
          for (k, _) in blockKeys.enumerated() {
            let d = stage.perBlock[b][k].decision
            index = index * decisions[d].count + architecture[d]
          }
          x[offset + index] += 1
        }
      case .cell(let t, let offset):
        let cell = cellTypes[t]
        func count(_ decision: Int, fromInput: Bool) {
          x[offset + architecture[decision] * 2 + (fromInput ? 0 : 1)] += 1
        }
        switch cell.topology {
        case .fixed(let edges):
          for e in edges { count(e.decision, fromInput: e.from < cell.inputs) }
        case .chosen(_, let nodes):
          for slot in nodes {
            guard case .inputs(let sources) = decisions[slot.inputs].values[architecture[slot.inputs]] else { continue }
            for (source, d) in zip(sources, slot.ops) { count(d, fromInput: source < cell.inputs) }
          }
        }
      }
    }
    return x
  }

  /// A name per FCC feature.
  public var featureCombinationCountNames: [String] { fccLayout.names }

  /// Length of ``featureCombinationCounts(_:)``.
  public var featureCombinationCountLength: Int { fccLayout.length }

  struct FCCLayout {
    enum Unit {
      case oneHot(decision: Int, offset: Int)
      case stage(part: Int, stageFeatures: [Int], blockKeys: [String], offset: Int)
      case cell(type: Int, offset: Int)
    }
    var units: [Unit] = []
    var names: [String] = []
    var length: Int { names.count }
  }

  var fccLayout: FCCLayout {
    var layout = FCCLayout()
    var stageDecisions: Set<Int> = []
    for (p, part) in parts.enumerated() {
      guard case .stage(let stage) = part else { continue }
      let stageFeatures = decisions.indices.filter { decisions[$0].role == .stageFeature(stage: stage.index) }
      let blockKeys = stage.perBlock.first?.map(\.name) ?? []
      let depthDecisions = decisions.indices.filter { decisions[$0].role == .depth(stage: stage.index) }
      stageDecisions.formUnion(stageFeatures)
      stageDecisions.formUnion(depthDecisions)
      guard !stageFeatures.isEmpty || !blockKeys.isEmpty || !depthDecisions.isEmpty else { continue }
      layout.units.append(.stage(part: p, stageFeatures: stageFeatures, blockKeys: blockKeys, offset: layout.length))
      // Names enumerate the combinations in the same mixed-radix order as the index above.
      var combos: [[String]] = [[]]
      for d in stageFeatures {
        combos = combos.flatMap { prefix in decisions[d].labels.map { prefix + ["\(shortName(decisions[d].name))=\($0)"] } }
      }
      for (k, key) in blockKeys.enumerated() {
        let d = stage.perBlock[0][k].decision
        combos = combos.flatMap { prefix in decisions[d].labels.map { prefix + ["\(key)=\($0)"] } }
      }
      layout.names += combos.map { "\(stage.name)[\($0.joined(separator: ","))]" }
    }
    var seenCells: Set<Int> = []
    for part in parts {
      guard case .cells(let stack) = part, seenCells.insert(stack.cellType).inserted else { continue }
      let cell = cellTypes[stack.cellType]
      layout.units.append(.cell(type: stack.cellType, offset: layout.length))
      for op in cell.ops {
        layout.names.append("\(cell.name)[\(ops[op].name)@input]")
        layout.names.append("\(cell.name)[\(ops[op].name)@node]")
      }
    }
    for (i, d) in decisions.enumerated() where d.role == .global && !stageDecisions.contains(i) {
      layout.units.append(.oneHot(decision: i, offset: layout.length))
      layout.names += d.labels.map { "\(d.name)=\($0)" }
    }
    return layout
  }

  private func shortName(_ decisionName: String) -> String {
    decisionName.split(separator: ".").last.map(String.init) ?? decisionName
  }
}
