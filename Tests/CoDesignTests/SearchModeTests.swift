import Hardware
import Spaces
import SpecFiles
import TestSupport
import Testing
@testable import CoDesign

@Suite("Hardware search modes and evolutionary NAS")
struct SearchModeTests {
  func toy() -> Evaluator { Evaluator(candidates: ToyWorld.candidates(), hardware: ToyWorld.hardware(), latencyUnit: .cycles) }
  let caps = [Caps(label: "mid", latency: 6000, energy: 1_000_000), Caps(label: "loose", latency: 15_000)]

  @Test func hardwareAxesSpanTheParameters() {
    let e = toy()
    let axes = HardwareAxes(e.costs.hardware, points: e.validHardware)
    #expect(axes.names == ["depthwise_penalty", "throughput"])
    #expect(axes.values == [["1", "6"], ["8", "32", "128"]])
    for h in e.validHardware { #expect(axes.point(axes.genome(h)!) == h) }
  }

  /// Random and evolutionary hardware searches never beat the exhaustive one, count fewer or equal
  /// evaluations, and find it when they cover the grid.
  @Test func modesAgainstExhaustive() {
    var exhaustive = toy()
    let reference = CoSearch.fullyCoupled(&exhaustive, caps: caps)
    var all = toy()
    let everyPoint = CoSearch.fullyCoupled(&all, caps: caps, hardwareSearch: .random(count: 6, seed: 1))
    #expect(everyPoint.choices.map { $0?.architecture } == reference.choices.map { $0?.architecture })
    var few = toy()
    let sampled = CoSearch.fullyCoupled(&few, caps: caps, hardwareSearch: .random(count: 2, seed: 1))
    #expect(sampled.evaluations == 2 * 27)
    var evolved = toy()
    let evolutionary = CoSearch.fullyCoupled(&evolved, caps: caps,
                                             hardwareSearch: .evolutionary(population: 8, generations: 6, mutationProbability: 0.5, seed: 2))
    #expect(evolutionary.evaluations <= reference.evaluations)
    for outcome in [sampled, evolutionary] {
      for c in caps.indices {
        #expect((outcome.choices[c]?.metrics.accuracy ?? 0) <= reference.choices[c]!.metrics.accuracy)
      }
    }
    #expect(evolutionary.choices.map { $0?.metrics.accuracy } == reference.choices.map { $0?.metrics.accuracy })
    // Semi-decoupled stage 2 with a hardware search: never better than its exhaustive stage 2.
    var semiAll = toy(), semiFew = toy()
    let semiExhaustive = CoSearch.semiDecoupled(&semiAll, caps: caps, proxy: .fixed(2), stageOne: .fullFront)
    let semiRandom = CoSearch.semiDecoupled(&semiFew, caps: caps, proxy: .fixed(2), stageOne: .fullFront,
                                            hardwareSearch: .random(count: 3, seed: 4))
    for c in caps.indices {
      #expect((semiRandom.choices[c]?.metrics.accuracy ?? 0) <= (semiExhaustive.choices[c]?.metrics.accuracy ?? 0))
    }
  }

  static let space = try! SearchSpace.load(path: TestPaths.project("spaces/nasbench201.yaml"))  // shipped file

  func nb201Hardware() throws -> HardwareSet {
    let grid = try AcceleratorFile.load(path: TestPaths.project("accelerators/semi-decoupled-grid.yaml"))
    let picked = grid.accelerators.filter { ["kcp_ws_19", "rs_12", "xp_ws_7", "kcp_ws_3"].contains($0.label) }
    return HardwareSet(points: picked.map { .init(label: $0.label, model: $0) })
  }

  /// Evolutionary NAS on NAS-Bench-201 (small settings): deterministic for a seed, its choices are
  /// feasible, never better than exhaustive search over the whole space, and evaluate fewer pairs.
  @Test func evolutionaryNASOnNASBench201() throws {
    let space = Self.space
    let source = try #require(try space.accuracySource(for: .cifar10))
    let hardware = try nb201Hardware()
    var settings = EvolutionSettings()
    settings.population = 60
    settings.generations = 8
    settings.seed = 9
    let caps = [Caps(label: "loose", latency: 600_000)]
    func run() throws -> (StrategyOutcome, Evaluator) {
      var pool = ArchitecturePool(space: space, dataset: .cifar10, accuracy: source)
      var evaluator = Evaluator(candidates: CandidateSet(), hardware: hardware, latencyUnit: .cycles)
      return (try CoSearch.fullyCoupledEvolutionary(&pool, &evaluator, caps: caps, settings: settings), evaluator)
    }
    let (first, evaluator) = try run()
    let (second, _) = try run()
    #expect(first.choices.map { $0?.architectureName } == second.choices.map { $0?.architectureName })
    #expect(first.evaluations == second.evaluations)
    // The KC-P point with 16 PEs cannot run; the search skips it.
    #expect(!evaluator.costs.isValid(hardware.points.firstIndex { $0.label == "kcp_ws_3" }!))
    let choice = try #require(first.choices[0])
    #expect(caps[0].admits(choice.metrics))
    // Against exhaustive search over all 15,625 architectures on the same hardware.
    var full = Evaluator(candidates: try ArchitecturePool.candidates(Array(space.enumerate()), space: space,
                                                                     dataset: .cifar10, accuracy: source),
                         hardware: hardware, latencyUnit: .cycles)
    let exhaustive = CoSearch.fullyCoupled(&full, caps: caps)
    #expect(choice.metrics.accuracy <= exhaustive.choices[0]!.metrics.accuracy)
    #expect(first.evaluations < exhaustive.evaluations)

    // Semi-decoupled with evolutionary stage 1 on the target as proxy.
    var pool = ArchitecturePool(space: space, dataset: .cifar10, accuracy: source)
    var semiEvaluator = Evaluator(candidates: CandidateSet(), hardware: hardware, latencyUnit: .cycles)
    settings.tradeoffs = [0, 0.5, 1]
    let target = hardware.points.firstIndex { $0.label == "kcp_ws_19" }!
    let semi = try CoSearch.semiDecoupledEvolutionary(&pool, &semiEvaluator, caps: caps, proxy: target, settings: settings)
    #expect(!semi.fixedSet.isEmpty)
    if let semiChoice = semi.choices[0] {
      #expect(caps[0].admits(semiChoice.metrics))
      #expect(semi.fixedSet.contains(semiChoice.architecture))
      #expect(semiChoice.metrics.accuracy <= exhaustive.choices[0]!.metrics.accuracy)
    }
  }
}
