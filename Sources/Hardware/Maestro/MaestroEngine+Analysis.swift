// The per-level, per-iteration-case analysis (maestro-model.md §6). One `Analysis` prices one layer.

/// The facts of one level for one set of dimension sizes: eight directives in scratch storage (a
/// pointer, so reading one never copies the others), and E.
struct LevelFacts {
  let directives: UnsafeMutablePointer<DirectiveFacts>
  /// Active sub-units in a spatial edge state (§6 "E").
  var edgeUnits = 1
  var input = TensorMasks()
  var filter = TensorMasks()
  var output = TensorMasks()
}

/// Which directives of a level a tensor is coupled to, as bit masks over directive indices.
struct TensorMasks {
  /// Directives on a dimension the tensor is coupled to.
  var coupled = 0
  /// Those that iterate (not unrolled): a restart of one of them reloads the tensor ("inited").
  var iterating = 0
  /// The tensor is coupled to a spatially mapped dimension (else it is multicast once).
  var spatial = false

  init() {}

  init(dimensionMask: Int, _ facts: UnsafeMutablePointer<DirectiveFacts>) {
    for i in 0..<Dim.count where dimensionMask & (1 << facts[i].dim) != 0 {
      coupled |= 1 << i
      if !facts[i].unrolled { iterating |= 1 << i }
      if facts[i].spatial { spatial = true }
    }
  }
}

struct Analysis {
  let layer: MaestroLayer
  let levelCount: Int
  /// The resolved levels, in scratch storage.
  let levels: UnsafePointer<LevelPlan>
  /// Scratch for the directive facts, eight per level.
  let factsStorage: UnsafeMutablePointer<DirectiveFacts>
  let hardware: MaestroHardware
  let coupling: Coupling
  let layerDims: Vec8
  var checked = Checked()
  var caseCountTooLarge = false
  var cache = InlineArray<16, CachedRuntime>(repeating: CachedRuntime())
  var cacheCount = 0
  var metrics = MaestroLayerMetrics()
  // Level-0 running figures.
  var l2RequirementSet = false
  var inputOffchipDelay = 0
  var outputOffchipDelay = 0
  var bandwidthWeightedSum = 0.0
  var stepCount = 0

  init(layer: MaestroLayer, levelCount: Int, levels: UnsafePointer<LevelPlan>,
       factsStorage: UnsafeMutablePointer<DirectiveFacts>, hardware: MaestroHardware) {
    self.layer = layer
    self.levelCount = levelCount
    self.levels = levels
    self.factsStorage = factsStorage
    self.hardware = hardware
    self.coupling = Coupling(layer.type)
    var dims = Vec8(repeating: 0)
    for d in MaestroDimension.allCases { dims[d.rawValue] = layer[d] }
    self.layerDims = dims
  }

  mutating func run() -> Result<MaestroLayerMetrics, MaestroInvalid> {
    metrics.ingressDelayMin = .max; metrics.egressDelayMin = .max; metrics.computeDelayMin = .max
    metrics.ingressDelayMax = .min; metrics.egressDelayMax = .min; metrics.computeDelayMax = .min
    let (runtime, utilizedPEs) = analyzeLevel(0, dims: layerDims)
    metrics.averageUtilizedPEs = utilizedPEs
    if caseCountTooLarge {
      return .failure(.init("an iteration case of this layer occurs more than 2³¹ − 1 times, beyond MAESTRO's 32-bit case counts (set case_counts: int64 to price it)"))
    }
    if checked.overflow { return .failure(.init("the layer's counts exceed 64-bit integers")) }
    metrics.runtimeCycles = Int64(runtime)
    finishCounts()
    if checked.overflow { return .failure(.init("the layer's counts exceed 64-bit integers")) }
    if metrics.ingressDelayMin == .max {
      metrics.ingressDelayMin = 0; metrics.egressDelayMin = 0; metrics.computeDelayMin = 0
      metrics.ingressDelayMax = 0; metrics.egressDelayMax = 0; metrics.computeDelayMax = 0
    }
    if stepCount > 0 {
      metrics.averageNoCBandwidthRequirement = bandwidthWeightedSum / Double(stepCount)
    }
    l1Requirements()
    return .success(metrics)
  }

  // MARK: Facts of a level

  /// Per-directive tables and states for the dimension sizes `dims` (§6 "Per-dimension tables",
  /// "Iteration states per directive").
  func facts(_ levelIndex: Int, dims: Vec8) -> LevelFacts {
    let level = levels + levelIndex
    let units = level.pointee.subUnits
    var result = LevelFacts(directives: factsStorage + levelIndex * Dim.count)
    for i in 0..<Dim.count {
      let pd = level.pointee.directives[i]
      let d = dims[pd.dim], m = pd.size, o = pd.offset
      var f = DirectiveFacts()
      f.spatial = pd.spatial
      f.dim = pd.dim
      f.mapped = m
      f.unique = (!pd.spatial && d <= m) ? 0 : min(m, o)
      let ns = max((d - m) / o, 0)
      let hasTableEdge = ns * o + m < d || m > d
      var es = d - (ns + 1) * o
      if es < 0 { es = d }
      f.mappedEdge = hasTableEdge ? es : m
      f.uniqueEdge = max(o - (m - es), 0)
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
          let lastStepEnd = nss * o * units + cov
          if lastStepEnd != d {
            f.hasEdge = true
            let rem = d - (nss + 1) * o * units
            let active = rem < m ? 1 : (rem - m) / o + 1
            f.edgeHasEdgeEdge = (active - 1) * o + m < rem
          }
        }
      }
      f.stateCount = 1 + (f.steady > 0 ? 1 : 0) + (f.hasEdge ? 1 : 0)
      (result.directives + i).initialize(to: f)
    }
    // Output-coordinate tables (§6: mapped(Y') = mapped(Y) − mapped(R) + 1, …).
    for i in 0..<Dim.count {
      var f = result.directives[i]
      let kernelDim = f.dim == Dim.y ? Dim.r : (f.dim == Dim.x ? Dim.s : -1)
      if kernelDim >= 0 {
        let kernel = result.directives[level.pointee.indexOfDim[kernelDim]]
        let pd = level.pointee.directives[i]
        f.outMapped = f.mapped - kernel.mapped + 1
        f.outUnique = min(pd.size, pd.offset)
        f.outMappedEdge = f.mappedEdge - kernel.mappedEdge + 1
        f.outUniqueEdge = min(pd.offset, f.outMappedEdge)
      } else {
        f.outMapped = f.mapped; f.outUnique = f.unique; f.outMappedEdge = f.mappedEdge; f.outUniqueEdge = f.uniqueEdge
      }
      result.directives[i] = f
    }
    result.input = TensorMasks(dimensionMask: coupling.input, result.directives)
    result.filter = TensorMasks(dimensionMask: coupling.filter, result.directives)
    result.output = TensorMasks(dimensionMask: coupling.output, result.directives)
    // E: active sub-units in an edge state, from the first SpatialMap (§6).
    let firstSpatial = level.pointee.firstSpatial
    if firstSpatial >= 0 {
      let pd = level.pointee.directives[firstSpatial]
      let d = dims[pd.dim], m = pd.size, o = pd.offset
      let cov = Self.coverage(m, o, units)
      if d > cov {
        let nss = ((d - m) / o + 1) / units - 1
        let rem = d - (nss + 1) * o * units
        result.edgeUnits = rem < m ? 1 : (rem - m) / o + 1
      } else if d > m {
        var e = (d - m) / o + 1
        if (e - 1) * o + m < d { e += 1 }
        result.edgeUnits = e
      } else {
        result.edgeUnits = 1
      }
    }
    return result
  }

  /// Extent one spatial step covers, m + o·(P − 1), saturating (a 10¹²-PE array covers everything).
  static func coverage(_ m: Int, _ o: Int, _ units: Int) -> Int {
    let (span, o1) = o.multipliedReportingOverflow(by: units - 1)
    let (cov, o2) = span.addingReportingOverflow(m)
    return o1 || o2 ? .max : cov
  }
}
