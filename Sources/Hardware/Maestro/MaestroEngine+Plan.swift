// Resolving a dataflow for one layer: every level gets one directive per dimension, with sizes and
// offsets as integers (Sz(D) resolved, Y'/X' converted to input rows/columns), and a sub-unit count.
// Storage is fixed-size so that pricing a layer allocates nothing.

/// Dimension indices, in ``MaestroDimension`` order.
enum Dim {
  static let n = 0, g = 1, k = 2, c = 3, r = 4, s = 5, y = 6, x = 7
  static let count = 8
}

/// Eight integers, one per dimension.
typealias Vec8 = InlineArray<8, Int>

/// A directive resolved for one layer.
struct PlannedDirective {
  var spatial = false
  var dim = 0
  var size = 1
  var offset = 1
}

/// One cluster level, resolved: eight directives in MAESTRO's order (below level 0 the inherited ones first,
/// then the written ones, then at level 0 a TemporalMap(d, d) per dimension never written), and the number
/// of sub-units the level spreads work over.
struct LevelPlan {
  var directives = InlineArray<8, PlannedDirective>(repeating: PlannedDirective())
  /// Index of the directive on each dimension.
  var indexOfDim = Vec8(repeating: 0)
  /// Sub-units (sub-clusters, or PEs at the innermost level).
  var subUnits = 0
  /// Index of the first SpatialMap (−1 when absent): it decides the sub-unit groups of a case.
  var firstSpatial = -1
}

extension MaestroEngine {
  /// Resolves `dataflow` for `layer` into `levels` (room for ``Dataflow/maxLevels``) and returns the
  /// number of levels; an invalid mapping comes back as a reason.
  ///
  /// Follows MAESTRO's cluster analysis (`DFA_cluster-analysis.hpp`): `Y'`/`X'` become Y/X of size
  /// m' + R − 1 (R from the level's R directive); on a strided layer a Y/X directive whose size covers
  /// the kernel is re-aligned to whole output rows (`ApplyOuterStride`: om = (m + s − R) / s rows, size
  /// om·min(s, R) + max(R − s, 0), offset om·s, or om·R below the top level when R < s); a level does not
  /// write inherits the upper directive as a TemporalMap; dimensions never written get TemporalMap(d, d).
  /// Sub-units: level ℓ ≥ 1, opened by Cluster(n_ℓ), has n_ℓ; level 0 has ⌊PEs / Π n_ℓ⌋.
  static func plan(_ dataflow: Dataflow, layer: MaestroLayer, pes: Int, into levels: UnsafeMutablePointer<LevelPlan>)
    -> Result<Int, MaestroInvalid>
  {
    guard !dataflow.levels.isEmpty else { return .failure(.init("the dataflow \(dataflow.name) has no directives")) }
    guard dataflow.levels.count <= Dataflow.maxLevels else {
      return .failure(.init("the dataflow \(dataflow.name) has \(dataflow.levels.count - 1) Cluster directives; at most \(Dataflow.maxLevels - 1) are supported"))
    }
    let levelCount = dataflow.levels.count
    func value(_ size: MapSize) -> Int {
      switch size {
      case .literal(let v): v
      case .full(let d): layer[d]
      }
    }
    // Cluster sizes and the PEs one top-level sub-unit holds (their product).
    var clusterSizes = InlineArray<4, Int>(repeating: 0)
    var unitPEs = 1
    var overflow = false
    for (index, level) in dataflow.levels.enumerated() where index > 0 {
      guard let cluster = level.cluster else {
        return .failure(.init("cluster level \(index) of \(dataflow.name) has no Cluster(n)"))
      }
      let n = value(cluster)
      guard n > 0 else { return .failure(.init("\(dataflow.name): Cluster(\(cluster.text)) resolves to \(n) PEs")) }
      clusterSizes[index] = n
      let (product, o) = unitPEs.multipliedReportingOverflow(by: n)
      overflow = overflow || o
      unitPEs = product
    }
    let topUnits = overflow ? 0 : pes / unitPEs
    guard topUnits > 0 else {
      let clusters = dataflow.levels.dropFirst().compactMap { $0.cluster?.text }.map { "Cluster(\($0))" }.joined(separator: " × ")
      return .failure(.init("\(dataflow.name)'s \(clusters) needs at least \(overflow ? "more than 2⁶³" : String(unitPEs)) PEs; this accelerator has \(pes)"))
    }
    let layerSizes: Vec8 = [layer.n, layer.g, layer.k, layer.c, layer.r, layer.s, layer.y, layer.x]  // Dim order
    for index in 0..<levelCount {
      let directives = dataflow.levels[index].directives
      let lp = levels + index
      // Which dimensions the level writes, and the kernel sizes its Y'/X' directives add.
      var writtenMask = 0
      var kernelRows = layer.r, kernelColumns = layer.s
      for directive in directives {
        let d = directive.dimension.dimension.rawValue
        writtenMask |= 1 << d
        if d == Dim.r { kernelRows = value(directive.size) }
        if d == Dim.s { kernelColumns = value(directive.size) }
      }
      // MAESTRO's order: inherited directives first, then the written ones, then unrolled dimensions. Every
      // slot is written below (the storage is not initialised first: a valid level fills all eight).
      lp.pointee.firstSpatial = -1
      var slot = 0
      var spatialCount = 0
      func place(_ pd: PlannedDirective) {
        lp.pointee.directives[slot] = pd
        lp.pointee.indexOfDim[pd.dim] = slot
        if pd.spatial {
          spatialCount += 1
          if lp.pointee.firstSpatial < 0 { lp.pointee.firstSpatial = slot }
        }
        slot += 1
      }
      if index > 0 {
        let upper = levels + (index - 1)
        for d in 0..<Dim.count where writtenMask & (1 << d) == 0 {
          let up = upper.pointee.directives[upper.pointee.indexOfDim[d]]
          place(PlannedDirective(spatial: false, dim: d, size: up.size, offset: up.offset))
        }
      }
      // The written directives, converted to input coordinates.
      var seen = 0
      for directive in directives {
        let d = directive.dimension.dimension.rawValue
        if seen & (1 << d) != 0 {
          return .failure(.init("\(dataflow.name): cluster level \(index) maps \(directive.dimension.dimension.letter) twice"))
        }
        seen |= 1 << d
        var size = value(directive.size)
        var offset = value(directive.offset)
        guard size > 0, offset > 0 else {
          return .failure(.init("\(dataflow.name): \(directive.text) resolves to size \(size), offset \(offset); both must be positive"))
        }
        switch directive.dimension {
        case .outputRows: size += kernelRows - 1
        case .outputColumns: size += kernelColumns - 1
        default: break
        }
        if d == Dim.y || d == Dim.x {
          let stride = d == Dim.y ? layer.strideY : layer.strideX
          let kernel = d == Dim.y ? layer.r : layer.s
          if stride != 1 && size >= kernel {
            let outputs = (size + stride - kernel) / stride
            size = outputs * min(stride, kernel) + max(kernel - stride, 0)
            offset = index > 0 && kernel < stride ? outputs * kernel : outputs * stride
          }
        }
        if directive.kind == .temporalMap, d == Dim.r || d == Dim.s {
          let full = d == Dim.r ? layer.r : layer.s
          if size != full || offset != full {
            return .failure(.init("\(dataflow.name): \(directive.text) tiles the kernel; MAESTRO requires TemporalMap(Sz(\(d == Dim.r ? "R" : "S")),Sz(\(d == Dim.r ? "R" : "S"))) on R and S"))
          }
        }
        place(PlannedDirective(spatial: directive.kind == .spatialMap, dim: d, size: size, offset: offset))
      }
      if index == 0 {
        for d in 0..<Dim.count where writtenMask & (1 << d) == 0 {
          place(PlannedDirective(spatial: false, dim: d, size: layerSizes[d], offset: layerSizes[d]))
        }
      }
      guard spatialCount >= 1 else {
        return .failure(.init("\(dataflow.name): cluster level \(index) has no SpatialMap"))
      }
      guard spatialCount <= 2 else {
        return .failure(.init("\(dataflow.name): cluster level \(index) has \(spatialCount) SpatialMaps; at most two are supported"))
      }
      lp.pointee.subUnits = index == 0 ? topUnits : clusterSizes[index]
    }
    return .success(levelCount)
  }
}

/// Why a (layer, accelerator) point cannot be analysed; `reason` is a sentence for a person.
public struct MaestroInvalid: Error, Hashable, Sendable {
  public var reason: String
  public init(_ reason: String) { self.reason = reason }
}
