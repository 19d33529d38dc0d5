import Analysis

/// The semi-decoupled paper's effectiveness experiment (seed 002, §4.5, Fig. 4.3 right): every valid
/// accelerator is taken in turn as the proxy; its stage-1 set P goes through stage 2 over all hardware;
/// the accuracy found is compared with the fully coupled optimum under the same caps.
public struct EffectivenessResult: Sendable, Codable {
  public struct Case: Sendable, Codable {
    /// Hardware index of the proxy.
    public var proxy: Int
    /// |P| on this proxy.
    public var setSize: Int
    /// For each cap setting: the accuracy semi-decoupled finds (nil: nothing feasible), and the gap to
    /// the coupled optimum in percentage points (coupled − found; the coupled accuracy itself when P holds
    /// nothing feasible; 0 when neither finds anything).
    public var found: [Double?]
    public var gap: [Double]
    /// For each cap setting: the architecture chosen (index), for reports.
    public var chosen: [Int?]
  }

  public var caps: [Caps]
  /// The coupled optimum per cap setting.
  public var coupled: [Choice?]
  public var cases: [Case]

  /// Gaps of every proxy for cap setting c.
  public func gaps(cap c: Int) -> [Double] { cases.map { $0.gap[c] } }
}

public enum Effectiveness {
  /// Runs the experiment on a full metric matrix.
  ///
  /// - Parameters:
  ///   - matrix: every candidate on every valid hardware point.
  ///   - caps: the cap settings.
  ///   - resources: each hardware index's resource figure (for resource caps).
  ///   - labels: hardware labels (for choices).
  ///   - names: architecture names.
  ///   - exclude: hardware indices not to take as a proxy (e.g. the target itself).
  /// - Complexity: O(N · (M log M + M·|P|) + N·|P|·N·caps) for N hardware rows and M architectures.
  public static func run(matrix: MetricMatrix, caps: [Caps], resources: [Double?], labels: [String], names: [String],
                         rule: StageOneRule = .fullFront, exclude: Set<Int> = []) -> EffectivenessResult {
    let coupled = coupledOptimum(matrix: matrix, caps: caps, resources: resources, labels: labels, names: names)
    var cases: [EffectivenessResult.Case] = []
    for (proxyRow, proxy) in matrix.hardware.enumerated() where !exclude.contains(proxy) {
      let onProxy = (0..<matrix.accuracy.count).map { matrix.metrics($0, row: proxyRow) }
      let set = CoSearch.stageOneSet(onProxy, rule: rule)
      var found: [Double?] = [], gaps: [Double] = [], chosen: [Int?] = []
      for (c, cap) in caps.enumerated() {
        let best = Choice.best(architectures: set, hardware: matrix.hardware, cap: cap, resource: { resources[$0] },
                               names: names, labels: labels) { a, h in matrix.metrics(a, row: matrix.row(of: h)!) }
        found.append(best?.metrics.accuracy)
        chosen.append(best?.architecture)
        // Nothing feasible in P while the coupled search found a pair: the whole optimum is lost.
        let optimum = coupled[c]?.metrics.accuracy
        gaps.append(optimum.map { $0 - (best?.metrics.accuracy ?? 0) } ?? 0)
      }
      cases.append(.init(proxy: proxy, setSize: set.count, found: found, gap: gaps, chosen: chosen))
    }
    return EffectivenessResult(caps: caps, coupled: coupled, cases: cases)
  }

  /// The fully coupled optimum per cap setting, straight from the matrix.
  public static func coupledOptimum(matrix: MetricMatrix, caps: [Caps], resources: [Double?], labels: [String],
                                    names: [String]) -> [Choice?] {
    let all = Array(0..<matrix.accuracy.count)
    return caps.map { cap in
      Choice.best(architectures: all, hardware: matrix.hardware, cap: cap, resource: { resources[$0] }, names: names,
                  labels: labels) { a, h in matrix.metrics(a, row: matrix.row(of: h)!) }
    }
  }
}
