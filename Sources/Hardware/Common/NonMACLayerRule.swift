public import Workload

/// How a cost model prices layers that are not multiply-accumulate layers (pooling, element-wise adds,
/// batch-norm, activations, shuffles, identities).
///
/// Rankings of architectures depend more on this convention than on most hardware settings (a space
/// whose cells mix 3×3 convs with average pools ranks differently when pools are free), so it is an
/// explicit, named choice that every result states.
public enum NonMACLayerRule: String, Hashable, Sendable, Codable, CaseIterable {
  /// Non-MAC layers cost nothing (MAESTRO prices only CONV/DSCONV/NGCONV/GEMM layers; batch-norm and
  /// activations fuse into the preceding convolution on every accelerator Duet models).
  case free
  /// A pooling layer is priced as a depth-wise convolution with the same window, stride and channels
  /// (one multiply-accumulate per window tap, per channel); element-wise adds and multiplies as a 1×1
  /// depth-wise convolution over C·operands channels; other non-MAC layers are free.
  case depthwise
  /// A pooling layer is priced as a dense convolution with the same window (C → C channels), as
  /// HW-NAS-Bench's Eyeriss simulator does; adds as in `depthwise`; other non-MAC layers are free.
  case convolution

  /// The MAC layer that stands in for `layer` under this rule, or `nil` when it is free. MAC layers are
  /// returned unchanged.
  public func pricedLayer(for layer: Layer) -> Layer? {
    if layer.kind.isMACLayer { return layer }
    switch (self, layer.kind) {
    case (.free, _):
      return nil
    case (.depthwise, .pooling), (.convolution, .pooling):
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
