import SeededRandom
import Analysis
import Spaces

/// Algorithm 5 of seed 002 on tables: a proxy whose latency is known for the whole space (through its
/// linear predictor), a target measured on a few sampled architectures only; adapt the proxy (Eq. 3.3)
/// and compare the ranking of the whole space before and after with the target's real latencies.
public struct AdaptationOutcome: Sendable, Codable {
  public var target: String
  /// Spearman ρ over the whole space: the proxy's measurements vs the target's.
  public var rhoMeasuredProxy: Double
  /// … the proxy's linear predictor vs the target (the starting point of the adaptation).
  public var rhoProxyPredictor: Double
  /// … the adapted predictor vs the target.
  public var rhoAdapted: Double
  /// Spearman ρ of the sampled architectures (what Algorithm 5 line 4 sees before deciding to adapt).
  public var rhoOnSample: Double
  /// Algorithm 5, line 5: whether ρ on the sample fell below the threshold, so the adapted predictor is
  /// the one to search with (otherwise the proxy is reused as is).
  public var adapted: Bool
  /// The ρ over the whole space of the predictor Algorithm 5 ends up using.
  public var rhoUsed: Double
  public var trainCount: Int
  public var validationCount: Int
  public var alpha: Double
  public var lambda: Double
  public var validationRho: Double
  /// Non-zero sparse corrections, as (feature name, bⱼ).
  public var corrections: [Correction]
  /// The adapted predictor's Pareto set in (accuracy ↑, adapted latency ↓), when accuracies are known:
  /// architecture names with their accuracy and *measured* target latency.
  public var adaptedFront: [FrontPoint]
  /// The same set after Algorithm 5 line 11: measured on the target, non-Pareto members removed.
  public var adaptedFrontAfterMeasuring: [FrontPoint]

  public struct Correction: Sendable, Codable {
    public var feature: String
    public var value: Double
  }
  public struct FrontPoint: Sendable, Codable {
    public var architecture: String
    public var accuracy: Double
    public var targetLatency: Double
  }
}

/// Algorithm 5 on a measured table, for one proxy and any number of targets. The proxy's linear
/// predictor and its predictions over the whole space are computed once, here, not once per target.
public struct AdaptationExperiment: Sendable {
  public let names: [String]
  public let encodings: [[Double]]
  public let featureNames: [String]
  /// The proxy's measured latency per architecture.
  public let proxy: [Double]
  /// The proxy's linear predictor, fitted on all of `proxy` (the "predictor built a priori").
  public let predictor: LinearLatencyPredictor
  /// The proxy predictor's latency for every architecture.
  public let predicted: [Double]
  let accuracy: [Double]?

  /// - Parameters:
  ///   - encodings: one encoding per architecture (the space's one-hot plus a trailing constant 1).
  ///   - featureNames: a name per encoding entry.
  ///   - proxy: the proxy's measured latency per architecture.
  ///   - accuracy: per architecture, or `nil`.
  public init(names: [String], encodings: [[Double]], featureNames: [String], proxy: [Double], accuracy: [Double]?) {
    self.names = names
    self.encodings = encodings
    self.featureNames = featureNames
    self.proxy = proxy
    self.accuracy = accuracy
    predictor = LinearLatencyPredictor.fit(encodings: encodings, latencies: proxy)
    predicted = encodings.map(predictor.predict)
  }

  /// The architectures measured on a target: `samples` distinct indices drawn with `seed`, the last
  /// `validation` of which tune λ in ``run(target:targetName:samples:validation:seed:selection:threshold:)``.
  public func picks(samples: Int, seed: UInt64) -> [Int] {
    var generator = SplitMix64(seed: seed)
    return sampleWithoutReplacement(count: samples, from: names.count, using: &generator)
  }

  /// Runs the adaptation for one target.
  ///
  /// - Parameters:
  ///   - target: the target's measured latency per architecture (only `samples` of them are "measured").
  ///   - samples: target measurements used (train + validation); `validation` of them tune λ.
  public func run(target: [Double], targetName: String, samples: Int, validation: Int, seed: UInt64,
                  selection: ProxyAdaptation.LambdaSelection = .crossValidation, threshold: Double = 0.9) -> AdaptationOutcome {
    let picks = self.picks(samples: samples, seed: seed)
    let trainPicks = Array(picks.dropLast(validation)), validationPicks = Array(picks.suffix(validation))
    let adapted = ProxyAdaptation.adapt(
      proxy: predictor,
      train: trainPicks.map { (encodings[$0], target[$0]) },
      validation: validationPicks.map { (encodings[$0], target[$0]) }, selection: selection)
    let adaptedLatency = encodings.map(adapted.predict)
    var front: [AdaptationOutcome.FrontPoint] = []
    var measuredFront: [AdaptationOutcome.FrontPoint] = []
    if let accuracy {
      let set = ParetoFront.indices(of: zip(accuracy, adaptedLatency).map { [$0, $1] }, senses: [.maximize, .minimize])
      front = set.map { .init(architecture: names[$0], accuracy: accuracy[$0], targetLatency: target[$0]) }
      let kept = ParetoFront.indices(of: set.map { [accuracy[$0], target[$0]] }, senses: [.maximize, .minimize])
      measuredFront = kept.map { front[$0] }
    }
    let rhoOnSample = RankCorrelation.spearman(picks.map { proxy[$0] }, picks.map { target[$0] })
    let rhoMeasured = RankCorrelation.spearman(proxy, target), rhoAdapted = RankCorrelation.spearman(adaptedLatency, target)
    return AdaptationOutcome(
      target: targetName,
      rhoMeasuredProxy: rhoMeasured,
      rhoProxyPredictor: RankCorrelation.spearman(predicted, target),
      rhoAdapted: rhoAdapted,
      rhoOnSample: rhoOnSample, adapted: rhoOnSample < threshold, rhoUsed: rhoOnSample < threshold ? rhoAdapted : rhoMeasured,
      trainCount: trainPicks.count, validationCount: validationPicks.count,
      alpha: adapted.alpha, lambda: adapted.lambda, validationRho: adapted.validationRho,
      corrections: adapted.corrections.enumerated().filter { $0.element != 0 }.map {
        .init(feature: featureNames[$0.offset], value: $0.element)
      },
      adaptedFront: front, adaptedFrontAfterMeasuring: measuredFront)
  }
}
