import Foundation
import Workload

// Each operator: its output shapes, and the layer that prices it (or none). docs/interchange.md lists
// the mapping.

extension GraphImporter {
  mutating func process(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    guard node.domain.isEmpty || node.domain == "ai.onnx" else {
      return try unsupported(node, index: index, "operators of domain \"\(node.domain)\" are not supported")
    }
    switch node.opType {
    case "Conv": try convolution(node, index: index)
    case "ConvTranspose": try transposedConvolution(node, index: index)
    case "Gemm": try gemm(node, index: index)
    case "MatMul": try matMul(node, index: index)
    case "MaxPool", "AveragePool": try pool(node, index: index)
    case "GlobalAveragePool", "GlobalMaxPool": try globalPool(node, index: index)
    case "ReduceMean", "ReduceMax": try reduce(node, index: index)
    case "Add", "Sub", "Mul", "Div", "Sum": try elementwise(node, index: index)
    case "Concat": try concat(node, index: index)
    case "Split": try split(node, index: index)
    case "BatchNormalization", "InstanceNormalization", "GroupNormalization", "LayerNormalization":
      try normalization(node, index: index)
    case "Relu": try activation(node, index: index, .relu)
    case "Clip": try clip(node, index: index)
    case "Sigmoid": try activation(node, index: index, .sigmoid)
    case "HardSigmoid": try activation(node, index: index, .hsigmoid)
    case "HardSwish": try activation(node, index: index, .hswish)
    case "Gelu": try activation(node, index: index, .gelu)
    case "Erf": try activation(node, index: index, .gelu)
    case "Softmax": try activation(node, index: index, .softmax)
    case "Tanh": try activation(node, index: index, .tanh)
    case "Pad": try pad(node, index: index)
    case "Resize", "Upsample": try resize(node, index: index)
    case "Reshape": try reshape(node, index: index)
    case "Flatten": try flatten(node, index: index)
    case "Transpose": try transpose(node, index: index)
    case "Squeeze", "Unsqueeze": try squeeze(node, index: index)
    case "Shape": try shape(node, index: index)
    case "Gather": try gather(node, index: index)
    case "Slice": try slice(node, index: index)
    case "Constant": try constant(node, index: index)
    case "ConstantOfShape": try constantOfShape(node, index: index)
    case "Identity": try identity(node, index: index)
    case "Dropout", "Cast": try passThrough(node, index: index)
    case "Expand": try expand(node, index: index)
    case _ where Self.foldable.contains(node.opType) && node.input.allSatisfy({ $0.isEmpty || values[$0]?.isConstant == true }):
      try foldConstants(node, index: index)
    default:
      try unsupported(node, index: index, "operator \(node.opType) is not supported (docs/interchange.md lists those Duet prices)")
    }
  }

  /// Under `--unsupported skip`: the first output takes the shape the file declares for it, else the
  /// first input's, and keeps reading from the first input's producer.
  mutating func unsupported(_ node: ONNXNodeProto, index: Int, _ reason: String) throws(NodeProblem) {
    guard options.unsupported == .skip else { throw NodeProblem(reason + "; --unsupported skip prices the rest") }
    let first = try optionalInput(node, 0)
    var dims = first?.dims
    if let name = node.output.first, let declaredDims = declared[name]?.declaredDims,
       declaredDims.allSatisfy({ $0.value != nil }) {
      dims = declaredDims.map { Int(clamping: $0.value!) }
    }
    guard let dims else { throw NodeProblem(reason + "; it cannot be skipped: its output shape is unknown") }
    skipped.add(node.opType, node: node.name)
    try setOutput(node, Value(dims: dims, numbers: nil, source: first?.source ?? .constant, channelAxis: first?.channelAxis))
  }

  /// Arithmetic that exporters leave on constants (a scale computed as Pow(d, -0.5), masks): folded by
  /// any runtime, and by Duet when every input is a constant.
  static let foldable: Set<String> = [
    "Pow", "Sqrt", "Neg", "Exp", "Log", "Reciprocal", "Floor", "Ceil", "Abs", "Max", "Min", "Equal", "Less",
    "Greater", "Where", "Not", "And", "Or", "Range", "Mod",
  ]

  mutating func foldConstants(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    var operands: [Value] = []
    for name in node.input where !name.isEmpty { operands.append(try value(name)) }
    var dims = operands.first?.dims ?? []
    for o in operands.dropFirst() { dims = try broadcast(dims, o.dims) }
    var numbers: [Double]? = nil
    if node.opType == "Range", operands.count == 3, let s = operands[0].numbers?.first, let l = operands[1].numbers?.first,
       let d = operands[2].numbers?.first, d != 0 {
      let steps = ((l - s) / d).rounded(.up)
      guard steps.isFinite, steps <= 65536 else { throw NodeProblem("Range of \(steps) values") }
      let count = max(0, Int(steps))
      numbers = (0..<count).map { s + Double($0) * d }
      dims = [count]
    } else if operands.allSatisfy({ $0.numbers?.count == 1 }) {
      let v = operands.map { $0.numbers![0] }
      let result: Double? = switch node.opType {
        case "Pow": pow(v[0], v[1])
        case "Sqrt": v[0].squareRoot()
        case "Neg": -v[0]
        case "Exp": exp(v[0])
        case "Log": log(v[0])
        case "Reciprocal": 1 / v[0]
        case "Floor": v[0].rounded(.down)
        case "Ceil": v[0].rounded(.up)
        case "Abs": abs(v[0])
        case "Max": v.max()
        case "Min": v.min()
        default: nil
      }
      if let result { numbers = [result] }
    }
    noteFree(node)
    try setOutput(node, Value(dims: dims, numbers: numbers, source: .constant))
  }

  /// Records a node that becomes no layer.
  mutating func noteFree(_ node: ONNXNodeProto) {
    free.add(node.opType, node: node.name)
  }

  // MARK: Convolutions and GEMMs

  mutating func convolution(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let x = try input(node, 0)
    let w = try input(node, 1, "the weights")
    guard x.rank == 3 || x.rank == 4 else { throw NodeProblem("\(x.rank - 2)-D convolutions are not supported (input \(x.dims))") }
    guard w.rank == x.rank else { throw NodeProblem("the weights \(w.dims) do not match the input \(x.dims)") }
    let group = try node.int("group") ?? 1
    let outChannels = w.dims[0], channelsPerGroup = w.dims[1], inChannels = x.dims[1]
    guard group >= 1, group <= inChannels, channelsPerGroup * group == inChannels, outChannels % group == 0, outChannels > 0 else {
      throw NodeProblem("the input has \(inChannels) channels; the weights \(w.dims) with \(group) group(s) expect \(channelsPerGroup * group)")
    }
    let kernel = Array(w.dims[2...])
    if let declaredKernel = try node.ints("kernel_shape"), declaredKernel != kernel {
      throw NodeProblem("kernel_shape \(declaredKernel) differs from the weights' \(kernel)")
    }
    let windows = try self.windows(node, input: Array(x.dims[2...]), kernel: kernel, ceilMode: false)
    let (wy, wx) = windows.count == 2 ? (windows[0], windows[1]) : (Window.unit, windows[0])
    var kind = LayerKind.convolution
    var g = 1, k = outChannels, c = inChannels
    if group > 1 {
      if group == inChannels && outChannels == inChannels {
        kind = .depthwiseConvolution
      } else {
        kind = .groupedConvolution
        g = group; k = outChannels / group; c = channelsPerGroup
      }
    }
    let layer = Layer(kind: kind, n: x.dims[0], g: g, k: k, c: c, r: wy.kernel, s: wx.kernel, y: wy.duetInput, x: wx.duetInput,
                      strideY: wy.stride, strideX: wx.stride, padY: wy.duetPad, padX: wx.duetPad,
                      dilationY: wy.dilation, dilationX: wx.dilation, bias: node.input(2) != nil)
    let l = try emit(layer, node: node, index: index, reads: [x.source])
    let out = [x.dims[0], outChannels] + windows.map(\.output)
    try setOutput(node, Value(dims: out, numbers: nil, source: .layer(l), channelAxis: 1))
  }

  mutating func transposedConvolution(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let x = try input(node, 0)
    let w = try input(node, 1, "the weights")
    guard x.rank == 3 || x.rank == 4, w.rank == x.rank else {
      throw NodeProblem("only 1-D and 2-D transposed convolutions are supported (input \(x.dims), weights \(w.dims))")
    }
    let group = try node.int("group") ?? 1
    guard group == 1 else { throw NodeProblem("grouped transposed convolutions (group \(group)) are not supported") }
    guard w.dims[0] == x.dims[1], w.dims[1] > 0 else {
      throw NodeProblem("the input has \(x.dims[1]) channels; the weights \(w.dims) expect \(w.dims[0])")
    }
    let kernel = Array(w.dims[2...])
    let spatial = kernel.count
    let strides = try node.ints("strides") ?? Array(repeating: 1, count: spatial)
    let dilations = try node.ints("dilations") ?? Array(repeating: 1, count: spatial)
    var pads = try node.ints("pads") ?? Array(repeating: 0, count: 2 * spatial)
    let outputPadding = try node.ints("output_padding") ?? Array(repeating: 0, count: spatial)
    let outputShape = try node.ints("output_shape")
    guard strides.count == spatial, dilations.count == spatial, pads.count == 2 * spatial, outputPadding.count == spatial,
          strides.allSatisfy({ $0 >= 1 && $0 <= maximumWindow }), dilations.allSatisfy({ $0 >= 1 && $0 <= maximumWindow }),
          pads.allSatisfy({ $0 >= 0 && $0 <= maximumWindow }), outputPadding.allSatisfy({ $0 >= 0 && $0 <= maximumWindow }),
          kernel.allSatisfy({ $0 >= 1 && $0 <= maximumWindow })
    else { throw NodeProblem("invalid strides, dilations, pads or output_padding") }
    let autoPad = try node.string("auto_pad") ?? "NOTSET"
    var outputs: [Int] = []
    for i in 0..<spatial {
      let full = strides[i] * (x.dims[2 + i] - 1) + outputPadding[i] + (kernel[i] - 1) * dilations[i] + 1
      if let outputShape {
        guard outputShape.count >= spatial else { throw NodeProblem("output_shape \(outputShape) has too few sizes") }
        let target = outputShape[outputShape.count - spatial + i]
        guard target >= 1, target <= maximumDimension else { throw NodeProblem("output_shape \(outputShape) is invalid") }
        let total = max(0, full - target)
        pads[i] = autoPad == "SAME_LOWER" ? total - total / 2 : total / 2
        pads[i + spatial] = total - pads[i]
        outputs.append(target)
      } else if autoPad == "SAME_UPPER" || autoPad == "SAME_LOWER" {
        let target = x.dims[2 + i] * strides[i]
        let total = max(0, full - target)
        pads[i] = autoPad == "SAME_LOWER" ? total - total / 2 : total / 2
        pads[i + spatial] = total - pads[i]
        outputs.append(target)
      } else {
        if autoPad == "VALID" { pads[i] = 0; pads[i + spatial] = 0 }
        outputs.append(full - pads[i] - pads[i + spatial])
      }
      guard outputs[i] >= 1 else { throw NodeProblem("the transposed convolution's output is empty") }
    }
    // Duet's transposed layer counts every input pixel against every kernel tap (output padding and
    // uneven padding change the output size, not the MACs); its output size formula has one padding.
    let yi = spatial == 2 ? 0 : -1
    func pick(_ a: [Int], _ i: Int, _ unit: Int) -> Int { i < 0 ? unit : a[i] }
    let xi = spatial - 1
    let layer = Layer(
      kind: .transposedConvolution, n: x.dims[0], k: w.dims[1], c: x.dims[1],
      r: pick(kernel, yi, 1), s: kernel[xi], y: spatial == 2 ? x.dims[2] : 1, x: x.dims[2 + xi],
      strideY: pick(strides, yi, 1), strideX: strides[xi],
      padY: yi < 0 ? 0 : min(pads[yi], pads[yi + spatial]), padX: min(pads[xi], pads[xi + spatial]),
      dilationY: pick(dilations, yi, 1), dilationX: dilations[xi], bias: node.input(2) != nil)
    let l = try emit(layer, node: node, index: index, reads: [x.source])
    try setOutput(node, Value(dims: [x.dims[0], w.dims[1]] + outputs, numbers: nil, source: .layer(l), channelAxis: 1))
  }

  mutating func gemm(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let a = try input(node, 0), b = try input(node, 1)
    guard a.rank == 2, b.rank == 2 else { throw NodeProblem("Gemm needs 2-D operands, got \(a.dims) and \(b.dims)") }
    let transA = try node.int("transA") ?? 0, transB = try node.int("transB") ?? 0
    let (m, kA) = transA != 0 ? (a.dims[1], a.dims[0]) : (a.dims[0], a.dims[1])
    let (kB, n) = transB != 0 ? (b.dims[1], b.dims[0]) : (b.dims[0], b.dims[1])
    guard kA == kB else { throw NodeProblem("operand shapes \(a.dims) and \(b.dims) do not multiply (transA \(transA), transB \(transB))") }
    let layer = Layer(kind: .gemm, k: n, c: kA, y: m, x: 1, bias: node.input(2) != nil)
    let l = try emit(layer, node: node, index: index, reads: [a.source, b.source])
    try setOutput(node, Value(dims: [m, n], numbers: nil, source: .layer(l), channelAxis: 1))
  }

  mutating func matMul(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let a = try input(node, 0), b = try input(node, 1)
    guard a.rank >= 1, b.rank >= 1 else { throw NodeProblem("MatMul of scalars") }
    let aDims = a.rank == 1 ? [1] + a.dims : a.dims
    let bDims = b.rank == 1 ? b.dims + [1] : b.dims
    let m = aDims[aDims.count - 2], kA = aDims[aDims.count - 1]
    let kB = bDims[bDims.count - 2], n = bDims[bDims.count - 1]
    guard kA == kB else { throw NodeProblem("operand shapes \(a.dims) and \(b.dims) do not multiply") }
    let batch = try broadcast(Array(aDims.dropLast(2)), Array(bDims.dropLast(2)))
    guard let batchCount = elementCount(batch), batchCount >= 1 else { throw NodeProblem("empty batch in MatMul") }
    if a.isConstant && b.isConstant && a.numbers == nil {
      // Constants only: folded by any runtime, no layer.
      noteFree(node)
      try setOutput(node, Value(dims: batch + [m, n], numbers: nil, source: .constant))
      return
    }
    let layer = Layer(kind: .gemm, n: Int(batchCount), k: n, c: kA, y: m, x: 1)
    let l = try emit(layer, node: node, index: index, reads: [a.source, b.source])
    var out = batch
    if a.rank > 1 { out.append(m) }
    if b.rank > 1 { out.append(n) }
    try setOutput(node, Value(dims: out, numbers: nil, source: .layer(l), channelAxis: out.count - 1))
  }

  // MARK: Pooling

  mutating func pool(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let x = try input(node, 0)
    guard x.rank == 3 || x.rank == 4 else { throw NodeProblem("only 1-D and 2-D pooling is supported (input \(x.dims))") }
    guard let kernel = try node.ints("kernel_shape"), kernel.count == x.rank - 2 else {
      throw NodeProblem("kernel_shape is missing or does not match the input \(x.dims)")
    }
    let windows = try self.windows(node, input: Array(x.dims[2...]), kernel: kernel, ceilMode: (try node.int("ceil_mode") ?? 0) != 0,
                                   dilated: node.opType == "MaxPool")
    let (wy, wx) = windows.count == 2 ? (windows[0], windows[1]) : (Window.unit, windows[0])
    let op: PoolingOperator = node.opType == "MaxPool" ? .max : .average
    let layer = Layer(kind: .pooling(op), n: x.dims[0], k: x.dims[1], c: x.dims[1], r: wy.kernel, s: wx.kernel,
                      y: wy.duetInput, x: wx.duetInput, strideY: wy.stride, strideX: wx.stride,
                      padY: wy.duetPad, padX: wx.duetPad, dilationY: wy.dilation, dilationX: wx.dilation)
    let l = try emit(layer, node: node, index: index, reads: [x.source])
    try setOutput(node, Value(dims: [x.dims[0], x.dims[1]] + windows.map(\.output), numbers: nil, source: .layer(l), channelAxis: 1))
  }

  mutating func globalPool(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let x = try input(node, 0)
    guard x.rank == 3 || x.rank == 4 else { throw NodeProblem("only 1-D and 2-D pooling is supported (input \(x.dims))") }
    try emitGlobalPool(node, index: index, x: x, op: node.opType == "GlobalMaxPool" ? .max : .average, keepDims: true)
  }

  /// A pool whose window is the whole map: R = Y, S = X.
  mutating func emitGlobalPool(_ node: ONNXNodeProto, index: Int, x: Value, op: PoolingOperator, keepDims: Bool) throws(NodeProblem) {
    let h = x.rank == 4 ? x.dims[2] : 1, w = x.dims[x.rank - 1]
    let layer = Layer(kind: .pooling(op), n: x.dims[0], k: x.dims[1], c: x.dims[1], r: h, s: w, y: h, x: w)
    let l = try emit(layer, node: node, index: index, reads: [x.source])
    let out = keepDims ? [x.dims[0], x.dims[1]] + Array(repeating: 1, count: x.rank - 2) : [x.dims[0], x.dims[1]]
    try setOutput(node, Value(dims: out, numbers: nil, source: .layer(l), channelAxis: 1))
  }

  /// ReduceMean / ReduceMax over the spatial axes of a channel-first map: a global pool.
  mutating func reduce(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let x = try input(node, 0)
    var axes: [Int]?
    // Axes moved from an attribute to an input in opset 18.
    if opset >= 18, node.input(1) != nil {
      axes = try integers(try numbers(node, 1, "the axes")!, "the axes")
    } else {
      axes = try node.ints("axes")
    }
    let keepDims = (try node.int("keepdims") ?? 1) != 0
    let normalized = try (axes ?? Array(0..<x.rank)).map { (a) throws(NodeProblem) in try normalizeAxis(a, rank: x.rank) }
    let spatial = Set(2..<max(2, x.rank))
    guard x.rank >= 3, Set(normalized) == spatial, x.axis == 1 else {
      throw NodeProblem("\(node.opType) over axes \(normalized) of a \(x.dims) tensor is not a pooling; Duet prices \(node.opType) over the spatial axes of an N×C×H×W map (a LayerNormalization written out as ReduceMean: export with opset 17 or later)")
    }
    try emitGlobalPool(node, index: index, x: x, op: node.opType == "ReduceMax" ? .max : .average, keepDims: keepDims)
  }

  // MARK: Element-wise

  mutating func elementwise(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    var operands: [(name: String, value: Value)] = []
    for name in node.input where !name.isEmpty { operands.append((name, try value(name))) }
    guard operands.count >= (node.opType == "Sum" ? 1 : 2) else { throw NodeProblem("needs two operands") }
    var dims = operands[0].value.dims
    for o in operands.dropFirst() { dims = try broadcast(dims, o.value.dims) }
    let variable = operands.filter { !$0.value.isConstant }
    if variable.isEmpty {
      noteFree(node)
      try setOutput(node, Value(dims: dims, numbers: foldArithmetic(node.opType, operands.map(\.value), dims: dims), source: .constant))
      return
    }
    let isMultiply = node.opType == "Mul"
    if variable.count == 1 {
      var v = variable[0].value
      // A bias added to a GEMM's (or convolution's) output: the layer's bias.
      if node.opType == "Add", case .layer(let l) = v.source, consumers[variable[0].name] == 1,
         layers[l].layer.kind.isMACLayer, !layers[l].layer.bias,
         let constant = operands.first(where: { $0.value.isConstant })?.value,
         elementCount(constant.dims) == Int64(layers[l].layer.outputChannels), v.pattern == .none {
        layers[l].layer.bias = true
      }
      // An add or a scale by constants: folded into the neighbouring layers by any runtime.
      noteFree(node)
      v.dims = dims
      v.numbers = nil
      if v.pattern != .none, case .groupedChannels = v.pattern { v.pattern = .none }
      try setOutput(node, v)
      return
    }
    if isMultiply && variable.count == 2 {
      for (x, f) in [(variable[0], variable[1]), (variable[1], variable[0])] where consumers[f.name] == 1 {
        switch f.value.pattern {
        case .sigmoid(let of, let l) where of == x.value.source && x.value.dims == f.value.dims:
          layers[l].layer.kind = .activation(.swish)
          noteFree(node)
          try setOutput(node, Value(dims: dims, numbers: nil, source: .layer(l), channelAxis: x.value.channelAxis))
          return
        case .hardSigmoid(let of, let l) where of == x.value.source && x.value.dims == f.value.dims:
          layers[l].layer.kind = .activation(.hswish)
          noteFree(node)
          try setOutput(node, Value(dims: dims, numbers: nil, source: .layer(l), channelAxis: x.value.channelAxis))
          return
        case .gelu(let of, let l) where of == x.value.source && x.value.dims == f.value.dims:
          noteFree(node)
          try setOutput(node, Value(dims: dims, numbers: nil, source: .layer(l), channelAxis: x.value.channelAxis))
          return
        default: break
        }
      }
    }
    // A sum or product of tensors the network computes: residual adds, node sums, SE scaling.
    let full = variable.first { $0.value.dims == dims }?.value ?? variable[0].value
    let axis = full.rank == dims.count ? full.axis : defaultChannelAxis(rank: dims.count)
    let (n, c, y, x) = try elementShape(dims, axis: axis)
    let op: ElementwiseOperator = (isMultiply || node.opType == "Div") ? .multiply : .add
    let layer = Layer(kind: .elementwise(op), n: n, k: c, c: c, y: y, x: x, operands: variable.count)
    let l = try emit(layer, node: node, index: index, reads: variable.map(\.value.source))
    try setOutput(node, Value(dims: dims, numbers: nil, source: .layer(l), channelAxis: axis))
  }

  mutating func concat(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    var operands: [Value] = []
    for name in node.input where !name.isEmpty { operands.append(try value(name)) }
    guard let first = operands.first else { throw NodeProblem("Concat of nothing") }
    guard let rawAxis = try node.int("axis") else { throw NodeProblem("missing attribute axis") }
    let axis = try normalizeAxis(rawAxis, rank: first.rank)
    var dims = first.dims
    for o in operands.dropFirst() {
      guard o.rank == first.rank, (0..<o.rank).allSatisfy({ $0 == axis || o.dims[$0] == first.dims[$0] }) else {
        throw NodeProblem("operands \(first.dims) and \(o.dims) do not concatenate along axis \(axis)")
      }
      dims[axis] += o.dims[axis]
    }
    let variable = operands.filter { !$0.isConstant }
    if variable.isEmpty {
      noteFree(node)
      var numbers: [Double]? = nil
      if first.rank == 1 {
        numbers = []
        for o in operands { if let n = o.numbers { numbers! += n } else { numbers = nil; break } }
      }
      try setOutput(node, Value(dims: dims, numbers: numbers, source: .constant))
      return
    }
    if variable.count == 1 {
      // A constant joined to one computed tensor (a class token): data movement, no layer.
      noteFree(node)
      var v = variable[0]
      v.dims = dims
      v.pattern = .none
      try setOutput(node, v)
      return
    }
    let channelAxis = variable[0].axis
    let (n, c, y, x) = try elementShape(dims, axis: channelAxis)
    let layer: Layer
    let widths = variable.map { $0.dims[channelAxis] }
    if axis == channelAxis && variable.count == operands.count && Set(widths).count == 1 {
      layer = Layer(kind: .elementwise(.concat), n: n, k: c, c: widths[0], y: y, x: x, operands: widths.count)
    } else {
      // Branches of different widths (Inception): one operand of the total width; the edges still name
      // every branch.
      layer = Layer(kind: .elementwise(.concat), n: n, k: c, c: c, y: y, x: x, operands: 1)
    }
    let l = try emit(layer, node: node, index: index, reads: variable.map(\.source))
    try setOutput(node, Value(dims: dims, numbers: nil, source: .layer(l), channelAxis: channelAxis))
  }

  mutating func split(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let x = try input(node, 0)
    let axis = try normalizeAxis(try node.int("axis") ?? 0, rank: x.rank)
    let outputs = node.output.count
    guard outputs >= 1 else { throw NodeProblem("Split without outputs") }
    var sizes: [Int]
    if opset >= 13, node.input(1) != nil {
      sizes = try integers(try numbers(node, 1, "the split sizes")!, "the split sizes")
    } else if opset < 13, let given = try node.ints("split") {
      sizes = given
    } else {
      // Equal parts (the last one smaller when num_outputs does not divide the axis, opset 18).
      let size = x.dims[axis]
      let part = (size + outputs - 1) / outputs
      sizes = (0..<outputs).map { i in max(0, min(part, size - i * part)) }
    }
    guard sizes.count == outputs, sizes.allSatisfy({ $0 >= 0 && $0 <= maximumDimension }), sizes.reduce(0, +) == x.dims[axis] else {
      throw NodeProblem("split sizes \(sizes) do not divide axis \(axis) of \(x.dims) into \(outputs) outputs")
    }
    noteFree(node)
    for (i, size) in sizes.enumerated() {
      var v = x
      v.dims[axis] = size
      v.numbers = nil
      v.pattern = .none
      try setOutput(node, v, index: i)
    }
  }

  mutating func normalization(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let x = try input(node, 0)
    guard x.rank >= 2 else { throw NodeProblem("normalisation of a \(x.dims) tensor") }
    // LayerNormalization normalises the last axes (features); the others, the channels (axis 1).
    var axis = 1
    if node.opType == "LayerNormalization" {
      axis = x.rank - 1
    }
    let (n, c, y, w) = try elementShape(x.dims, axis: axis)
    let layer = Layer(kind: .batchNorm, n: n, k: c, c: c, y: y, x: w)
    let l = try emit(layer, node: node, index: index, reads: [x.source])
    try setOutput(node, Value(dims: x.dims, numbers: nil, source: .layer(l), channelAxis: x.channelAxis ?? (node.opType == "LayerNormalization" ? nil : 1)))
  }

  mutating func activation(_ node: ONNXNodeProto, index: Int, _ function: Activation) throws(NodeProblem) {
    let x = try input(node, 0)
    let (n, c, y, w) = try elementShape(x.dims, axis: x.axis)
    let layer = Layer(kind: .activation(function), n: n, k: c, c: c, y: y, x: w)
    let l = try emit(layer, node: node, index: index, reads: [x.source])
    var out = Value(dims: x.dims, numbers: nil, source: .layer(l), channelAxis: x.channelAxis)
    switch node.opType {
    case "Sigmoid": out.pattern = .sigmoid(of: x.source, layer: l)
    case "HardSigmoid": out.pattern = .hardSigmoid(of: x.source, layer: l)
    case "Erf": out.pattern = .gelu(of: x.source, layer: l)  // erf(x/√2): the core of the exact GELU
    default: break
    }
    try setOutput(node, out)
  }

  /// Clip(0, 6) is ReLU6 and Clip(0, ∞) ReLU; bounds moved from attributes to inputs in opset 11.
  mutating func clip(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    var low: Double?, high: Double?
    if opset >= 11 {
      low = try numbers(node, 1, "the lower bound")?.first
      high = try numbers(node, 2, "the upper bound")?.first
    } else {
      low = try node.float("min")
      high = try node.float("max")
    }
    let lowIsZero = low.map { abs($0) < 1e-6 } ?? false
    if lowIsZero && high.map({ abs($0 - 6) < 1e-5 }) ?? false {
      try activation(node, index: index, .relu6)
    } else if lowIsZero && (high == nil || high!.isInfinite || high! >= 3.4e38) {
      try activation(node, index: index, .relu)
    } else {
      try unsupported(node, index: index, "Clip to [\(low.map { "\($0)" } ?? "-∞"), \(high.map { "\($0)" } ?? "∞")] is not supported (Duet prices Clip(0, 6) as ReLU6 and Clip(0, ∞) as ReLU)")
    }
  }

  mutating func identity(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let x = try input(node, 0)
    // An identity of a weight (exporters share initializers this way) is nothing; of computed data, or
    // of the zeros standing for a cell node that only zero ops feed, a skip edge.
    if x.isConstant && x.pattern != .zeros {
      noteFree(node)
      try setOutput(node, x)
      return
    }
    let (n, c, y, w) = try elementShape(x.dims, axis: x.axis)
    let l = try emit(Layer(kind: .identity, n: n, k: c, c: c, y: y, x: w), node: node, index: index, reads: [x.source])
    try setOutput(node, Value(dims: x.dims, numbers: nil, source: .layer(l), channelAxis: x.channelAxis))
  }

  // MARK: Shape operators (no layer)

  mutating func passThrough(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let x = try input(node, 0)
    noteFree(node)
    try setOutput(node, x)
    if node.opType == "Dropout" && node.output.count > 1 {
      try setOutput(node, Value(dims: x.dims, numbers: nil, source: .constant), index: 1)
    }
  }

  mutating func pad(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    var x = try input(node, 0)
    var pads: [Int]
    if opset >= 11 {
      pads = try integers(try numbers(node, 1, "the pads") ?? [], "the pads")
    } else {
      if let named = try node.ints("pads") {
        pads = named
      } else {
        pads = try node.ints("paddings") ?? []
      }
    }
    var axes = Array(0..<x.rank)
    if opset >= 18, node.input(3) != nil {
      axes = try integers(try numbers(node, 3, "the axes")!, "the axes").map { (a) throws(NodeProblem) in try normalizeAxis(a, rank: x.rank) }
    }
    guard pads.count == 2 * axes.count, pads.allSatisfy({ abs($0) <= maximumDimension }) else {
      throw NodeProblem("pads \(pads) do not match \(axes.count) axes")
    }
    for (i, axis) in axes.enumerated() {
      let size = x.dims[axis] + pads[i] + pads[i + axes.count]
      guard size >= 0, size <= maximumDimension else { throw NodeProblem("pads \(pads) give an invalid shape") }
      x.dims[axis] = size
    }
    x.numbers = nil
    x.pattern = .none
    noteFree(node)
    try setOutput(node, x)
  }

  mutating func resize(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    var x = try input(node, 0)
    var scales: [Double]?
    var sizes: [Int]?
    if node.opType == "Upsample" && opset < 9 {
      scales = try node.floats("scales")
    } else if node.opType == "Upsample" || opset < 11 {
      scales = try numbers(node, 1, "the scales")
    } else {
      if node.input(3) != nil, let s = try numbers(node, 3, "the sizes"), !s.isEmpty { sizes = try integers(s, "the sizes") }
      if sizes == nil, let s = try numbers(node, 2, "the scales"), !s.isEmpty { scales = s }
    }
    var axes = Array(0..<x.rank)
    if opset >= 18, let given = try node.ints("axes") {
      axes = try given.map { (a) throws(NodeProblem) in try normalizeAxis(a, rank: x.rank) }
    }
    if let sizes {
      guard sizes.count == axes.count else { throw NodeProblem("sizes \(sizes) do not match the input \(x.dims)") }
      for (i, a) in axes.enumerated() { x.dims[a] = sizes[i] }
    } else if let scales {
      guard scales.count == axes.count, scales.allSatisfy({ $0 > 0 && $0 < 1e6 }) else {
        throw NodeProblem("scales \(scales) do not match the input \(x.dims)")
      }
      for (i, a) in axes.enumerated() { x.dims[a] = Int((Double(x.dims[a]) * scales[i]).rounded(.down)) }
    } else {
      throw NodeProblem("cannot infer the output shape: neither scales nor sizes are given")
    }
    x.numbers = nil
    x.pattern = .none
    noteFree(node)
    try setOutput(node, x)
  }

  mutating func reshape(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let x = try input(node, 0)
    var target: [Int]
    if opset < 5 {
      target = try node.ints("shape") ?? []
    } else {
      target = try integers(try numbers(node, 1, "the target shape") ?? [], "the target shape")
    }
    let allowZero = (try node.int("allowzero") ?? 0) != 0
    var unknown: Int?
    for (i, d) in target.enumerated() {
      if d == 0 && !allowZero {
        guard i < x.rank else { throw NodeProblem("target shape \(target) copies axis \(i) of \(x.dims), which does not exist") }
        target[i] = x.dims[i]
      } else if d == -1 {
        guard unknown == nil else { throw NodeProblem("target shape \(target) has more than one -1") }
        unknown = i
      } else if d < 0 {
        throw NodeProblem("target shape \(target) has a negative size")
      }
    }
    guard let total = elementCount(x.dims) else { throw NodeProblem("input too large") }
    if let u = unknown {
      var rest = target
      rest[u] = 1
      guard let known = elementCount(rest), known > 0, total % known == 0 else {
        throw NodeProblem("cannot reshape \(x.dims) to \(target)")
      }
      target[u] = Int(total / known)
    }
    guard elementCount(target) == total else { throw NodeProblem("cannot reshape \(x.dims) (\(total) elements) to \(target)") }
    try setReshaped(node, x, to: target)
    // N×C×H×W → N×g×C/g×H×W: the first step of a channel shuffle.
    if x.rank == 4, target.count == 5, x.axis == 1, target[0] == x.dims[0], target[1] * target[2] == x.dims[1],
       target[3] == x.dims[2], target[4] == x.dims[3], !x.isConstant {
      values[node.output[0]]?.pattern = .groupedChannels(groups: target[1])
    }
  }

  mutating func flatten(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let x = try input(node, 0)
    let axis = try node.int("axis") ?? 1
    let a = axis < 0 ? axis + x.rank : axis
    guard a >= 0, a <= x.rank else { throw NodeProblem("axis \(axis) is out of range for \(x.dims)") }
    let target = [Int(elementCount(Array(x.dims[..<a])) ?? 0), Int(elementCount(Array(x.dims[a...])) ?? 0)]
    try setReshaped(node, x, to: target)
  }

  /// A shape operator's output: `x`'s data in a new shape (its numbers kept), its channel axis followed.
  mutating func setReshaped(_ node: ONNXNodeProto, _ x: Value, to dims: [Int]) throws(NodeProblem) {
    var out = x
    out.dims = dims
    out.channelAxis = reshapedAxis(x, to: dims)
    out.pattern = .none
    noteFree(node)
    try setOutput(node, out)
  }

  mutating func transpose(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let x = try input(node, 0)
    let perm = try node.ints("perm") ?? Array((0..<x.rank).reversed())
    guard perm.count == x.rank, Set(perm) == Set(0..<x.rank) else { throw NodeProblem("perm \(perm) does not permute \(x.dims)") }
    let dims = perm.map { x.dims[$0] }
    if case .groupedChannels = x.pattern, perm == [0, 2, 1, 3, 4] {
      // The channel shuffle: N×g×C/g×H×W → N×C/g×g×H×W (then reshaped back).
      let c = x.dims[1] * x.dims[2]
      let l = try emit(Layer(kind: .channelShuffle, n: x.dims[0], k: c, c: c, y: x.dims[3], x: x.dims[4]),
                       node: node, index: index, reads: [x.source])
      try setOutput(node, Value(dims: dims, numbers: nil, source: .layer(l), channelAxis: nil))
      return
    }
    var out = x
    out.dims = dims
    out.numbers = x.rank <= 1 ? x.numbers : nil
    out.channelAxis = perm.firstIndex(of: x.axis)
    out.pattern = .none
    noteFree(node)
    try setOutput(node, out)
  }

  mutating func squeeze(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let x = try input(node, 0)
    var axes: [Int]?
    if opset >= 13 {
      if node.input(1) != nil { axes = try integers(try numbers(node, 1, "the axes")!, "the axes") }
    } else {
      axes = try node.ints("axes")
    }
    var dims = x.dims
    if node.opType == "Squeeze" {
      let normalized = try (axes ?? x.dims.indices.filter { x.dims[$0] == 1 }).map { (a) throws(NodeProblem) in try normalizeAxis(a, rank: x.rank) }
      for a in normalized where dims[a] != 1 { throw NodeProblem("cannot squeeze axis \(a) of \(x.dims)") }
      dims = x.dims.indices.filter { !normalized.contains($0) }.map { x.dims[$0] }
    } else {
      guard let axes else { throw NodeProblem("Unsqueeze without axes") }
      let rank = x.rank + axes.count
      let normalized = try axes.map { (a) throws(NodeProblem) in try normalizeAxis(a, rank: rank) }.sorted()
      guard Set(normalized).count == normalized.count else { throw NodeProblem("repeated axes \(axes)") }
      for a in normalized { dims.insert(1, at: a) }
    }
    try setReshaped(node, x, to: dims)
  }

  mutating func shape(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let x = try input(node, 0)
    var start = try node.int("start") ?? 0, end = try node.int("end") ?? x.rank
    if start < 0 { start += x.rank }
    if end < 0 { end += x.rank }
    start = min(max(start, 0), x.rank)
    end = min(max(end, start), x.rank)
    noteFree(node)
    try setOutput(node, Value(dims: [end - start], numbers: x.dims[start..<end].map(Double.init), source: .constant))
  }

  mutating func gather(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let data = try input(node, 0), indices = try input(node, 1, "the indices")
    let axis = try normalizeAxis(try node.int("axis") ?? 0, rank: data.rank)
    let dims = Array(data.dims[..<axis]) + indices.dims + Array(data.dims[(axis + 1)...])
    var numbers: [Double]? = nil
    if data.rank == 1, let values = data.numbers, let picks = indices.numbers {
      numbers = []
      for p in try integers(picks, "the indices") {
        let i = p < 0 ? p + values.count : p
        guard i >= 0, i < values.count else { throw NodeProblem("index \(p) is out of range for \(data.dims)") }
        numbers!.append(values[i])
      }
    }
    var out = data.isConstant ? indices : data
    if data.isConstant && indices.isConstant { out.source = .constant }
    out.dims = dims
    out.numbers = numbers
    out.pattern = .none
    out.channelAxis = data.isConstant ? nil : (axis < data.axis ? data.axis + indices.rank - 1 : axis == data.axis ? nil : data.axis)
    noteFree(node)
    try setOutput(node, out)
  }

  mutating func slice(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let x = try input(node, 0)
    var starts: [Int], ends: [Int], axes: [Int]?, steps: [Int]?
    if opset >= 10 {
      starts = try integers(try numbers(node, 1, "the starts") ?? [], "the starts")
      ends = try integers(try numbers(node, 2, "the ends") ?? [], "the ends")
      if node.input(3) != nil { axes = try integers(try numbers(node, 3, "the axes")!, "the axes") }
      if node.input(4) != nil { steps = try integers(try numbers(node, 4, "the steps")!, "the steps") }
    } else {
      starts = try node.ints("starts") ?? []
      ends = try node.ints("ends") ?? []
      axes = try node.ints("axes")
    }
    let axisList = try (axes ?? Array(0..<starts.count)).map { (a) throws(NodeProblem) in try normalizeAxis(a, rank: x.rank) }
    let stepList = steps ?? Array(repeating: 1, count: starts.count)
    guard starts.count == ends.count, axisList.count == starts.count, stepList.count == starts.count,
          stepList.allSatisfy({ $0 != 0 }) else {
      throw NodeProblem("starts \(starts), ends \(ends), axes \(axes ?? []) and steps \(steps ?? []) do not match")
    }
    var dims = x.dims
    var kept: [Range<Int>] = []
    for (i, axis) in axisList.enumerated() {
      let size = x.dims[axis], step = stepList[i]
      func clamp(_ v: Int, _ low: Int, _ high: Int) -> Int { min(max(v, low), high) }
      var s = starts[i] < 0 ? starts[i] + size : starts[i]
      var e = ends[i] < 0 ? ends[i] + size : ends[i]
      if step > 0 {
        s = clamp(s, 0, size); e = clamp(e, 0, size)
        dims[axis] = e > s ? (e - s + step - 1) / step : 0
        if step == 1 { kept.append(s..<max(s, e)) }
      } else {
        s = clamp(s, -1, size - 1); e = clamp(e, -1, size - 1)
        dims[axis] = s > e ? (s - e - step - 1) / -step : 0
      }
    }
    var out = x
    out.dims = dims
    out.pattern = .none
    out.numbers = nil
    if x.rank == 1, let values = x.numbers, kept.count == 1 { out.numbers = Array(values[kept[0]]) }
    noteFree(node)
    try setOutput(node, out)
  }

  mutating func constant(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    noteFree(node)
    if let a = node.attribute("value") {
      let dims = try a.t.checkedDims()
      try setOutput(node, Value(dims: dims, numbers: a.t.numbers(), source: .constant))
    } else if let v = try node.float("value_float") {
      try setOutput(node, Value(dims: [], numbers: [v], source: .constant))
    } else if let v = try node.floats("value_floats") {
      try setOutput(node, Value(dims: [v.count], numbers: v, source: .constant))
    } else if let v = try node.int("value_int") {
      try setOutput(node, Value(dims: [], numbers: [Double(v)], source: .constant))
    } else if let v = try node.ints("value_ints") {
      try setOutput(node, Value(dims: [v.count], numbers: v.map(Double.init), source: .constant))
    } else {
      throw NodeProblem("a Constant without a value (sparse and string constants are not supported)")
    }
  }

  mutating func constantOfShape(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let shape = try integers(try numbers(node, 0, "the shape") ?? [], "the shape")
    guard shape.allSatisfy({ $0 >= 0 }), let count = elementCount(shape) else { throw NodeProblem("invalid shape \(shape)") }
    let fill = node.attribute("value").flatMap { $0.t.numbers()?.first } ?? 0
    noteFree(node)
    try setOutput(node, Value(dims: shape, numbers: count <= 1 << 16 ? Array(repeating: fill, count: Int(count)) : nil, source: .constant,
                              pattern: fill == 0 ? .zeros : .none))
  }

  mutating func expand(_ node: ONNXNodeProto, index: Int) throws(NodeProblem) {
    let x = try input(node, 0)
    let shape = try integers(try numbers(node, 1, "the shape") ?? [], "the shape")
    var out = x
    out.dims = try broadcast(x.dims, shape)
    out.numbers = nil
    out.pattern = .none
    if out.rank != x.rank { out.channelAxis = nil }
    noteFree(node)
    try setOutput(node, out)
  }
}

// MARK: - Shape arithmetic

/// One spatial axis of a window operator: the real output size, and the (input, padding) pair whose
/// floor formula gives that size in Duet's symmetric-padding layer.
struct Window {
  var kernel: Int
  var stride: Int
  var dilation: Int
  var output: Int
  var duetInput: Int
  var duetPad: Int

  /// The missing row axis of a 1-D operator.
  static let unit = Window(kernel: 1, stride: 1, dilation: 1, output: 1, duetInput: 1, duetPad: 0)
}

extension GraphImporter {
  func windows(_ node: ONNXNodeProto, input: [Int], kernel: [Int], ceilMode: Bool, dilated: Bool = true) throws(NodeProblem) -> [Window] {
    let n = input.count
    guard n == 1 || n == 2 else { throw NodeProblem("\(n)-D windows are not supported") }
    let strides = try node.ints("strides") ?? Array(repeating: 1, count: n)
    let dilations = dilated ? try node.ints("dilations") ?? Array(repeating: 1, count: n) : Array(repeating: 1, count: n)
    var pads = try node.ints("pads") ?? Array(repeating: 0, count: 2 * n)
    guard kernel.count == n, strides.count == n, dilations.count == n, pads.count == 2 * n,
          kernel.allSatisfy({ $0 >= 1 && $0 <= maximumWindow }), strides.allSatisfy({ $0 >= 1 && $0 <= maximumWindow }),
          dilations.allSatisfy({ $0 >= 1 && $0 <= maximumWindow }), pads.allSatisfy({ $0 >= 0 && $0 <= maximumWindow })
    else { throw NodeProblem("kernel \(kernel), strides \(strides), dilations \(dilations) or pads \(pads) are invalid for a \(n)-D input") }
    let autoPad = try node.string("auto_pad") ?? "NOTSET"
    var out: [Window] = []
    for i in 0..<n {
      let span = dilations[i] * (kernel[i] - 1) + 1
      var size: Int
      switch autoPad {
      case "SAME_UPPER", "SAME_LOWER":
        size = (input[i] + strides[i] - 1) / strides[i]
        let total = max(0, (size - 1) * strides[i] + span - input[i])
        pads[i] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2
        pads[i + n] = total - pads[i]
      case "VALID":
        pads[i] = 0; pads[i + n] = 0
        size = input[i] >= span ? (input[i] - span) / strides[i] + 1 : 0
      case "NOTSET", "":
        let room = input[i] + pads[i] + pads[i + n] - span
        guard room >= 0 else { size = 0; break }
        size = room / strides[i] + 1
        if ceilMode {
          size = (room + strides[i] - 1) / strides[i] + 1
          // The last window must start inside the input or its leading padding.
          if (size - 1) * strides[i] >= input[i] + pads[i] { size -= 1 }
        }
      default:
        throw NodeProblem("auto_pad \(autoPad) is not one of NOTSET, SAME_UPPER, SAME_LOWER, VALID")
      }
      guard size >= 1 else {
        throw NodeProblem("the window (kernel \(kernel[i]), dilation \(dilations[i])) does not fit the padded input (\(input[i]) + \(pads[i]) + \(pads[i + n]))")
      }
      // Duet pads both sides alike: uneven padding counts its extra rows as input, and the rows a
      // ceil-mode window reaches past the input too.
      let pad = min(pads[i], pads[i + n])
      var duetInput = input[i] + pads[i] + pads[i + n] - 2 * pad
      duetInput = max(duetInput, (size - 1) * strides[i] + span - 2 * pad)
      out.append(Window(kernel: kernel[i], stride: strides[i], dilation: dilations[i], output: size,
                        duetInput: duetInput, duetPad: pad))
    }
    return out
  }

  func normalizeAxis(_ axis: Int, rank: Int) throws(NodeProblem) -> Int {
    let a = axis < 0 ? axis + rank : axis
    guard a >= 0, a < max(rank, 1) else { throw NodeProblem("axis \(axis) is out of range for rank \(rank)") }
    return a
  }

  /// Multidirectional (numpy) broadcasting.
  func broadcast(_ a: [Int], _ b: [Int]) throws(NodeProblem) -> [Int] {
    let rank = max(a.count, b.count)
    var out: [Int] = []
    for i in 0..<rank {
      let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
      let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
      guard x == y || x == 1 || y == 1 else { throw NodeProblem("shapes \(a) and \(b) do not broadcast") }
      out.append(x == 1 ? y : x)
    }
    return out
  }

  /// The (N, C, Y, X) of a layer over a tensor: C on the channel axis, N the first axis, Y and X the two
  /// axes after the channels of an N×C×H×W map; other ranks fold the remaining axes into Y.
  func elementShape(_ dims: [Int], axis: Int) throws(NodeProblem) -> (n: Int, c: Int, y: Int, x: Int) {
    guard let shape = Interchange.elementShape(dims, axis: axis) else { throw NodeProblem("an empty or too large tensor \(dims)") }
    return (shape[0], shape[1], shape[2], shape[3])
  }

  /// Where the channel axis lands when `x` is reshaped to `dims`: the axis whose size and preceding
  /// element count are unchanged, else unknown.
  func reshapedAxis(_ x: Value, to dims: [Int]) -> Int? {
    let a = x.axis
    guard a < x.rank else { return nil }
    let before = elementCount(Array(x.dims[..<a]))
    var product: Int64 = 1
    for (j, d) in dims.enumerated() {
      if product == before && d == x.dims[a] {
        return j == defaultChannelAxis(rank: dims.count) ? nil : j
      }
      product *= Int64(d)
      if product > maximumElements { return nil }
    }
    return nil
  }

  /// Arithmetic on small constants (shape computations); `nil` when a value is unknown.
  func foldArithmetic(_ op: String, _ operands: [Value], dims: [Int]) -> [Double]? {
    guard let count = elementCount(dims), count <= 1 << 16 else { return nil }
    var arrays: [[Double]] = []
    for o in operands {
      guard let n = o.numbers else { return nil }
      // Only scalars and equal shapes: enough for the shape arithmetic exporters emit.
      guard n.count == 1 || n.count == Int(count) else { return nil }
      arrays.append(n)
    }
    var result = arrays[0].count == 1 ? Array(repeating: arrays[0][0], count: Int(count)) : arrays[0]
    for other in arrays.dropFirst() {
      for i in result.indices {
        let v = other.count == 1 ? other[0] : other[i]
        switch op {
        case "Add", "Sum": result[i] += v
        case "Sub": result[i] -= v
        case "Mul": result[i] *= v
        case "Div":
          guard v != 0 else { return nil }
          // Integer division truncates (shape arithmetic is on integers).
          let q = result[i] / v
          result[i] = (result[i] == result[i].rounded() && v == v.rounded()) ? q.rounded(.towardZero) : q
        default: return nil
        }
      }
    }
    return result
  }
}
