import Foundation
@testable import Learning
import SeededRandom
import Testing

@Suite struct PerceptronTests {
  @Test func heInitialisationHasTheRightScaleAndZeroBiases() {
    var generator = SplitMix64(seed: 4)
    let network = Perceptron(widths: [50, 400, 1], generator: &generator)
    #expect(network.parameters.count == 51 * 400 + 401)
    let weights = network.parameters[0..<(50 * 400)].map(Double.init)
    let variance = weights.reduce(0) { $0 + $1 * $1 } / Double(weights.count)
    // N(0, 2/50): variance 0.04, estimated from 20,000 draws to within a few percent.
    #expect(abs(variance - 0.04) < 0.002)
    #expect(network.parameters[(50 * 400)..<(50 * 400 + 400)].allSatisfy { $0 == 0 })
  }

  @Test func forwardPassMatchesAHandWorkedNetwork() {
    // Inputs (1, 2) → two ReLU units → output. Hidden: (1·1 + 2·(−1) + 0.5, 1·2 + 2·1 − 1) = (−0.5 → 0, 3);
    // output: 0·3 + 3·(−2) + 1 = −5. Inputs (0, 0): hidden (0.5, 0), output 0.5·3 + 1 = 2.5.
    var generator = SplitMix64(seed: 0)
    var network = Perceptron(widths: [2, 2, 1], generator: &generator)
    network.parameters = [1, 2, -1, 1, 0.5, -1, 3, -2, 1]
    #expect(network.predict(FeatureMatrix(rows: [[1, 2], [0, 0]])) == [-5, 2.5])
  }
}

@Suite struct MultilayerPerceptronTests {
  /// Quick settings for a debug build: a small network, enough epochs to fit a smooth curve.
  static let quick = Hyperparameters([
    "layers": 2, "width": 16, "learning_rate": 0.01, "batch_size": 16, "epochs": 300, "patience": 300,
    "validation_fraction": 0.1,
  ])

  @Test func fitsASmoothCurve() throws {
    let x = (0..<100).map { [Double($0) / 99] }
    let y = x.map { sin(2 * Double.pi * $0[0]) }
    let fitted = try FittedPredictor.fit(MultilayerPerceptron.Small.self, features: FeatureMatrix(rows: x), targets: y,
                                         hyperparameters: Self.quick, seed: 1)
    let probe = (0..<50).map { [(Double($0) + 0.5) / 50] }
    let truth = probe.map { sin(2 * Double.pi * $0[0]) }
    let predicted = fitted.predict(FeatureMatrix(rows: probe))
    let error = zip(predicted, truth).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) } / 50
    // The curve's variance is 0.5; a fit must leave a small fraction of it.
    #expect(error < 0.01)
  }

  @Test(arguments: [UInt64(1), 2, 3, 99])
  func sameSeedSameNetworkOtherSeedOtherNetwork(seed: UInt64) throws {
    var generator = SplitMix64(seed: seed)
    let x = FeatureMatrix(rows: (0..<40).map { _ in [generator.unitDouble(), generator.unitDouble()] })
    let y = (0..<40).map { x[$0, 0] - x[$0, 1] * x[$0, 0] }
    var h = Self.quick
    h["epochs"] = 5
    let a = try MultilayerPerceptron.Large.fit(features: x, targets: y, hyperparameters: h, seed: seed)
    let b = try MultilayerPerceptron.Large.fit(features: x, targets: y, hyperparameters: h, seed: seed)
    let c = try MultilayerPerceptron.Large.fit(features: x, targets: y, hyperparameters: h, seed: seed &+ 1)
    #expect(a.network == b.network)
    #expect(a.network != c.network)
  }

  @Test func earlyStoppingKeepsTheBestEpoch() throws {
    // Noise targets: the held-out error is lowest early, so more epochs after it change nothing.
    var generator = SplitMix64(seed: 6)
    let x = FeatureMatrix(rows: (0..<60).map { _ in [generator.unitDouble(), generator.unitDouble()] })
    let y = (0..<60).map { _ in generator.standardNormal() }
    var h = Self.quick
    h["patience"] = 5
    h["epochs"] = 100
    let short = try MultilayerPerceptron.Small.fit(features: x, targets: y, hyperparameters: h, seed: 2)
    h["epochs"] = 400
    let long = try MultilayerPerceptron.Small.fit(features: x, targets: y, hyperparameters: h, seed: 2)
    #expect(short.network == long.network)
  }

  @Test func refusesInvalidHyperparameters() {
    let x = FeatureMatrix(rows: [[1], [2]])
    #expect(throws: LearningError.invalidHyperparameter(model: "mlp-small", name: "layers", value: 0)) {
      try MultilayerPerceptron.Small.fit(features: x, targets: [0, 1], hyperparameters: Hyperparameters(["layers": 0]),
                                         seed: 0)
    }
  }
}

@Suite struct PerceptronEnsembleTests {
  @Test func predictsTheMeanOfItsSeededMembers() throws {
    var generator = SplitMix64(seed: 9)
    let x = FeatureMatrix(rows: (0..<30).map { _ in [generator.unitDouble(), generator.unitDouble()] })
    let y = (0..<30).map { x[$0, 0] + 2 * x[$0, 1] }
    var h = MultilayerPerceptronTests.quick
    h["epochs"] = 5
    h["members"] = 3
    let ensemble = try PerceptronEnsemble.fit(features: x, targets: y, hyperparameters: h, seed: 4)
    #expect(ensemble.members.count == 3)
    // The first member is the single network of the same seed; the others differ.
    let single = try MultilayerPerceptron.Small.fit(features: x, targets: y, hyperparameters: h, seed: 4)
    #expect(ensemble.members[0] == single.network)
    #expect(ensemble.members[1] != ensemble.members[0] && ensemble.members[2] != ensemble.members[1])
    let each = ensemble.members.map { $0.predict(x) }
    for (i, value) in ensemble.predict(x).enumerated() {
      #expect(abs(value - (each[0][i] + each[1][i] + each[2][i]) / 3) < 1e-12)
    }
  }
}

@Suite struct TreeAndNetworkRoundTripTests {
  /// Cheap versions of each model's defaults, for a debug build.
  static func quick(_ type: any Regressor.Type) -> Hyperparameters {
    var h = type.defaultHyperparameters
    if h["epochs"] != nil { h["epochs"] = 4 }
    if h["layers"] != nil { h["layers"] = 2 }
    if h["trees"] != nil { h["trees"] = 7 }
    if h["rounds"] != nil { h["rounds"] = 9 }
    return h
  }

  static let models: [any Regressor.Type] = [
    RandomForest.self, GradientBoostedTrees.self, MultilayerPerceptron.Small.self, MultilayerPerceptron.Large.self,
    PerceptronEnsemble.self,
  ]

  @Test func everyModelIsInTheZooUnderItsName() {
    #expect(Self.models.map { $0.name } == ["rf", "gbdt", "mlp-small", "mlp-large", "mlp-ensemble"])
    for model in Self.models { #expect(ModelZoo.named(model.name) != nil) }
  }

  @Test(arguments: ["rf", "gbdt", "mlp-small", "mlp-large", "mlp-ensemble"])
  func jsonRoundTripPredictsTheSame(name: String) throws {
    let type = ModelZoo.named(name)!
    var generator = SplitMix64(seed: 12)
    let x = FeatureMatrix(rows: (0..<40).map { _ in (0..<3).map { _ in generator.unitDouble() * 10 } })
    let y = (0..<40).map { x[$0, 0] * x[$0, 1] - x[$0, 2] }
    let fitted = try FittedPredictor.fit(type, features: x, targets: y, hyperparameters: Self.quick(type), seed: 3)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(fitted)
    let back = try JSONDecoder().decode(FittedPredictor.self, from: data)
    let probe = FeatureMatrix(rows: (0..<15).map { _ in (0..<3).map { _ in generator.unitDouble() * 12 - 1 } })
    #expect(back.predict(probe) == fitted.predict(probe))
    #expect(try encoder.encode(back) == data)
  }
}

@Suite struct PerceptronGradientTests {
  @Test func backwardMatchesFiniteDifferences() {
    var generator = SplitMix64(seed: 21)
    var network = Perceptron(widths: [3, 5, 4, 1], generator: &generator)
    // Non-zero biases, so every unit's ReLU state is generic.
    for i in network.parameters.indices { network.parameters[i] += Float(0.1 * generator.standardNormal()) }
    let x = FeatureMatrix(rows: (0..<6).map { _ in (0..<3).map { _ in generator.standardNormal() } })
    let targets: [Float] = (0..<6).map { _ in Float(generator.standardNormal()) }
    let workspace = PerceptronWorkspace(widths: network.widths, batchCapacity: 6)
    func loss(_ parameters: [Float]) -> Double {
      workspace.load(x, rows: 0..<6)
      parameters.withUnsafeBufferPointer { workspace.forward($0.baseAddress!, count: 6) }
      return (0..<6).reduce(0.0) { $0 + 0.5 * Double(workspace.output($1) - targets[$1]) * Double(workspace.output($1) - targets[$1]) } / 6
    }
    var gradients = [Float](repeating: 0, count: network.parameters.count)
    workspace.load(x, rows: 0..<6)
    network.parameters.withUnsafeBufferPointer { p in
      workspace.forward(p.baseAddress!, count: 6)
      workspace.backward(p.baseAddress!, targets: targets, count: 6, gradients: &gradients)
    }
    for i in network.parameters.indices {
      var plus = network.parameters, minus = network.parameters
      plus[i] += 1e-3
      minus[i] -= 1e-3
      let numeric = (loss(plus) - loss(minus)) / Double(plus[i] - minus[i])
      #expect(abs(numeric - Double(gradients[i])) < 2e-3 * max(1, abs(numeric)), "parameter \(i)")
    }
  }
}
