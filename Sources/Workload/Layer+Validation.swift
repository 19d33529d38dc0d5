extension Layer {
  /// Problems that make the shape meaningless (non-positive sizes, a kernel larger than the padded
  /// input, a depth-wise layer whose K differs from C). Empty for a valid layer.
  ///
  /// Loaders turn each problem into an error at the offending key; cost models refuse such layers.
  public var shapeProblems: [String] {
    var problems: [String] = []
    for (name, value) in [("N", n), ("G", g), ("K", k), ("C", c), ("R", r), ("S", s), ("Y", y), ("X", x),
                          ("stride_y", strideY), ("stride_x", strideX), ("dilation_y", dilationY),
                          ("dilation_x", dilationX), ("operands", operands)] where value <= 0 {
      problems.append("\(name) must be positive, got \(value)")
    }
    if padY < 0 || padX < 0 { problems.append("padding must not be negative") }
    if !problems.isEmpty { return problems }
    if kind != .transposedConvolution {
      if outputY <= 0 { problems.append("the kernel (R=\(r), dilation \(dilationY)) does not fit the padded input rows (Y=\(y), padding \(padY))") }
      if outputX <= 0 { problems.append("the kernel (S=\(s), dilation \(dilationX)) does not fit the padded input columns (X=\(x), padding \(padX))") }
    } else if transposedOutputY <= 0 || transposedOutputX <= 0 {
      problems.append("the transposed convolution has an empty output")
    }
    switch kind {
    case .depthwiseConvolution, .pooling, .batchNorm, .activation, .channelShuffle, .identity:
      if k != c { problems.append("K (\(k)) must equal C (\(c)) for a \(kind.name) layer") }
    case .elementwise(.add), .elementwise(.multiply):
      if k != c { problems.append("K (\(k)) must equal C (\(c)) for an element-wise layer") }
    case .elementwise(.concat):
      if k != c * operands { problems.append("K (\(k)) must equal C·operands (\(c * operands)) for a concat") }
    case .gemm:
      if r != 1 || s != 1 { problems.append("a GEMM has R = S = 1") }
    case .convolution, .groupedConvolution, .transposedConvolution:
      break
    }
    if kind != .groupedConvolution && g != 1 { problems.append("G (groups) is only used by grouped convolutions; got \(g)") }
    return problems
  }
}
