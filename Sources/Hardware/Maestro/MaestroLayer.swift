public import Workload

/// A layer in MAESTRO's own convention: what the dataflow engine analyses.
///
/// MAESTRO has no padding and no dilation; its output size is ⌊(Y − R) / stride⌋ + 1 on the given input.
/// ``init(_:)`` maps a Duet ``Layer`` onto this convention (see docs/maestro.md, "Layer conventions").
public struct MaestroLayer: Hashable, Sendable {
  /// MAESTRO's layer types (`Type:` in a model file).
  public enum LayerType: String, Hashable, Sendable {
    /// `CONV`: input (N,C,Y,X), filter (K,C,R,S), output (N,K,Y',X').
    case conv = "CONV"
    /// `DSCONV`: depth-wise; input (N,C,Y,X), filter (C,R,S), output (N,C,Y',X'); K is not coupled.
    case depthwise = "DSCONV"
    /// `NGCONV` (ResNeXt): input (N,G,C,Y,X), filter (G,K,C,R,S), output (N,G,K,C,Y',X').
    case grouped = "NGCONV"
  }

  public var type: LayerType
  // Sizes in MAESTRO's letters; Y and X are input sizes.
  public var n: Int, g: Int, k: Int, c: Int, r: Int, s: Int, y: Int, x: Int
  public var strideY: Int
  public var strideX: Int

  public init(type: LayerType, n: Int = 1, g: Int = 1, k: Int, c: Int, r: Int, s: Int, y: Int, x: Int,
              strideY: Int = 1, strideX: Int = 1) {
    self.type = type
    self.n = n; self.g = g; self.k = k; self.c = c; self.r = r; self.s = s; self.y = y; self.x = x
    self.strideY = strideY
    self.strideX = strideX
  }

  /// The size of a dimension.
  public subscript(_ d: MaestroDimension) -> Int {
    switch d {
    case .n: n
    case .g: g
    case .k: k
    case .c: c
    case .r: r
    case .s: s
    case .y: y
    case .x: x
    }
  }

  /// Output rows as MAESTRO computes them: ⌊(Y − R) / stride⌋ + 1.
  public var outputRows: Int { (self[.y] - self[.r]) / strideY + 1 }
  /// Output columns: ⌊(X − S) / stride⌋ + 1.
  public var outputColumns: Int { (self[.x] - self[.s]) / strideX + 1 }

  /// Maps a Duet layer onto MAESTRO's convention, or returns why it cannot be.
  ///
  /// - Padding: the layer is priced on its padded input (Y + 2·pad), which gives the true output size.
  /// - Dilation: priced as a dense R×S convolution with the same output size (and so the same MACs),
  ///   on an input of (Y' − 1)·stride + R rows.
  /// - Transposed convolution: priced as the direct convolution over the zero-inserted, padded input
  ///   ((Y − 1)·stride + 1 + 2·(dilation·(R − 1) − pad) rows, stride 1), whose output is the transposed
  ///   output; MAESTRO's own `TRCONV` is analysed as `CONV` on the written sizes.
  /// - Depth-wise: `DSCONV` with K = 1, as MAESTRO's model files write it (Duet keeps K = C).
  /// - Grouped: `NGCONV` with Duet's per-group K and C.
  /// - GEMM (Y·X rows × C → K): `CONV` with R = S = 1 over Y×X, as MAESTRO's ncf/gnmt files write it.
  ///
  /// With `padding: .unpadded`, padding is ignored: the layer is priced on its unpadded input, as MAESTRO's
  /// PyTorch/Keras frontend writes model files (and so the semi-decoupled paper's); a "same" 3×3
  /// convolution on 16×16 is then priced with a 14×14 output.
  public static func convert(_ layer: Layer, padding: PaddingConvention = .padded) -> Result<MaestroLayer, MaestroLayerError> {
    // Quick checks first: `shapeProblems` builds strings, too slow for the co-search's hot path. One switch
    // on the kind: comparing `LayerKind`s (an enum with payloads) calls a function each time.
    let sizesPositive = min(layer.n, layer.g, layer.k, layer.c, layer.r, layer.s, layer.y, layer.x, layer.strideY,
                            layer.strideX, layer.dilationY, layer.dilationX) > 0 && min(layer.padY, layer.padX) >= 0
    let type: LayerType?
    var k = layer.k
    let kindConsistent: Bool
    var transposed = false, gemm = false, grouped = false
    switch layer.kind {
    case .convolution: type = .conv; kindConsistent = layer.g == 1
    case .transposedConvolution: type = .conv; transposed = true; kindConsistent = layer.g == 1
    case .gemm: type = .conv; gemm = true; kindConsistent = layer.r == 1 && layer.s == 1 && layer.g == 1
    case .depthwiseConvolution: type = .depthwise; k = 1; kindConsistent = layer.k == layer.c && layer.g == 1
    case .groupedConvolution: type = .grouped; grouped = true; kindConsistent = true
    default: type = nil; kindConsistent = layer.g == 1
    }
    let outputRows = transposed ? 0 : layer.outputY
    let outputColumns = transposed || outputRows <= 0 ? 0 : layer.outputX
    let outputNonEmpty = transposed || (outputRows > 0 && outputColumns > 0)
    if !(sizesPositive && kindConsistent && outputNonEmpty) {
      return .failure(.init(layer.shapeProblems.first ?? "the layer's shape is inconsistent"))
    }
    guard let type else { return .failure(.init("a \(layer.kind.name) layer has no multiply-accumulates for the PE array")) }
    var y = layer.y, x = layer.x, strideY = layer.strideY, strideX = layer.strideX
    if transposed {
      y = (layer.y - 1) * layer.strideY + 1 + 2 * (layer.dilationY * (layer.r - 1) - layer.padY)
      x = (layer.x - 1) * layer.strideX + 1 + 2 * (layer.dilationX * (layer.s - 1) - layer.padX)
      strideY = 1; strideX = 1
      if y < layer.r || x < layer.s { return .failure(.init("the transposed convolution has an empty output")) }
    } else if !gemm {
      let padY = padding == .padded ? layer.padY : 0, padX = padding == .padded ? layer.padX : 0
      let outY = padding == .padded ? outputRows
        : Layer.outputSize(input: layer.y, kernel: layer.r, stride: layer.strideY, padding: padY, dilation: layer.dilationY)
      let outX = padding == .padded ? outputColumns
        : Layer.outputSize(input: layer.x, kernel: layer.s, stride: layer.strideX, padding: padX, dilation: layer.dilationX)
      if outY <= 0 || outX <= 0 {
        return .failure(.init("the kernel (\(layer.r)×\(layer.s)) does not fit the unpadded input (\(layer.y)×\(layer.x))"))
      }
      if layer.dilationY == 1 { y = layer.y + 2 * padY } else { y = (outY - 1) * layer.strideY + layer.r }
      if layer.dilationX == 1 { x = layer.x + 2 * padX } else { x = (outX - 1) * layer.strideX + layer.s }
    }
    return .success(MaestroLayer(type: type, n: layer.n, g: grouped ? layer.g : 1, k: k,
                                 c: layer.c, r: layer.r, s: layer.s, y: y, x: x, strideY: strideY, strideX: strideX))
  }
}

/// How a padded layer is written in MAESTRO's convention (which has no padding).
public enum PaddingConvention: String, Hashable, Sendable, CaseIterable {
  /// On the padded input, Y + 2·pad: the true output size (Duet's default).
  case padded
  /// On the unpadded input, as MAESTRO's frontend writes model files.
  case unpadded
}

/// Why a layer cannot be analysed by the MAESTRO-like model.
public struct MaestroLayerError: Error, Hashable, Sendable {
  public var reason: String
  public init(_ reason: String) { self.reason = reason }
}
