// The per-level analysis (maestro-model.md §6). One `Analysis` prices one layer.
//
// As in MAESTRO, a level's per-dimension tables (mapped / unique sizes and their edge variants) and its
// number of active sub-units in an edge state (E) come from the level's *static* dimension sizes (the
// layer's at level 0; below, each dimension's size is the smaller of the upper directive's map size and
// the upper static size), while the iteration states (Init / Steady / Edge and their counts) come from
// the sizes of the sub-cluster tile being analysed in that case.

/// A directive's tables at one level, from the level's static sizes.
struct DirectiveTables {
  var spatial = false
  var dim = 0
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

/// A directive's iteration states for the tile a case analyses.
struct DirectiveStates {
  /// The Init state covers the whole dimension (the directive never iterates).
  var unrolled = false
  /// The Init state covers less than its nominal extent (an edge state).
  var initEdge = false
  /// Occurrences of the Steady state (0: absent).
  var steady = 0
  var hasEdge = false
  /// A spatial Edge state has a partially filled ("edge-edge") sub-unit.
  var edgeHasEdgeEdge = false
  var stateCount = 1
}

/// Which directives of a level a tensor is coupled to (bit masks over directive indices).
struct TensorMasks {
  var coupled = 0
  /// Coupled directives that iterate at level scope are decided per case; this is the spatial subset.
  var spatial = 0
  /// The coupled spatial directive on the highest dimension (MAESTRO reads the last one in the tensor's
  /// coupled-variable list), or −1.
  var lastSpatial = -1
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
  static let cacheCapacity = 16
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
    var dims = Vec8(repeating: 0)
    for d in MaestroDimension.allCases { dims[d.rawValue] = layer[d] }
    self.layerDims = dims
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
      for i in 0..<Dim.count {
        let pd = level.pointee.directives[i]
        let d = dims[pd.dim], m = pd.size, o = pd.offset
        var t = DirectiveTables()
        t.spatial = pd.spatial
        t.dim = pd.dim
        t.mapped = m
        t.unique = (!pd.spatial && d <= m) ? 0 : min(m, o)
        let ns = max((d - m) / o, 0)
        let hasTableEdge = ns * o + m < d || m > d
        var es = d - (ns + 1) * o
        if es < 0 { es = d }
        t.mappedEdge = hasTableEdge ? es : m
        t.uniqueEdge = max(o - (m - es), 0)
        (base + i).initialize(to: t)
      }
      // Output-coordinate tables (§6: mapped(Y') = mapped(Y) − mapped(R) + 1, …).
      for i in 0..<Dim.count {
        let kernelDim = base[i].dim == Dim.y ? Dim.r : (base[i].dim == Dim.x ? Dim.s : -1)
        if kernelDim >= 0 {
          let kernel = base[level.pointee.indexOfDim[kernelDim]]
          let pd = level.pointee.directives[i]
          base[i].outMapped = base[i].mapped - kernel.mapped + 1
          base[i].outUnique = min(pd.size, pd.offset)
          base[i].outMappedEdge = base[i].mappedEdge - kernel.mappedEdge + 1
          base[i].outUniqueEdge = min(pd.offset, base[i].outMappedEdge)
        } else {
          base[i].outMapped = base[i].mapped; base[i].outUnique = base[i].unique
          base[i].outMappedEdge = base[i].mappedEdge; base[i].outUniqueEdge = base[i].uniqueEdge
        }
      }
      var st = LevelStatics()
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
      func masks(_ dimensionMask: Int) -> TensorMasks {
        var t = TensorMasks()
        var lastDim = -1
        for i in 0..<Dim.count where dimensionMask & (1 << base[i].dim) != 0 {
          t.coupled |= 1 << i
          if base[i].spatial {
            t.spatial |= 1 << i
            if base[i].dim > lastDim { lastDim = base[i].dim; t.lastSpatial = i }
          }
        }
        return t
      }
      st.input = masks(coupling.input)
      st.filter = masks(coupling.filter)
      st.output = masks(coupling.output)
      for i in 0..<Dim.count where base[i].spatial { st.spatialMask |= 1 << i; st.lastSpatial = i }
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

  /// Iteration states of level `levelIndex` for the tile sizes `dims` (§6 "Iteration states").
  func computeStates(_ levelIndex: Int, dims: Vec8) -> UnsafeMutablePointer<DirectiveStates> {
    let level = levels + levelIndex
    let units = level.pointee.subUnits
    let base = states + levelIndex * Dim.count
    for i in 0..<Dim.count {
      let pd = level.pointee.directives[i]
      let d = dims[pd.dim], m = pd.size, o = pd.offset
      var f = DirectiveStates()
      if !pd.spatial {
        f.unrolled = d <= m
        f.initEdge = d < m
        if m < d {
          let n = (d - m) / o
          if n > 0 { f.steady = n }
          f.hasEdge = n * o + m < d
        }
      } else {
        let cov = Self.coverage(m, o, units)
        f.unrolled = d <= cov
        f.initEdge = d < cov
        if cov < d {
          let nss = ((d - m) / o + 1) / units - 1
          if nss > 0 { f.steady = nss }
          if nss * o * units + cov != d {
            f.hasEdge = true
            let rem = d - (nss + 1) * o * units
            let active = rem < m ? 1 : (rem - m) / o + 1
            f.edgeHasEdgeEdge = (active - 1) * o + m < rem
          }
        }
      }
      f.stateCount = 1 + (f.steady > 0 ? 1 : 0) + (f.hasEdge ? 1 : 0)
      (base + i).initialize(to: f)
    }
    return base
  }
}
