// Resolving a dataflow for one layer: every level gets one directive per dimension, with sizes and
// offsets as integers (Sz(D) resolved, Y'/X' converted to input rows/columns), and a sub-unit count.
// Storage is fixed-size so that pricing a layer allocates nothing.

/// Dimension indices, in ``MaestroDimension`` order.
@usableFromInline enum Dim {
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

/// One cluster level, resolved: eight directives (the written ones in order, then one per dimension not
/// written, which never iterates), and the number of sub-units the level spreads work over.
struct LevelPlan {
  var directives = InlineArray<8, PlannedDirective>(repeating: PlannedDirective())
  /// Bit d set when dimension d is written at this level.
  var explicitMask = 0
  /// Index of the directive on each dimension.
  var indexOfDim = Vec8(repeating: 0)
  /// Sub-units (sub-clusters, or PEs at the innermost level).
  var subUnits = 0
  /// Index of the first and second SpatialMap (−1 when absent).
  var firstSpatial = -1
  var secondSpatial = -1
}

extension MaestroEngine {
  /// Resolves `dataflow` for `layer` into `levels` (room for ``Dataflow/maxLevels``) and returns the
  /// number of levels; an invalid mapping comes back as a reason.
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
    // Capacity (PEs) of one unit at each level: the whole array at level 0, Cluster(n) below.
    var capacity = InlineArray<5, Int>(repeating: 0)
    capacity[0] = pes
    for (index, level) in dataflow.levels.enumerated() where index > 0 {
      guard let cluster = level.cluster else {
        return .failure(.init("cluster level \(index) of \(dataflow.name) has no Cluster(n)"))
      }
      let n = value(cluster)
      guard n > 0 else { return .failure(.init("\(dataflow.name): Cluster(\(cluster.text)) resolves to \(n) PEs")) }
      capacity[index] = n
    }
    for index in 0..<levelCount {
      let level = dataflow.levels[index]
      let lpPointer = levels + index
      lpPointer.initialize(to: LevelPlan())

      var slot = 0
      var spatialCount = 0
      for directive in level.directives {
        let d = directive.dimension.dimension.rawValue
        if lpPointer.pointee.explicitMask & (1 << d) != 0 {
          return .failure(.init("\(dataflow.name): cluster level \(index) maps \(directive.dimension.dimension.letter) twice"))
        }
        var size = value(directive.size)
        var offset = value(directive.offset)
        guard size > 0, offset > 0 else {
          return .failure(.init("\(dataflow.name): \(directive.text) resolves to size \(size), offset \(offset); both must be positive"))
        }
        switch directive.dimension {
        case .outputRows: size += layer.r - 1; offset *= layer.strideY
        case .outputColumns: size += layer.s - 1; offset *= layer.strideX
        // A plain Y/X directive moves by offset·stride input rows at the top level only; below, its tile
        // already holds the rows one output needs (checked: rs on Resnet50 CONV1, stride 2).
        case .input(.y) where index == 0: offset *= layer.strideY
        case .input(.x) where index == 0: offset *= layer.strideX
        default: break
        }
        if directive.kind == .temporalMap, d == Dim.r || d == Dim.s {
          let full = d == Dim.r ? layer.r : layer.s
          if size != full || offset != full {
            return .failure(.init("\(dataflow.name): \(directive.text) tiles the kernel; MAESTRO requires TemporalMap(Sz(\(d == Dim.r ? "R" : "S")),Sz(\(d == Dim.r ? "R" : "S"))) on R and S"))
          }
        }
        let spatial = directive.kind == .spatialMap
        if spatial {
          spatialCount += 1
          if lpPointer.pointee.firstSpatial < 0 { lpPointer.pointee.firstSpatial = slot } else if lpPointer.pointee.secondSpatial < 0 { lpPointer.pointee.secondSpatial = slot }
        }
        lpPointer.pointee.directives[slot] = PlannedDirective(spatial: spatial, dim: d, size: size, offset: offset)
        lpPointer.pointee.indexOfDim[d] = slot
        lpPointer.pointee.explicitMask |= 1 << d
        slot += 1
      }
      guard spatialCount >= 1 else {
        return .failure(.init("\(dataflow.name): cluster level \(index) has no SpatialMap"))
      }
      guard spatialCount <= 2 else {
        return .failure(.init("\(dataflow.name): cluster level \(index) has \(spatialCount) SpatialMaps; at most two are supported"))
      }
      // Dimensions not written: a one-step TemporalMap over the whole dimension at level 0; below, the
      // upper level's map size (MAESTRO inherits the directive; its size is what L1 requirements use).
      for d in 0..<Dim.count where lpPointer.pointee.explicitMask & (1 << d) == 0 {
        let size = index == 0 ? layer[MaestroDimension(rawValue: d)!] : {
          let upper = levels + (index - 1)
          return upper.pointee.directives[upper.pointee.indexOfDim[d]].size
        }()
        lpPointer.pointee.directives[slot] = PlannedDirective(spatial: false, dim: d, size: size, offset: size)
        lpPointer.pointee.indexOfDim[d] = slot
        slot += 1
      }
      let units = index + 1 < levelCount ? capacity[index] / capacity[index + 1] : capacity[index]
      guard units > 0 else {
        let cluster = dataflow.levels[index + 1].cluster?.text ?? "?"
        if index == 0 {
          return .failure(.init("\(dataflow.name)'s Cluster(\(cluster)) needs at least \(capacity[1]) PEs; this accelerator has \(pes)"))
        }
        return .failure(.init("\(dataflow.name)'s Cluster(\(cluster)) (\(capacity[index + 1]) PEs) is larger than the cluster around it (\(capacity[index]) PEs)"))
      }
      lpPointer.pointee.subUnits = units
    }
    return .success(levelCount)
  }
}

/// Why a (layer, accelerator) point cannot be analysed; `reason` is a sentence for a person.
public struct MaestroInvalid: Error, Hashable, Sendable {
  public var reason: String
  public init(_ reason: String) { self.reason = reason }
}
