public import CoDesign
import SVGCharts
import Analysis

/// The report page of a `duet cosearch` run (issue 7; seed 002, chapter 4): which (architecture,
/// accelerator) won under each cap setting and what each strategy cost; accuracy against latency and
/// energy on the target (Fig. 4.3 left); the every-proxy effectiveness experiment (Fig. 4.3 right); the
/// claims; the misses and why ρ does not predict them; monotonicity across accelerators (Fig. 4.2).
///
/// Everything shown is drawn from the ``CosearchResult`` except wall times, which come from the
/// optional ``CosearchTimings`` (the only machine-dependent figures). Table cells carry the exact values
/// of `result.json` (`data-value`).
public enum CosearchReport {
  /// Builds the page.
  ///
  /// - Parameters:
  ///   - result: the run's result (`result.json`).
  ///   - timings: wall times (`timings.json`), or `nil` to leave the wall-time column blank.
  ///   - run: command, version, seed and conventions.
  ///   - files: the data files written beside the page (listed with their descriptions).
  public static func page(result: CosearchResult, timings: CosearchTimings?, run: RunDescription, files: [DataFile])
    -> ReportPage
  {
    let view = CosearchView(result)
    var sections = [strategiesSection(view, timings)]
    if let claims = claimsSection(view) { sections.append(claims) }
    sections.append(accuracyCostSection(view))
    if let effectiveness = effectivenessSection(view) { sections.append(effectiveness) }
    if let misses = missesSection(view) { sections.append(misses) }
    if let monotonicity = result.monotonicity {
      let charts = MonotonicityCharts(monotonicity)
      sections += MonotonicityReport.sections(charts, referenceName: result.hardware[result.target].label)
    }
    return ReportPage(
      title: "Co-search: semi-decoupled against fully coupled and fully decoupled",
      summary: summary(view), run: run, sections: sections,
      files: files.map { LinkedFile(name: $0.name, description: $0.description, byteCount: RunFolder.shownSize($0.name, $0.contents.count)) })
  }

  // MARK: Summary

  static func summary(_ view: CosearchView) -> String {
    let result = view.result
    let valid = result.hardware.filter(\.valid).count
    var parts = ["\(ValueFormat.grouped(Int64(result.architectureCount))) architectures × \(valid) valid accelerators (of \(result.hardware.count)); target \(view.hardwareName(result.target)); \(result.caps.count) cap setting\(result.caps.count == 1 ? "" : "s")."]
    guard let coupled = view.coupled else { return parts.joined(separator: " ") }
    let optimum = coupled.choices.map { $0.map { ValueFormat.fixed(2).string($0.metrics.accuracy) + " %" } ?? "nothing feasible" }
    parts.append("Fully coupled optimum: \(optimum.joined(separator: ", ")) with \(ValueFormat.grouped(Int64(coupled.evaluations))) evaluations.")
    for outcome in result.outcomes where outcome.strategy != .fullyCoupled {
      let gaps = result.gaps(outcome)
      let matched = gaps.filter(CosearchResult.Claims.isOptimal).count
      let worst = gaps.filter(\.isFinite).max() ?? .nan
      var text = "\(view.displayName(outcome)): "
      text += matched == gaps.count ? "the optimum under every cap" : "\(matched) of \(gaps.count) optima, worst gap \(ValueFormat.fixed(2).string(worst)) pp"
      text += ", \(ValueFormat.grouped(Int64(outcome.evaluations))) evaluations"
      if outcome.evaluations > 0, outcome.evaluations < coupled.evaluations {
        text += " (\(ValueFormat.significant(3).string(Double(coupled.evaluations) / Double(outcome.evaluations)))× fewer)"
      }
      parts.append(text + ".")
    }
    if let claims = result.claims, let effectiveness = result.effectiveness {
      parts.append("Every valid accelerator taken as the proxy (\(effectiveness.cases.count)): median gap "
        + claims.medianGap.map { ValueFormat.fixed(2).string($0) }.joined(separator: " / ") + " pp, worst "
        + claims.worstGap.map { ValueFormat.fixed(2).string($0) }.joined(separator: " / ") + " pp ("
        + result.caps.map(\.label).joined(separator: " / ") + ").")
    }
    return parts.joined(separator: " ")
  }
}

/// What the page's sections share: the result and what is derived from it once.
struct CosearchView {
  let result: CosearchResult
  let order: HardwareOrder
  /// Position of each hardware index in the accelerator order (for proxy axes).
  let rank: [Int: Int]
  let coupled: StrategyOutcome?

  init(_ result: CosearchResult) {
    self.result = result
    order = HardwareOrder(labels: result.hardware.map(\.label), figures: result.hardware.map(\.figures))
    var rank: [Int: Int] = [:]
    for (position, h) in order.permutation.enumerated() { rank[h] = position }
    self.rank = rank
    coupled = result.coupled
  }

  var latencyUnit: String { result.latencyUnit == .cycles ? "cycles" : "s" }
  var energyUnit: String { result.energyUnit }
  var latencyFormat: ValueFormat { result.latencyUnit == .cycles ? .integer : .significant(4) }

  /// `kcp_ws_19` or, when the label says nothing about the hardware, `kcp_ws_19 (kc-p 512/900/350)`.
  func hardwareName(_ h: Int) -> String {
    guard h >= 0, h < result.hardware.count else { return "hardware \(h)" }
    let label = result.hardware[h].label
    guard let figures = order.figures[h], !label.hasPrefix(figures.label) else { return label }
    return "\(label) (\(order.shortLabel(h, label: label)))"
  }

  func displayName(_ outcome: StrategyOutcome) -> String {
    switch outcome.strategy {
    case .fullyCoupled: return "Fully coupled"
    case .semiDecoupled:
      return switch outcome.proxyChoice {
      case .highestMeanRho: "Semi-decoupled, highest-ρ proxy"
      case .given: "Semi-decoupled, given proxy"
      case .random, nil: "Semi-decoupled, random proxy"
      }
    case .decoupledArchitectureFirst: return "Fully decoupled, architecture first"
    case .decoupledHardwareFirst: return "Fully decoupled, hardware first"
    }
  }

  func capText(_ cap: Caps) -> String {
    var text = "latency ≤ \(latencyFormat.string(cap.latency)) \(latencyUnit), energy ≤ \(ValueFormat.significant(4).string(cap.energy)) \(energyUnit)"
    if let resource = cap.resource { text += ", resource ≤ \(ValueFormat.significant(4).string(resource))" }
    return text
  }

  /// Latency ρ and energy ρ of a hardware index with the target, when the result has them.
  func rhoWithTarget(_ h: Int) -> (latency: Double, energy: Double) {
    guard let mono = result.monotonicity, let row = mono.hardware.firstIndex(of: h) else { return (.nan, .nan) }
    let latency = row < mono.latencyRhoWithReference.count ? mono.latencyRhoWithReference[row] : .nan
    let energy = row < mono.energyRhoWithReference.count ? mono.energyRhoWithReference[row] : .nan
    return (latency, energy)
  }
}
