extension CosearchResult.Claims {
  /// The thresholds of [Lu22-SD] §4.5's claims for the semi-decoupled search: the worst proxy's gap to
  /// the coupled optimum stays within 0.3 percentage points, at least 90 % of (proxy, cap) cases come
  /// within 0.1 pp, and the search needs at least 30× fewer evaluations than the fully coupled one.
  public static let worstGapLimit = 0.3
  public static let nearOptimumGap = 0.1
  public static let nearOptimumShareFloor = 0.9
  public static let evaluationRatioFloor = 30.0
  /// Gaps within this many percentage points count as none: accuracies read from tables and summed can
  /// differ in their last bits.
  public static let gapTolerance = 1e-9

  /// Whether a gap (pp) means the optimum was found.
  public static func isOptimal(_ gap: Double) -> Bool { gap <= gapTolerance }
  /// Whether a gap (pp) is within ``nearOptimumGap`` of the optimum.
  public static func isNearOptimum(_ gap: Double) -> Bool { gap <= nearOptimumGap + gapTolerance }

  /// Whether the median proxy finds the optimum under cap setting `c`; `nil` when there is nothing to
  /// judge (no proxy, or no such cap).
  public func medianGapHolds(cap c: Int) -> Bool? { Self.verdict(c < medianGap.count ? medianGap[c] : .nan, Self.isOptimal) }
  /// Whether the worst proxy stays within ``worstGapLimit`` under cap setting `c`.
  public func worstGapHolds(cap c: Int) -> Bool? {
    Self.verdict(c < worstGap.count ? worstGap[c] : .nan) { $0 <= Self.worstGapLimit + Self.gapTolerance }
  }
  /// Whether at least ``nearOptimumShareFloor`` of the front-cap cases are near the optimum.
  public var nearOptimumShareHolds: Bool? { Self.verdict(shareWithinTenthOverFront) { $0 >= Self.nearOptimumShareFloor } }
  /// Whether the semi-decoupled search saves at least ``evaluationRatioFloor``× the evaluations.
  public var evaluationRatioHolds: Bool? { Self.verdict(evaluationRatio) { $0 >= Self.evaluationRatioFloor } }

  static func verdict(_ value: Double, _ holds: (Double) -> Bool) -> Bool? { value.isNaN ? nil : holds(value) }
}

extension CosearchResult {
  /// The fully coupled outcome (the optimum every gap is measured against), if the run has one.
  public var coupled: StrategyOutcome? { outcomes.first { $0.strategy == .fullyCoupled } }

  /// An outcome's gap to the coupled optimum under each cap setting, in percentage points (coupled −
  /// found): 0 when both find nothing, +∞ when only the coupled search finds something.
  public func gaps(_ outcome: StrategyOutcome) -> [Double] {
    let coupled = coupled
    return caps.indices.map { c in
      let optimum = coupled.flatMap { c < $0.choices.count ? $0.choices[c] : nil }
      let found = c < outcome.choices.count ? outcome.choices[c] : nil
      switch (optimum, found) {
      case (nil, _): return 0
      case (.some, nil): return .infinity
      case (let o?, let f?): return o.metrics.accuracy - f.metrics.accuracy
      }
    }
  }
}
