import Foundation
import Hardware
import TestSupport
import Testing
@testable import CoDesign

@Suite("Co-search strategies on a toy world")
struct CoSearchTests {
  func evaluator() -> Evaluator {
    Evaluator(candidates: ToyWorld.candidates(), hardware: ToyWorld.hardware(), latencyUnit: .cycles)
  }

  /// An independent brute force: every pair, filter, sort by the documented tie-break.
  func bruteForce(_ caps: Caps) -> (Int, Int)? {
    let e = evaluator()
    var pairs: [(a: Int, h: Int, m: PairMetrics)] = []
    for h in 0..<e.costs.hardware.count where e.costs.invalidReason[h] == nil {
      guard caps.admits(resource: e.costs.hardware.points[h].resource) else { continue }
      for a in 0..<e.candidates.count {
        let m = e.peek(a, on: h)
        if m.latency <= caps.latency && m.energy <= caps.energy { pairs.append((a, h, m)) }
      }
    }
    let best = pairs.sorted { x, y in
      if x.m.accuracy != y.m.accuracy { return x.m.accuracy > y.m.accuracy }
      if x.m.latency != y.m.latency { return x.m.latency < y.m.latency }
      if x.m.energy != y.m.energy { return x.m.energy < y.m.energy }
      return (x.a, x.h) < (y.a, y.h)
    }.first
    return best.map { ($0.a, $0.h) }
  }

  @Test func invalidHardwareIsExcluded() {
    let e = evaluator()
    #expect(e.validHardware.count == 6)
    #expect(e.costs.invalidReason[6]?.contains("needs at least 8 channels") == true)
  }

  @Test func evaluationSumsLayerCosts() {
    var e = evaluator()
    let set = ToyWorld.candidates()
    let model = ToyWorld.hardware().points[1].model
    for a in [0, 5, 26] {
      let network = set.layerUses(of: a)
      let expected = network.reduce(0.0) { $0 + Double($1.count) * Double(model.cost(of: set.distinctLayers[$1.layer]).runtimeCycles!) }
      #expect(e.evaluate(a, on: 1).latency == expected)
    }
    #expect(e.evaluations == 3)
  }

  @Test func coupledMatchesBruteForceAndCountsEveryPair() {
    let caps = [Caps(label: "tight", latency: 2000, energy: 400_000), Caps(label: "loose", latency: 15_000, energy: 2_000_000),
                Caps(label: "impossible", latency: 1), Caps(label: "resource", latency: 15_000, resource: 32)]
    var e = evaluator()
    let outcome = CoSearch.fullyCoupled(&e, caps: caps)
    #expect(outcome.evaluations == 27 * 6)
    for (c, cap) in caps.enumerated() {
      let expected = bruteForce(cap)
      #expect(outcome.choices[c]?.architecture == expected?.0, "\(cap.label)")
      #expect(outcome.choices[c]?.hardware == expected?.1, "\(cap.label)")
    }
    #expect(outcome.choices[2] == nil)
    #expect(outcome.choices[0] != nil && outcome.choices[1] != nil && outcome.choices[3] != nil)
    #expect(outcome.choices[3]!.hardware < 4)  // resource cap 32 MACs/cycle excludes the 128 points
    #expect(outcome.choices[1]!.metrics.accuracy > outcome.choices[0]!.metrics.accuracy)
  }

  @Test func semiDecoupledWithEveryProxyFindsFeasibleChoices() throws {
    let caps = [Caps(label: "mid", latency: 6000, energy: 1_000_000)]
    for proxy in 0..<6 {
      var e = evaluator()
      let outcome = CoSearch.semiDecoupled(&e, caps: caps, proxy: .fixed(proxy), stageOne: .fullFront)
      // Stage 1 evaluates every architecture on the proxy; stage 2 |P| on the other valid points.
      #expect(outcome.evaluations == 27 + outcome.fixedSet.count * 5)
      let front = CoSearch.paretoFront((0..<27).map { e.peek($0, on: proxy) })
      #expect(outcome.fixedSet == front)
      if let choice = outcome.choices[0] { #expect(caps[0].admits(choice.metrics)) }
      // Never better than the coupled optimum.
      var full = evaluator()
      let coupled = CoSearch.fullyCoupled(&full, caps: caps)
      let optimum = try #require(coupled.choices[0])
      #expect((outcome.choices[0]?.metrics.accuracy ?? 0) <= optimum.metrics.accuracy)
    }
  }

  @Test func randomProxyIsSeeded() {
    var a = evaluator(), b = evaluator()
    let caps = [Caps(label: "x", latency: 3000)]
    let first = CoSearch.semiDecoupled(&a, caps: caps, proxy: .random(seed: 42), stageOne: .fullFront)
    let second = CoSearch.semiDecoupled(&b, caps: caps, proxy: .random(seed: 42), stageOne: .fullFront)
    #expect(first.proxy == second.proxy && first.proxy != nil)
    #expect(a.validHardware.contains(first.proxy!))
  }

  @Test func decoupledStrategiesAreFeasibleAndNoBetterThanCoupled() {
    let caps = [Caps(label: "mid", latency: 6000, energy: 1_000_000), Caps(label: "loose", latency: 15_000)]
    var full = evaluator()
    let coupled = CoSearch.fullyCoupled(&full, caps: caps)
    var e1 = evaluator()
    let archFirst = CoSearch.decoupledArchitectureFirst(&e1, caps: caps, proxy: .fixed(0))
    var e2 = evaluator()
    let hwFirst = CoSearch.decoupledHardwareFirst(&e2, caps: caps, sample: 5, seed: 1)
    #expect(hwFirst.evaluations == 5 * 6 + 27)
    for outcome in [archFirst, hwFirst] {
      for c in caps.indices {
        if let choice = outcome.choices[c] {
          #expect(caps[c].admits(choice.metrics))
          #expect(choice.metrics.accuracy <= (coupled.choices[c]?.metrics.accuracy ?? -1))
        }
      }
    }
  }

  @Test func constraintPairsGiveASubsetOfTheFront() {
    let e = evaluator()
    let onProxy = (0..<27).map { e.peek($0, on: 2) }
    let pairs = CoSearch.stageOneSet(onProxy, rule: .constraintPairs(perAxis: 3))
    let front = Set(CoSearch.stageOneSet(onProxy, rule: .fullFront))
    #expect(!pairs.isEmpty)
    #expect(Set(pairs).isSubset(of: front))
  }

  @Test func effectivenessAgreesWithTheStrategy() {
    let caps = [Caps(label: "mid", latency: 6000, energy: 1_000_000)]
    let e = evaluator()
    let matrix = MetricMatrix(e)
    let result = Effectiveness.run(matrix: matrix, caps: caps, resources: e.costs.hardware.points.map(\.resource),
                                   labels: e.costs.hardware.labels, names: e.candidates.names)
    #expect(result.cases.count == 6)
    for item in result.cases {
      var run = evaluator()
      let outcome = CoSearch.semiDecoupled(&run, caps: caps, proxy: .fixed(item.proxy), stageOne: .fullFront)
      #expect(item.found[0] == outcome.choices[0]?.metrics.accuracy)
      #expect(item.gap[0] >= 0)
      #expect(item.found[0] != nil)
    }
  }

  /// When the proxy's set P holds nothing feasible but the coupled search found a pair, the whole optimum
  /// is lost: the gap is the coupled accuracy, never 0.
  @Test func nothingFeasibleInPCountsAsAFullMiss() throws {
    let e = evaluator()
    let matrix = MetricMatrix(e)
    let cap = Caps(label: "tiny", latency: 1000)  // only the block-free architecture fits, on the fastest points
    let result = Effectiveness.run(matrix: matrix, caps: [cap], resources: e.costs.hardware.points.map(\.resource),
                                   labels: e.costs.hardware.labels, names: e.candidates.names,
                                   rule: .constraintPairs(perAxis: 1))
    let optimum = try #require(result.coupled[0])
    let misses = result.cases.filter { $0.found[0] == nil }
    #expect(!misses.isEmpty)
    for item in misses { #expect(item.gap[0] == optimum.metrics.accuracy) }
  }

  /// Each outcome carries how its proxy was chosen; the label built from it survives a result file, and
  /// decoding it gives the choice back (semi-decoupled outcomes, where the label names it).
  @Test func outcomesCarryTheirProxyRule() throws {
    let caps = [Caps(label: "x", latency: 3000)]
    var a = evaluator(), b = evaluator(), c = evaluator()
    let random = CoSearch.semiDecoupled(&a, caps: caps, proxy: .random(seed: 3), stageOne: .fullFront)
    let rho = CoSearch.semiDecoupled(&b, caps: caps, proxy: .highestMeanRho(sample: 5, seed: 3), stageOne: .fullFront)
    let archFirst = CoSearch.decoupledArchitectureFirst(&c, caps: caps, proxy: .fixed(0))
    #expect(random.proxyChoice == .random && random.label == "semi-decoupled (random proxy)")
    #expect(rho.proxyChoice == .highestMeanRho && rho.label == "semi-decoupled (highest-ρ proxy)")
    #expect(archFirst.proxyChoice == .given && archFirst.label == "decoupled-architecture-first")
    for outcome in [random, rho] {
      let decoded = try JSONDecoder().decode(StrategyOutcome.self, from: JSONEncoder().encode(outcome))
      #expect(decoded.proxyChoice == outcome.proxyChoice && decoded.label == outcome.label)
      #expect(decoded.choices == outcome.choices && decoded.evaluations == outcome.evaluations)
    }
  }

  /// The claims' verdicts at and around [Lu22-SD]'s thresholds; NaN figures are not judged.
  @Test func claimVerdicts() {
    let claims = CosearchResult.Claims(medianGap: [0, 1e-12, 0.05, .nan], worstGap: [0.3, 0.3 + 1e-6, 0, .nan],
                                       shareWithinTenthOverFront: 0.9, frontCases: 10, evaluationRatio: 29.99)
    #expect((0..<4).map { claims.medianGapHolds(cap: $0) } == [true, true, false, nil])
    #expect((0..<4).map { claims.worstGapHolds(cap: $0) } == [true, false, true, nil])
    #expect(claims.medianGapHolds(cap: 9) == nil)
    #expect(claims.nearOptimumShareHolds == true && claims.evaluationRatioHolds == false)
    #expect(CosearchResult.Claims.isNearOptimum(0.1) && !CosearchResult.Claims.isNearOptimum(0.10001))
  }

  /// The run reports as many progress steps as it announces.
  @Test func progressStepsMatchTheAnnouncedCount() {
    for analyses in [false, true] {
      var setup = CosearchSetup(candidates: ToyWorld.candidates(), hardware: ToyWorld.hardware(), latencyUnit: .cycles,
                                target: 0, caps: .explicit([Caps(label: "x", latency: 3000)]), seed: 1, analyses: analyses)
      setup.proxyRhoSample = 4
      var steps: [String] = []
      _ = CosearchRun.run(setup) { steps.append($0) }
      #expect(steps.count == CosearchRun.stepCount(analyses: analyses))
    }
  }
}
