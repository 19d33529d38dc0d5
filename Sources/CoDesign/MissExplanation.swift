import Foundation
import Workload
import Analysis

extension CosearchRun {
  /// For every (proxy, cap) case where the semi-decoupled choice falls short of the coupled optimum
  /// a*: which architecture in the proxy's front pushed a* off it, and which layer cost ratios differ
  /// between the proxy and the hardware a* runs on.
  ///
  /// The explanation compares the layers a* and its dominator d do not share: on the proxy, d's extra
  /// layers cost no more than a*'s extra layers (so d dominates a*), while on a*'s hardware they cost
  /// more (so a* is the faster one there). That ratio, not ρ, decides a miss.
  static func explainMisses(_ result: EffectivenessResult, matrix: MetricMatrix, evaluator: Evaluator)
    -> [CosearchResult.Miss]
  {
    var misses: [CosearchResult.Miss] = []
    for item in result.cases {
      for (c, gap) in item.gap.enumerated() where gap > 1e-9 {
        guard let optimum = result.coupled[c], let proxyRow = matrix.row(of: item.proxy) else { continue }
        let a = optimum.architecture
        let onProxy = { (x: Int) in matrix.metrics(x, row: proxyRow) }
        let mine = onProxy(a)
        // The most accurate architecture that dominates a* on the proxy (there is one: a* is off the front).
        var dominator: Int? = nil
        for x in 0..<matrix.accuracy.count where x != a {
          let m = onProxy(x)
          let dominates = m.accuracy >= mine.accuracy && m.latency <= mine.latency && m.energy <= mine.energy
            && (m.accuracy > mine.accuracy || m.latency < mine.latency || m.energy < mine.energy)
          if dominates, dominator == nil || m.accuracy > onProxy(dominator!).accuracy { dominator = x }
        }
        let proxyLabel = evaluator.costs.hardware.points[item.proxy].label
        let targetLabel = optimum.hardwareLabel
        guard let d = dominator else {
          misses.append(.init(proxy: item.proxy, cap: c, gap: gap, explanation:
            "\(proxyLabel): the optimum \(optimum.architectureName) is on the proxy's front but stage 2 did not reach it"))
          continue
        }
        let differing = layerDifference(evaluator.candidates, a, d)
        func ratio(on h: Int) -> Double {
          let cost = evaluator.costs.latency[h]
          let extraD = differing.filter { $0.delta < 0 }.reduce(0.0) { $0 + Double(-$1.delta) * cost[$1.layer] }
          let extraA = differing.filter { $0.delta > 0 }.reduce(0.0) { $0 + Double($1.delta) * cost[$1.layer] }
          return extraA > 0 ? extraD / extraA : .infinity
        }
        func describe(_ items: [(layer: Int, delta: Int)]) -> String {
          items.map { item -> String in
            let l = evaluator.candidates.distinctLayers[item.layer]
            return "\(abs(item.delta))× \(l.kind.name) \(l.r)×\(l.s) C\(l.c)→K\(l.k) @\(l.y)"
          }.joined(separator: ", ")
        }
        let mac = { (items: [(layer: Int, delta: Int)]) in
          items.filter { evaluator.candidates.distinctLayers[$0.layer].kind.isMACLayer }
        }
        let aOnly = mac(differing.filter { $0.delta > 0 }), dOnly = mac(differing.filter { $0.delta < 0 })
        let text = String(
          format: "%@ misses by %.2f pp: the optimum %@ (%.2f %%) is dominated on the proxy by %@ (%.2f %%). "
            + "Layers only the optimum has: %@; only the dominator: %@. Latency of the dominator's extra layers ÷ "
            + "the optimum's: %.3f on the proxy, %.3f on %@ (latency ρ of the two: %.3f).",
          proxyLabel, gap, optimum.architectureName, optimum.metrics.accuracy, evaluator.candidates.names[d],
          onProxy(d).accuracy, aOnly.isEmpty ? "none" : describe(aOnly), dOnly.isEmpty ? "none" : describe(dOnly),
          ratio(on: item.proxy), ratio(on: optimum.hardware), targetLabel,
          rhoBetween(matrix, item.proxy, optimum.hardware))
        misses.append(.init(proxy: item.proxy, cap: c, gap: gap, explanation: text))
      }
    }
    return misses
  }

  /// Layers whose use counts differ: delta = count in a − count in b.
  static func layerDifference(_ set: CandidateSet, _ a: Int, _ b: Int) -> [(layer: Int, delta: Int)] {
    var counts: [Int: Int] = [:]
    for use in set.layerUses(of: a) { counts[use.layer, default: 0] += use.count }
    for use in set.layerUses(of: b) { counts[use.layer, default: 0] -= use.count }
    return counts.filter { $0.value != 0 }.map { ($0.key, $0.value) }.sorted { $0.layer < $1.layer }
  }

  static func rhoBetween(_ matrix: MetricMatrix, _ h1: Int, _ h2: Int) -> Double {
    guard let r1 = matrix.row(of: h1), let r2 = matrix.row(of: h2) else { return .nan }
    return Analysis.RankCorrelation.spearman(matrix.latency[r1], matrix.latency[r2])
  }
}
