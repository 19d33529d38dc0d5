import Spaces
public import SpecFiles

extension CoSearch {
  /// The fully coupled search with evolutionary NAS as its inner loop (for spaces too large to
  /// enumerate): on every valid hardware point the hardware search visits, one evolutionary search per
  /// cap setting (t = 0: accuracy, feasible individuals first).
  ///
  /// `evaluator` starts empty; `pool` lowers and registers the architectures the searches meet.
  public static func fullyCoupledEvolutionary(_ pool: inout ArchitecturePool, _ evaluator: inout Evaluator, caps: [Caps],
                                              settings: EvolutionSettings, hardwareSearch: HardwareSearch = .exhaustive)
    throws(SpecError) -> StrategyOutcome
  {
    var inner = settings
    inner.tradeoffs = [0]
    var failure: SpecError? = nil
    var choices: [Choice?] = []
    for cap in caps {
      // Hardware validity only shows once layers are priced: price one architecture first.
      let hardware = evaluator.costs.hardware
      let all = Array(0..<hardware.count)
      let best = searchHardware(hardware, valid: all, mode: hardwareSearch) { h in
        guard failure == nil, cap.admits(resource: hardware.points[h].resource) else { return nil }
        do throws(SpecError) {
          let visited = try EvolutionarySearch.run(pool: &pool, evaluator: &evaluator, hardware: h, caps: cap, settings: inner)
          guard evaluator.costs.isValid(h) else { return nil }
          return bestFeasible(visited, on: h, cap: cap, evaluator: evaluator)
        } catch {
          failure = error
          return nil
        }
      }
      if let failure { throw failure }
      choices.append(best)
    }
    return StrategyOutcome(strategy: .fullyCoupled, choices: choices, evaluations: evaluator.evaluations,
                           layerPricings: evaluator.costs.layerPricings, proxy: nil, fixedSet: [],
                           notes: ["evolutionary NAS (population \(settings.population), \(settings.generations) generations) on every visited accelerator, per cap setting; \(evaluator.candidates.count) distinct architectures met"])
  }

  /// The semi-decoupled search with evolutionary NAS in stage 1: searches on the proxy for every
  /// trade-off weight t; P is the Pareto front of every architecture they evaluated. Stage 2 as usual.
  public static func semiDecoupledEvolutionary(_ pool: inout ArchitecturePool, _ evaluator: inout Evaluator, caps: [Caps],
                                               proxy: Int, settings: EvolutionSettings,
                                               hardwareSearch: HardwareSearch = .exhaustive) throws(SpecError) -> StrategyOutcome
  {
    let visited = try EvolutionarySearch.run(pool: &pool, evaluator: &evaluator, hardware: proxy,
                                             caps: Caps(label: "none"), settings: settings)
    guard evaluator.costs.isValid(proxy) else {
      return StrategyOutcome(strategy: .semiDecoupled, choices: caps.map { _ in nil }, evaluations: evaluator.evaluations,
                             layerPricings: evaluator.costs.layerPricings, proxyChoice: .given, proxy: proxy, fixedSet: [],
                             notes: ["the proxy cannot run the space: \(evaluator.costs.invalidReason[proxy] ?? "")"])
    }
    let onProxy = Dictionary(uniqueKeysWithValues: visited.map { ($0, evaluator.peek($0, on: proxy)) })
    let front = paretoFront(visited.map { onProxy[$0]! }).map { visited[$0] }
    let best = bestOverHardware(&evaluator, architectures: front, caps: caps, mode: hardwareSearch,
                                known: (proxy, onProxy))
    return StrategyOutcome(strategy: .semiDecoupled, choices: best, evaluations: evaluator.evaluations,
                           layerPricings: evaluator.costs.layerPricings, proxyChoice: .given, proxy: proxy, fixedSet: front,
                           notes: ["proxy: \(evaluator.costs.hardware.points[proxy].label) (given)",
                                   "P = the Pareto front of the \(visited.count) architectures evolutionary NAS evaluated on the proxy (t ∈ \(settings.tradeoffs)): \(front.count) architectures"])
  }

  static func bestFeasible(_ architectures: [Int], on h: Int, cap: Caps, evaluator: Evaluator) -> Choice? {
    Choice.best(architectures: architectures, hardware: [h], cap: cap, resource: { evaluator.costs.hardware.points[$0].resource },
                names: evaluator.candidates.names, labels: evaluator.costs.hardware.labels) { a, h in evaluator.peek(a, on: h) }
  }

}
