/// Every model Duet can fit, by name.
public enum ModelZoo {
  /// The zoo, in the order studies and help list it.
  public static let all: [any Regressor.Type] = [
    LookupTable.self,
    LinearRegression.self,
    RidgeRegression.self,
    BayesianRidge.self,
    Lasso.self,
    KNearestNeighbours.self,
    SupportVectorRegression.self,
    GaussianProcess.self,
    SparseGaussianProcess.self,
    RandomForest.self,
    GradientBoostedTrees.self,
    MultilayerPerceptron.Small.self,
    MultilayerPerceptron.Large.self,
    PerceptronEnsemble.self,
  ]

  /// The model called `name`, if any.
  public static func named(_ name: String) -> (any Regressor.Type)? {
    all.first { $0.name == name }
  }
}

/// A fitted model of any kind with the scaling it was fitted under: what a saved predictor stores and
/// what a study evaluates. Features are standardised when the model wants it; targets always are, and
/// predictions come back in the targets' own units.
public struct FittedPredictor: Sendable, Codable {
  public let modelName: String
  public let hyperparameters: Hyperparameters
  public let featureScaling: Standardization?
  public let targetScaling: TargetScaling
  public let model: any FittedRegressor
  /// Feature count the model was fitted on.
  public let featureCount: Int

  /// Fits `type` on `features` and `targets` (in their own units).
  public static func fit(
    _ type: any Regressor.Type, features: FeatureMatrix, targets: [Double],
    hyperparameters: Hyperparameters? = nil, seed: UInt64
  ) throws(LearningError) -> FittedPredictor {
    guard features.rowCount == targets.count else {
      throw .shapeMismatch("\(features.rowCount) feature rows for \(targets.count) targets")
    }
    guard features.rowCount >= type.minimumSamples else {
      throw .tooFewSamples(model: type.name, needed: type.minimumSamples, got: features.rowCount)
    }
    guard features.values.allSatisfy({ $0.isFinite }) else { throw .nonFiniteValue("features") }
    guard targets.allSatisfy({ $0.isFinite }) else { throw .nonFiniteValue("targets") }
    let chosen = hyperparameters ?? type.defaultHyperparameters
    let featureScaling = type.wantsStandardisedFeatures ? Standardization(fitting: features) : nil
    let targetScaling = TargetScaling(fitting: targets)
    let model = try fitOpened(
      type, features: featureScaling?.apply(features) ?? features, targets: targetScaling.forward(targets),
      hyperparameters: chosen, seed: seed)
    return FittedPredictor(modelName: type.name, hyperparameters: chosen, featureScaling: featureScaling,
                           targetScaling: targetScaling, model: model, featureCount: features.columnCount)
  }

  private static func fitOpened<R: Regressor>(
    _ type: R.Type, features: FeatureMatrix, targets: [Double], hyperparameters: Hyperparameters, seed: UInt64
  ) throws(LearningError) -> any FittedRegressor {
    try R.fit(features: features, targets: targets, hyperparameters: hyperparameters, seed: seed)
  }

  private init(modelName: String, hyperparameters: Hyperparameters, featureScaling: Standardization?,
               targetScaling: TargetScaling, model: any FittedRegressor, featureCount: Int) {
    self.modelName = modelName
    self.hyperparameters = hyperparameters
    self.featureScaling = featureScaling
    self.targetScaling = targetScaling
    self.model = model
    self.featureCount = featureCount
  }

  /// Predictions in the targets' units.
  /// - Precondition: `features.columnCount == featureCount`.
  public func predict(_ features: FeatureMatrix) -> [Double] {
    precondition(features.columnCount == featureCount,
                 "\(modelName): fitted on \(featureCount) features, asked with \(features.columnCount)")
    return targetScaling.inverse(model.predict(featureScaling?.apply(features) ?? features))
  }

  private enum CodingKeys: String, CodingKey {
    case model, hyperparameters, featureScaling = "feature_scaling", targetScaling = "target_scaling"
    case featureCount = "feature_count", state
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let name = try container.decode(String.self, forKey: .model)
    guard let type = ModelZoo.named(name) else {
      throw DecodingError.dataCorruptedError(forKey: .model, in: container,
                                             debugDescription: LearningError.unknownModel(name).description)
    }
    modelName = name
    hyperparameters = try container.decode(Hyperparameters.self, forKey: .hyperparameters)
    featureScaling = try container.decodeIfPresent(Standardization.self, forKey: .featureScaling)
    targetScaling = try container.decode(TargetScaling.self, forKey: .targetScaling)
    featureCount = try container.decode(Int.self, forKey: .featureCount)
    model = try Self.decodeState(type, from: container)
  }

  private static func decodeState<R: Regressor>(
    _ type: R.Type, from container: KeyedDecodingContainer<CodingKeys>
  ) throws -> any FittedRegressor {
    try container.decode(R.Model.self, forKey: .state)
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(modelName, forKey: .model)
    try container.encode(hyperparameters, forKey: .hyperparameters)
    try container.encodeIfPresent(featureScaling, forKey: .featureScaling)
    try container.encode(targetScaling, forKey: .targetScaling)
    try container.encode(featureCount, forKey: .featureCount)
    try container.encode(model, forKey: .state)
  }
}
