import SeededRandom
import RealModule

/// A fully connected ReLU network with one linear output, its weights in one flat `Float` buffer:
/// per layer, the `inputs × outputs` weight matrix (row `k` holds input `k`'s weights to every output,
/// so the inner loops run over contiguous outputs), then the `outputs` biases.
struct Perceptron: Hashable, Sendable, Codable {
  /// Widths from the input to the output (the last is 1).
  let widths: [Int]
  var parameters: [Float]

  /// Offset of layer `l`'s weights in `parameters`; its biases follow them.
  func weightOffset(_ layer: Int) -> Int {
    var offset = 0
    for l in 0..<layer { offset += (widths[l] + 1) * widths[l + 1] }
    return offset
  }

  static func parameterCount(_ widths: [Int]) -> Int {
    (0..<(widths.count - 1)).reduce(0) { $0 + (widths[$1] + 1) * widths[$1 + 1] }
  }

  /// He initialisation scaled by `gain`: weights drawn from N(0, gain² · 2 / inputs), biases zero.
  init(widths: [Int], gain: Double = 1, generator: inout SplitMix64) {
    self.widths = widths
    var parameters: [Float] = []
    parameters.reserveCapacity(Self.parameterCount(widths))
    for l in 0..<(widths.count - 1) {
      let scale = gain * (2 / Double(widths[l])).squareRoot()
      for _ in 0..<(widths[l] * widths[l + 1]) { parameters.append(Float(scale * generator.standardNormal())) }
      parameters.append(contentsOf: repeatElement(0, count: widths[l + 1]))
    }
    self.parameters = parameters
  }

  func predict(_ features: FeatureMatrix) -> [Double] {
    let workspace = PerceptronWorkspace(widths: widths, batchCapacity: min(256, max(features.rowCount, 1)))
    var out = [Double](repeating: 0, count: features.rowCount)
    parameters.withUnsafeBufferPointer { p in
      var start = 0
      while start < features.rowCount {
        let count = min(workspace.batchCapacity, features.rowCount - start)
        workspace.load(features, rows: start..<(start + count))
        workspace.forward(p.baseAddress!, count: count)
        for b in 0..<count { out[start + b] = Double(workspace.output(b)) }
        start += count
      }
    }
    return out
  }
}

/// Activation and gradient buffers of one ``Perceptron`` shape, allocated once per fit; the forward and
/// backward passes run over them without allocating.
final class PerceptronWorkspace {
  let widths: [Int]
  let batchCapacity: Int
  /// Layer `l`'s activations for the batch (`l = 0`: the inputs), row-major `batch × widths[l]`.
  private let activations: [UnsafeMutablePointer<Float>]
  /// Back-propagated errors, two buffers of `batch × max width` used in turn.
  private let errors: (UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>)
  private let weightOffsets: [Int]

  init(widths: [Int], batchCapacity: Int) {
    self.widths = widths
    self.batchCapacity = batchCapacity
    activations = widths.map { .allocate(capacity: $0 * batchCapacity) }
    let widest = widths.max()!
    errors = (.allocate(capacity: widest * batchCapacity), .allocate(capacity: widest * batchCapacity))
    var offsets: [Int] = []
    var offset = 0
    for l in 0..<(widths.count - 1) {
      offsets.append(offset)
      offset += (widths[l] + 1) * widths[l + 1]
    }
    weightOffsets = offsets
  }

  deinit {
    for buffer in activations { buffer.deallocate() }
    errors.0.deallocate()
    errors.1.deallocate()
  }

  /// Copies `rows` of `features` into the input layer.
  func load(_ features: FeatureMatrix, rows: Range<Int>) {
    let columns = widths[0]
    for (b, r) in rows.enumerated() {
      for c in 0..<columns { activations[0][b * columns + c] = Float(features[r, c]) }
    }
  }

  /// Copies the listed rows of `features` (a shuffled mini-batch) into the input layer.
  func load(_ features: FeatureMatrix, rows: ArraySlice<Int>) {
    let columns = widths[0]
    for (b, r) in rows.enumerated() {
      for c in 0..<columns { activations[0][b * columns + c] = Float(features[r, c]) }
    }
  }

  func output(_ b: Int) -> Float { activations[widths.count - 1][b] }

  /// Forward pass of the loaded batch: ReLU after every layer but the last.
  func forward(_ parameters: UnsafePointer<Float>, count: Int) {
    let layers = widths.count - 1
    for l in 0..<layers {
      let inputs = widths[l], outputs = widths[l + 1]
      let weights = parameters + weightOffsets[l], biases = weights + inputs * outputs
      let source = activations[l], target = activations[l + 1]
      for b in 0..<count {
        let z = target + b * outputs, a = source + b * inputs
        z.update(from: biases, count: outputs)
        for k in 0..<inputs {
          let x = a[k]
          if x == 0 { continue }
          let row = weights + k * outputs
          for j in 0..<outputs { z[j] += x * row[j] }
        }
        if l < layers - 1 {
          for j in 0..<outputs where z[j] < 0 { z[j] = 0 }
        }
      }
    }
  }

  /// Backward pass of ½·mean squared error over the batch after ``forward(_:count:)``; adds the
  /// parameter gradients to `gradients` and returns the batch's summed squared error.
  @discardableResult
  func backward(_ parameters: UnsafePointer<Float>, targets: UnsafePointer<Float>, count: Int,
                gradients: UnsafeMutablePointer<Float>) -> Float {
    let layers = widths.count - 1
    var upper = errors.0, lower = errors.1
    let scale = 1 / Float(count)
    var squaredError: Float = 0
    let predictions = activations[layers]
    for b in 0..<count {
      let residual = predictions[b] - targets[b]
      squaredError += residual * residual
      upper[b] = residual * scale
    }
    for l in stride(from: layers - 1, through: 0, by: -1) {
      let inputs = widths[l], outputs = widths[l + 1]
      let weights = parameters + weightOffsets[l]
      let weightGradients = gradients + weightOffsets[l], biasGradients = weightGradients + inputs * outputs
      let a = activations[l]
      for b in 0..<count {
        let delta = upper + b * outputs, x = a + b * inputs
        for j in 0..<outputs { biasGradients[j] += delta[j] }
        for k in 0..<inputs {
          let value = x[k]
          if value == 0 { continue }
          let row = weightGradients + k * outputs
          for j in 0..<outputs { row[j] += value * delta[j] }
        }
        guard l > 0 else { continue }
        // The error reaching a hidden unit, through the ReLU (zero where the unit was off).
        let below = lower + b * inputs
        for k in 0..<inputs {
          below[k] = x[k] > 0 ? dot(delta, weights + k * outputs, outputs) : 0
        }
      }
      swap(&upper, &lower)
    }
    return squaredError
  }

  /// Mean squared error of the network on `rows` of `features` against `targets`.
  func meanSquaredError(_ parameters: UnsafePointer<Float>, features: FeatureMatrix, rows: [Int],
                        targets: [Double]) -> Double {
    var sum = 0.0
    var start = 0
    while start < rows.count {
      let count = min(batchCapacity, rows.count - start)
      load(features, rows: rows[start..<(start + count)])
      forward(parameters, count: count)
      for b in 0..<count {
        let residual = Double(output(b)) - targets[rows[start + b]]
        sum += residual * residual
      }
      start += count
    }
    return sum / Double(max(rows.count, 1))
  }

  /// A dot product with four running sums (a fixed order, so results do not depend on vectorisation).
  private func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ count: Int) -> Float {
    var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
    var j = 0
    while j + 4 <= count {
      s0 += a[j] * b[j]
      s1 += a[j + 1] * b[j + 1]
      s2 += a[j + 2] * b[j + 2]
      s3 += a[j + 3] * b[j + 3]
      j += 4
    }
    while j < count {
      s0 += a[j] * b[j]
      j += 1
    }
    return (s0 + s1) + (s2 + s3)
  }
}
