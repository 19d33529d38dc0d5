import SeededRandom
import Analysis

/// A seeded k-fold partition of `count` samples: shuffled, then dealt round-robin, so fold sizes differ
/// by at most one.
public struct KFold: Hashable, Sendable {
  /// Validation indices of each fold, ascending.
  public let folds: [[Int]]
  public let count: Int

  /// - Precondition: `2 <= folds <= count`.
  public init(count: Int, folds foldCount: Int, seed: UInt64) {
    precondition(foldCount >= 2 && foldCount <= count, "KFold: \(foldCount) folds over \(count) samples")
    var order = Array(0..<count)
    var generator = SplitMix64(seed: seed)
    generator.shuffle(&order)
    var folds = [[Int]](repeating: [], count: foldCount)
    for (position, index) in order.enumerated() { folds[position % foldCount].append(index) }
    self.folds = folds.map { $0.sorted() }
    self.count = count
  }

  /// Every index not in fold `fold`, ascending.
  public func trainingIndices(fold: Int) -> [Int] {
    var held = [Bool](repeating: false, count: count)
    for index in folds[fold] { held[index] = true }
    return (0..<count).filter { !held[$0] }
  }
}

/// What a tuning trial maximises, computed on the pooled out-of-fold predictions of all training
/// samples (one figure over n samples is steadier than a mean of per-fold figures on tiny folds).
public enum TuningObjective: String, Sendable, CaseIterable {
  /// Kendall's τ-b between out-of-fold predictions and targets (the study's ranking metric).
  case kendallTau = "kendall"
  /// Minus the mean squared error (in standardised target units).
  case negativeMeanSquaredError = "mse"

  func score(predictions: [Double], targets: [Double]) -> Double {
    switch self {
    case .kendallTau:
      let tau = RankCorrelation.kendallTauB(predictions, targets)
      return tau.isFinite ? tau : -.infinity
    case .negativeMeanSquaredError:
      var sum = 0.0
      for i in targets.indices { sum += (predictions[i] - targets[i]) * (predictions[i] - targets[i]) }
      let mse = sum / Double(max(targets.count, 1))
      return mse.isFinite ? -mse : -.infinity
    }
  }
}

public enum CrossValidation {
  /// Every sample's prediction by the model fitted on the other folds (targets in their own units).
  public static func outOfFoldPredictions(
    _ type: any Regressor.Type, features: FeatureMatrix, targets: [Double], hyperparameters: Hyperparameters,
    folds: KFold, seed: UInt64
  ) throws(LearningError) -> [Double] {
    var predictions = [Double](repeating: .nan, count: targets.count)
    for (fold, validation) in folds.folds.enumerated() {
      let training = folds.trainingIndices(fold: fold)
      let fitted = try FittedPredictor.fit(
        type, features: features.selecting(rows: training), targets: training.map { targets[$0] },
        hyperparameters: hyperparameters, seed: seed &+ UInt64(fold))
      let predicted = fitted.predict(features.selecting(rows: validation))
      for (i, index) in validation.enumerated() { predictions[index] = predicted[i] }
    }
    return predictions
  }
}
