import SeededRandom
import Foundation
import Spaces
import Testing
import Workload

/// `LoweringOptions(deadEdges: .prune)` on hand-worked cells: which edges a graph converter leaves.
@Suite("Lowering: dead cell edges")
struct DeadEdgeTests {
  static let prune = LoweringOptions(deadEdges: .prune)

  let nb201: SearchSpace
  init() throws { nb201 = try ShippedSpaces.nasbench201.get() }

  func lower(_ text: String, _ options: LoweringOptions = LoweringOptions(), in space: SearchSpace? = nil) throws -> Network {
    let space = space ?? nb201
    return try space.lower(try space.parse(text), dataset: space.defaultDataset, options: options)
  }

  /// A 3×3 ReLU-conv-BN edge of NB201 costs 16·16·9·32² = 32·32·9·16² = 64·64·9·8² = 2,359,296 MACs in
  /// every stage.
  static let conv3x3MACs: Int64 = 2_359_296

  @Test func keepIsTheDefaultAndLowersEveryEdge() throws {
    let text = "|nor_conv_3x3~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|none~1|avg_pool_3x3~2|"
    let plain = try lower(text)
    let keep = try lower(text, LoweringOptions(deadEdges: .keep))
    #expect(plain == keep)
    #expect(keep.layers.filter { $0.name.contains(".e0-1.") }.count == 15 * 3)
  }

  /// Node 1 = conv3×3(x) feeds nothing (1→2 and 1→3 are `none`): its edge is dead. Node 3 = skip(x) +
  /// pool(node 2), node 2 = conv1×1(x): all live.
  @Test func anEdgeIntoANodeThatNeverReachesTheOutputIsDropped() throws {
    let text = "|nor_conv_3x3~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|none~1|avg_pool_3x3~2|"
    let keep = try lower(text), pruned = try lower(text, Self.prune)
    #expect(keep.macs - pruned.macs == 15 * Self.conv3x3MACs)
    #expect(!pruned.layers.contains { $0.name.contains(".e0-1.") })
    // Per cell the three layers of the dead edge go; the skip, 1×1 conv, pool and node-3 sum stay.
    #expect(keep.layers.count - pruned.layers.count == 15 * 3)
    #expect(pruned.layers.filter { $0.layer.kind == .elementwise(.add) && $0.name.hasSuffix("n3.add") }.count == 15)
  }

  /// A node that feeds nothing loses its edges and its sum: node 1 = skip(x); node 2 = conv1×1(x) +
  /// conv3×3(node 1), dead since 2→3 is `none`; node 3 = skip(x) + pool(node 1), a two-operand sum.
  @Test func nodeSumsCountOnlyKeptEdges() throws {
    let text = "|skip_connect~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|skip_connect~0|avg_pool_3x3~1|none~2|"
    let keep = try lower(text), pruned = try lower(text, Self.prune)
    #expect(keep.layers.contains { $0.name.hasSuffix("cell0.n2.add") })
    #expect(!pruned.layers.contains { $0.name.contains("cell0.n2.") || $0.name.contains("cell0.e0-2.") || $0.name.contains("cell0.e1-2.") })
    #expect(keep.macs - pruned.macs == 15 * (Self.conv3x3MACs + Self.conv3x3MACs / 9))
    #expect(pruned.layers.contains { $0.name.hasSuffix("cell0.n3.add") && $0.layer.operands == 2 })
  }

  /// An edge whose source only zero ops feed is kept when it reaches the output: HW-NAS-Bench's
  /// measured phones charge it (the converter does not fold it).
  @Test func edgesFromZeroFedNodesAreKeptWhenTheyReachTheOutput() throws {
    // node1 = none(x): zero-fed; node2 = conv1x1(x) + conv3x3(node1); node3 = skip(x) + conv1x1(node2)
    let text = "|none~0|+|nor_conv_1x1~0|nor_conv_3x3~1|+|skip_connect~0|none~1|nor_conv_1x1~2|"
    #expect(try lower(text) == (try lower(text, Self.prune)))
  }

  /// No path of non-zero edges joins the input to the output: the network is a constant and lowers to
  /// no layers, as a converter folds it (HW-NAS-Bench's phones measure ≈ 0 ms).
  @Test func aCutCellEmptiesTheNetwork() throws {
    for text in [
      "|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|none~0|none~1|none~2|",  // nothing enters node 3
      "|none~0|+|none~0|nor_conv_1x1~1|+|none~0|nor_conv_3x3~1|nor_conv_3x3~2|",  // node 3 fed by zero-fed nodes
    ] {
      #expect(try lower(text, Self.prune).layers.isEmpty, "\(text)")
      #expect(try !lower(text).layers.isEmpty)
    }
  }

  /// 341 of NB201's 15,625 cells are cut (HW-NAS-Bench's phone tables hold 341 architectures at ≈ 0 ms);
  /// pruning never adds MACs and changes nothing for cells without `none`.
  @Test func nasBench201Census() throws {
    var cut = 0
    for arch in nb201.enumerate() {
      let keep = try nb201.lower(arch, dataset: nb201.defaultDataset)
      let pruned = try nb201.lower(arch, dataset: nb201.defaultDataset, options: Self.prune)
      if pruned.layers.isEmpty { cut += 1 }
      #expect(pruned.macs <= keep.macs)
      if !nb201.canonicalString(arch).contains("none") { #expect(pruned == keep) }
    }
    #expect(cut == 341)
  }

  /// DARTS has no zero op and its first node reads both inputs: pruning changes nothing.
  @Test func spacesWithoutZeroOpsLowerAlike() throws {
    let darts = try ShippedSpaces.darts.get()
    var rng = SplitMix64(seed: 7)
    for arch in darts.sample(count: 20, using: &rng) {
      #expect(try darts.lower(arch, dataset: darts.defaultDataset)
        == (try darts.lower(arch, dataset: darts.defaultDataset, options: Self.prune)))
    }
  }

  /// A two-input cell with a concatenated output, preprocessing and a zero op: the generic machinery,
  /// not NB201's.
  static let twoInputSpace = """
    schema: duet/v1
    kind: space
    name: two-input
    datasets: [cifar10]
    ops:
      zero: {zero: true}
      conv:
        layers:
          - {type: conv, K: C_out, kernel: 3}
      pre:
        layers:
          - {type: conv, K: C_out, kernel: 1}
      stem:
        layers:
          - {type: conv, K: C_out, kernel: 3}
    cells:
      cell:
        inputs: 2
        nodes: 2
        edges: [0->2, 1->2, 1->3, 2->3]
        output: concat
        preprocess: [pre, pre]
        ops: [zero, conv]
    network:
      - {name: stem, op: stem, C_out: 8}
      - {cells: cell, count: 2, C: 8}

    """

  @Test func anInputNoKeptEdgeReadsIsNotPreprocessed() throws {
    let space = try SearchSpace(yaml: Self.twoInputSpace, file: "two-input.yaml")
    // node 2 = conv(in1), node 3 = conv(in1) + conv(node 2); input 0's only edge is zero.
    let text = "|zero~0|conv~1|+|conv~1|conv~2|"
    let keep = try lower(text, in: space), pruned = try lower(text, Self.prune, in: space)
    #expect(keep.layers.filter { $0.name.contains(".pre0") }.count == 2)
    #expect(!pruned.layers.contains { $0.name.contains(".pre0") })
    #expect(keep.layers.count - pruned.layers.count == 2)
    // Both intermediate nodes are outputs under concat: every non-zero edge stays.
    #expect(pruned.layers.filter { $0.name.contains(".e") }.count == 2 * 3)
  }

  @Test func aCutTwoInputCellEmptiesTheNetwork() throws {
    let space = try SearchSpace(yaml: Self.twoInputSpace, file: "two-input.yaml")
    // node 2 = nothing (zero-fed); node 3 = conv(node 2): no input reaches a concatenated node.
    let text = "|zero~0|zero~1|+|zero~1|conv~2|"
    #expect(try lower(text, Self.prune, in: space).layers.isEmpty)
    #expect(try lower(text, in: space).layers.count > 0)
  }

  /// Dead code across cells: when every cell ignores its newest input, cell 1 reads only the stem (its
  /// older input), so cell 0's output feeds nothing and cell 0 vanishes.
  @Test func aCellWhoseOutputNoLaterCellReadsVanishes() throws {
    let space = try SearchSpace(yaml: Self.twoInputSpace, file: "two-input.yaml")
    // node 2 = conv(in0), node 3 = conv(node 2); input 1 is never read.
    let text = "|conv~0|zero~1|+|zero~1|conv~2|"
    let keep = try lower(text, in: space), pruned = try lower(text, Self.prune, in: space)
    #expect(keep.layers.contains { $0.name.hasPrefix("cell0.") })
    #expect(!pruned.layers.contains { $0.name.hasPrefix("cell0.") })
    #expect(pruned.layers.map(\.name) == ["stem.conv", "cell1.pre0.conv", "cell1.e0-2.conv", "cell1.e2-3.conv", "cell1.concat"])
  }
}
