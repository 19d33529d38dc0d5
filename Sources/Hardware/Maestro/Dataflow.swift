// Dataflows as data: MAESTRO's data-centric directives (Kwon et al., MICRO 2019, §3; MAESTRO's DFSL).
// A dataflow is a list of cluster levels; each level is a list of SpatialMap / TemporalMap directives,
// outer to inner like a loop nest. `Cluster(n)` between two levels groups n PEs into one sub-cluster.

/// One of MAESTRO's eight layer dimensions (N batch, G groups, K output channels, C input channels, R/S
/// kernel rows/columns, Y/X **input** rows/columns).
public enum MaestroDimension: Int, Hashable, Sendable, CaseIterable, Codable {
  case n = 0, g, k, c, r, s, y, x

  /// The letter MAESTRO writes.
  public var letter: String {
    switch self {
    case .n: "N"
    case .g: "G"
    case .k: "K"
    case .c: "C"
    case .r: "R"
    case .s: "S"
    case .y: "Y"
    case .x: "X"
    }
  }

  /// Parses a letter (`K`); case-sensitive, as in MAESTRO's files.
  public init?(letter: String) {
    guard let found = Self.allCases.first(where: { $0.letter == letter }) else { return nil }
    self = found
  }
}

/// The dimension a directive maps: an input-coordinate dimension, or an output coordinate (`Y'`, `X'`)
/// that MAESTRO converts to input rows/columns (size m' → m' + R − 1, offset o' → o'·stride).
public enum DirectiveDimension: Hashable, Sendable {
  case input(MaestroDimension)
  case outputRows  // Y'
  case outputColumns  // X'

  /// The input-coordinate dimension this directive moves (Y for `Y'`, X for `X'`).
  public var dimension: MaestroDimension {
    switch self {
    case .input(let d): d
    case .outputRows: .y
    case .outputColumns: .x
    }
  }

  public var text: String {
    switch self {
    case .input(let d): d.letter
    case .outputRows: "Y'"
    case .outputColumns: "X'"
    }
  }

  public init?(text: String) {
    switch text {
    case "Y'": self = .outputRows
    case "X'": self = .outputColumns
    default:
      guard let d = MaestroDimension(letter: text) else { return nil }
      self = .input(d)
    }
  }

  /// Every accepted spelling, for error messages.
  public static let spellings = MaestroDimension.allCases.map(\.letter) + ["Y'", "X'"]
}

/// A directive's size or offset: a number, or `Sz(D)`, the full size of a layer dimension.
public enum MapSize: Hashable, Sendable {
  case literal(Int)
  case full(MaestroDimension)

  public var text: String {
    switch self {
    case .literal(let v): "\(v)"
    case .full(let d): "Sz(\(d.letter))"
    }
  }
}

/// One data-centric directive.
public struct Directive: Hashable, Sendable {
  public enum Kind: String, Hashable, Sendable {
    /// Consecutive sub-units get chunks shifted by `offset`; one step covers size + offset·(P−1).
    case spatialMap = "SpatialMap"
    /// Every sub-unit gets the same chunk; the chunk advances by `offset` per step.
    case temporalMap = "TemporalMap"
  }

  public var kind: Kind
  public var size: MapSize
  public var offset: MapSize
  public var dimension: DirectiveDimension

  public init(_ kind: Kind, size: MapSize, offset: MapSize, _ dimension: DirectiveDimension) {
    self.kind = kind
    self.size = size
    self.offset = offset
    self.dimension = dimension
  }

  public static func spatial(_ size: MapSize, _ offset: MapSize, _ dimension: DirectiveDimension) -> Directive {
    Directive(.spatialMap, size: size, offset: offset, dimension)
  }

  public static func temporal(_ size: MapSize, _ offset: MapSize, _ dimension: DirectiveDimension) -> Directive {
    Directive(.temporalMap, size: size, offset: offset, dimension)
  }

  /// MAESTRO's spelling, `SpatialMap(1,1) K`.
  public var text: String { "\(kind.rawValue)(\(size.text),\(offset.text)) \(dimension.text)" }
}

/// One cluster level of a dataflow.
public struct DataflowLevel: Hashable, Sendable {
  /// The `Cluster(n)` that opens this level (PEs per sub-cluster of the level above); `nil` for level 0.
  public var cluster: MapSize?
  /// Directives, outer to inner.
  public var directives: [Directive]

  public init(cluster: MapSize?, directives: [Directive]) {
    self.cluster = cluster
    self.directives = directives
  }
}

/// A dataflow: cluster levels of directives (MAESTRO allows up to three `Cluster`s, four levels).
public struct Dataflow: Hashable, Sendable {
  /// A short name for tables (`kc-p`, `dpt`).
  public var name: String
  public var levels: [DataflowLevel]

  /// The most levels MAESTRO analyses (three `Cluster` directives).
  public static let maxLevels = 4

  public init(name: String, levels: [DataflowLevel]) {
    self.name = name
    self.levels = levels
  }

  /// Builds a dataflow from MAESTRO's flat directive list, cutting at each `Cluster(n)`.
  public init(name: String, items: [DataflowItem]) {
    var levels = [DataflowLevel(cluster: nil, directives: [])]
    for item in items {
      switch item {
      case .directive(let d): levels[levels.count - 1].directives.append(d)
      case .cluster(let n): levels.append(DataflowLevel(cluster: n, directives: []))
      }
    }
    self.init(name: name, levels: levels)
  }

  /// The flat list MAESTRO writes (directives with `Cluster(n)` between levels).
  public var items: [DataflowItem] {
    levels.flatMap { level in
      (level.cluster.map { [DataflowItem.cluster($0)] } ?? []) + level.directives.map { .directive($0) }
    }
  }

  /// Problems that make the dataflow unusable on any layer (checked when a file is read): too many
  /// levels, a level without a SpatialMap or with more than two, a dimension mapped twice in one level,
  /// a non-positive size or offset.
  public var problems: [String] {
    var found: [String] = []
    if levels.count > Self.maxLevels {
      found.append("\(levels.count - 1) Cluster directives; MAESTRO analyses at most \(Self.maxLevels - 1)")
    }
    for (index, level) in levels.enumerated() {
      let spatial = level.directives.filter { $0.kind == .spatialMap }.count
      if spatial == 0 { found.append("cluster level \(index) has no SpatialMap (every level must spread work over its sub-units)") }
      if spatial > 2 { found.append("cluster level \(index) has \(spatial) SpatialMaps; MAESTRO supports at most two per level") }
      var seen = Set<MaestroDimension>()
      for directive in level.directives {
        if !seen.insert(directive.dimension.dimension).inserted {
          found.append("cluster level \(index) maps \(directive.dimension.dimension.letter) twice")
        }
        for value in [directive.size, directive.offset] {
          if case .literal(let v) = value, v <= 0 { found.append("\(directive.text): sizes and offsets must be positive") }
        }
      }
      if case .literal(let v)? = level.cluster, v <= 0 { found.append("Cluster(\(v)): the cluster size must be positive") }
    }
    return found
  }
}

/// An entry of MAESTRO's flat dataflow list.
public enum DataflowItem: Hashable, Sendable {
  case directive(Directive)
  case cluster(MapSize)

  public var text: String {
    switch self {
    case .directive(let d): d.text
    case .cluster(let n): "Cluster(\(n.text))"
    }
  }
}
