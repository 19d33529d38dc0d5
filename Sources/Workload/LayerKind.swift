/// What a layer computes. Depth-wise, grouped and GEMM layers are kinds of their own, not conventions
/// on a convolution, so every cost model can treat them explicitly.
public enum LayerKind: Hashable, Sendable, Codable {
  /// Dense convolution (MAESTRO `CONV`): K output channels, C input channels, R×S kernel.
  case convolution
  /// Depth-wise convolution (MAESTRO `DSCONV`): one R×S filter per channel; K equals C.
  case depthwiseConvolution
  /// Grouped convolution (MAESTRO `NGCONV`, ResNeXt): G groups, each with C input and K output channels.
  case groupedConvolution
  /// Transposed convolution (MAESTRO `TRCONV`); its shape fields describe the equivalent convolution.
  case transposedConvolution
  /// Matrix multiply / fully connected: an (M × C) · (C × K) product with M = N·Y (rows), X = R = S = 1.
  case gemm
  /// Pooling over an R×S window, per channel (K equals C); a global pool has R = Y and S = X.
  case pooling(PoolingOperator)
  /// Element-wise operation over `operands` tensors of C×Y×X (residual add, concat, SE scaling).
  case elementwise(ElementwiseOperator)
  /// Batch normalisation (inference: a per-channel scale and shift).
  case batchNorm
  /// A point-wise activation function.
  case activation(Activation)
  /// A channel permutation (ShuffleNet / FBNet groups); moves data, computes nothing.
  case channelShuffle
  /// An identity connection (a skip edge); costs nothing, kept so networks keep their structure.
  case identity

  /// Whether the layer performs multiply-accumulates with weights.
  public var hasWeights: Bool {
    switch self {
    case .convolution, .depthwiseConvolution, .groupedConvolution, .transposedConvolution, .gemm, .batchNorm: true
    default: false
    }
  }

  /// Whether the layer is one of the multiply-accumulate kinds an accelerator's PE array runs.
  public var isMACLayer: Bool {
    switch self {
    case .convolution, .depthwiseConvolution, .groupedConvolution, .transposedConvolution, .gemm: true
    default: false
    }
  }

  /// A short name for tables (`conv`, `dwconv`, `pool.max`, …).
  public var name: String {
    switch self {
    case .convolution: "conv"
    case .depthwiseConvolution: "dwconv"
    case .groupedConvolution: "gconv"
    case .transposedConvolution: "trconv"
    case .gemm: "gemm"
    case .pooling(let op): "pool.\(op.rawValue)"
    case .elementwise(let op): "eltwise.\(op.rawValue)"
    case .batchNorm: "batchnorm"
    case .activation(let f): "act.\(f.rawValue)"
    case .channelShuffle: "shuffle"
    case .identity: "identity"
    }
  }

  /// Every spelling accepted by ``init(name:)``.
  public static let allNames: [String] =
    ["conv", "dwconv", "gconv", "trconv", "gemm", "batchnorm", "shuffle", "identity"]
    + PoolingOperator.allCases.map { "pool.\($0.rawValue)" }
    + ElementwiseOperator.allCases.map { "eltwise.\($0.rawValue)" }
    + Activation.allCases.map { "act.\($0.rawValue)" }

  /// Parses a name produced by ``name``.
  public init?(name: String) {
    switch name {
    case "conv": self = .convolution
    case "dwconv": self = .depthwiseConvolution
    case "gconv": self = .groupedConvolution
    case "trconv": self = .transposedConvolution
    case "gemm": self = .gemm
    case "batchnorm": self = .batchNorm
    case "shuffle": self = .channelShuffle
    case "identity": self = .identity
    default:
      let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
      guard parts.count == 2 else { return nil }
      switch parts[0] {
      case "pool": guard let op = PoolingOperator(rawValue: parts[1]) else { return nil }; self = .pooling(op)
      case "eltwise": guard let op = ElementwiseOperator(rawValue: parts[1]) else { return nil }; self = .elementwise(op)
      case "act": guard let f = Activation(rawValue: parts[1]) else { return nil }; self = .activation(f)
      default: return nil
      }
    }
  }
}

public enum PoolingOperator: String, Hashable, Sendable, Codable, CaseIterable {
  case max, average
}

public enum ElementwiseOperator: String, Hashable, Sendable, Codable, CaseIterable {
  /// Sum of the operands (residual connection, DAG node sum).
  case add
  /// Product of the operands (squeeze-and-excitation scaling).
  case multiply
  /// Concatenation along channels of `operands` tensors of C channels each (output C·operands).
  case concat
}

public enum Activation: String, Hashable, Sendable, Codable, CaseIterable {
  case relu, relu6, swish, hswish, sigmoid, hsigmoid
  /// GELU (transformer MLPs), exact or tanh-approximated.
  case gelu
  /// Softmax along the channel (feature) axis: one exponential and one division per element, plus a
  /// sum per row.
  case softmax
  case tanh
}
