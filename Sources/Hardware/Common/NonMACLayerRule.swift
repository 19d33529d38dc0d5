public import Workload

/// How a cost model prices layers that are not multiply-accumulate layers (pooling, element-wise adds,
/// batch-norm, activations, shuffles, identities).
///
/// Rankings of architectures depend more on this convention than on most hardware settings (a space
/// whose cells mix 3×3 convs with average pools ranks differently when pools are free), so it is an
/// explicit, named choice that every result states. In YAML: `non_mac_layers: free | depthwise |
/// convolution | hw-nas-bench`.
///
/// | rule | pooling (R×S window, C channels) | element-wise add / multiply | everything else |
/// |---|---|---|---|
/// | `free` | free | free | free |
/// | `depthwise` | depth-wise R×S conv, C channels | 1×1 depth-wise conv over C·operands channels | free |
/// | `convolution` | dense R×S conv, C → C | as `depthwise` | free |
/// | `hw-nas-bench` | dense R×S conv, C → C | free | free |
///
/// Batch-norm and activations are free under every rule: every hardware Duet models fuses them into the
/// preceding convolution (or folds batch-norm into its weights).
public enum NonMACLayerRule: String, Hashable, Sendable, Codable, CaseIterable {
  /// Non-MAC layers cost nothing (MAESTRO prices only CONV/DSCONV/NGCONV/GEMM layers). The default of
  /// the MAESTRO-like accelerator model.
  case free
  /// A pooling layer is priced as a depth-wise convolution with the same window, stride and channels
  /// (one multiply-accumulate per window tap, per channel: the physical cost of an average pool on a MAC
  /// array); element-wise adds and multiplies as a 1×1 depth-wise convolution over C·operands channels
  /// (one operation per input element). The default of the FPGA model, whose depth-wise engine runs them.
  case depthwise
  /// A pooling layer is priced as a dense convolution with the same window (C → C channels: C times the
  /// MACs of `depthwise`); adds as in `depthwise`.
  case convolution
  /// HW-NAS-Bench's simulator convention (its Eyeriss and FPGA columns): a pool costs what a dense
  /// convolution of the same window costs, as in `convolution`, and element-wise adds are free (the
  /// simulators price a cell edge by edge and never the node sums). A compatibility rule for matching
  /// those columns, not a physical one: an average pool does 1/C of a convolution's work.
  case hwNASBench = "hw-nas-bench"

  /// The MAC layer that stands in for `layer` under this rule, or `nil` when it is free. MAC layers are
  /// returned unchanged.
  public func pricedLayer(for layer: Layer) -> Layer? {
    if layer.kind.isMACLayer { return layer }
    switch (self, layer.kind) {
    case (.free, _):
      return nil
    case (.depthwise, .pooling), (.convolution, .pooling), (.hwNASBench, .pooling):
      var priced = layer
      priced.kind = self == .depthwise ? .depthwiseConvolution : .convolution
      priced.k = layer.c
      return priced
    case (.depthwise, .elementwise(.add)), (.depthwise, .elementwise(.multiply)),
      (.convolution, .elementwise(.add)), (.convolution, .elementwise(.multiply)):
      return Layer(kind: .depthwiseConvolution, n: layer.n, k: layer.c * layer.operands, c: layer.c * layer.operands,
                   y: layer.y, x: layer.x)
    default:
      return nil
    }
  }
}
