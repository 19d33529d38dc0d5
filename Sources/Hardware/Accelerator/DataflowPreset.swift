public import Workload

/// A named dataflow with the rule that picks a dataflow for each layer kind.
///
/// MAESTRO's frontend pastes the chosen template into every CONV layer but the `dpt` template into every
/// depth-wise (DSCONV) layer, whatever dataflow was asked for; the built-in presets keep that rule as
/// data (``kindOverrides``), so a user file can change it.
public struct DataflowPreset: Hashable, Sendable {
  public var dataflow: Dataflow
  /// Layer kinds priced with another dataflow than ``dataflow`` (by default: depth-wise → `dpt`).
  public var kindOverrides: [LayerKindClass: Dataflow]
  /// One line on what the preset is.
  public var summary: String

  public init(dataflow: Dataflow, kindOverrides: [LayerKindClass: Dataflow] = [:], summary: String = "") {
    self.dataflow = dataflow
    self.kindOverrides = kindOverrides
    self.summary = summary
  }

  public var name: String { dataflow.name }

  /// The dataflow for a layer of `kind`.
  public func dataflow(for kind: LayerKind) -> Dataflow { override(for: kind) ?? dataflow }

  /// The dataflow for layers of `kind` when it is not the main one. A linear scan of the few overrides'
  /// keys: hashing the kind for a dictionary lookup was about 3 % of a layer evaluation.
  @inline(__always)
  func override(for kind: LayerKind) -> Dataflow? {
    guard !kindOverrides.isEmpty, let kindClass = LayerKindClass(kind) else { return nil }
    for index in kindOverrides.indices where kindOverrides.keys[index] == kindClass { return kindOverrides.values[index] }
    return nil
  }
}

/// The MAC layer kinds a preset can map separately (the `layer_kinds:` keys of a dataflow file).
public enum LayerKindClass: String, Hashable, Sendable, CaseIterable {
  case conv, dwconv, gconv, trconv, gemm

  public init?(_ kind: LayerKind) {
    switch kind {
    case .convolution: self = .conv
    case .depthwiseConvolution: self = .dwconv
    case .groupedConvolution: self = .gconv
    case .transposedConvolution: self = .trconv
    case .gemm: self = .gemm
    default: return nil
    }
  }
}

extension DataflowPreset {
  /// The built-in presets, by name: `kc-p`, `yr-p`, `x-p` (MAESTRO's `kcp_ws`, `rs`, `xp_ws` frontend
  /// templates) and `dpt` (its depth-wise template). `accelerators/dataflows/*.yaml` hold the same data.
  public static let builtIn: [String: DataflowPreset] = {
    var all: [String: DataflowPreset] = [:]
    for preset in [kcP, yrP, xP, dpt] { all[preset.name] = preset }
    return all
  }()

  /// Names accepted for each built-in preset (Duet's and MAESTRO's).
  public static let aliases: [String: String] = [
    "kc-p": "kc-p", "kcp_ws": "kc-p", "yr-p": "yr-p", "rs": "yr-p", "x-p": "x-p", "xp_ws": "x-p", "dpt": "dpt",
  ]

  /// Looks up a built-in preset by Duet's or MAESTRO's name.
  public static func named(_ name: String) -> DataflowPreset? { aliases[name].flatMap { builtIn[$0] } }

  static func t(_ size: MapSize, _ offset: MapSize, _ d: DirectiveDimension) -> DataflowItem {
    .directive(.temporal(size, offset, d))
  }
  static func s(_ size: MapSize, _ offset: MapSize, _ d: DirectiveDimension) -> DataflowItem {
    .directive(.spatial(size, offset, d))
  }

  /// MAESTRO's `dpt.m`: channels across PEs, one output pixel at a time.
  public static let dptDataflow = Dataflow(name: "dpt", items: [
    s(.literal(1), .literal(1), .input(.c)),
    t(.full(.r), .literal(1), .input(.y)),
    t(.full(.s), .literal(1), .input(.x)),
    t(.full(.r), .full(.r), .input(.r)),
    t(.full(.s), .full(.s), .input(.s)),
  ])

  public static let dpt = DataflowPreset(
    dataflow: dptDataflow, summary: "depth-wise template of MAESTRO's frontend (dpt.m): channels across PEs")

  /// KC-P, NVDLA-like weight stationary (MAESTRO's `kcp_ws.m`): K across clusters of 64 PEs, 64 input
  /// channels across the PEs of a cluster.
  public static let kcP = DataflowPreset(
    dataflow: Dataflow(name: "kc-p", items: [
      s(.literal(1), .literal(1), .input(.k)),
      t(.literal(64), .literal(64), .input(.c)),
      t(.full(.r), .full(.r), .input(.r)),
      t(.full(.s), .full(.s), .input(.s)),
      t(.full(.r), .literal(1), .input(.y)),
      t(.full(.s), .literal(1), .input(.x)),
      .cluster(.literal(64)),
      s(.literal(1), .literal(1), .input(.c)),
      t(.full(.r), .literal(1), .input(.y)),
      t(.full(.s), .literal(1), .input(.x)),
      t(.full(.r), .full(.r), .input(.r)),
      t(.full(.s), .full(.s), .input(.s)),
    ]),
    kindOverrides: [.dwconv: dptDataflow],
    summary: "NVDLA-like (MAESTRO kcp_ws): K across 64-PE clusters, C across the PEs of a cluster")

  /// YR-P, Eyeriss-like row stationary (MAESTRO's `rs.m`): output rows across clusters of R PEs, filter
  /// row r and input row r on PE r of a cluster.
  public static let yrP = DataflowPreset(
    dataflow: Dataflow(name: "yr-p", items: [
      s(.literal(1), .literal(1), .outputRows),
      t(.literal(1), .literal(1), .outputColumns),
      t(.literal(1), .literal(1), .input(.c)),
      t(.literal(16), .literal(16), .input(.k)),
      t(.full(.r), .full(.r), .input(.r)),
      t(.full(.s), .full(.s), .input(.s)),
      .cluster(.full(.r)),
      s(.literal(1), .literal(1), .input(.y)),
      s(.literal(1), .literal(1), .input(.r)),
      t(.full(.s), .full(.s), .input(.s)),
    ]),
    kindOverrides: [.dwconv: dptDataflow],
    summary: "Eyeriss-like row stationary (MAESTRO rs): output rows across clusters of R PEs")

  /// X-P, weight stationary (MAESTRO's `xp_ws.m`): output columns across all PEs, weights broadcast.
  public static let xP = DataflowPreset(
    dataflow: Dataflow(name: "x-p", items: [
      t(.literal(1), .literal(1), .input(.k)),
      t(.literal(1), .literal(1), .input(.c)),
      t(.full(.r), .literal(1), .input(.y)),
      s(.full(.s), .literal(1), .input(.x)),
      t(.full(.r), .full(.r), .input(.r)),
      t(.full(.s), .full(.s), .input(.s)),
    ]),
    kindOverrides: [.dwconv: dptDataflow],
    summary: "weight stationary (MAESTRO xp_ws): output columns across all PEs")
}
