import SeededRandom

/// An ensemble of multi-layer perceptrons that differ only in their seed, predicting the members' mean:
/// a BANANAS-like predictor (White et al., 2021; [Laube22] runs an ensemble of three). BANANAS feeds it
/// the path encoding of cell spaces; as a model it takes any features.
///
/// Each member is a ``MultilayerPerceptron`` trained as described there, seeded from the fit's seed and
/// its index (so members see different initial weights, mini-batch orders and held-out parts).
/// Hyperparameters: `members` 5 (not tuned), `layers` 3 (2…10), `width` 32 (16…128, log), and the
/// training settings of ``MultilayerPerceptron/Small`` with their defaults and ranges. [Laube22] Table 2
/// gives BANANAS 20 layers of 20 units; such deep and narrow stacks do not train well here (see
/// ``MultilayerPerceptron/Large``), so the members default to the small network's shape.
public enum PerceptronEnsemble: Regressor {
  public static let name = "mlp-ensemble"

  public static let hyperparameterSpace = HyperparameterSpace([
    .init("layers", .integer(lower: 2, upper: 10, logarithmic: false)),
    .init("width", .integer(lower: 16, upper: 128, logarithmic: true)),
  ] + MultilayerPerceptron.trainingDimensions)

  public static let defaultHyperparameters = Hyperparameters(
    MultilayerPerceptron.trainingDefaults.merging(["members": 5, "layers": 3, "width": 32]) { $1 })

  public struct Model: FittedRegressor {
    let members: [Perceptron]

    public func predict(_ features: FeatureMatrix) -> [Double] {
      var mean = [Double](repeating: 0, count: features.rowCount)
      for member in members {
        for (i, value) in member.predict(features).enumerated() { mean[i] += value }
      }
      return mean.map { $0 / Double(members.count) }
    }
  }

  public static func fit(features: FeatureMatrix, targets: [Double], hyperparameters: Hyperparameters,
                         seed: UInt64) throws(LearningError) -> Model {
    let count = Int(try hyperparameters.validated("members", of: self) { $0 >= 1 && $0 <= 1000 }.rounded())
    let training = try PerceptronTraining(hyperparameters, of: self)
    var members: [Perceptron] = []
    for member in 0..<count {
      members.append(try training.train(features, targets, seed: member == 0 ? seed : SplitMix64.partSeed(seed, member)))
    }
    return Model(members: members)
  }
}
