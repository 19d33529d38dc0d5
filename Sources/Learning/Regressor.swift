/// A regression model of the zoo: fitted on a feature matrix and targets, with named hyperparameters
/// and a space a random search draws them from.
///
/// `fit` is a pure function of its arguments: the same data, hyperparameters and seed give the same
/// fitted model, bit for bit. Models see standardised features when ``wantsStandardisedFeatures`` is
/// true and, through ``FittedPredictor``, always standardised targets.
public protocol Regressor: Sendable {
  associatedtype Model: FittedRegressor

  /// The name the CLI and saved predictors use (`ridge`, `gbdt`, `mlp-small`).
  static var name: String { get }
  /// What a random search draws from.
  static var hyperparameterSpace: HyperparameterSpace { get }
  /// The first trial of every search, and the fit when no tuning is asked for.
  static var defaultHyperparameters: Hyperparameters { get }
  /// Whether features are standardised (per column, to mean 0 and standard deviation 1) before
  /// fitting. True for distance- and gradient-based models; false where raw values carry meaning
  /// (one-hot structure for a lookup table; trees are invariant anyway).
  static var wantsStandardisedFeatures: Bool { get }
  /// The smallest training set the model can fit.
  static var minimumSamples: Int { get }

  static func fit(features: FeatureMatrix, targets: [Double], hyperparameters: Hyperparameters,
                  seed: UInt64) throws(LearningError) -> Model
}

extension Regressor {
  public static var wantsStandardisedFeatures: Bool { true }
  public static var minimumSamples: Int { 2 }
}

/// A fitted model: predicts one target per row. Codable, so a saved predictor can hold it.
public protocol FittedRegressor: Sendable, Codable {
  func predict(_ features: FeatureMatrix) -> [Double]
}

/// Why a model could not be fitted.
public enum LearningError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Fewer training samples than the model needs.
  case tooFewSamples(model: String, needed: Int, got: Int)
  /// Features and targets disagree in size, or prediction features have the wrong width.
  case shapeMismatch(String)
  /// A hyperparameter outside its domain.
  case invalidHyperparameter(model: String, name: String, value: Double)
  /// A feature or target that is NaN or infinite.
  case nonFiniteValue(String)
  /// The model needs structure the features do not carry (e.g. one-hot groups for a lookup table).
  case missingStructure(model: String, String)
  /// No model of that name in the zoo.
  case unknownModel(String)
  /// A numerical failure (a matrix that is not positive definite even with jitter, a diverging fit).
  case numerical(model: String, String)

  public var description: String {
    switch self {
    case .tooFewSamples(let model, let needed, let got):
      "\(model): needs at least \(needed) training samples, got \(got)"
    case .shapeMismatch(let what): "shape mismatch: \(what)"
    case .invalidHyperparameter(let model, let name, let value): "\(model): invalid \(name) = \(value)"
    case .nonFiniteValue(let what): "non-finite value in \(what)"
    case .missingStructure(let model, let what): "\(model): \(what)"
    case .unknownModel(let name):
      "no model named '\(name)' (known: \(ModelZoo.all.map { $0.name }.joined(separator: ", ")))"
    case .numerical(let model, let what): "\(model): \(what)"
    }
  }
}
