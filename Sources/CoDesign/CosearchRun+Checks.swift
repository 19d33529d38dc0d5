extension CosearchRun {
  /// The exactness gate, run on every co-search with analyses: every strategy's answer is recomputed
  /// along another path.
  ///
  /// 1. The fully coupled choice equals a scan of the full metric matrix (`Effectiveness.coupledOptimum`).
  /// 2. The semi-decoupled (random proxy) choice equals the effectiveness experiment's answer for the
  ///    same proxy (another stage-1 and stage-2 implementation).
  /// 3. Every chosen pair re-priced layer by layer from the cost model, bypassing the cost table, gives
  ///    the same latency (exactly, in cycles) and energy (to 10⁻⁹ relative).
  static func selfChecks(_ result: CosearchResult, setup: CosearchSetup) -> [CosearchResult.Check] {
    var checks: [CosearchResult.Check] = []
    // Checks 1 and 2 compare with exhaustive scans, so they apply only when the strategies visited every
    // valid accelerator.
    if setup.hardwareSearch == .exhaustive, let effectiveness = result.effectiveness, let coupled = result.outcomes.first(where: { $0.strategy == .fullyCoupled }) {
      let agree = zip(coupled.choices, effectiveness.coupled).allSatisfy { a, b in
        a?.architecture == b?.architecture && a?.hardware == b?.hardware
      }
      checks.append(.init(name: "coupled optimum = full matrix scan", passed: agree,
                          detail: "the fully coupled strategy's choice under each cap against an independent scan of every (architecture, accelerator) pair"))
      if let semi = result.outcomes.first(where: { $0.strategy == .semiDecoupled }), let proxy = semi.proxy,
        let item = effectiveness.cases.first(where: { $0.proxy == proxy })
      {
        let same = zip(semi.choices, item.found).allSatisfy { $0?.metrics.accuracy == $1 }
        checks.append(.init(name: "semi-decoupled = effectiveness experiment for its proxy", passed: same,
                            detail: "the strategy's accuracy under each cap against the every-proxy experiment's for \(setup.hardware.points[proxy].label)"))
      }
    }
    var worst = 0.0
    var exact = true
    for outcome in result.outcomes {
      for choice in outcome.choices.compactMap({ $0 }) {
        // A point that prices whole architectures has no layers to re-price; its table is its own check.
        guard let model = setup.hardware.points[choice.hardware].model else { continue }
        var latency = 0.0, energy = 0.0
        for use in setup.candidates.layerUses(of: choice.architecture) {
          let cost = model.cost(of: setup.candidates.distinctLayers[use.layer])
          latency += Double(use.count) * (setup.latencyUnit == .cycles ? Double(cost.runtimeCycles ?? 0) : cost.latencySeconds)
          energy += Double(use.count) * (cost.energyPicojoules ?? .nan)
        }
        if setup.latencyUnit == .cycles ? latency != choice.metrics.latency
          : abs(latency - choice.metrics.latency) > 1e-9 * abs(latency) { exact = false }
        worst = max(worst, abs(energy - choice.metrics.energy) / max(abs(energy), 1e-300))
      }
    }
    checks.append(.init(name: "chosen pairs re-priced layer by layer", passed: exact && worst <= 1e-9,
                        detail: "latency \(exact ? "identical" : "DIFFERS"); largest relative energy difference \(worst)"))
    return checks
  }
}
