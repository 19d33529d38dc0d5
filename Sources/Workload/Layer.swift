/// One layer's shape, in MAESTRO's dimension letters.
///
/// - N: batch. - G: groups (grouped convolution only; 1 otherwise). - K: output channels (per group).
/// - C: input channels (per group). - R, S: kernel rows and columns. - Y, X: **input** rows and columns.
///
/// A layer is a value that describes *what* is computed; cost models decide how. Two layers with equal
/// fields cost the same on any hardware, which is what the co-search cache relies on, so a layer carries
/// no name (``Network`` pairs names with layers).
public struct Layer: Hashable, Sendable, Codable {
  public var kind: LayerKind
  public var n: Int
  public var g: Int
  public var k: Int
  public var c: Int
  public var r: Int
  public var s: Int
  public var y: Int
  public var x: Int
  public var strideY: Int
  public var strideX: Int
  /// Zero padding added on each side (top and bottom rows; left and right columns).
  public var padY: Int
  public var padX: Int
  public var dilationY: Int
  public var dilationX: Int
  /// Whether the layer adds a bias per output channel (counted in parameters, and in FLOPs by some tables).
  public var bias: Bool
  /// Number of input tensors of an element-wise layer (2 for a residual add); 1 for other kinds.
  public var operands: Int

  /// Creates a layer. Defaults give a batch of one, one group, stride 1, no padding and no dilation.
  public init(
    kind: LayerKind, n: Int = 1, g: Int = 1, k: Int, c: Int, r: Int = 1, s: Int = 1, y: Int, x: Int,
    strideY: Int = 1, strideX: Int = 1, padY: Int = 0, padX: Int = 0, dilationY: Int = 1, dilationX: Int = 1,
    bias: Bool = false, operands: Int = 1
  ) {
    self.kind = kind
    self.n = n; self.g = g; self.k = k; self.c = c; self.r = r; self.s = s; self.y = y; self.x = x
    self.strideY = strideY; self.strideX = strideX
    self.padY = padY; self.padX = padX
    self.dilationY = dilationY; self.dilationX = dilationX
    self.bias = bias
    self.operands = operands
  }

  /// A square convolution with "same"-style arguments, the common case in search spaces.
  public static func convolution(
    in c: Int, out k: Int, kernel: Int, stride: Int = 1, padding: Int? = nil, dilation: Int = 1,
    input: Int, bias: Bool = false
  ) -> Layer {
    Layer(kind: .convolution, k: k, c: c, r: kernel, s: kernel, y: input, x: input, strideY: stride, strideX: stride,
          padY: padding ?? dilation * (kernel - 1) / 2, padX: padding ?? dilation * (kernel - 1) / 2,
          dilationY: dilation, dilationX: dilation, bias: bias)
  }

  /// A square depth-wise convolution over `channels` channels.
  public static func depthwise(
    channels: Int, kernel: Int, stride: Int = 1, padding: Int? = nil, dilation: Int = 1, input: Int
  ) -> Layer {
    Layer(kind: .depthwiseConvolution, k: channels, c: channels, r: kernel, s: kernel, y: input, x: input,
          strideY: stride, strideX: stride,
          padY: padding ?? dilation * (kernel - 1) / 2, padX: padding ?? dilation * (kernel - 1) / 2,
          dilationY: dilation, dilationX: dilation)
  }

  /// A fully connected layer (`in` → `out` features) over `rows` rows (batch × tokens).
  public static func fullyConnected(in c: Int, out k: Int, rows: Int = 1, bias: Bool = true) -> Layer {
    Layer(kind: .gemm, k: k, c: c, y: rows, x: 1, bias: bias)
  }
}

// MARK: - Output size

extension Layer {
  /// Output rows: ⌊(Y + 2·padY − dilationY·(R−1) − 1) / strideY⌋ + 1 (PyTorch's Conv2d formula).
  public var outputY: Int { Self.outputSize(input: y, kernel: r, stride: strideY, padding: padY, dilation: dilationY) }
  /// Output columns, as ``outputY``.
  public var outputX: Int { Self.outputSize(input: x, kernel: s, stride: strideX, padding: padX, dilation: dilationX) }

  /// The output size of one spatial dimension; 0 when the (dilated) kernel does not fit.
  public static func outputSize(input: Int, kernel: Int, stride: Int, padding: Int, dilation: Int) -> Int {
    let span = dilation * (kernel - 1) + 1
    let room = input + 2 * padding - span
    guard room >= 0, stride > 0 else { return 0 }
    return room / stride + 1
  }

  /// Output channels of the whole layer (G·K for grouped convolutions).
  public var outputChannels: Int {
    switch kind {
    case .groupedConvolution: g * k
    case .depthwiseConvolution, .pooling, .batchNorm, .activation, .channelShuffle, .identity: c
    case .elementwise(.concat): c * operands
    case .elementwise: c
    case .convolution, .transposedConvolution, .gemm: k
    }
  }

  /// Input channels of the whole layer (G·C for grouped convolutions).
  public var inputChannels: Int { kind == .groupedConvolution ? g * c : c }
}
