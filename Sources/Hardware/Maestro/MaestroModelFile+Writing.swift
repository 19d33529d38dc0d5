public import Workload

extension MaestroModelFile {
  /// A network as a MAESTRO model file: its multiply-accumulate layers (MAESTRO prices nothing else),
  /// each on the input size that gives its true output under MAESTRO's unpadded, undilated formula
  /// (⌊(Y − R)/stride⌋ + 1): a padded convolution on its padded input, a dilated one on the input a
  /// dense R×S kernel needs for the same output, a transposed convolution as the stride-1 direct
  /// convolution over its zero-inserted input, as docs/maestro.md prices them. ``parse(_:file:)`` reads it
  /// back to layers with the same MACs (a transposed convolution's are its direct convolution's).
  public static func text(of network: Network) -> String {
    var out = "// \(network.name), written by duet: multiply-accumulate layers only ("
    let skipped = network.layers.filter { !$0.layer.kind.isMACLayer }.count
    out += "\(skipped) other layer\(skipped == 1 ? "" : "s") left out)\n"
    out += "Network \(word(network.name)) {\n"
    var used: Set<String> = []
    for entry in network.layers where entry.layer.kind.isMACLayer {
      var name = word(entry.name)
      var n = 2
      while used.contains(name) { name = word(entry.name) + "_\(n)"; n += 1 }
      used.insert(name)
      out += "Layer \(name) {\n" + body(entry.layer) + "}\n"
    }
    return out + "}\n"
  }

  static func body(_ l: Layer) -> String {
    func input(_ output: Int, stride: Int, kernel: Int) -> Int { (output - 1) * stride + kernel }
    switch l.kind {
    case .gemm:
      return "Type: GEMM\nDimensions { M: \(l.n * l.y * l.x), N: \(l.k), K: \(l.c) }\n"
    case .transposedConvolution:
      let y = input(l.transposedOutputY, stride: 1, kernel: l.r), x = input(l.transposedOutputX, stride: 1, kernel: l.s)
      return "Type: TRCONV\nStride { X: 1, Y: 1 }\nDimensions { N: \(l.n), K: \(l.k), C: \(l.c), R: \(l.r), S: \(l.s), Y: \(y), X: \(x) }\n"
    default:
      let undilated = l.dilationY == 1 && l.dilationX == 1
      let y = undilated ? l.y + 2 * l.padY : input(l.outputY, stride: l.strideY, kernel: l.r)
      let x = undilated ? l.x + 2 * l.padX : input(l.outputX, stride: l.strideX, kernel: l.s)
      let type: String
      var dims = "N: \(l.n), "
      switch l.kind {
      case .depthwiseConvolution: type = "DSCONV"; dims += "K: 1, C: \(l.c), "
      case .groupedConvolution: type = "NGCONV"; dims += "G: \(l.g), K: \(l.k), C: \(l.c), "
      default: type = "CONV"; dims += "K: \(l.k), C: \(l.c), "
      }
      dims += "R: \(l.r), S: \(l.s), Y: \(y), X: \(x)"
      return "Type: \(type)\nStride { X: \(l.strideX), Y: \(l.strideY) }\nDimensions { \(dims) }\n"
    }
  }

  /// A name MAESTRO's scanner reads as one word.
  static func word(_ name: String) -> String {
    let mapped = String(name.unicodeScalars.map { c -> Character in
      (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || (c >= "0" && c <= "9") || c == "_" ? Character(c) : "_"
    })
    return mapped.isEmpty ? "layer" : mapped
  }
}
