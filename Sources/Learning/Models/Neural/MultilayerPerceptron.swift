import SeededRandom
import RealModule

/// Multi-layer perceptrons, the predictors [Laube22] finds best once more than a few dozen samples are
/// known: `layers` hidden layers of `width` ReLU units and a linear output, trained on ½·mean squared
/// error by Adam (β₁ 0.9, β₂ 0.999, ε 1e-8, step `learning_rate`) in shuffled mini-batches of
/// `batch_size`, with L2 weight decay `weight_decay` on the weights (not the biases), for at most
/// `epochs` passes. Early stopping holds out a seeded `validation_fraction` of the training set, stops
/// after `patience` epochs without a lower held-out error and keeps the best epoch's weights (training
/// sets too small to spare a held-out part train for all epochs). Arithmetic is `Float`.
///
/// Weights start as seeded He initialisation scaled by `init_gain`: N(0, init_gain² · 2 / inputs),
/// biases zero. The gain matters on latency data: on HELP's NAS-Bench-201 pixel3 and raspi4 columns
/// (one-hot features, 3 × 32 units, mean Kendall τ over seeds), He's own scale (gain 1) reaches about
/// 0.38 with 100 training samples and 0.75 with 1,000, Glorot's (gain ≈ 0.7, scikit-learn's choice)
/// 0.52–0.55 and 0.79–0.80, and a gain of 0.2–0.3 0.69 and 0.83–0.84: a small start keeps the fit
/// close to additive (which latency mostly is) until the data ask for more.
///
/// Two presets of the one network share the model type: ``Small`` (shallow) and ``Large`` (deeper and
/// wider).
public enum MultilayerPerceptron {
  public struct Model: FittedRegressor {
    let network: Perceptron

    public func predict(_ features: FeatureMatrix) -> [Double] { network.predict(features) }
  }

  /// The training settings both presets and ``PerceptronEnsemble`` tune, with their defaults.
  static let trainingDimensions: [HyperparameterSpace.Dimension] = [
    .init("learning_rate", .real(lower: 1e-4, upper: 0.1, logarithmic: true)),
    .init("weight_decay", .real(lower: 1e-6, upper: 0.01, logarithmic: true)),
    .init("batch_size", .choice([16, 32, 64, 128])),
    .init("init_gain", .real(lower: 0.1, upper: 1.5, logarithmic: true)),
  ]
  static let trainingDefaults: [String: Double] = [
    "learning_rate": 1e-3, "weight_decay": 1e-4, "batch_size": 32, "init_gain": 0.3, "epochs": 200,
    "patience": 20, "validation_fraction": 0.1,
  ]

  /// `mlp-small`: 3 hidden layers of 32 units by default, tuned over `layers` 2…5 and `width` 16…128
  /// (log; [Laube22] Table 2's ranges for the small MLP), `learning_rate` 1e-4…0.1 (log, default 1e-3),
  /// `weight_decay` 1e-6…0.01 (log, default 1e-4), `batch_size` 16…128 (default 32) and `init_gain`
  /// 0.1…1.5 (log, default 0.3). Fixed: `epochs` 200, `patience` 20, `validation_fraction` 0.1.
  public enum Small: Regressor {
    public typealias Model = MultilayerPerceptron.Model
    public static let name = "mlp-small"

    public static let hyperparameterSpace = HyperparameterSpace([
      .init("layers", .integer(lower: 2, upper: 5, logarithmic: false)),
      .init("width", .integer(lower: 16, upper: 128, logarithmic: true)),
    ] + trainingDimensions)

    public static let defaultHyperparameters = Hyperparameters(
      trainingDefaults.merging(["layers": 3, "width": 32]) { $1 })

    public static func fit(features: FeatureMatrix, targets: [Double], hyperparameters: Hyperparameters,
                           seed: UInt64) throws(LearningError) -> Model {
      Model(network: try PerceptronTraining(hyperparameters, of: self).train(features, targets, seed: seed))
    }
  }

  /// `mlp-large`: 10 hidden layers of 64 units by default (`init_gain` 0.5), tuned over `layers` 4…20,
  /// `width` 32…256 (log) and the training settings of ``Small``. [Laube22]'s larger MLP is 20 layers of
  /// 20 units; trained here (Adam, early stopping, no normalisation layers) such deep and narrow ReLU
  /// stacks barely learn from 100 samples (τ ≈ 0.05 on HELP's pixel3 column), so the preset is wider and
  /// half as deep, and the search may still go to 20 layers.
  public enum Large: Regressor {
    public typealias Model = MultilayerPerceptron.Model
    public static let name = "mlp-large"

    public static let hyperparameterSpace = HyperparameterSpace([
      .init("layers", .integer(lower: 4, upper: 20, logarithmic: false)),
      .init("width", .integer(lower: 32, upper: 256, logarithmic: true)),
    ] + trainingDimensions)

    public static let defaultHyperparameters = Hyperparameters(
      trainingDefaults.merging(["layers": 10, "width": 64, "init_gain": 0.5]) { $1 })

    public static func fit(features: FeatureMatrix, targets: [Double], hyperparameters: Hyperparameters,
                           seed: UInt64) throws(LearningError) -> Model {
      Model(network: try PerceptronTraining(hyperparameters, of: self).train(features, targets, seed: seed))
    }
  }
}

/// How one perceptron is shaped and trained (see ``MultilayerPerceptron``).
struct PerceptronTraining {
  var layers: Int
  var width: Int
  var learningRate: Float
  var weightDecay: Float
  var batchSize: Int
  var epochs: Int
  var patience: Int
  var validationFraction: Double
  var initGain: Double
  let modelName: String

  init<R: Regressor>(_ h: Hyperparameters, of model: R.Type) throws(LearningError) {
    func check(_ key: String, _ valid: (Double) -> Bool) throws(LearningError) -> Double {
      try h.validated(key, of: model, valid)
    }
    layers = Int(try check("layers") { $0 >= 1 && $0 <= 1000 }.rounded())
    width = Int(try check("width") { $0 >= 1 && $0 <= 100_000 }.rounded())
    learningRate = Float(try check("learning_rate") { $0 > 0 && $0 <= 10 })
    weightDecay = Float(try check("weight_decay") { $0 >= 0 })
    batchSize = Int(try check("batch_size") { $0 >= 1 && $0 <= 1_000_000 }.rounded())
    epochs = Int(try check("epochs") { $0 >= 1 && $0 <= 1_000_000 }.rounded())
    patience = Int(try check("patience") { $0 >= 1 }.rounded())
    validationFraction = try check("validation_fraction") { $0 >= 0 && $0 < 1 }
    initGain = try check("init_gain") { $0 > 0 && $0 <= 100 }
    modelName = R.name
  }

  func train(_ features: FeatureMatrix, _ targets: [Double], seed: UInt64) throws(LearningError) -> Perceptron {
    var generator = SplitMix64(seed: seed)
    let widths = [features.columnCount] + Array(repeating: width, count: layers) + [1]
    var network = Perceptron(widths: widths, gain: initGain, generator: &generator)
    var rows = Array(0..<features.rowCount)
    generator.shuffle(&rows)
    let heldOut = Int((validationFraction * Double(rows.count)).rounded())
    var validationRows: [Int] = []
    if heldOut >= 1 && rows.count - heldOut >= 2 {
      validationRows = Array(rows.prefix(heldOut))
      rows.removeFirst(heldOut)
    }
    let trainingCount = rows.count
    let batch = min(batchSize, trainingCount)
    let workspace = PerceptronWorkspace(widths: widths, batchCapacity: batch)
    let count = network.parameters.count
    var gradients = [Float](repeating: 0, count: count)
    var firstMoment = [Float](repeating: 0, count: count)
    var secondMoment = [Float](repeating: 0, count: count)
    var batchTargets = [Float](repeating: 0, count: batch)
    // Which parameters are weights (decayed) rather than biases.
    var decayed = [Bool](repeating: true, count: count)
    for l in 0..<(widths.count - 1) {
      let biases = network.weightOffset(l) + widths[l] * widths[l + 1]
      for j in 0..<widths[l + 1] { decayed[biases + j] = false }
    }
    let beta1: Float = 0.9, beta2: Float = 0.999, epsilon: Float = 1e-8
    var beta1Power: Float = 1, beta2Power: Float = 1
    var best = (error: Double.infinity, parameters: network.parameters)
    var epochsWithoutGain = 0
    for _ in 0..<epochs {
      generator.shuffle(&rows)
      var epochError: Float = 0
      var start = 0
      while start < trainingCount {
        let size = min(batch, trainingCount - start)
        let members = rows[start..<(start + size)]
        for (b, row) in members.enumerated() { batchTargets[b] = Float(targets[row]) }
        workspace.load(features, rows: members)
        for i in 0..<count { gradients[i] = 0 }
        network.parameters.withUnsafeBufferPointer { p in
          workspace.forward(p.baseAddress!, count: size)
          epochError += workspace.backward(p.baseAddress!, targets: batchTargets, count: size,
                                           gradients: &gradients)
        }
        beta1Power *= beta1
        beta2Power *= beta2
        let stepSize = learningRate / (1 - beta1Power)
        let secondCorrection = 1 / (1 - beta2Power)
        network.parameters.withUnsafeMutableBufferPointer { p in
          for i in 0..<count {
            let g = gradients[i] + (decayed[i] ? weightDecay * p[i] : 0)
            firstMoment[i] = beta1 * firstMoment[i] + (1 - beta1) * g
            secondMoment[i] = beta2 * secondMoment[i] + (1 - beta2) * g * g
            p[i] -= stepSize * firstMoment[i] / ((secondMoment[i] * secondCorrection).squareRoot() + epsilon)
          }
        }
        start += size
      }
      guard epochError.isFinite else {
        throw .numerical(model: modelName, "training diverged (learning rate \(learningRate))")
      }
      guard !validationRows.isEmpty else { continue }
      let error = network.parameters.withUnsafeBufferPointer { p in
        workspace.meanSquaredError(p.baseAddress!, features: features, rows: validationRows, targets: targets)
      }
      if error < best.error {
        best = (error, network.parameters)
        epochsWithoutGain = 0
      } else {
        epochsWithoutGain += 1
        if epochsWithoutGain >= patience { break }
      }
    }
    if !validationRows.isEmpty { network.parameters = best.parameters }
    return network
  }
}
