import SeededRandom
import Analysis
import Spaces
import Foundation

/// The co-search strategies compared on one run (seed 002, §4.3 and Table 4.1).
public enum Strategy: String, Hashable, Sendable, Codable, CaseIterable {
  /// Nested search over every (architecture, hardware) pair: optimal, O(M·N) evaluations.
  case fullyCoupled = "fully-coupled"
  /// Stage 1: the Pareto set P of architectures on one proxy accelerator; stage 2: search P × H.
  case semiDecoupled = "semi-decoupled"
  /// One architecture chosen on the reference (proxy) hardware, then the best hardware for it.
  case decoupledArchitectureFirst = "decoupled-architecture-first"
  /// One accelerator chosen for typical architectures of the space, then NAS on it.
  case decoupledHardwareFirst = "decoupled-hardware-first"
}

/// What one strategy found under each cap setting, and what it cost.
public struct StrategyOutcome: Sendable, Codable {
  public var strategy: Strategy
  /// One entry per cap setting, in the order given; `nil` when nothing meets the caps.
  public var choices: [Choice?]
  /// (architecture, hardware) pairs evaluated.
  public var evaluations: Int
  /// Distinct (layer, hardware) pricings the strategy's evaluator made.
  public var layerPricings: Int
  /// How the proxy (semi-decoupled) or the reference hardware (architecture first) was chosen; `nil` for
  /// strategies without one. A result file keeps it for semi-decoupled outcomes only, in ``label``.
  public var proxyChoice: ProxyRule.Choice?
  /// The proxy / reference hardware, where the strategy has one.
  public var proxy: Int?
  /// Stage 1's architecture set P (semi-decoupled), or the one architecture / hardware a decoupled
  /// strategy fixed first.
  public var fixedSet: [Int]
  /// Notes for the reader (how the proxy was chosen, fallbacks taken).
  public var notes: [String]

  public init(strategy: Strategy, choices: [Choice?], evaluations: Int, layerPricings: Int,
              proxyChoice: ProxyRule.Choice? = nil, proxy: Int?, fixedSet: [Int], notes: [String]) {
    self.strategy = strategy
    self.choices = choices
    self.evaluations = evaluations
    self.layerPricings = layerPricings
    self.proxyChoice = proxyChoice
    self.proxy = proxy
    self.fixedSet = fixedSet
    self.notes = notes
  }

  /// The name that tells variants of one strategy apart (`semi-decoupled (random proxy)`); wall times
  /// are kept in `CosearchTimings` under it.
  public var label: String { Self.label(strategy, proxyChoice) }

  /// The label of a strategy run with a proxy chosen this way.
  public static func label(_ strategy: Strategy, _ proxyChoice: ProxyRule.Choice?) -> String {
    guard strategy == .semiDecoupled, let proxyChoice else { return strategy.rawValue }
    return switch proxyChoice {
    case .random: "semi-decoupled (random proxy)"
    case .highestMeanRho: "semi-decoupled (highest-ρ proxy)"
    case .given: "semi-decoupled (given proxy)"
    }
  }

  enum CodingKeys: String, CodingKey { case strategy, choices, evaluations, layerPricings, label, proxy, fixedSet, notes }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    strategy = try c.decode(Strategy.self, forKey: .strategy)
    choices = try c.decode([Choice?].self, forKey: .choices)
    evaluations = try c.decode(Int.self, forKey: .evaluations)
    layerPricings = try c.decode(Int.self, forKey: .layerPricings)
    proxy = try c.decodeIfPresent(Int.self, forKey: .proxy)
    fixedSet = try c.decode([Int].self, forKey: .fixedSet)
    notes = try c.decode([String].self, forKey: .notes)
    // The label is one of the few `label(_:_:)` spells; match it rather than read it.
    let label = try c.decodeIfPresent(String.self, forKey: .label) ?? ""
    proxyChoice = strategy == .semiDecoupled ? ProxyRule.Choice.allCases.first { Self.label(strategy, $0) == label } : nil
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(strategy, forKey: .strategy)
    try c.encode(choices, forKey: .choices)
    try c.encode(evaluations, forKey: .evaluations)
    try c.encode(layerPricings, forKey: .layerPricings)
    try c.encode(label, forKey: .label)
    try c.encodeIfPresent(proxy, forKey: .proxy)
    try c.encode(fixedSet, forKey: .fixedSet)
    try c.encode(notes, forKey: .notes)
  }
}

/// How stage 1 of the semi-decoupled search builds its architecture set P.
public enum StageOneRule: Hashable, Sendable, Codable {
  /// Every architecture on the proxy's Pareto front in (accuracy ↑, latency ↓, energy ↓).
  case fullFront
  /// Algorithm 6 of seed 002: for K = n × n constraint pairs (L_k, E_k) at the proxy's latency and energy
  /// quantiles k/(n+1), the most accurate architecture meeting each pair.
  case constraintPairs(perAxis: Int)
}

/// How the proxy (reference) accelerator is chosen.
public enum ProxyRule: Hashable, Sendable, Codable {
  /// A uniformly random valid accelerator, from the run's seed (the paper's choice).
  case random(seed: UInt64)
  /// A given hardware index.
  case fixed(Int)
  /// The accelerator with the highest mean latency Spearman ρ with the others over `sample` seeded
  /// architectures; the sample's evaluations are counted.
  case highestMeanRho(sample: Int, seed: UInt64)

  /// A rule without its parameters: what a report tells variants apart by.
  public enum Choice: String, Hashable, Sendable, CaseIterable { case random, given, highestMeanRho }

  public var choice: Choice {
    switch self {
    case .random: .random
    case .fixed: .given
    case .highestMeanRho: .highestMeanRho
    }
  }
}

/// Runs the strategies over one candidate set and hardware set.
///
/// All strategies here use exhaustive inner searches over the candidate set (the paper's setting:
/// exhaustive search over a pre-sampled subspace), so their evaluation counts follow Table 4.1 exactly.
public enum CoSearch {
  /// The fully coupled search: every architecture on every hardware point the hardware search visits
  /// (every valid point by default).
  public static func fullyCoupled(_ evaluator: inout Evaluator, caps: [Caps], hardwareSearch: HardwareSearch = .exhaustive)
    -> StrategyOutcome
  {
    let best = bestOverHardware(&evaluator, architectures: Array(0..<evaluator.candidates.count), caps: caps,
                                mode: hardwareSearch)
    return StrategyOutcome(strategy: .fullyCoupled, choices: best, evaluations: evaluator.evaluations,
                           layerPricings: evaluator.costs.layerPricings, proxy: nil, fixedSet: [],
                           notes: ["exhaustive over \(evaluator.candidates.count) architectures × "
                                   + (hardwareSearch == .exhaustive ? "\(evaluator.validHardware.count) valid accelerators" : "the accelerators a \(hardwareSearch.name) hardware search visits")])
  }

  /// The best choice under each cap over `architectures` × the hardware `mode` visits. Exhaustive visits
  /// evaluate each pair once for all caps; the other modes evaluate a point's pairs when first visited.
  static func bestOverHardware(_ evaluator: inout Evaluator, architectures: [Int], caps: [Caps], mode: HardwareSearch,
                               known: (hardware: Int, metrics: [Int: PairMetrics])? = nil) -> [Choice?] {
    let hardware = evaluator.costs.hardware
    var memo: [Int: [PairMetrics]] = [:]
    // Metrics are cached per point in the order of `architectures`.
    var position = [Int](repeating: -1, count: (architectures.max() ?? -1) + 1)
    for (i, a) in architectures.enumerated() { position[a] = i }
    func metrics(_ h: Int, _ evaluator: inout Evaluator) -> [PairMetrics] {
      if let m = memo[h] { return m }
      let m = architectures.map { a in
        if let known, known.hardware == h, let m = known.metrics[a] { return m }
        return evaluator.evaluate(a, on: h)
      }
      memo[h] = m
      return m
    }
    func bestChoice(on h: Int, cap: Caps, _ evaluator: inout Evaluator) -> Choice? {
      guard cap.admits(resource: hardware.points[h].resource) else { return nil }
      let onH = metrics(h, &evaluator)
      return Choice.best(architectures: architectures, hardware: [h], cap: cap, resource: { hardware.points[$0].resource },
                         names: evaluator.candidates.names, labels: hardware.labels) { a, _ in onH[position[a]] }
    }
    let valid = evaluator.validHardware
    if mode == .exhaustive {
      var best = [Choice?](repeating: nil, count: caps.count)
      for h in valid {
        for (c, cap) in caps.enumerated() {
          if let choice = bestChoice(on: h, cap: cap, &evaluator), choice.isBetter(than: best[c]) { best[c] = choice }
        }
        memo[h] = nil  // keep memory flat: each point is visited once
      }
      return best
    }
    return caps.map { cap in searchHardware(hardware, valid: valid, mode: mode) { h in bestChoice(on: h, cap: cap, &evaluator) } }
  }

  /// The semi-decoupled search (Algorithm 6 of seed 002).
  public static func semiDecoupled(_ evaluator: inout Evaluator, caps: [Caps], proxy rule: ProxyRule,
                                   stageOne: StageOneRule, hardwareSearch: HardwareSearch = .exhaustive) -> StrategyOutcome {
    let (proxy, proxyNote) = chooseProxy(&evaluator, rule: rule)
    guard let proxy else {
      return StrategyOutcome(strategy: .semiDecoupled, choices: caps.map { _ in nil }, evaluations: evaluator.evaluations,
                             layerPricings: evaluator.costs.layerPricings, proxyChoice: rule.choice, proxy: nil, fixedSet: [],
                             notes: [proxyNote])
    }
    // Stage 1: hardware-aware NAS on the proxy (exhaustive: every architecture once).
    let onProxy = (0..<evaluator.candidates.count).map { evaluator.evaluate($0, on: proxy) }
    let set = stageOneSet(onProxy, rule: stageOne)
    // Stage 2: P × the hardware the search visits (every valid point by default).
    let known = Dictionary(uniqueKeysWithValues: set.map { ($0, onProxy[$0]) })
    let best = bestOverHardware(&evaluator, architectures: set, caps: caps, mode: hardwareSearch,
                                known: (proxy, known))
    let ruleNote: String = switch stageOne {
      case .fullFront: "P = the proxy's Pareto front in (accuracy, latency, energy): \(set.count) architectures"
      case .constraintPairs(let n): "P = best architecture for each of \(n * n) constraint pairs on the proxy: \(set.count) distinct"
    }
    return StrategyOutcome(strategy: .semiDecoupled, choices: best, evaluations: evaluator.evaluations,
                           layerPricings: evaluator.costs.layerPricings, proxyChoice: rule.choice, proxy: proxy, fixedSet: set,
                           notes: [proxyNote, ruleNote])
  }

  /// Fully decoupled, architecture first: the one most accurate architecture meeting the caps on the
  /// reference (proxy) hardware — when none does there, meeting the caps scaled up by the least factor that
  /// admits one — then, for it alone, the hardware point with the lowest latency (then energy) among those
  /// meeting the caps.
  public static func decoupledArchitectureFirst(_ evaluator: inout Evaluator, caps: [Caps], proxy rule: ProxyRule)
    -> StrategyOutcome
  {
    let (proxy, proxyNote) = chooseProxy(&evaluator, rule: rule)
    guard let proxy else {
      return StrategyOutcome(strategy: .decoupledArchitectureFirst, choices: caps.map { _ in nil },
                             evaluations: evaluator.evaluations, layerPricings: evaluator.costs.layerPricings,
                             proxyChoice: rule.choice, proxy: nil, fixedSet: [], notes: [proxyNote])
    }
    let onProxy = (0..<evaluator.candidates.count).map { evaluator.evaluate($0, on: proxy) }
    var notes = [proxyNote.replacingOccurrences(of: "proxy", with: "reference hardware")]
    var fixed: [Int] = []
    var perArchitecture: [Int: [PairMetrics]] = [:]
    var choices: [Choice?] = []
    for cap in caps {
      var pick = mostAccurate(onProxy, meeting: cap)
      if pick == nil {
        // Nothing meets the caps on the reference: the software team relaxes them by the least uniform
        // factor s ≥ 1 that admits an architecture, and takes the most accurate one within s·caps.
        let violation = onProxy.map { max($0.latency / cap.latency, $0.energy / cap.energy) }
        if let s = violation.filter({ !$0.isNaN }).min() {
          pick = mostAccurate(onProxy, meeting: Caps(label: cap.label, latency: cap.latency * s, energy: cap.energy * s))
          notes.append(String(format: "%@: no architecture meets the caps on the reference hardware; caps relaxed ×%.3f there", cap.label, s))
        }
      }
      guard let a = pick else { choices.append(nil); continue }
      if !fixed.contains(a) { fixed.append(a) }
      if perArchitecture[a] == nil {
        perArchitecture[a] = (0..<evaluator.costs.hardware.count).map { h in
          evaluator.costs.isValid(h) ? (h == proxy ? onProxy[a] : evaluator.evaluate(a, on: h))
            : PairMetrics(accuracy: onProxy[a].accuracy, latency: .nan, energy: .nan)
        }
      }
      var best: Choice? = nil
      for h in evaluator.validHardware {
        let point = evaluator.costs.hardware.points[h]
        let metrics = perArchitecture[a]![h]
        guard cap.admits(resource: point.resource), cap.admits(metrics) else { continue }
        let choice = Choice(architecture: a, architectureName: evaluator.candidates.names[a], hardware: h,
                            hardwareLabel: point.label, metrics: metrics)
        if best == nil || (metrics.latency, metrics.energy, h) < (best!.metrics.latency, best!.metrics.energy, best!.hardware) {
          best = choice
        }
      }
      choices.append(best)
    }
    return StrategyOutcome(strategy: .decoupledArchitectureFirst, choices: choices, evaluations: evaluator.evaluations,
                           layerPricings: evaluator.costs.layerPricings, proxyChoice: rule.choice, proxy: proxy, fixedSet: fixed,
                           notes: notes)
  }

  /// Fully decoupled, hardware first: the accelerator with the lowest geometric-mean energy-delay product
  /// over `sample` seeded architectures of the space (hardware designed for typical workloads), then the
  /// most accurate architecture meeting the caps on it.
  public static func decoupledHardwareFirst(_ evaluator: inout Evaluator, caps: [Caps], sample: Int, seed: UInt64)
    -> StrategyOutcome
  {
    var generator = SplitMix64(seed: seed)
    let n = evaluator.candidates.count
    let picks = sampleWithoutReplacement(count: min(sample, n), from: n, using: &generator)
    var bestHardware: Int? = nil
    var bestScore = Double.infinity
    // The hardware team designs within the resource budget, knowing only typical workloads.
    let points = evaluator.costs.hardware.points
    for h in evaluator.validHardware where caps.allSatisfy({ $0.admits(resource: points[h].resource) }) {
      var logSum = 0.0
      for a in picks {
        let m = evaluator.evaluate(a, on: h)
        logSum += (m.latency * m.energy).ln
      }
      let score = logSum / Double(max(picks.count, 1))
      if score < bestScore { bestScore = score; bestHardware = h }
    }
    guard let h = bestHardware else {
      return StrategyOutcome(strategy: .decoupledHardwareFirst, choices: caps.map { _ in nil },
                             evaluations: evaluator.evaluations, layerPricings: evaluator.costs.layerPricings,
                             proxy: nil, fixedSet: [], notes: ["no valid hardware"])
    }
    let point = evaluator.costs.hardware.points[h]
    var best = [Choice?](repeating: nil, count: caps.count)
    for a in 0..<n {
      let metrics = evaluator.evaluate(a, on: h)
      for (c, cap) in caps.enumerated() where cap.admits(resource: point.resource) && cap.admits(metrics) {
        let choice = Choice(architecture: a, architectureName: evaluator.candidates.names[a], hardware: h,
                            hardwareLabel: point.label, metrics: metrics)
        if choice.isBetter(than: best[c]) { best[c] = choice }
      }
    }
    return StrategyOutcome(strategy: .decoupledHardwareFirst, choices: best, evaluations: evaluator.evaluations,
                           layerPricings: evaluator.costs.layerPricings, proxy: h, fixedSet: [h],
                           notes: ["hardware fixed first: \(point.label), lowest geometric-mean latency × energy over \(picks.count) sampled architectures"])
  }

  // MARK: Pieces

  /// Stage 1's set P from the proxy's metrics of every candidate.
  public static func stageOneSet(_ onProxy: [PairMetrics], rule: StageOneRule) -> [Int] {
    switch rule {
    case .fullFront:
      return paretoFront(onProxy)
    case .constraintPairs(let perAxis):
      let latencies = onProxy.map(\.latency).filter { !$0.isNaN }
      let energies = onProxy.map(\.energy).filter { !$0.isNaN }
      var set: [Int] = []
      for i in 1...max(perAxis, 1) {
        for j in 1...max(perAxis, 1) {
          let cap = Caps(label: "", latency: Statistics.quantile(latencies, Double(i) / Double(perAxis + 1)),
                         energy: Statistics.quantile(energies, Double(j) / Double(perAxis + 1)))
          if let pick = mostAccurate(onProxy, meeting: cap), !set.contains(pick) { set.append(pick) }
        }
      }
      return set.sorted()
    }
  }

  /// Indices of the Pareto front in (accuracy ↑, latency ↓, energy ↓).
  public static func paretoFront(_ metrics: [PairMetrics]) -> [Int] {
    var flattened: [Double] = []
    flattened.reserveCapacity(metrics.count * 3)
    for m in metrics { flattened += [m.accuracy, m.latency, m.energy] }
    return ParetoFront.indices(flattened: flattened, senses: [.maximize, .minimize, .minimize])
  }

  /// The architecture that comes first in the documented order on one hardware point (as
  /// ``Choice/isBetter(than:)``: accuracy, then latency, then energy, then the lower index) among those
  /// meeting `cap`, or `nil` when none does.
  static func mostAccurate(_ metrics: [PairMetrics], meeting cap: Caps) -> Int? {
    var pick: Int? = nil
    for a in metrics.indices where cap.admits(metrics[a]) {
      if let p = pick, !Choice.precedes(metrics[a], a, 0, metrics[p], p, 0) { continue }
      pick = a
    }
    return pick
  }


  static func chooseProxy(_ evaluator: inout Evaluator, rule: ProxyRule) -> (Int?, String) {
    let valid = evaluator.validHardware
    guard !valid.isEmpty else { return (nil, "no valid hardware to take as the proxy") }
    switch rule {
    case .fixed(let h):
      guard valid.contains(h) else { return (nil, "the requested proxy cannot run the candidates") }
      return (h, "proxy: \(evaluator.costs.hardware.points[h].label) (given)")
    case .random(let seed):
      var generator = SplitMix64(seed: seed)
      let h = valid[generator.index(below: valid.count)]
      return (h, "proxy: \(evaluator.costs.hardware.points[h].label) (chosen at random, seed \(seed))")
    case .highestMeanRho(let sample, let seed):
      var generator = SplitMix64(seed: seed)
      let picks = sampleWithoutReplacement(count: min(sample, evaluator.candidates.count),
                                           from: evaluator.candidates.count, using: &generator)
      let series = valid.map { h in picks.map { evaluator.evaluate($0, on: h).latency } }
      let means = CorrelationMatrix(series: series).meanOffDiagonal
      var bestIndex = 0
      for i in means.indices where means[i] > means[bestIndex] || means[bestIndex].isNaN { bestIndex = i }
      let h = valid[bestIndex]
      return (h, "proxy: \(evaluator.costs.hardware.points[h].label) (highest mean latency ρ = \(String(format: "%.3f", means[bestIndex])) over \(picks.count) sampled architectures)")
    }
  }
}

extension Double {
  var ln: Double { Foundation.log(self) }
}
