// Iteration cases: traffic, partial sums and delays per case, summed with occurrences (maestro-model.md §6;
// MAESTRO's `CA_cost-analysis-engine.hpp` and `CA_reuse-analysis.hpp`).

/// The states of one iteration case (or class of cases), as bit masks over the level's directive indices;
/// a directive in neither mask is at Init.
struct CaseStates {
  var steady = 0
  var edge = 0
  /// Innermost directive not at Init (−1 in the all-Init case).
  var changing = -1
}

/// What every volume of a case reads about its states, as bit masks over directive indices, derived once
/// per case.
///
/// Speed: the volumes used to re-derive each directive's state (Init/Steady/Edge, edge state, edge-edge)
/// from per-directive records in every loop; a mask test is one instruction. With the other changes of
/// this commit: see docs/maestro.md, "Speed".
struct CaseBits {
  let steady: Int
  /// At the Edge state.
  let edge: Int
  let changing: Int
  /// At Init, where Init covers less than the nominal extent.
  let initEdge: Int
  /// In an edge state: Edge, or an Init edge (MAESTRO's edge test).
  let inEdge: Int
  /// With a partially filled ("edge-edge") sub-unit: an Init edge, or an Edge state that has one.
  let edgeEdge: Int

  @inline(__always) init(_ cs: CaseStates, _ level: LevelStateMasks) {
    steady = cs.steady
    edge = cs.edge
    changing = cs.changing
    initEdge = level.initEdge & ~(cs.steady | cs.edge)
    inEdge = cs.edge | initEdge
    edgeEdge = initEdge | (cs.edge & level.edgeHasEdgeEdge)
  }
}

/// A tensor's view of a case: is it coupled to a spatial dimension, is one of those in an edge state, and
/// does the last one have a partially filled ("edge-edge") sub-unit.
struct SpatialView {
  var mapped = false
  var edge = false
  var edgeEdge = false
}

/// The occurrences of a class of cases: MAESTRO's cases in it occur base × Π (1 or factor) times, one per
/// choice; needed where MAESTRO divides per case (its average NoC bandwidth, ⌊occurrences·traffic / compute⌋).
struct OccurrenceSplit {
  var base: Int
  var factors = InlineArray<8, Int>(repeating: 1)
  var count = 0

  init(base: Int) { self.base = base }

  /// Σ over the class's cases of ⌊occurrences × traffic / compute⌋.
  @inline(__always) func sumOfQuotients(_ traffic: Int, _ compute: Int, _ checked: inout Checked) -> Int {
    if count == 0 { return checked.mul(base, traffic) / compute }  // one case: the common class
    var sum = 0
    for mask in 0..<(1 << count) {
      var occurrences = base
      for i in 0..<count where mask & (1 << i) != 0 { occurrences = checked.mul(occurrences, factors[i]) }
      sum = checked.add(sum, checked.mul(occurrences, traffic) / compute)
    }
    return sum
  }
}

/// What the cases of one analysis of a level share.
struct LevelScope {
  let levelIndex: Int
  let tables: UnsafeMutablePointer<DirectiveTables>
  let states: UnsafeMutablePointer<DirectiveStates>
  let statics: LevelStatics
  let stateMasks: LevelStateMasks
  let units: Int
  let firstSpatial: Int
  let isInnermost: Bool
}

/// Σ occurrences × active PEs, and Σ occurrences, over the cases of a level analysis that compute.
///
/// Kept apart from the read-only ``LevelScope`` so that the scope is passed by reference: an `inout` scope
/// was copied (≈200 bytes) at every call that reads it, about 5 % of all instructions.
struct LevelTotals {
  var activePESum = 0.0
  var steps = 0
}

extension Analysis {
  /// Analyses level `levelIndex` on the tile `dims`; level 0 also fills `metrics`.
  ///
  /// Cases are enumerated in classes that give identical figures: for a case whose innermost changing
  /// directive is j, a directive i < j contributes the same tile and traffic at Init and at Steady (both
  /// use the full map size), so those two states are one class with 1 + Steady occurrences. This is the
  /// same sum as MAESTRO's case-by-case loop, with far fewer terms (typically 1 + the number of iterating
  /// directives instead of their product).
  mutating func analyzeLevel(_ levelIndex: Int, dims: Vec8) -> (runtime: Int, utilizedPEs: Double, steps: Int) {
    let level = levels + levelIndex
    let st = states + levelIndex * Dim.count
    let stateMasks = computeStates(levelIndex, dims: dims)
    let scope = LevelScope(
      levelIndex: levelIndex, tables: tables + levelIndex * Dim.count, states: st, statics: statics[levelIndex],
      stateMasks: stateMasks, units: level.pointee.subUnits, firstSpatial: level.pointee.firstSpatial,
      isInnermost: levelIndex == levelCount - 1)
    // MAESTRO's per-case occurrence is a product of step counts in a 32-bit int; the largest case is the
    // one with every directive at Steady.
    if hardware.caseCounts == .int32 {
      var largest = 1
      for i in 0..<Dim.count where st[i].steady > 1 { largest = checked.mul(largest, st[i].steady) }
      if largest > Int(Int32.max) { caseCountTooLarge = true }
    }
    var totals = LevelTotals()
    var runtime = 0
    runtime = checked.add(runtime, processCase(scope, &totals, CaseStates(), occurrences: 1, split: OccurrenceSplit(base: 1), allInit: true))
    for j in 0..<Dim.count where st[j].stateCount > 1 {
      // Odometer over the classes of the directives before j (bit i: 0 = Init or Steady, 1 = Edge).
      var digits = 0
      while true {
        var prefix = 1
        var split = OccurrenceSplit(base: 1)
        var cs = CaseStates()
        cs.changing = j
        for i in 0..<j {
          if digits & (1 << i) == 0 {
            prefix = checked.mul(prefix, 1 + st[i].steady)
            if st[i].steady > 0 { split.factors[split.count] = st[i].steady; split.count += 1 }
          } else {
            cs.edge |= 1 << i
          }
        }
        if st[j].steady > 0 {
          var steadyCase = cs
          steadyCase.steady = 1 << j
          var steadySplit = split
          steadySplit.base = st[j].steady
          runtime = checked.add(runtime, processCase(scope, &totals, steadyCase, occurrences: checked.mul(prefix, st[j].steady), split: steadySplit, allInit: false))
        }
        if st[j].hasEdge {
          var edgeCase = cs
          edgeCase.edge |= 1 << j
          runtime = checked.add(runtime, processCase(scope, &totals, edgeCase, occurrences: prefix, split: split, allInit: false))
        }
        var i = j - 1
        while i >= 0 {
          if st[i].hasEdge && digits & (1 << i) == 0 { digits |= 1 << i; break }
          digits &= ~(1 << i)
          i -= 1
        }
        if i < 0 { break }
      }
    }
    let utilized = totals.steps > 0 ? totals.activePESum / Double(totals.steps) : 0
    return (runtime, utilized, totals.steps)
  }

  // MARK: One case

  /// One case (or class of equal cases): its step delay × occurrences; level 0 also records its counts.
  mutating func processCase(_ scope: LevelScope, _ totals: inout LevelTotals, _ cs: CaseStates, occurrences: Int, split: borrowing OccurrenceSplit,
                            allInit: Bool) -> Int {
    let c = CaseBits(cs, scope.stateMasks)
    let e = scope.statics.edgeUnits
    let isTop = scope.levelIndex == 0
    let outputView = Self.view(scope.statics.output, c)
    let egressTotal = Self.egress(&checked, scope, c, outputView)
    // The first unit's partial sums serve the critical path and every full unit (MAESTRO computes them
    // separately; they are the same product).
    let firstPartialSums = Self.outputVolume(&checked, scope, c, partialSums: true, first: true, edgeEdge: false, reuseAtEdge: true)
    // All units' partial sums feed only level-0 counts (MACs, output L1 traffic).
    let totalPartialSums = isTop ? Self.partialSums(&checked, scope, c, first: firstPartialSums) : 0
    let critical = outputView.mapped && outputView.edge && e == 1 && outputView.edgeEdge
      ? Self.outputVolume(&checked, scope, c, partialSums: true, first: true, edgeEdge: true, reuseAtEdge: true)
      : firstPartialSums
    let inputView = Self.view(scope.statics.input, c)
    let filterView = Self.view(scope.statics.filter, c)
    // Ingress is needed before the skip test only for the level-0 buffer requirements.
    var inputIngress = -1, filterIngress = -1
    if isTop {
      if allInit {
        // Buffer requirements come from the all-Init case, double-buffered (§6 "Buffer requirements").
        inputIngress = Self.ingress(&checked, scope.statics.input, scope, c, inputView)
        filterIngress = Self.ingress(&checked, scope.statics.filter, scope, c, filterView)
        metrics.l2Requirement = .init(input: Int64(2 * inputIngress), filter: Int64(2 * filterIngress),
                                      output: Int64(2 * egressTotal))
        let offchip = hardware.offchipBandwidth
        inputOffchipDelay = (2 * inputIngress + 2 * filterIngress) / offchip / 2
        outputOffchipDelay = (2 * egressTotal) / offchip / 2
      }
      // MAESTRO counts output writes and output L1 traffic before it skips a case without partial sums.
      metrics.outputAccesses.l2Writes = Int64(checked.add(Int(metrics.outputAccesses.l2Writes), checked.mul(occurrences, egressTotal)))
      let outL1 = checked.add(Int(metrics.outputAccesses.l1Writes), checked.mul(occurrences, totalPartialSums))
      metrics.outputAccesses.l1Writes = Int64(outL1)
      metrics.outputAccesses.l1Reads = Int64(outL1)
    }
    guard critical > 0 else {
      if isTop { recordClass(cs, compute: -1) }
      return 0
    }
    if inputIngress < 0 {
      inputIngress = Self.ingress(&checked, scope.statics.input, scope, c, inputView)
      filterIngress = Self.ingress(&checked, scope.statics.filter, scope, c, filterView)
    }

    // Sub-unit groups from the first SpatialMap's state (§6 "Sub-unit tiles of a case").
    let sp = scope.firstSpatial
    let spEdge = c.inEdge & (1 << sp) != 0
    let spEdgeEdge = c.edgeEdge & (1 << sp) != 0
    var compute: Int
    var activePEs: Double
    if scope.isInnermost {
      // MAESTRO: ceil(double(partial sums) / double(lanes)).
      let perLane = (Double(critical) / Double(hardware.simdLanes)).rounded(.up)
      if perLane >= 9.0e18 { checked.overflow = true; compute = 1 } else { compute = Int(perLane) }
      activePEs = Double(spEdge ? e : scope.units)
    } else {
      var utilized = 0.0
      if spEdge {
        if spEdgeEdge {
          let edgeEdge = subRuntime(scope, c, edgeEdgeUnit: true)
          compute = edgeEdge.runtime
          utilized = edgeEdge.utilizedPEs
          if e - 1 > 0 {
            let rest = subRuntime(scope, c, edgeEdgeUnit: false)
            compute = max(compute, rest.runtime)
            utilized += rest.utilizedPEs * Double(e - 1)
          }
        } else {
          let group = subRuntime(scope, c, edgeEdgeUnit: false)
          compute = group.runtime
          utilized = group.utilizedPEs * Double(e)
        }
      } else {
        let group = subRuntime(scope, c, edgeEdgeUnit: false)
        compute = group.runtime
        utilized = group.utilizedPEs * Double(scope.units)
      }
      activePEs = utilized == 0 ? Double(spEdge ? e : scope.units) : utilized
    }
    totals.activePESum += Double(occurrences) * activePEs
    totals.steps = checked.add(totals.steps, occurrences)

    let latency = hardware.nocLatency
    let bandwidth = hardware.nocBandwidth
    let ingressTotal = inputIngress + filterIngress
    // NoC delay: hops × hop latency + ⌈elements / bandwidth⌉ − 1 (MAESTRO's GetOutStandingDelay).
    let ingressDelay = latency + ingressTotal / bandwidth + (ingressTotal % bandwidth != 0 ? 1 : 0) - 1
    let egressDelay = latency + egressTotal / bandwidth + (egressTotal % bandwidth != 0 ? 1 : 0) - 1
    var step = allInit ? ingressDelay + compute : max(ingressDelay, compute, egressDelay)
    if isTop {
      step = max(inputOffchipDelay, step, outputOffchipDelay)
      if compute == 0 { zeroComputeDelay = true }
      let safeCompute = max(compute, 1)
      recordClass(cs, compute: safeCompute)
      let traffic = max(ingressTotal, egressTotal)
      metrics.peakNoCBandwidthRequirement = max(metrics.peakNoCBandwidthRequirement, Int64(traffic / safeCompute))
      bandwidthSum = checked.add(bandwidthSum, split.sumOfQuotients(traffic, safeCompute, &checked))
      metrics.macs = Int64(checked.add(Int(metrics.macs), checked.mul(occurrences, totalPartialSums)))
      metrics.inputAccesses.l2Reads = Int64(checked.add(Int(metrics.inputAccesses.l2Reads), checked.mul(occurrences, inputIngress)))
      metrics.filterAccesses.l2Reads = Int64(checked.add(Int(metrics.filterAccesses.l2Reads), checked.mul(occurrences, filterIngress)))
      metrics.ingressDelayMin = min(metrics.ingressDelayMin, Int64(ingressDelay))
      metrics.ingressDelayMax = max(metrics.ingressDelayMax, Int64(ingressDelay))
      metrics.egressDelayMin = min(metrics.egressDelayMin, Int64(egressDelay))
      metrics.egressDelayMax = max(metrics.egressDelayMax, Int64(egressDelay))
      metrics.computeDelayMin = min(metrics.computeDelayMin, Int64(max(compute, 1)))
      metrics.computeDelayMax = max(metrics.computeDelayMax, Int64(max(compute, 1)))
    }
    return checked.mul(occurrences, step)
  }

  /// Remembers a level-0 class's compute delay (−1: skipped) for the off-chip requirement.
  mutating func recordClass(_ cs: CaseStates, compute: Int) {
    if compute > 0 {
      if classComputeMin == 0 || compute < classComputeMin { classComputeMin = compute }
      classComputeMax = max(classComputeMax, compute)
    }
    guard classCount < Self.classCapacity else { classOverflow = true; return }
    (classes + classCount).initialize(to: CaseClass(key: Self.classKey(cs), compute: compute))
    classCount += 1
  }

  /// The class a case belongs to: its innermost changing directive, that directive's state, and which
  /// directives before it are at Edge.
  @inline(__always) static func classKey(_ cs: CaseStates) -> Int {
    let changing = cs.changing
    guard changing >= 0 else { return 0 }
    let state = cs.steady & (1 << changing) != 0 ? IterState.steady : .edge
    return (changing + 1) | Int(state.rawValue) << 4 | (cs.edge & ((1 << changing) - 1)) << 6
  }

  /// MAESTRO's off-chip bandwidth requirement: over its cases in its own order, a running maximum of
  /// L2 requirement ÷ compute delay, halved after every case (`CA_cost-analysis-engine.hpp`). It depends on
  /// the order, so the level-0 cases are replayed in MAESTRO's order (`DFA_iteration-analysis.hpp`:
  /// directive d advances whenever the case number is a multiple of the product of the state counts after
  /// it), looking up each case's class.
  mutating func offchipRequirementInMAESTROOrder() {
    let l2 = metrics.l2Requirement
    // With one compute delay the running maximum settles at half of it after the first case, whatever the
    // order.
    if classComputeMin == classComputeMax {
      if classComputeMax > 0 {
        offchipRequirement = max(Int(l2.output) / classComputeMax, Int(l2.input + l2.filter) / classComputeMax) / 2
      }
      return
    }
    let st = states
    var counts = InlineArray<8, Int>(repeating: 1)
    var frequency = InlineArray<8, Int>(repeating: 1)
    var total = 1
    for i in 0..<Dim.count { counts[i] = st[i].stateCount }
    for i in stride(from: Dim.count - 1, through: 0, by: -1) {
      frequency[i] = total
      total = checked.mul(total, counts[i])
    }
    guard !classOverflow, total <= 1 << 16 else {
      // More classes than the replay keeps (rare): the bound the running maximum approaches.
      offchipRequirement = max(Int(l2.output) / classComputeMin, Int(l2.input + l2.filter) / classComputeMin) / 2
      return
    }
    var counters = InlineArray<8, Int>(repeating: 0)
    var requirement = 0
    for caseNumber in 0..<total {
      var cs = CaseStates()
      for i in 0..<Dim.count {
        let index = counters[i]
        if index != 0 {
          if index == 1 && st[i].steady > 0 { cs.steady |= 1 << i } else { cs.edge |= 1 << i }
          cs.changing = i
        }
        if caseNumber % frequency[i] == 0 { counters[i] = index + 1 == counts[i] ? 0 : index + 1 }
      }
      let key = Self.classKey(cs)
      var compute = -1
      for k in 0..<classCount where classes[k].key == key { compute = classes[k].compute; break }
      guard compute > 0 else { continue }
      requirement = max(requirement, Int(l2.output) / compute)
      requirement = max(requirement, Int(l2.input + l2.filter) / compute) / 2
    }
    offchipRequirement = requirement
  }

  /// A tensor's spatial view of a case: any coupled SpatialMap in an edge state; edge-edge from the last
  /// coupled one (MAESTRO's `GetSpatial*Traffic`).
  @inline(__always) static func view(_ masks: TensorMasks, _ c: CaseBits) -> SpatialView {
    guard masks.spatial != 0 else { return SpatialView() }
    return SpatialView(mapped: true, edge: masks.spatial & c.inEdge != 0, edgeEdge: c.edgeEdge & (1 << masks.lastSpatial) != 0)
  }

  // MARK: Traffic and partial sums

  /// Sums a per-unit volume over the sub-units of a case: once when the tensor is not coupled to a
  /// spatially mapped dimension (multicast), else first unit + the others (+ the edge-edge unit).
  @inline(__always)
  static func combine(_ checked: inout Checked, _ v: SpatialView, _ scope: LevelScope,
                      _ volume: (inout Checked, _ first: Bool, _ edgeEdge: Bool) -> Int) -> Int {
    if !v.mapped { return volume(&checked, true, false) }
    if !v.edge {
      let others = scope.units > 1 ? checked.mul(scope.units - 1, volume(&checked, false, false)) : 0
      return checked.add(volume(&checked, true, false), others)
    }
    let e = scope.statics.edgeUnits
    let ee = v.edgeEdge ? 1 : 0
    var total = volume(&checked, true, e == 1 && v.edgeEdge)
    if e > 1 {
      let plain = max(e - ee - 1, 0)
      if plain > 0 { total = checked.add(total, checked.mul(plain, volume(&checked, false, false))) }
      if ee > 0 { total = checked.add(total, volume(&checked, false, true)) }
    }
    return total
  }

  /// Elements of an input tensor delivered to the level's sub-units in one step of a case (§6 "Ingress";
  /// MAESTRO's `GetPEIngressVolume`).
  static func ingress(_ checked: inout Checked, _ masks: TensorMasks, _ scope: LevelScope, _ c: CaseBits,
                      _ v: SpatialView) -> Int {
    let ch = c.changing
    // A tensor not coupled to the changing directive stays where it is.
    if ch >= 0 && masks.coupled & (1 << ch) == 0 { return 0 }
    // Does a coupled directive inside the changing one iterate (so the tensor's tile restarts)?
    let inited = ch >= 0 && (masks.coupled & ~scope.stateMasks.unrolled) >> (ch + 1) != 0
    let coupled = masks.coupled
    return combine(&checked, v, scope) { (checked: inout Checked, first, edgeEdge) in
      ingressVolume(&checked, scope, coupled, c, inited: inited, first: first, edgeEdge: edgeEdge)
    }
  }

  /// One sub-unit's share of an input tensor in one step of a case.
  static func ingressVolume(_ checked: inout Checked, _ scope: LevelScope, _ coupled: Int, _ c: CaseBits,
                            inited: Bool, first: Bool, edgeEdge: Bool) -> Int {
    let e = scope.statics.edgeUnits
    let t = scope.tables
    let spatialMask = scope.statics.spatialMask
    let ch = c.changing
    var v = 1
    var bits = coupled
    while bits != 0 {
      let i = bits.trailingZeroBitCount
      bits &= bits - 1
      let bit = 1 << i
      let f = t + i
      let factor: Int
      if spatialMask & bit == 0 {
        // The changing directive brings only its fresh part unless a directive inside it restarts the
        // tile; every other one its map (its edge map in an Init edge).
        if i == ch && !inited {
          factor = max(f.pointee.unique, 1)
        } else {
          factor = c.initEdge & bit != 0 ? f.pointee.mappedEdge : f.pointee.mapped
        }
      } else if ch < 0 {
        if c.inEdge & bit != 0 {
          factor = e == 1
            ? ((first || edgeEdge) ? f.pointee.mappedEdge : 1) : (edgeEdge ? f.pointee.mappedEdge : f.pointee.mapped)
        } else {
          factor = f.pointee.mapped
        }
      } else {
        let whole = edgeEdge ? f.pointee.mappedEdge : f.pointee.mapped
        if first {
          factor = whole
        } else if (c.steady | c.edge) & bit == 0 {
          factor = i <= ch ? whole : (edgeEdge ? f.pointee.uniqueEdge : f.pointee.unique)
        } else {
          factor = (i == ch && !inited) ? (edgeEdge ? f.pointee.uniqueEdge : f.pointee.unique) : whole
        }
      }
      v = checked.mul(v, factor)
    }
    return v
  }

  /// Per-unit volume of the output tensor (MAESTRO's `GetPEEgressVolume`); with `partialSums`, times the
  /// directives the output is not coupled to, which makes it the unit's MACs.
  static func outputVolume(_ checked: inout Checked, _ scope: LevelScope, _ c: CaseBits, partialSums: Bool, first: Bool,
                           edgeEdge: Bool, reuseAtEdge: Bool) -> Int {
    var v = 1
    if partialSums {
      // Every directive, in order (a fixed count the compiler unrolls).
      for i in 0..<Dim.count {
        v = checked.mul(v, outputFactor(i, scope, c, first: first, edgeEdge: edgeEdge, reuseAtEdge: reuseAtEdge))
      }
    } else {
      var bits = scope.statics.output.coupled
      while bits != 0 {
        let i = bits.trailingZeroBitCount
        bits &= bits - 1
        v = checked.mul(v, outputFactor(i, scope, c, first: first, edgeEdge: edgeEdge, reuseAtEdge: reuseAtEdge))
      }
    }
    return v
  }

  /// Directive `i`'s factor in a unit's output volume. The output-coordinate tables are used throughout:
  /// they differ from the input-coordinate ones only on Y and X, to which every layer type's output is
  /// coupled, so on the other (reduction) dimensions they are the same numbers.
  @inline(__always)
  static func outputFactor(_ i: Int, _ scope: LevelScope, _ c: CaseBits, first: Bool, edgeEdge: Bool,
                           reuseAtEdge: Bool) -> Int {
    let bit = 1 << i
    let f = scope.tables + i
    let edge = c.inEdge & bit != 0
    // A temporal directive: its (edge) map.
    guard scope.statics.spatialMask & bit != 0 else { return edge ? f.pointee.outMappedEdge : f.pointee.outMapped }
    let e = scope.statics.edgeUnits
    if c.edge & bit != 0 {
      if e == 1 { return (first || edgeEdge) ? f.pointee.mappedEdge : 1 }  // quirk: the input-coordinate table
      if edgeEdge { return f.pointee.outUniqueEdge }
    } else if edge && edgeEdge {
      // An Init edge's edge-edge unit: only a coupled SpatialMap's reuse shows.
      let coupled = scope.statics.output.coupled & bit != 0
      return e != 1 && reuseAtEdge && coupled ? f.pointee.outUniqueEdge : f.pointee.outMappedEdge
    }
    // A full unit: the first holds the whole map, the others the part not shared with their neighbour.
    return first ? f.pointee.outMapped : (f.pointee.outUnique != 0 ? f.pointee.outUnique : 1)
  }

  /// Elements of the output tensor sent up from the sub-units in one step of a case (§6 "Egress").
  static func egress(_ checked: inout Checked, _ scope: LevelScope, _ c: CaseBits, _ v: SpatialView) -> Int {
    combine(&checked, v, scope) { (checked: inout Checked, first, edgeEdge) in
      outputVolume(&checked, scope, c, partialSums: false, first: first, edgeEdge: edgeEdge, reuseAtEdge: true)
    }
  }

  /// MACs of all sub-units in one step (MAESTRO's `GetOutputTensorSpatialMappingSize` for partial sums):
  /// every full unit computes the first unit's tile (`first`); an edge-edge unit its edge tile. The
  /// critical unit (the compute delay at the innermost level; a case without its partial sums is skipped)
  /// is the first unit, or the edge-edge unit when it is the only active one (`GetNumCriticalPathPartialSums`).
  static func partialSums(_ checked: inout Checked, _ scope: LevelScope, _ c: CaseBits, first: Int) -> Int {
    if scope.statics.spatialMask & c.inEdge == 0 { return checked.mul(scope.units, first) }
    let edgeEdge = c.edgeEdge & (1 << scope.statics.lastSpatial) != 0
    let e = scope.statics.edgeUnits
    var total = e == 1 && edgeEdge
      ? outputVolume(&checked, scope, c, partialSums: true, first: true, edgeEdge: true, reuseAtEdge: true) : first
    if e > 1 {
      let ee = edgeEdge ? 1 : 0
      let plain = max(e - ee - 1, 0)
      if plain > 0 { total = checked.add(total, checked.mul(plain, first)) }
      if ee > 0 {
        total = checked.add(total, outputVolume(&checked, scope, c, partialSums: true, first: false, edgeEdge: true, reuseAtEdge: false))
      }
    }
    return total
  }

  // MARK: Sub-clusters

  /// The runtime (and average active PEs) of the level below on one group's tile (MAESTRO's
  /// `ConstructSubClusterDimension`: a directive in an edge state hands down its edge size — for a
  /// SpatialMap only to a single active unit or the edge-edge unit — else its map size).
  ///
  /// Memoised within the call: the tile is a function of which directives hand down their edge size (this
  /// level's tables are fixed), so that mask is the key; a new mask that gives an already analysed tile is
  /// found by comparing tiles.
  mutating func subRuntime(_ scope: LevelScope, _ c: CaseBits, edgeEdgeUnit: Bool) -> (runtime: Int, utilizedPEs: Double) {
    let e = scope.statics.edgeUnits
    let handsDownEdge = c.inEdge & (e == 1 || edgeEdgeUnit ? (1 << Dim.count) - 1 : ~scope.statics.spatialMask)
    let next = scope.levelIndex + 1
    for j in 0..<cacheCount where cache[j].level == next && cache[j].edgeMask == handsDownEdge {
      return (cache[j].runtime, cache[j].utilizedPEs)
    }
    var dims = Vec8(repeating: 0)
    let level = levels + scope.levelIndex
    for i in 0..<Dim.count {
      let f = scope.tables + i
      dims[level.pointee.directives[i].dim] = handsDownEdge & (1 << i) != 0 ? f.pointee.mappedEdge : f.pointee.mapped
    }
    for j in 0..<cacheCount where cache[j].level == next {
      let entry = cache + j
      var same = true
      for d in 0..<Dim.count where entry.pointee.dims[d] != dims[d] { same = false; break }
      if same { return (entry.pointee.runtime, entry.pointee.utilizedPEs) }
    }
    let result = analyzeLevel(next, dims: dims)
    if cacheCount < Self.cacheCapacity {
      (cache + cacheCount).initialize(to: CachedRuntime(level: next, edgeMask: handsDownEdge, dims: dims,
                                                        runtime: result.runtime, utilizedPEs: result.utilizedPEs))
      cacheCount += 1
    }
    return (result.runtime, result.utilizedPEs)
  }

  // MARK: Counts and buffers

  /// Access counts that follow from the totals (§6 "Access counts").
  mutating func finishCounts() {
    let macs = metrics.macs
    metrics.inputAccesses.l1Reads = macs
    metrics.filterAccesses.l1Reads = macs
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
  /// requirements"; MAESTRO's `GetMappedVolume`.
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
