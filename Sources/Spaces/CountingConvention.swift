public import Workload

/// How a published table counts "FLOPs" and parameters, applied to a lowered ``Network``.
///
/// Duet reports multiply-accumulates; every NAS table here also counts MACs, but each authors'
/// counter adds or drops a few terms (a classifier bias, batch-norm and ReLU elements, a global pool,
/// weights of unused modules). Each rule below reproduces its table row for row; the derivations and
/// worked examples are in `docs/spaces.md`. The conventions live here, in one place, so a test or a
/// report that compares with a table names the rule it uses.
public struct CountingConvention: Hashable, Sendable, CustomStringConvertible {
  /// The name used in space files and on the command line (`nb201`, `fbnet-flopth`, …).
  public let name: String
  /// What is counted, in one sentence.
  public let summary: String
  /// A GEMM's bias adds one operation per output (NAS-Bench-201's counter).
  let gemmBias: Bool
  /// Operations per batch-norm output element (flopth: 2).
  let batchNormPerElement: Int64
  /// Operations per activation output element (flopth: 1).
  let activationPerElement: Int64
  /// flopth keeps only the last call of a module: FBNet's ConvBlock calls one ReLU twice, so the ReLU
  /// that feeds the depth-wise convolution is not counted.
  let skipsActivationFeedingDepthwise: Bool
  /// Operations per pooling *input* element (flopth counts a global average pool that way).
  let poolingPerInputElement: Int64
  /// AttentiveNAS keeps a 1×1 C×C convolution in every identity shortcut and never runs it; its
  /// parameter count includes that weight.
  let identityHoldsUnusedWeight: Bool

  public var description: String { name }

  /// Duet's default: multiply-accumulates of convolutions and GEMMs; parameters with batch-norm γ, β
  /// and biases.
  public static let macs = CountingConvention(
    name: "macs", summary: "multiply-accumulates of convolutions and GEMMs (Duet's default)",
    gemmBias: false, batchNormPerElement: 0, activationPerElement: 0, skipsActivationFeedingDepthwise: false,
    poolingPerInputElement: 0, identityHoldsUnusedWeight: false)

  /// NAS-Bench-201 (`flop_benchmark.py`): MACs plus the classifier's bias.
  public static let nb201 = CountingConvention(
    name: "nb201", summary: "MACs plus one operation per classifier bias (NAS-Bench-201's counter)",
    gemmBias: true, batchNormPerElement: 0, activationPerElement: 0, skipsActivationFeedingDepthwise: false,
    poolingPerInputElement: 0, identityHoldsUnusedWeight: false)

  /// The FBNet table (HW-NAS-Bench's FBNet counted by flopth 0.1.5): MACs, 2 per batch-norm element,
  /// 1 per ReLU element (not the ReLU feeding a depth-wise conv), 1 per global-pool input element.
  public static let fbnetFlopth = CountingConvention(
    name: "fbnet-flopth",
    summary: "MACs + 2 per batch-norm element + 1 per ReLU element (one per ConvBlock) + the global pool's input elements (flopth)",
    gemmBias: false, batchNormPerElement: 2, activationPerElement: 1, skipsActivationFeedingDepthwise: true,
    poolingPerInputElement: 1, identityHoldsUnusedWeight: false)

  /// The AlphaNet table (AttentiveNAS subnets, OFA-style counter): MACs; parameters include the unused
  /// 1×1 weight of every identity shortcut.
  public static let alphanet = CountingConvention(
    name: "alphanet", summary: "MACs; parameters also count the unused C×C weight in every identity shortcut (AttentiveNAS)",
    gemmBias: false, batchNormPerElement: 0, activationPerElement: 0, skipsActivationFeedingDepthwise: false,
    poolingPerInputElement: 0, identityHoldsUnusedWeight: true)

  /// NAS-Bench-Macro (`count_FLOPs`): MACs.
  public static let nasbenchMacro = CountingConvention(
    name: "nasbench-macro", summary: "MACs (NAS-Bench-Macro's count_FLOPs)",
    gemmBias: false, batchNormPerElement: 0, activationPerElement: 0, skipsActivationFeedingDepthwise: false,
    poolingPerInputElement: 0, identityHoldsUnusedWeight: false)

  /// DARTS as counted by the semi-decoupled paper's code: MACs of the modules that run (no auxiliary head).
  public static let darts = CountingConvention(
    name: "darts", summary: "MACs of the modules that run at inference (no auxiliary head)",
    gemmBias: false, batchNormPerElement: 0, activationPerElement: 0, skipsActivationFeedingDepthwise: false,
    poolingPerInputElement: 0, identityHoldsUnusedWeight: false)

  /// Every convention, for listings and name lookup.
  public static let all: [CountingConvention] = [.macs, .nb201, .fbnetFlopth, .alphanet, .nasbenchMacro, .darts]

  /// The convention called `name`, or `nil`.
  public static func named(_ name: String) -> CountingConvention? {
    all.first { $0.name == name }
  }

  /// The table's "FLOPs" of a network, as a raw count (divide by 10⁶ for tables in millions).
  ///
  /// - Complexity: O(layers).
  public func flops(of network: Network) -> Int64 {
    var total: Int64 = 0
    let layers = network.layers
    // An index loop: `enumerated()` costs more than the arithmetic in unoptimised (test) builds.
    for index in 0..<layers.count {
      let layer = layers[index].layer
      switch layer.kind {
      case .convolution, .depthwiseConvolution, .groupedConvolution, .transposedConvolution:
        total += layer.macs
      case .gemm:
        total += layer.macs + (gemmBias && layer.bias ? Int64(layer.k) * Int64(layer.n) * Int64(layer.y) * Int64(layer.x) : 0)
      case .batchNorm:
        total += batchNormPerElement * layer.outputElements
      case .activation:
        guard activationPerElement != 0 else { continue }
        if skipsActivationFeedingDepthwise, feedsDepthwise(layers, after: index) { continue }
        total += activationPerElement * layer.outputElements
      case .pooling:
        total += poolingPerInputElement * layer.inputElements
      case .elementwise, .channelShuffle, .identity:
        continue
      }
    }
    return total
  }

  /// The table's parameter count of a network.
  public func parameters(of network: Network) -> Int64 {
    var total = network.parameters
    if identityHoldsUnusedWeight {
      for item in network.layers where item.layer.kind == .identity {
        total += Int64(item.layer.c) * Int64(item.layer.c)
      }
    }
    return total
  }

  /// Whether the next computing layer after `index` (channel shuffles move data only) is depth-wise.
  private func feedsDepthwise(_ layers: [NetworkLayer], after index: Int) -> Bool {
    var j = index + 1
    while j < layers.count, layers[j].layer.kind == .channelShuffle { j += 1 }
    return j < layers.count && layers[j].layer.kind == .depthwiseConvolution
  }
}
