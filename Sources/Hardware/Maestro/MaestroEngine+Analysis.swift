// The per-level analysis (maestro-model.md §6). One `Analysis` prices one layer.
//
// As in MAESTRO, a level's per-dimension tables (mapped / unique sizes and their edge variants) and its
// number of active sub-units in an edge state (E) come from the level's *static* dimension sizes (the
// layer's at level 0; below, each dimension's size is the smaller of the upper directive's map size and
// the upper static size), while the iteration states (Init / Steady / Edge and their counts) come from
// the sizes of the sub-cluster tile being analysed in that case.

/// A directive's tables at one level, from the level's static sizes. (Eight integers: two levels' worth
/// of them fit the 1 KiB of stack a temporary allocation may take; the directive's kind and dimension
/// are in its ``PlannedDirective``.)
struct DirectiveTables {
  var mapped = 0
  var unique = 0
  var mappedEdge = 0
  var uniqueEdge = 0
  // Through output coordinates (Y', X'); equal to the above for other dimensions.
  var outMapped = 0
  var outUnique = 0
  var outMappedEdge = 0
  var outUniqueEdge = 0
}

/// A directive's iteration counts for the tile a case analyses.
struct DirectiveStates {
  /// Occurrences of the Steady state (0: absent).
  var steady = 0
  var hasEdge = false
  var stateCount = 1
}

/// A level's per-directive iteration facts for the tile a case analyses, as bit masks over directive
/// indices (the volumes of every case test them).
struct LevelStateMasks {
  /// The Init state covers the whole dimension (the directive never iterates).
  var unrolled = 0
  /// The Init state covers less than its nominal extent (an edge state).
  var initEdge = 0
  /// A spatial Edge state has a partially filled ("edge-edge") sub-unit.
  var edgeHasEdgeEdge = 0
}

/// Which directives of a level a tensor is coupled to (bit masks over directive indices).
struct TensorMasks {
  var coupled = 0
  /// Coupled directives that iterate at level scope are decided per case; this is the spatial subset.
  var spatial = 0
  /// The coupled spatial directive on the highest dimension (MAESTRO reads the last one in the tensor's
  /// coupled-variable list), or −1.
  var lastSpatial = -1
  var lastSpatialDim = -1

  /// Couples directive `i` (on dimension `dim`) to the tensor.
  @inline(__always) mutating func add(_ i: Int, dim: Int, spatial isSpatial: Bool) {
    coupled |= 1 << i
    guard isSpatial else { return }
    spatial |= 1 << i
    if dim > lastSpatialDim { lastSpatialDim = dim; lastSpatial = i }
  }
}

/// A level-0 class of cases and its compute delay (−1: skipped).
struct CaseClass {
  var key = 0
  var compute = 0
}

/// Scratch storage of one analysis.
struct AnalysisScratch {
  let statics: UnsafeMutablePointer<LevelStatics>
  let cache: UnsafeMutablePointer<CachedRuntime>
  let classes: UnsafeMutablePointer<CaseClass>
}

/// The facts of one level that do not depend on the case: tables, E, masks.
struct LevelStatics {
  var edgeUnits = 1
  var input = TensorMasks()
  var filter = TensorMasks()
  var output = TensorMasks()
  /// All spatial directives, and the last one in dataflow order.
  var spatialMask = 0
  var lastSpatial = -1
}

struct Analysis {
  let layer: MaestroLayer
  let levelCount: Int
  let levels: UnsafeMutablePointer<LevelPlan>
  /// Tables, eight per level.
  let tables: UnsafeMutablePointer<DirectiveTables>
  /// States, eight per level (overwritten by every analysis of that level).
  let states: UnsafeMutablePointer<DirectiveStates>
  let hardware: MaestroHardware
  let coupling: Coupling
  let layerDims: Vec8
  /// Per-level statics (four), memoised sub-cluster analyses, level-0 case classes: scratch storage, so a
  /// lookup never copies the whole collection.
  let statics: UnsafeMutablePointer<LevelStatics>
  let cache: UnsafeMutablePointer<CachedRuntime>
  let classes: UnsafeMutablePointer<CaseClass>
  /// Memoised sub-cluster analyses (distinct sub-cluster tiles of one call; ten fit in 1 KiB of stack).
  static let cacheCapacity = 10
  static let classCapacity = 32
  var checked = Checked()
  var caseCountTooLarge = false
  var zeroComputeDelay = false
  var cacheCount = 0
  var metrics = MaestroLayerMetrics()
  // Level-0 running figures.
  var inputOffchipDelay = 0
  var outputOffchipDelay = 0
  var bandwidthSum = 0
  var offchipRequirement = 0
  /// Level-0 classes of cases (key, compute delay), for replaying MAESTRO's case order.
  var classCount = 0
  var classComputeMin = 0
  var classComputeMax = 0
  var classOverflow = false

  init(layer: MaestroLayer, levelCount: Int, levels: UnsafeMutablePointer<LevelPlan>,
       tables: UnsafeMutablePointer<DirectiveTables>, states: UnsafeMutablePointer<DirectiveStates>,
       scratch: AnalysisScratch, hardware: MaestroHardware) {
    self.statics = scratch.statics
    self.cache = scratch.cache
    self.classes = scratch.classes
    self.layer = layer
    self.levelCount = levelCount
    self.levels = levels
    self.tables = tables
    self.states = states
    self.hardware = hardware
    self.coupling = Coupling(layer.type)
    self.layerDims = [layer.n, layer.g, layer.k, layer.c, layer.r, layer.s, layer.y, layer.x]  // Dim order
  }

  mutating func run() -> Result<MaestroLayerMetrics, MaestroInvalid> {
    metrics.ingressDelayMin = .max; metrics.egressDelayMin = .max; metrics.computeDelayMin = .max
    metrics.ingressDelayMax = .min; metrics.egressDelayMax = .min; metrics.computeDelayMax = .min
    prepareStatics()
    let top = analyzeLevel(0, dims: layerDims)
    offchipRequirementInMAESTROOrder()
    if caseCountTooLarge {
      return .failure(.init("an iteration case of this layer occurs more than 2³¹ − 1 times, beyond MAESTRO's 32-bit case counts (set case_counts: int64 to price it)"))
    }
    if zeroComputeDelay {
      return .failure(.init("a step of this mapping has no work below the top level (zero compute delay), where MAESTRO divides by zero"))
    }
    if checked.overflow { return .failure(.init("the layer's counts exceed 64-bit integers")) }
    metrics.runtimeCycles = Int64(top.runtime)
    metrics.averageUtilizedPEs = top.utilizedPEs
    finishCounts()
    if checked.overflow { return .failure(.init("the layer's counts exceed 64-bit integers")) }
    if metrics.ingressDelayMin == .max {
      metrics.ingressDelayMin = 0; metrics.egressDelayMin = 0; metrics.computeDelayMin = 0
      metrics.ingressDelayMax = 0; metrics.egressDelayMax = 0; metrics.computeDelayMax = 0
    }
    if top.steps > 0 { metrics.averageNoCBandwidthRequirement = Double(bandwidthSum) / Double(top.steps) }
    metrics.offchipBandwidthRequirement = Int64(offchipRequirement)
    l1Requirements()
    return .success(metrics)
  }

  // MARK: Static tables

  /// Tables, E and masks of every level, from the static sizes (§6 "Per-dimension tables").
  mutating func prepareStatics() {
    var dims = layerDims
    for levelIndex in 0..<levelCount {
      let level = levels + levelIndex
      let units = level.pointee.subUnits
      let base = tables + levelIndex * Dim.count
      var st = LevelStatics()
      for i in 0..<Dim.count {
        let pd = level.pointee.directives[i]
        let d = dims[pd.dim], m = pd.size, o = pd.offset
        let ns = max((d - m) / o, 0)
        let hasTableEdge = ns * o + m < d || m > d
        var es = d - (ns + 1) * o
        if es < 0 { es = d }
        let unique = (!pd.spatial && d <= m) ? 0 : min(m, o)
        let mappedEdge = hasTableEdge ? es : m
        let uniqueEdge = max(o - (m - es), 0)
        // Output-coordinate forms (Y', X') are filled below; for other dimensions they are the same.
        (base + i).initialize(to: DirectiveTables(
          mapped: m, unique: unique, mappedEdge: mappedEdge, uniqueEdge: uniqueEdge,
          outMapped: m, outUnique: unique, outMappedEdge: mappedEdge, outUniqueEdge: uniqueEdge))
        let bit = 1 << i, dimBit = 1 << pd.dim
        if coupling.input & dimBit != 0 { st.input.add(i, dim: pd.dim, spatial: pd.spatial) }
        if coupling.filter & dimBit != 0 { st.filter.add(i, dim: pd.dim, spatial: pd.spatial) }
        if coupling.output & dimBit != 0 { st.output.add(i, dim: pd.dim, spatial: pd.spatial) }
        if pd.spatial { st.spatialMask |= bit; st.lastSpatial = i }
      }
      // Output-coordinate tables (§6: mapped(Y') = mapped(Y) − mapped(R) + 1, …).
      for rows in Dim.y...Dim.x {
        let f = base + level.pointee.indexOfDim[rows]
        let kernel = base + level.pointee.indexOfDim[rows == Dim.y ? Dim.r : Dim.s]
        let pd = level.pointee.directives[level.pointee.indexOfDim[rows]]
        f.pointee.outMapped = f.pointee.mapped - kernel.pointee.mapped + 1
        f.pointee.outUnique = min(pd.size, pd.offset)
        f.pointee.outMappedEdge = f.pointee.mappedEdge - kernel.pointee.mappedEdge + 1
        f.pointee.outUniqueEdge = min(pd.offset, f.pointee.outMappedEdge)
      }
      // E: active sub-units in a spatial edge state, from the first SpatialMap (§6).
      let first = level.pointee.firstSpatial
      let pd = level.pointee.directives[first]
      let d = dims[pd.dim], m = pd.size, o = pd.offset
      let cov = Self.coverage(m, o, units)
      if d > cov {
        let nss = ((d - m) / o + 1) / units - 1
        let rem = d - (nss + 1) * o * units
        st.edgeUnits = rem < m ? 1 : (rem - m) / o + 1
      } else if d > m {
        var e = (d - m) / o + 1
        if (e - 1) * o + m < d { e += 1 }
        st.edgeUnits = e
      }
      if d <= m { st.edgeUnits = 1 }
      (statics + levelIndex).initialize(to: st)
      // The level below sees each dimension at most at this level's map size.
      for i in 0..<Dim.count {
        let dd = level.pointee.directives[i].dim
        dims[dd] = min(level.pointee.directives[i].size, dims[dd])
      }
    }
  }

  /// Extent one spatial step covers, m + o·(P − 1), saturating (a 10¹²-PE array covers everything).
  static func coverage(_ m: Int, _ o: Int, _ units: Int) -> Int {
    let (span, o1) = o.multipliedReportingOverflow(by: units - 1)
    let (cov, o2) = span.addingReportingOverflow(m)
    return o1 || o2 ? .max : cov
  }

  // MARK: States of a case analysis

  /// Iteration states of level `levelIndex` for the tile sizes `dims` (§6 "Iteration states"), stored in
  /// `states`; returns the level's state masks. (`mutating` though it only reads: called from a mutating
  /// method, a non-mutating one got a copy of the whole analysis, ≈ 600 bytes, at every call.)
  mutating func computeStates(_ levelIndex: Int, dims: Vec8) -> LevelStateMasks {
    let level = levels + levelIndex
    let units = level.pointee.subUnits
    let base = states + levelIndex * Dim.count
    var masks = LevelStateMasks()
    let dims = dims.span  // read in place: indexing the array itself copied all of it at every read
    for i in 0..<Dim.count {
      let pd = level.pointee.directives[i]
      let d = dims[pd.dim], m = pd.size, o = pd.offset
      var f = DirectiveStates()
      let bit = 1 << i
      if !pd.spatial {
        if d <= m { masks.unrolled |= bit }
        if d < m { masks.initEdge |= bit }
        if m < d {
          let n = (d - m) / o
          if n > 0 { f.steady = n }
          f.hasEdge = n * o + m < d
        }
      } else {
        let cov = Self.coverage(m, o, units)
        if d <= cov { masks.unrolled |= bit }
        if d < cov { masks.initEdge |= bit }
        if cov < d {
          let nss = ((d - m) / o + 1) / units - 1
          if nss > 0 { f.steady = nss }
          if nss * o * units + cov != d {
            f.hasEdge = true
            let rem = d - (nss + 1) * o * units
            let active = rem < m ? 1 : (rem - m) / o + 1
            if (active - 1) * o + m < rem { masks.edgeHasEdgeEdge |= bit }
          }
        }
      }
      f.stateCount = 1 + (f.steady > 0 ? 1 : 0) + (f.hasEdge ? 1 : 0)
      (base + i).initialize(to: f)
    }
    return masks
  }
}
