extension CosearchResult {
  /// The first index in the result that points outside it (a hand-edited or truncated `result.json`),
  /// or `nil` when every index is in range. A report is drawn only from a consistent result.
  public var inconsistency: String? {
    let hardwareCount = hardware.count, architectures = architectureCount
    func checkHardware(_ h: Int, _ what: String) -> String? {
      (0..<hardwareCount).contains(h) ? nil : "\(what) names hardware \(h), but there are \(hardwareCount)"
    }
    func checkArchitecture(_ a: Int, _ what: String) -> String? {
      (0..<architectures).contains(a) ? nil : "\(what) names architecture \(a), but there are \(architectures)"
    }
    if let problem = checkHardware(target, "target") { return problem }
    for a in targetFront { if let problem = checkArchitecture(a, "targetFront") { return problem } }
    for outcome in outcomes {
      guard outcome.choices.count == caps.count else { return "\(outcome.strategy.rawValue) has \(outcome.choices.count) choices for \(caps.count) caps" }
      for choice in outcome.choices.compactMap({ $0 }) {
        if let problem = checkHardware(choice.hardware, outcome.strategy.rawValue) ?? checkArchitecture(choice.architecture, outcome.strategy.rawValue) {
          return problem
        }
      }
      if let proxy = outcome.proxy, let problem = checkHardware(proxy, "\(outcome.strategy.rawValue) proxy") { return problem }
    }
    for effectiveness in [effectiveness, frontEffectiveness].compactMap({ $0 }) {
      for item in effectiveness.cases {
        if let problem = checkHardware(item.proxy, "effectiveness") { return problem }
        guard item.gap.count == effectiveness.caps.count, item.found.count == effectiveness.caps.count else {
          return "an effectiveness case has \(item.gap.count) gaps for \(effectiveness.caps.count) caps"
        }
      }
    }
    for miss in misses {
      if let problem = checkHardware(miss.proxy, "a miss") { return problem }
      guard (0..<caps.count).contains(miss.cap) else { return "a miss names cap \(miss.cap), but there are \(caps.count)" }
    }
    if let m = monotonicity {
      for h in m.hardware { if let problem = checkHardware(h, "monotonicity") { return problem } }
      guard m.latencyRho.count == m.labels.count, m.latencyRho.allSatisfy({ $0.count == m.labels.count }) else {
        return "the latency ρ matrix is not \(m.labels.count) × \(m.labels.count)"
      }
    }
    if let on = onTarget {
      guard on.accuracy.count == architectures, on.latency.count == architectures, on.energy.count == architectures else {
        return "onTarget holds \(on.accuracy.count) architectures, but there are \(architectures)"
      }
    }
    return nil
  }
}
