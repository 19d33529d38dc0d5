// Counting conventions (MACs, parameters, FLOPs, tensor sizes). Duet reports MACs by default; a
// published table's own "FLOPs" convention is applied on top of these counts (see Spaces).

extension Layer {
  /// Multiply-accumulates of one inference of the layer.
  ///
  /// Convolutions: N·K·C·R·S·Y'·X' (×G for grouped; no K for depth-wise); dilation does not change the
  /// count. Transposed convolution: every input pixel meets every kernel tap, N·K·C·R·S·Y·X. GEMM:
  /// N·Y·X rows × K·C. Every other kind: 0.
  ///
  /// - Complexity: O(1).
  public var macs: Int64 {
    let spatialOut = Int64(outputY) * Int64(outputX)
    let nb = Int64(n)
    switch kind {
    case .convolution:
      return nb * Int64(k) * Int64(c) * Int64(r) * Int64(s) * spatialOut
    case .depthwiseConvolution:
      return nb * Int64(c) * Int64(r) * Int64(s) * spatialOut
    case .groupedConvolution:
      return nb * Int64(g) * Int64(k) * Int64(c) * Int64(r) * Int64(s) * spatialOut
    case .transposedConvolution:
      return nb * Int64(k) * Int64(c) * Int64(r) * Int64(s) * Int64(y) * Int64(x)
    case .gemm:
      return nb * Int64(y) * Int64(x) * Int64(k) * Int64(c)
    default:
      return 0
    }
  }

  /// Learnable weights and biases, counted as most NAS tables do: convolution and GEMM weights, biases
  /// where ``bias`` is set, and batch-norm's γ and β (running statistics are buffers, not parameters).
  public var parameters: Int64 {
    let weights = weightElements
    switch kind {
    case .batchNorm:
      return 2 * Int64(c)
    default:
      return weights + (bias && kind.isMACLayer ? Int64(outputChannels) : 0)
    }
  }

  /// Elements of the weight tensor (0 for kinds without weights; batch-norm's affine terms are not
  /// a weight tensor an accelerator streams).
  public var weightElements: Int64 {
    switch kind {
    case .convolution, .transposedConvolution: Int64(k) * Int64(c) * Int64(r) * Int64(s)
    case .depthwiseConvolution: Int64(c) * Int64(r) * Int64(s)
    case .groupedConvolution: Int64(g) * Int64(k) * Int64(c) * Int64(r) * Int64(s)
    case .gemm: Int64(k) * Int64(c)
    default: 0
    }
  }

  /// Elements read from the input tensor(s): N·C·Y·X per operand.
  public var inputElements: Int64 { Int64(n) * Int64(inputChannels) * Int64(y) * Int64(x) * Int64(operands) }

  /// Elements written to the output tensor.
  public var outputElements: Int64 {
    if kind == .transposedConvolution {
      return Int64(n) * Int64(outputChannels) * Int64(transposedOutputY) * Int64(transposedOutputX)
    }
    return Int64(n) * Int64(outputChannels) * Int64(outputY) * Int64(outputX)
  }

  /// Output rows of a transposed convolution: (Y−1)·stride − 2·pad + dilation·(R−1) + 1.
  public var transposedOutputY: Int { (y - 1) * strideY - 2 * padY + dilationY * (r - 1) + 1 }
  /// Output columns of a transposed convolution.
  public var transposedOutputX: Int { (x - 1) * strideX - 2 * padX + dilationX * (s - 1) + 1 }

  /// Floating-point operations, Duet's convention: 2 per MAC, plus one add per output element for a
  /// bias; pooling R·S per output element; element-wise add/multiply (operands − 1) per output element;
  /// batch-norm 2 per element (scale and shift); activation 1 per element; concat, shuffle and identity 0.
  public var flops: Int64 {
    let out = outputElements
    switch kind {
    case .convolution, .depthwiseConvolution, .groupedConvolution, .transposedConvolution, .gemm:
      return 2 * macs + (bias ? out : 0)
    case .pooling: return out * Int64(r) * Int64(s)
    case .elementwise(.concat), .channelShuffle, .identity: return 0
    case .elementwise: return out * Int64(operands - 1)
    case .batchNorm: return 2 * out
    case .activation: return out
    }
  }
}
