// Iteration cases: traffic, MACs and delays per case, summed with occurrences (maestro-model.md §6).

/// The states of one iteration case.
struct CaseStates {
  var states = InlineArray<8, IterState>(repeating: .initial)
  /// Innermost directive not at Init (−1 in the all-Init case).
  var changing = -1
  /// The first SpatialMap is in an edge state (an init-edge Init or its Edge).
  var edge = false
  /// That edge state has a partially filled ("edge-edge") sub-unit.
  var edgeEdge = false
}

/// What the cases of one level share.
struct LevelScope {
  let levelIndex: Int
  let facts: LevelFacts
  let spatial: SpatialLevel
  let isInnermost: Bool
  /// Σ occurrences × active PEs, and Σ occurrences, over the cases that compute.
  var activePESum = 0.0
  var steps = 0

  init(levelIndex: Int, facts: LevelFacts, level: LevelPlan, isInnermost: Bool) {
    self.levelIndex = levelIndex
    self.facts = facts
    self.spatial = SpatialLevel(first: level.firstSpatial, second: level.secondSpatial, units: level.subUnits)
    self.isInnermost = isInnermost
  }
}

/// The SpatialMaps of a level and its sub-unit count.
struct SpatialLevel {
  var first: Int
  var second: Int
  var units: Int
}

/// A sub-unit's tile: sizes per dimension, and the output rows and columns it produces.
struct Tile {
  var dims = Vec8(repeating: 0)
  var outRows = 0
  var outColumns = 0
}

extension Analysis {
  /// Analyses level `levelIndex` on `dims` and returns its runtime; level 0 also fills `metrics`.
  ///
  /// Cases are enumerated in classes that give identical figures: for a case whose innermost changing
  /// directive is j, a directive i < j contributes the same tile and traffic at Init and at Steady (both
  /// use the full map size), so those two states are one class with 1 + Steady occurrences. This is the
  /// same sum as MAESTRO's case-by-case loop, with far fewer terms (typically 1 + the number of iterating
  /// directives instead of their product).
  mutating func analyzeLevel(_ levelIndex: Int, dims: Vec8) -> (runtime: Int, utilizedPEs: Double) {
    let level = levels + levelIndex
    var scope = LevelScope(levelIndex: levelIndex, facts: facts(levelIndex, dims: dims), level: level.pointee,
                           isInnermost: levelIndex == levelCount - 1)
    // MAESTRO's per-case occurrence is a product of step counts in a 32-bit int; the largest case is the
    // one with every directive at Steady.
    if hardware.caseCounts == .int32 {
      var largest = 1
      for i in 0..<Dim.count where scope.facts.directives[i].steady > 1 {
        largest = checked.mul(largest, scope.facts.directives[i].steady)
      }
      if largest > Int(Int32.max) { caseCountTooLarge = true }
    }
    var runtime = 0
    var cs = CaseStates()
    runtime = checked.add(runtime, processCase(&scope, cs, occurrences: 1, allInit: true))
    for j in 0..<Dim.count where scope.facts.directives[j].stateCount > 1 {
      let fj = scope.facts.directives[j]
      // Odometer over the classes of the directives before j: 0 = Init or Steady, 1 = Edge.
      var digits = InlineArray<8, UInt8>(repeating: 0)
      while true {
        var prefix = 1
        cs = CaseStates()
        cs.changing = j
        for i in 0..<j {
          let f = scope.facts.directives[i]
          if digits[i] == 0 {
            prefix = checked.mul(prefix, 1 + f.steady)
          } else {
            cs.states[i] = .edge
          }
        }
        if fj.steady > 0 {
          cs.states[j] = .steady
          runtime = checked.add(runtime, processCase(&scope, cs, occurrences: checked.mul(prefix, fj.steady), allInit: false))
        }
        if fj.hasEdge {
          cs.states[j] = .edge
          runtime = checked.add(runtime, processCase(&scope, cs, occurrences: prefix, allInit: false))
        }
        var i = j - 1
        while i >= 0 {
          if scope.facts.directives[i].hasEdge && digits[i] == 0 { digits[i] = 1; break }
          digits[i] = 0
          i -= 1
        }
        if i < 0 { break }
      }
    }
    let utilized = scope.steps > 0 ? scope.activePESum / Double(scope.steps) : 0
    return (runtime, utilized)
  }

  /// One case (or class of equal cases): its step delay × occurrences; level 0 also records its counts.
  mutating func processCase(_ scope: inout LevelScope, _ states: CaseStates, occurrences: Int, allInit: Bool) -> Int {
    var cs = states
    let facts = scope.facts
    let sp = scope.spatial.first
    let e = facts.edgeUnits
    let units = scope.spatial.units
    let isTop = scope.levelIndex == 0
    let spState = cs.states[sp]
    let spFacts = facts.directives[sp]
    cs.edge = spState == .edge || (spState == .initial && spFacts.initEdge)
    cs.edgeEdge = cs.edge && (spState == .initial || spFacts.edgeHasEdgeEdge)

    // Sub-unit groups: (units, edge-edge?) — §6 "Sub-unit tiles of a case".
    var groupUnits0 = units, groupUnits1 = 0
    var group0EdgeEdge = false
    if cs.edge {
      if cs.edgeEdge {
        groupUnits0 = 1; group0EdgeEdge = true; groupUnits1 = max(e - 1, 0)
      } else {
        groupUnits0 = e
      }
    }
    let tile0 = tile(facts, cs, edgeEdgeUnit: group0EdgeEdge)
    let macs0 = tileMACs(tile0)
    var caseMACs = checked.mul(groupUnits0, macs0)
    var tile1 = tile0
    var macs1 = 0
    if groupUnits1 > 0 {
      tile1 = tile(facts, cs, edgeEdgeUnit: false)
      macs1 = tileMACs(tile1)
      caseMACs = checked.add(caseMACs, checked.mul(groupUnits1, macs1))
    }

    let inputIngress = ingress(facts.input, facts, cs, level: scope.spatial)
    let filterIngress = ingress(facts.filter, facts, cs, level: scope.spatial)
    let outputEgress = egress(facts, cs, level: scope.spatial)
    if isTop && allInit {
      // Buffer requirements come from the all-Init case, double-buffered (§6 "Buffer requirements").
      metrics.l2Requirement = .init(input: Int64(2 * inputIngress), filter: Int64(2 * filterIngress),
                                    output: Int64(2 * outputEgress))
      let offchip = hardware.offchipBandwidth
      inputOffchipDelay = (2 * inputIngress + 2 * filterIngress) / offchip / 2
      outputOffchipDelay = (2 * outputEgress) / offchip / 2
    }
    // Compute delay: per-PE MACs at the innermost level, else the sub-clusters' runtime. Active PEs are
    // counted for every case, even one without MACs (MAESTRO averages utilisation before it skips).
    var compute: Int
    var activePEs: Double
    if scope.isInnermost {
      let lanes = hardware.simdLanes
      let perPE = groupUnits1 > 0 ? max(macs0, macs1) : macs0
      compute = (perPE + lanes - 1) / lanes
      activePEs = Double(groupUnits0 + groupUnits1)
    } else {
      let sub0 = subRuntime(scope.levelIndex, facts, cs, tile: tile0.dims)
      compute = sub0.runtime
      activePEs = Double(groupUnits0) * sub0.utilizedPEs
      if groupUnits1 > 0 {
        let sub1 = subRuntime(scope.levelIndex, facts, cs, tile: tile1.dims)
        compute = max(compute, sub1.runtime)
        activePEs += Double(groupUnits1) * sub1.utilizedPEs
      }
    }
    scope.activePESum += Double(occurrences) * activePEs
    scope.steps = checked.add(scope.steps, occurrences)
    // A case without MACs is skipped (no traffic, no delay), as in MAESTRO.
    guard caseMACs > 0 else { return 0 }
    let latency = hardware.nocLatency
    let bandwidth = hardware.nocBandwidth
    let ingressTotal = inputIngress + filterIngress
    let ingressDelay = latency + (ingressTotal + bandwidth - 1) / bandwidth - 1
    let egressDelay = latency + (outputEgress + bandwidth - 1) / bandwidth - 1
    var step = allInit ? ingressDelay + compute : max(ingressDelay, compute, egressDelay)
    if isTop {
      step = max(inputOffchipDelay, step, outputOffchipDelay)
      recordTopCase(occurrences: occurrences, macs: caseMACs, input: inputIngress, filter: filterIngress,
                    output: outputEgress, ingressDelay: ingressDelay, egressDelay: egressDelay, compute: compute)
    }
    return checked.mul(occurrences, step)
  }

  /// Adds one case's figures to the level-0 totals.
  mutating func recordTopCase(occurrences: Int, macs: Int, input: Int, filter: Int, output: Int, ingressDelay: Int,
                              egressDelay: Int, compute: Int) {
    metrics.macs = Int64(checked.add(Int(metrics.macs), checked.mul(occurrences, macs)))
    metrics.inputAccesses.l2Reads = Int64(checked.add(Int(metrics.inputAccesses.l2Reads), checked.mul(occurrences, input)))
    metrics.filterAccesses.l2Reads = Int64(checked.add(Int(metrics.filterAccesses.l2Reads), checked.mul(occurrences, filter)))
    metrics.outputAccesses.l2Writes = Int64(checked.add(Int(metrics.outputAccesses.l2Writes), checked.mul(occurrences, output)))
    let bandwidth = compute > 0 ? max(input + filter, output) / compute : 0
    metrics.peakNoCBandwidthRequirement = max(metrics.peakNoCBandwidthRequirement, Int64(bandwidth))
    let offchip = compute > 0 ? Int(max(metrics.l2Requirement.output, metrics.l2Requirement.input + metrics.l2Requirement.filter)) / compute / 2 : 0
    metrics.offchipBandwidthRequirement = max(metrics.offchipBandwidthRequirement, Int64(offchip))
    bandwidthWeightedSum += compute > 0 ? Double(occurrences) * (Double(max(input + filter, output)) / Double(compute)) : 0
    stepCount = checked.add(stepCount, occurrences)
    metrics.ingressDelayMin = min(metrics.ingressDelayMin, Int64(ingressDelay))
    metrics.ingressDelayMax = max(metrics.ingressDelayMax, Int64(ingressDelay))
    metrics.egressDelayMin = min(metrics.egressDelayMin, Int64(egressDelay))
    metrics.egressDelayMax = max(metrics.egressDelayMax, Int64(egressDelay))
    metrics.computeDelayMin = min(metrics.computeDelayMin, Int64(compute))
    metrics.computeDelayMax = max(metrics.computeDelayMax, Int64(compute))
  }

  // MARK: Tiles and MACs

  /// The tile of one sub-unit in a case (§6 "Sub-unit tiles of a case"). Output rows and columns come
  /// from the Y'/X' tables (stride not applied, as in MAESTRO), stored in `outRows`/`outColumns`.
  func tile(_ facts: LevelFacts, _ cs: CaseStates, edgeEdgeUnit: Bool) -> Tile {
    var t = Tile()
    let e = facts.edgeUnits
    for i in 0..<Dim.count {
      let f = facts.directives[i]
      let state = cs.states[i]
      let inEdge = state == .edge || (state == .initial && f.initEdge)
      let useEdge: Bool
      if !f.spatial {
        useEdge = inEdge
      } else if state == .steady {
        useEdge = false
      } else if inEdge {
        useEdge = e == 1 || edgeEdgeUnit
      } else {
        useEdge = false
      }
      t.dims[f.dim] = useEdge ? f.mappedEdge : f.mapped
      if f.dim == Dim.y || f.dim == Dim.x {
        // Quirk: a spatial Edge with one active unit counts mapped_edge input rows as output rows.
        let out = f.spatial && state == .edge && e == 1 ? f.mappedEdge : (useEdge ? f.outMappedEdge : f.outMapped)
        if f.dim == Dim.y { t.outRows = out } else { t.outColumns = out }
      }
    }
    return t
  }

  /// MACs of one tile: N·K·C·R·S·Y'·X' (×G for NGCONV; no K for DSCONV).
  mutating func tileMACs(_ tile: Tile) -> Int {
    let t = tile.dims
    var macs = checked.mul(checked.mul(t[Dim.n], t[Dim.c]), checked.mul(t[Dim.r], t[Dim.s]))
    macs = checked.mul(macs, checked.mul(tile.outRows, tile.outColumns))
    switch layer.type {
    case .conv: macs = checked.mul(macs, t[Dim.k])
    case .depthwise: break
    case .grouped: macs = checked.mul(macs, checked.mul(t[Dim.g], t[Dim.k]))
    }
    return macs
  }

  /// The runtime (and average active PEs) of the level below on one group's tile (§6 "Delays per
  /// step"): every dimension is handed down with the tile size, except that a TemporalMap in its Edge
  /// state hands down its nominal map size m, not the leftover (rs on K = 1000: the last K chunk is 8 wide
  /// for MACs and traffic, but its compute delay is that of 16). Checked on every reference row, and
  /// on MAESTRO's utilisation figures (kcp_ws on C = 96: 64 PEs busy in the C-edge step).
  mutating func subRuntime(_ levelIndex: Int, _ facts: LevelFacts, _ cs: CaseStates, tile: Vec8)
    -> (runtime: Int, utilizedPEs: Double)
  {
    let level = levels + levelIndex
    let nextMask = levels[levelIndex + 1].explicitMask
    var dims = tile
    for d in 0..<Dim.count {
      let i = level.pointee.indexOfDim[d]
      let f = facts.directives[i]
      if !f.spatial && cs.states[i] == .edge { dims[d] = f.mapped }
    }
    for j in 0..<cacheCount where cache[j].level == levelIndex + 1 {
      var same = true
      for d in 0..<Dim.count where cache[j].dims[d] != dims[d] { same = false; break }
      if same { return (cache[j].runtime, cache[j].utilizedPEs) }
    }
    let result = analyzeLevel(levelIndex + 1, dims: dims)
    if cacheCount < cache.count {
      cache[cacheCount] = CachedRuntime(level: levelIndex + 1, dims: dims, runtime: result.runtime,
                                        utilizedPEs: result.utilizedPEs)
      cacheCount += 1
    }
    return result
  }

  // MARK: Traffic

  /// Elements of an input tensor delivered to the level's sub-units in one step of a case (§6 "Ingress").
  mutating func ingress(_ masks: TensorMasks, _ facts: LevelFacts, _ cs: CaseStates, level: SpatialLevel) -> Int {
    let ch = cs.changing
    // A tensor not coupled to the changing directive stays where it is.
    if ch >= 0 && masks.coupled & (1 << ch) == 0 { return 0 }
    let inited = ch >= 0 && masks.iterating >> (ch + 1) != 0
    let e = facts.edgeUnits
    let directives = facts.directives
    func volume(_ checked: inout Checked, first: Bool, edgeEdge: Bool) -> Int {
      var v = 1
      var bits = masks.coupled
      while bits != 0 {
        let i = bits.trailingZeroBitCount
        bits &= bits - 1
        let f = directives[i]
        let state = cs.states[i]
        let factor: Int
        if ch < 0 {
          if !f.spatial {
            factor = f.initEdge ? f.mappedEdge : f.mapped
          } else if f.initEdge {
            factor = e == 1 ? ((first || edgeEdge) ? f.mappedEdge : 1) : (edgeEdge ? f.mappedEdge : f.mapped)
          } else {
            factor = f.mapped
          }
        } else if !f.spatial {
          if state == .initial {
            factor = f.initEdge ? f.mappedEdge : f.mapped
          } else {
            factor = (i == ch && !inited) ? max(f.unique, 1) : f.mapped
          }
        } else {
          let whole = edgeEdge ? f.mappedEdge : f.mapped
          let fresh = edgeEdge ? f.uniqueEdge : f.unique
          if first {
            factor = whole
          } else if state == .initial {
            factor = i <= ch ? whole : fresh
          } else {
            factor = (i == ch && !inited) ? fresh : whole
          }
        }
        v = checked.mul(v, factor)
      }
      return v
    }
    return combine(masks, facts, cs, level: level) { (c: inout Checked, first, ee) in volume(&c, first: first, edgeEdge: ee) }
  }

  /// Elements of the output tensor sent up from the sub-units in one step of a case (§6 "Egress").
  mutating func egress(_ facts: LevelFacts, _ cs: CaseStates, level: SpatialLevel) -> Int {
    let masks = facts.output
    let e = facts.edgeUnits
    let directives = facts.directives
    func volume(_ checked: inout Checked, first: Bool, edgeEdge: Bool) -> Int {
      var v = 1
      var bits = masks.coupled
      while bits != 0 {
        let i = bits.trailingZeroBitCount
        bits &= bits - 1
        let f = directives[i]
        let state = cs.states[i]
        let factor: Int
        if !f.spatial {
          switch state {
          case .initial: factor = f.initEdge ? f.outMappedEdge : f.outMapped
          case .steady: factor = f.outMapped
          case .edge: factor = f.outMappedEdge
          }
        } else {
          let fresh = f.outUnique == 0 ? 1 : f.outUnique
          switch state {
          case .initial:
            if f.initEdge && edgeEdge {
              factor = e == 1 ? f.outMappedEdge : f.outUniqueEdge
            } else {
              factor = first ? f.outMapped : fresh
            }
          case .steady:
            factor = first ? f.outMapped : fresh
          case .edge:
            if e == 1 {
              factor = f.mappedEdge  // quirk: the input-coordinate table
            } else {
              factor = edgeEdge ? f.outUniqueEdge : (first ? f.outMapped : fresh)
            }
          }
        }
        v = checked.mul(v, factor)
      }
      return v
    }
    return combine(masks, facts, cs, level: level) { (c: inout Checked, first, ee) in volume(&c, first: first, edgeEdge: ee) }
  }

  /// Sums a per-unit volume over the sub-units of a case: once when the tensor is not coupled to a
  /// spatially mapped dimension (multicast), else first unit + the others (+ the edge-edge unit).
  mutating func combine(_ masks: TensorMasks, _ facts: LevelFacts, _ cs: CaseStates, level: SpatialLevel,
                        _ volume: (inout Checked, Bool, Bool) -> Int) -> Int {
    if !masks.spatial { return volume(&checked, true, false) }
    let units = level.units
    if !cs.edge {
      let others = units > 1 ? checked.mul(units - 1, volume(&checked, false, false)) : 0
      return checked.add(volume(&checked, true, false), others)
    }
    let e = facts.edgeUnits
    let ee = cs.edgeEdge ? 1 : 0
    var total = volume(&checked, true, e == 1 && cs.edgeEdge)
    if e > 1 {
      let plain = max(e - ee - 1, 0)
      if plain > 0 { total = checked.add(total, checked.mul(plain, volume(&checked, false, false))) }
      if ee > 0 { total = checked.add(total, volume(&checked, false, true)) }
    }
    return total
  }

  // MARK: Counts and buffers

  /// Access counts that follow from the totals (§6 "Access counts").
  mutating func finishCounts() {
    let macs = metrics.macs
    metrics.inputAccesses.l1Reads = macs
    metrics.filterAccesses.l1Reads = macs
    metrics.outputAccesses.l1Reads = macs
    metrics.outputAccesses.l1Writes = macs
    metrics.inputAccesses.l1Writes = metrics.inputAccesses.l2Reads
    metrics.filterAccesses.l1Writes = metrics.filterAccesses.l2Reads
    func size(_ mask: Int, rows: Int, columns: Int) -> Int64 {
      var v = 1
      for d in 0..<Dim.count where mask & (1 << d) != 0 {
        v = checked.mul(v, d == Dim.y ? rows : (d == Dim.x ? columns : layerDims[d]))
      }
      return Int64(v)
    }
    metrics.inputAccesses.l2Writes = size(coupling.input, rows: layer.y, columns: layer.x)
    metrics.filterAccesses.l2Writes = size(coupling.filter, rows: layer.y, columns: layer.x)
    // Quirk: MAESTRO reads back K·(Y − R + 1)·(X − S + 1) outputs, ignoring the stride.
    metrics.outputAccesses.l2Reads = size(coupling.output, rows: layer.y - layer.r + 1, columns: layer.x - layer.s + 1)
  }

  /// L1 requirements: twice the per-PE tile of the innermost level, taken from the map sizes of its
  /// directives (a dimension it does not map keeps the nominal size of the directive above, even when
  /// that exceeds the dimension: rs on a K = 1 layer needs 2·16·C·R·S filter elements). §6 "Buffer
  /// requirements"; checked against every reference row.
  mutating func l1Requirements() {
    let innermost = levels + (levelCount - 1)
    var t = Vec8(repeating: 0)
    for i in 0..<Dim.count { t[innermost.pointee.directives[i].dim] = innermost.pointee.directives[i].size }
    func volume(_ mask: Int) -> Int64 {
      var v = 2
      for d in 0..<Dim.count where mask & (1 << d) != 0 { v = checked.mul(v, t[d]) }
      return Int64(v)
    }
    metrics.l1Requirement = .init(input: volume(coupling.input), filter: volume(coupling.filter),
                                  output: volume(coupling.output))
  }
}
