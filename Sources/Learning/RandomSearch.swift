import SeededRandom

/// How much a random search may spend on one fit.
public struct TuningBudget: Hashable, Sendable {
  /// Hyperparameter draws tried, the defaults first. 1 means "defaults only, no search".
  public var trials: Int
  /// Folds of the cross-validation inside the training set.
  public var folds: Int
  /// Stop starting new trials after this much wall time. A time bound makes the result depend on the
  /// machine's speed, so the default leaves it unset and the search is bounded by `trials` alone.
  public var timeLimit: Duration?
  public var objective: TuningObjective

  public init(trials: Int = 20, folds: Int = 3, timeLimit: Duration? = nil, objective: TuningObjective = .kendallTau) {
    self.trials = trials
    self.folds = folds
    self.timeLimit = timeLimit
    self.objective = objective
  }

  /// Defaults only.
  public static let none = TuningBudget(trials: 1)
}

/// The outcome of a search: the chosen hyperparameters and what the search saw.
public struct TuningResult: Sendable {
  public var hyperparameters: Hyperparameters
  /// The chosen trial's cross-validated score (`nil` when no search ran).
  public var score: Double?
  /// Trials evaluated (may be fewer than asked under a time limit).
  public var trialsRun: Int
  /// Trials whose fit failed (invalid combinations, numerical failure); they never win.
  public var trialsFailed: Int
}

/// Seeded random search over a model's ``HyperparameterSpace`` with k-fold cross-validation inside the
/// training set only (no held-out sample is ever seen).
public enum RandomSearch {
  /// Trial 0 is the model's defaults; trials 1... are draws from its space. Ties keep the earlier trial.
  /// With fewer samples than `2 × folds` (too few to cross-validate), or a model with nothing to search
  /// (an empty space), the defaults are returned unscored.
  public static func tune(
    _ type: any Regressor.Type, features: FeatureMatrix, targets: [Double], budget: TuningBudget, seed: UInt64
  ) throws(LearningError) -> TuningResult {
    let folds = min(budget.folds, features.rowCount / max(type.minimumSamples, 2))
    guard budget.trials > 1, folds >= 2, !type.hyperparameterSpace.dimensions.isEmpty else {
      return TuningResult(hyperparameters: type.defaultHyperparameters, score: nil, trialsRun: 0, trialsFailed: 0)
    }
    let partition = KFold(count: features.rowCount, folds: folds, seed: seed)
    var generator = SplitMix64(seed: seed ^ 0x5EED_7E57)
    let clock = ContinuousClock()
    let start = clock.now
    var best: (hyperparameters: Hyperparameters, score: Double)?
    var run = 0, failed = 0
    for trial in 0..<budget.trials {
      let candidate = trial == 0 ? type.defaultHyperparameters : type.hyperparameterSpace.sample(using: &generator)
      if trial > 0, let limit = budget.timeLimit, clock.now - start > limit { break }
      run += 1
      do {
        let predictions = try CrossValidation.outOfFoldPredictions(
          type, features: features, targets: targets, hyperparameters: candidate, folds: partition,
          seed: seed &+ UInt64(trial) &* 1_000_003)
        let score = budget.objective.score(predictions: predictions, targets: targets)
        if best == nil || score > best!.score { best = (candidate, score) }
      } catch {
        failed += 1
      }
    }
    guard let best else {
      throw .numerical(model: type.name, "every one of \(run) tuning trials failed to fit")
    }
    return TuningResult(hyperparameters: best.hyperparameters, score: best.score.isFinite ? best.score : nil,
                        trialsRun: run, trialsFailed: failed)
  }
}
