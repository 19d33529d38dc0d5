import SeededRandom
public import SpecFiles

/// A neural-architecture search space read from a `kind: space` YAML file (see `docs/spaces.md`).
///
/// A space is a list of **decisions** (each a list of choices) and a **skeleton** that turns one choice
/// per decision into layers: fixed op calls (stems, heads), stages of blocks (block-wise spaces such as
/// FBNet, MobileNet-V2, AlphaNet) and stacks of cells (DAG cells with an op per edge: NAS-Bench-201,
/// DARTS). An ``Architecture`` is a genome with one choice index per decision.
///
/// ```swift
/// let space = try SearchSpace.load(path: "spaces/nasbench201.yaml")
/// var rng = SplitMix64(seed: 1)
/// for arch in space.sample(count: 3, using: &rng) {
///   let network = try space.lower(arch, dataset: space.defaultDataset)
///   print(space.canonicalString(arch), network.macs)
/// }
/// ```
///
/// A space is a value; lowering keeps a thread-safe cache of the layers each op call produces, so
/// lowering many architectures of one space (all 15,625 of NAS-Bench-201) stays cheap.
public struct SearchSpace: Sendable {
  /// Short name (`nasbench201`), as in `duet space show nasbench201`.
  public let name: String
  /// One-line title.
  public let title: String
  /// What the space is, in a few sentences.
  public let summary: String
  /// Where the definition comes from (paper, repository).
  public let source: String
  /// The file the space was read from (for messages).
  public let file: String
  /// Every decision, in genome order.
  public let decisions: [Decision]
  /// The datasets the space can be built for; the first is the default.
  public let datasets: [Dataset]
  /// The counting convention of the space's published FLOPs table, if it has one.
  public let convention: CountingConvention?
  /// Where accuracies come from, per dataset name.
  public let accuracySources: [String: AccuracySourceSpec]

  let ops: [ResolvedOp]
  let parts: [Part]
  let cellTypes: [CellType]
  /// The groups of the canonical string, in order (see ``canonicalString(_:)``).
  let groups: [StringGroup]
  /// The input-resolution decision or fixed value overriding the dataset's, if any.
  let resolution: Source?
  let sites: SiteLayout
  let cache: LoweringCache

  /// Whether the space stacks DAG cells (NAS-Bench-201, DARTS) rather than blocks.
  public var isCellBased: Bool { !cellTypes.isEmpty }

  /// The dataset used when none is named.
  public var defaultDataset: Dataset { datasets[0] }

  /// When decision `index` is used, if not always: `MB2.depth ≥ 4` (a block past the shallowest depth).
  public func usage(ofDecision index: Int) -> String? {
    guard let activity = decisions[index].activity else { return nil }
    let depth = decisions[activity.depthDecision].name
    return "used when \(depth) ≥ \(activity.block + 1)"
  }

  /// The dataset called `name`, or `nil`.
  public func dataset(named name: String) -> Dataset? {
    datasets.first { $0.name == name }
  }

  /// The dataset called `name`, or the space's first (``defaultDataset``) when `name` is `nil`.
  ///
  /// - Throws: ``InputError`` naming the space's datasets when it has none called `name`.
  public func dataset(_ name: String?) throws(InputError) -> Dataset {
    guard let name else { return defaultDataset }
    guard let found = dataset(named: name) else {
      throw InputError("\(self.name) has no dataset \"\(name)\"; its datasets: \(datasets.map(\.name).joined(separator: ", "))")
    }
    return found
  }
}

/// One decision of a space: a named choice among labelled values.
public struct Decision: Hashable, Sendable {
  /// Where the decision sits (`MB2.depth`, `stage3.b1.op`, `cell.0->1`, `normal.n2.inputs`).
  public let name: String
  /// The choices as written in canonical strings (`3`, `k5_e6`, `nor_conv_3x3`, `0+1`).
  public let labels: [String]
  /// Number of choices.
  public var count: Int { labels.count }
  /// What each choice means to the lowering.
  let values: [Choice]
  /// When the decision only matters for some architectures (a block past the stage's depth), the rule.
  let activity: BlockActivity?
  /// The stage the decision belongs to for the FCC encoding, and whether it is a depth decision.
  let role: Role

  enum Role: Hashable, Sendable {
    /// Outside stages and cells (resolution, a fixed op call's width).
    case global
    /// A stage's depth.
    case depth(stage: Int)
    /// A stage-level (shared by all its blocks) or per-block feature.
    case stageFeature(stage: Int)
    case blockFeature(stage: Int, block: Int)
    /// A cell type's edge op or input choice.
    case cell(Int)

    var isDepth: Bool { if case .depth = self { true } else { false } }
  }
}

/// What a choice stands for.
enum Choice: Hashable, Sendable {
  case value(TemplateValue)
  case op(Int)
  /// The (distinct, ascending) input nodes of a DARTS-style node.
  case inputs([Int])

  var intValue: Int? {
    if case .value(let v) = self { return try? v.integer() }
    return nil
  }
}

/// A per-block decision is used only when the block is built: when the stage's depth, capped at the
/// number of blocks the supernet has, exceeds the block's index.
struct BlockActivity: Hashable, Sendable {
  var depthDecision: Int
  var block: Int
  var cap: Int
}

/// A value in the skeleton: fixed (an expression over the dataset's variables) or a decision.
enum Source: Sendable {
  case fixed(TemplateExpression)
  case decision(Int)
}

/// One part of the skeleton, in network order.
enum Part: Sendable {
  case call(OpCall)
  case stage(Stage)
  case cells(CellStack)
}

/// A fixed op call: a stem, a reduction block, a head.
struct OpCall: Sendable {
  var name: String
  var op: Source
  var cOut: Source?
  var stride: Source?
  var params: [(name: String, value: Source)]
}

/// A stage of blocks; the first block has the stage's stride.
struct Stage: Sendable {
  var name: String
  var op: Source
  var cOut: Source
  var stride: Source
  /// The depth (a decision, or fixed), and the most blocks the stage builds (depths above are capped).
  var depth: Source
  var depthCap: Int
  /// Block slots that exist (the largest capped depth).
  var slots: Int
  /// Op parameters shared by every block (fixed or a per-stage decision).
  var shared: [(name: String, value: Source)]
  /// Per-block decisions, one list per block slot: (parameter, decision). `op` selects the block's op.
  var perBlock: [[(name: String, decision: Int)]]
  /// Index among the stages (for the FCC encoding).
  var index: Int
}

/// A stack of identical-topology cells sharing one genotype.
struct CellStack: Sendable {
  var cellType: Int
  var count: Int
  var c: Source
  /// Global index of the stack's first cell (cells are numbered 0… across the network).
  var firstCell: Int
}

/// A DAG cell: input nodes, intermediate nodes, an op per edge.
struct CellType: Sendable {
  var name: String
  var inputs: Int
  var nodes: Int
  var topology: Topology
  var output: Output
  var reduction: Bool
  /// Op per input node, applied before the DAG (DARTS's preprocessing), or empty.
  var preprocess: [Int]
  /// The op choices of every edge.
  var ops: [Int]

  enum Topology: Sendable {
    /// Fixed edges (from, to), one op decision each, sorted by target then source (NAS-Bench-201).
    case fixed([(from: Int, to: Int, decision: Int)])
    /// Every intermediate node picks `k` distinct earlier nodes: a decision for the set, one op
    /// decision per picked input in ascending input order (DARTS).
    case chosen(k: Int, nodes: [(inputs: Int, ops: [Int])])
  }

  enum Output: String, Sendable {
    /// The last node (NAS-Bench-201).
    case last
    /// All intermediate nodes concatenated (DARTS).
    case concat
  }
}

/// A group of the canonical string.
enum StringGroup: Sendable {
  /// Decision values joined by `,`: stage-level or global decisions, then the per-block decisions of
  /// the built blocks when `stage` is set.
  case values(decisions: [Int], stage: Int?)
  /// A cell genotype.
  case cell(Int)
}

/// An op after resolving instances (`mb3_k3: {op: inverted_residual, expand: 3, kernel: 3}`).
struct ResolvedOp: Sendable {
  var name: String
  /// The template, or `nil` for a zero op (`none`), which produces nothing and feeds no sum.
  var template: OpTemplate?
  /// Parameters fixed by the instance.
  var bindings: [String: TemplateValue]
}

// MARK: - Genome helpers

extension SearchSpace {
  /// Whether decision `index` is used by `genome` (a block within its stage's depth).
  func isActive(_ index: Int, in genome: [UInt8]) -> Bool {
    guard let activity = decisions[index].activity else { return true }
    let depth = decisions[activity.depthDecision].values[Int(genome[activity.depthDecision])].intValue ?? 0
    return min(depth, activity.cap) > activity.block
  }

  /// Zeroes the unused decisions, so equal architectures have equal genomes.
  func canonicalized(_ genome: [UInt8]) -> [UInt8] {
    var g = genome
    for i in g.indices where g[i] != 0 && !isActive(i, in: g) { g[i] = 0 }
    return g
  }

  /// An architecture from choice indices, checked against the space and put in canonical form.
  ///
  /// - Throws: ``ArchitectureStringError`` naming the first index out of range.
  public func architecture(choices: [Int]) throws(ArchitectureStringError) -> Architecture {
    guard choices.count == decisions.count else {
      throw ArchitectureStringError(position: 1, problem: "expected \(decisions.count) choice indices (one per decision), got \(choices.count)")
    }
    for (i, c) in choices.enumerated() where c < 0 || c >= decisions[i].count {
      throw ArchitectureStringError(
        position: i + 1, decision: decisions[i].name,
        problem: "choice index \(c) is out of range; \(decisions[i].name) has \(decisions[i].count) choices (0…\(decisions[i].count - 1))")
    }
    return Architecture(genome: canonicalized(choices.map { UInt8($0) }))
  }
}
