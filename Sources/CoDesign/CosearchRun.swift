import Analysis
import Foundation

/// How the run picks its latency/energy cap settings.
public enum CapSelection: Hashable, Sendable, Codable {
  /// Points of the target's Pareto front in (accuracy ↑, latency ↓, energy ↓), sorted by latency: the
  /// point at each position q ∈ [0, 1] (q·(n−1), rounded down) gives caps (its latency, its energy).
  /// Caps sit exactly on attainable values, so they are unambiguous (an accelerator has only tens of
  /// distinct cost values over a cell space, which makes percentile caps ambiguous).
  case targetFront(positions: [Double])
  /// Explicit caps in the run's units.
  case explicit([Caps])
}

/// Everything a co-search run needs, already loaded.
public struct CosearchSetup: Sendable {
  public var candidates: CandidateSet
  public var hardware: HardwareSet
  public var latencyUnit: CostTable.LatencyUnit
  /// The target accelerator (the paper's h*): caps are taken on its front, and it is excluded as a proxy.
  public var target: Int
  public var caps: CapSelection
  public var seed: UInt64
  public var stageOne: StageOneRule
  /// Run the every-proxy effectiveness experiment and the monotonicity analysis (M·N extra evaluations,
  /// reported apart from the strategies).
  public var analyses: Bool
  /// How the coupled search and stage 2 visit hardware (every valid point by default).
  public var hardwareSearch: HardwareSearch = .exhaustive
  /// The resource cap H ([Lu22-SD] Eq. 4.4) added to every cap setting, or `nil`.
  public var resourceCap: Double? = nil
  /// Seeded architectures the highest-ρ proxy rule prices on every accelerator to rank them by mean
  /// latency ρ (their evaluations count against that strategy).
  public var proxyRhoSample = 100
  /// Seeded architectures the hardware-first baseline takes as the space's typical workloads.
  public var hardwareFirstSample = 20

  public init(candidates: CandidateSet, hardware: HardwareSet, latencyUnit: CostTable.LatencyUnit, target: Int,
              caps: CapSelection, seed: UInt64, stageOne: StageOneRule = .fullFront, analyses: Bool = true) {
    self.candidates = candidates
    self.hardware = hardware
    self.latencyUnit = latencyUnit
    self.target = target
    self.caps = caps
    self.seed = seed
    self.stageOne = stageOne
    self.analyses = analyses
  }
}

/// The outcome of a co-search run: every strategy on the same candidates, hardware, caps and seed, plus
/// the analyses that explain the outcome. Wall times are kept apart (``timings``) so that everything
/// else is a pure function of the inputs and the seed.
public struct CosearchResult: Sendable, Codable {
  public struct Hardware: Sendable, Codable {
    public var label: String
    public var valid: Bool
    public var invalidReason: String?
    public var resource: Double?
    /// Dataflow, PEs and bandwidths, for ordering in reports (`nil` for hardware other than accelerators).
    public var figures: HardwareFigures? = nil

    /// The reason without the layer that failed: ``CostTable`` writes `<layer shape>: <cause>` (`conv K16
    /// C3 R3 Y32: kc-p's Cluster(64) needs at least 64 PEs`), and `result.json` keeps that one string,
    /// so the cause is read back here, beside the format's definition.
    public var invalidCause: String? {
      invalidReason.map { $0.components(separatedBy: CostTable.reasonSeparator).dropFirst().joined(separator: CostTable.reasonSeparator) }
    }
  }

  /// Every candidate's metrics on the target, in candidate order: what a report needs to draw accuracy
  /// against latency and energy for the whole space (seed 002, Fig. 4.3 left).
  public struct TargetMetrics: Sendable, Codable {
    /// Accuracy in %, latency in the run's unit, energy in picojoules; NaN where the target cannot run one.
    public var accuracy: [Double]
    public var latency: [Double]
    public var energy: [Double]
    /// The names of ``CosearchResult/targetFront``'s architectures, in the same order.
    public var frontNames: [String]

    public init(accuracy: [Double], latency: [Double], energy: [Double], frontNames: [String]) {
      self.accuracy = accuracy
      self.latency = latency
      self.energy = energy
      self.frontNames = frontNames
    }
  }

  /// Why a proxy missed the coupled optimum under a cap setting.
  public struct Miss: Sendable, Codable {
    public var proxy: Int
    public var cap: Int
    public var gap: Double
    public var explanation: String
  }

  public struct Claims: Sendable, Codable {
    /// Per default cap setting: median and worst gap over proxies, in percentage points.
    public var medianGap: [Double]
    public var worstGap: [Double]
    /// Over caps at every target-front point × every proxy: share of cases within 0.1 pp.
    public var shareWithinTenthOverFront: Double
    public var frontCases: Int
    /// Fully coupled evaluations ÷ semi-decoupled (random proxy) evaluations.
    public var evaluationRatio: Double
  }

  public var latencyUnit: CostTable.LatencyUnit
  public var energyUnit = "pJ"
  public var architectureCount: Int
  public var distinctLayers: Int
  public var hardware: [Hardware]
  public var target: Int
  public var caps: [Caps]
  public var targetFront: [Int]
  public var outcomes: [StrategyOutcome]
  public var effectiveness: EffectivenessResult?
  public var frontEffectiveness: EffectivenessResult?
  public var monotonicity: MonotonicityResult?
  public var misses: [Miss]
  public var claims: Claims?
  /// Evaluations the analyses used (M·N), apart from any strategy.
  public var analysisEvaluations: Int
  /// Every candidate on the target (read off the pricing the caps already needed; no evaluations counted).
  public var onTarget: TargetMetrics? = nil
  /// Self-checks of the run (the exactness gate): each strategy's answer recomputed another way.
  public var checks: [Check] = []
  /// How the coupled search and stage 2 visited hardware.
  public var hardwareSearch: HardwareSearch = .exhaustive

  public struct Check: Sendable, Codable {
    public var name: String
    public var passed: Bool
    public var detail: String
  }
}

/// Wall-clock figures of a run (machine-dependent, so not in ``CosearchResult``).
public struct CosearchTimings: Sendable, Codable {
  public var strategies: [String: Double] = [:]
  public var analysesSeconds = 0.0
  public var totalSeconds = 0.0
}

public enum CosearchRun {
  /// The strategies a run compares, in report order, as (strategy, how its proxy is chosen).
  static let variants: [(strategy: Strategy, proxy: ProxyRule.Choice?)] = [
    (.fullyCoupled, nil), (.semiDecoupled, .random), (.semiDecoupled, .highestMeanRho),
    (.decoupledArchitectureFirst, .random), (.decoupledHardwareFirst, nil),
  ]

  /// Runs one of ``variants`` on the setup's seed, stage-one rule and hardware search.
  static func run(_ variant: (strategy: Strategy, proxy: ProxyRule.Choice?), _ setup: CosearchSetup, caps: [Caps],
                  _ evaluator: inout Evaluator) -> StrategyOutcome {
    let rule: ProxyRule = variant.proxy == .highestMeanRho
      ? .highestMeanRho(sample: setup.proxyRhoSample, seed: setup.seed) : .random(seed: setup.seed)
    switch variant.strategy {
    case .fullyCoupled:
      return CoSearch.fullyCoupled(&evaluator, caps: caps, hardwareSearch: setup.hardwareSearch)
    case .semiDecoupled:
      return CoSearch.semiDecoupled(&evaluator, caps: caps, proxy: rule, stageOne: setup.stageOne,
                                    hardwareSearch: setup.hardwareSearch)
    case .decoupledArchitectureFirst:
      return CoSearch.decoupledArchitectureFirst(&evaluator, caps: caps, proxy: rule)
    case .decoupledHardwareFirst:
      return CoSearch.decoupledHardwareFirst(&evaluator, caps: caps, sample: setup.hardwareFirstSample, seed: setup.seed)
    }
  }

  /// The steps after pricing the analyses report, in order.
  static let analysisSteps = [
    "analyses: every architecture on every valid accelerator", "effectiveness: every valid accelerator as the proxy",
    "monotonicity: rank correlation across accelerators",
  ]

  /// How many times ``run(_:progress:)`` calls its progress closure: pricing, one per strategy, and the
  /// analyses' steps when they run.
  public static func stepCount(analyses: Bool) -> Int {
    1 + variants.count + (analyses ? analysisSteps.count : 0)
  }

  /// Runs the strategies and the analyses.
  ///
  /// - Parameter progress: called with a short description before each step (``stepCount(analyses:)``
  ///   times), for a progress display.
  public static func run(_ setup: CosearchSetup, progress: (String) -> Void = { _ in })
    -> (result: CosearchResult, timings: CosearchTimings)
  {
    let clock = ContinuousClock()
    let start = clock.now
    var timings = CosearchTimings()
    func seconds(_ d: Duration) -> Double {
      Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
    func fresh() -> Evaluator {
      Evaluator(candidates: setup.candidates, hardware: setup.hardware, latencyUnit: setup.latencyUnit)
    }

    // The target's front decides the caps; it is read off a full evaluation of the target only.
    progress("pricing \(setup.candidates.distinctLayers.count) distinct layers on \(setup.hardware.count) hardware points")
    let reference = fresh()
    let onTarget = (0..<setup.candidates.count).map { reference.peek($0, on: setup.target) }
    let targetFront = CoSearch.paretoFront(onTarget).sorted {
      (onTarget[$0].latency, onTarget[$0].energy, $0) < (onTarget[$1].latency, onTarget[$1].energy, $1)
    }
    let capsList: [Caps]
    switch setup.caps {
    case .explicit(let given): capsList = given
    case .targetFront(let positions): capsList = capsOnFront(targetFront, metrics: onTarget, positions: positions)
    }
    let caps = setup.resourceCap.map { cap in capsList.map { var c = $0; c.resource = cap; return c } } ?? capsList

    // The strategies, each with its own evaluator (own cache, own count); the strategy's own pricing
    // (its fresh cost table) counts in its time.
    var outcomes: [StrategyOutcome] = []
    for variant in variants {
      let label = StrategyOutcome.label(variant.strategy, variant.proxy)
      progress(label)
      let t0 = clock.now
      var evaluator = fresh()
      let outcome = run(variant, setup, caps: caps, &evaluator)
      timings.strategies[label] = seconds(clock.now - t0)
      outcomes.append(outcome)
    }

    let hardware = (0..<setup.hardware.count).map { h in
      CosearchResult.Hardware(label: setup.hardware.points[h].label, valid: reference.costs.isValid(h),
                              invalidReason: reference.costs.invalidReason[h], resource: setup.hardware.points[h].resource,
                              figures: HardwareFigures(setup.hardware.points[h].model))
    }
    var result = CosearchResult(
      latencyUnit: setup.latencyUnit, architectureCount: setup.candidates.count,
      distinctLayers: setup.candidates.distinctLayers.count, hardware: hardware, target: setup.target, caps: caps,
      targetFront: targetFront, outcomes: outcomes, effectiveness: nil, frontEffectiveness: nil, monotonicity: nil,
      misses: [], claims: nil, analysisEvaluations: 0,
      onTarget: .init(accuracy: onTarget.map(\.accuracy), latency: onTarget.map(\.latency), energy: onTarget.map(\.energy),
                      frontNames: targetFront.map { setup.candidates.names[$0] }))

    if setup.analyses {
      let t0 = clock.now
      progress(analysisSteps[0])
      let matrix = MetricMatrix(reference)
      result.analysisEvaluations = matrix.evaluations
      let resources = setup.hardware.points.map(\.resource)
      let labels = setup.hardware.labels
      progress(analysisSteps[1])
      let effectiveness = Effectiveness.run(matrix: matrix, caps: caps, resources: resources, labels: labels,
                                            names: setup.candidates.names, rule: setup.stageOne, exclude: [setup.target])
      let frontCaps = targetFront.enumerated().map { i, a in
        Caps(label: "front \(i + 1)", latency: onTarget[a].latency, energy: onTarget[a].energy)
      }
      let frontEffectiveness = Effectiveness.run(matrix: matrix, caps: frontCaps, resources: resources, labels: labels,
                                                 names: setup.candidates.names, rule: setup.stageOne,
                                                 exclude: [setup.target])
      progress(analysisSteps[2])
      result.effectiveness = effectiveness
      result.frontEffectiveness = frontEffectiveness
      result.monotonicity = monotonicity(matrix, target: setup.target, labels: labels,
                                         figures: setup.hardware.points.map { HardwareFigures($0.model) })
      result.misses = explainMisses(effectiveness, matrix: matrix, evaluator: reference)
      let coupled = outcomes.first { $0.strategy == .fullyCoupled }?.evaluations ?? 0
      let semi = outcomes.first { $0.strategy == .semiDecoupled && $0.proxyChoice == .random }?.evaluations ?? 0
      let frontGaps = frontEffectiveness.cases.flatMap(\.gap)
      result.claims = CosearchResult.Claims(
        medianGap: caps.indices.map { Statistics.median(effectiveness.gaps(cap: $0)) },
        worstGap: caps.indices.map { effectiveness.gaps(cap: $0).max() ?? .nan },
        shareWithinTenthOverFront: frontGaps.isEmpty ? .nan
          : Double(frontGaps.filter(CosearchResult.Claims.isNearOptimum).count) / Double(frontGaps.count),
        frontCases: frontGaps.count,
        evaluationRatio: Double(coupled) / Double(max(semi, 1)))
      result.checks = selfChecks(result, setup: setup)
      timings.analysesSeconds = seconds(clock.now - t0)
    }
    result.hardwareSearch = setup.hardwareSearch
    timings.totalSeconds = seconds(clock.now - start)
    return (result, timings)
  }

  /// Caps at positions of the target's front (sorted by latency).
  public static func capsOnFront(_ front: [Int], metrics: [PairMetrics], positions: [Double]) -> [Caps] {
    guard !front.isEmpty else { return [] }
    // "tight / mid / loose" only where the positions say so; otherwise each cap is named by its position.
    let named = positions.count == 3 && positions[0] < positions[1] && positions[1] < positions[2]
    let names = named ? ["tight", "mid", "loose"] : positions.map { "q\($0)" }
    return positions.enumerated().map { i, q in
      let point = front[min(front.count - 1, Int((q * Double(front.count - 1)).rounded(.down)))]
      return Caps(label: names[i], latency: metrics[point].latency, energy: metrics[point].energy)
    }
  }

  static func monotonicity(_ matrix: MetricMatrix, target: Int, labels: [String], figures: [HardwareFigures?])
    -> MonotonicityResult
  {
    var result = MonotonicityResult(labels: matrix.hardware.map { labels[$0] }, hardware: matrix.hardware,
                                    latency: matrix.latency, energy: matrix.energy, reference: matrix.row(of: target))
    result.figures = matrix.hardware.map { figures[$0] }
    return result
  }

}
