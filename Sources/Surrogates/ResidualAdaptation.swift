public import Learning

/// Proxy adaptation with a model of the zoo: the proxy's prediction scaled to the target, plus what a
/// fitted model learns of the rest, beside [Lu22-OP]'s linear form (Eq. 3.3 of [Lu22]: a scale α and a
/// sparse correction of the proxy's per-choice weights).
///
/// From n target measurements yᵢ of architectures xᵢ and the proxy's prediction p(x): α minimises
/// Σ (yᵢ − α·p(xᵢ))² (α = Σ yᵢpᵢ / Σ pᵢ²); the model, tuned and fitted on the n samples (random search,
/// k-fold cross-validation inside them), predicts the residual rᵢ = yᵢ − α·p(xᵢ) from the encoding; the
/// adapted prediction is α·p(x) + r̂(x).
public enum ResidualAdaptation {
  public struct Outcome: Sendable {
    public var alpha: Double
    /// The adapted prediction of every row of `features`.
    public var predictions: [Double]
    public var tuning: TuningResult
  }

  /// - Parameters:
  ///   - proxyPrediction: p(x) for every row of `features`.
  ///   - samples: the rows measured on the target, and `measured` their values.
  /// - Throws: ``LearningError`` when the model cannot be fitted on the samples.
  public static func adapt(_ model: any Regressor.Type, features: FeatureMatrix, proxyPrediction: [Double], samples: [Int],
                           measured: [Double], budget: TuningBudget, seed: UInt64) throws(LearningError) -> Outcome {
    precondition(samples.count == measured.count && proxyPrediction.count == features.rowCount)
    let p = samples.map { proxyPrediction[$0] }
    let squares = p.reduce(0) { $0 + $1 * $1 }
    let alpha = squares > 0 ? zip(measured, p).reduce(0) { $0 + $1.0 * $1.1 } / squares : 0
    let residuals = zip(measured, p).map { $0 - alpha * $1 }
    let fitted = try PredictorStudy.fit(model, features: features.selecting(rows: samples), targets: residuals, budget: budget,
                                        seed: seed)
    let correction = fitted.predictor.predict(features)
    return Outcome(alpha: alpha, predictions: zip(proxyPrediction, correction).map { alpha * $0 + $1 },
                   tuning: fitted.tuning)
  }
}
