import SeededRandom
import Analysis
import Hardware
import Spaces
import TestSupport
import Testing
import Workload
@testable import CoDesign

/// The exactness gate of the co-search issue, on a reduced configuration: the fully coupled optimum and
/// the semi-decoupled choice of `CosearchRun` equal an independent brute force that lowers every
/// architecture and prices every network layer by layer on every accelerator (no distinct-layer cache,
/// no evaluator), then applies the caps and the documented tie-break.
@Suite("Co-search exactness on NAS-Bench-201 × MAESTRO-like accelerators")
struct CosearchExactnessTests {
  static let space = try! SearchSpace.load(path: TestPaths.project("spaces/nasbench201.yaml"))  // shipped file

  static func setup() throws -> (CosearchSetup, [Network], [Double], [Accelerator]) {
    let space = Self.space
    var generator = SplitMix64(seed: 11)
    let architectures = space.sample(count: 120, distinct: true, using: &generator)
    let source = try #require(try space.accuracySource(for: .cifar10))
    let accuracies = architectures.map { source.estimate($0)!.value }
    let networks = try architectures.map { try space.lower($0, dataset: .cifar10) }
    var candidates = CandidateSet()
    for (i, a) in architectures.enumerated() {
      candidates.append(name: space.canonicalString(a), accuracy: accuracies[i], network: networks[i])
    }
    let grid = try AcceleratorFile.load(path: TestPaths.project("accelerators/semi-decoupled-grid.yaml"))
    // Every fifth point plus the target keeps the three dataflows and invalid KC-P points.
    var accelerators = grid.accelerators.enumerated().filter { $0.offset % 5 == 0 }.map(\.element)
    let target = grid.accelerators.first { $0.label == grid.target }!
    accelerators.append(target)
    let hardware = HardwareSet(points: accelerators.map { .init(label: $0.label, model: $0, resource: Double($0.hardware.pes)) })
    let setup = CosearchSetup(candidates: candidates, hardware: hardware, latencyUnit: .cycles,
                              target: accelerators.count - 1, caps: .targetFront(positions: [0.25, 0.5, 0.75]),
                              seed: 3, analyses: true)
    return (setup, networks, accuracies, accelerators)
  }

  /// Brute force: (architecture, accelerator) → metrics, straight from the cost model.
  static func bruteForce(_ networks: [Network], _ accelerators: [Accelerator]) -> [[PairMetrics?]] {
    accelerators.map { accelerator in
      networks.map { network in
        let cost = accelerator.cost(of: network)
        guard cost.validity.isValid, let cycles = cost.runtimeCycles, let energy = cost.energyPicojoules else { return nil }
        return PairMetrics(accuracy: 0, latency: Double(cycles), energy: energy)
      }
    }
  }

  static func best(_ metrics: [[PairMetrics?]], accuracies: [Double], architectures: [Int], hardware: [Int], cap: Caps)
    -> (Int, Int)?
  {
    var best: (a: Int, h: Int, acc: Double, lat: Double, en: Double)? = nil
    for h in hardware {
      // A hardware point that cannot run some architecture is invalid for the whole run.
      guard metrics[h].allSatisfy({ $0 != nil }) else { continue }
      for a in architectures {
        let m = metrics[h][a]!
        // The documented slack of 1e-12 relative (energy sums round differently in different orders).
        guard m.latency <= cap.latency * (1 + 1e-12), m.energy <= cap.energy * (1 + 1e-12) else { continue }
        let key = (accuracies[a], -m.latency, -m.energy, -a, -h)
        if best == nil || key > (best!.acc, -best!.lat, -best!.en, -best!.a, -best!.h) {
          best = (a, h, accuracies[a], m.latency, m.energy)
        }
      }
    }
    return best.map { ($0.a, $0.h) }
  }

  @Test func coupledAndSemiDecoupledEqualBruteForce() throws {
    let (setup, networks, accuracies, accelerators) = try Self.setup()
    let (result, _) = CosearchRun.run(setup)
    let metrics = Self.bruteForce(networks, accelerators)
    let all = Array(networks.indices), hardware = Array(accelerators.indices)
    #expect(result.hardware.filter(\.valid).count == hardware.filter { h in metrics[h].allSatisfy { $0 != nil } }.count)
    #expect(result.caps.count == 3)

    let coupled = try #require(result.outcomes.first { $0.strategy == .fullyCoupled })
    let semi = try #require(result.outcomes.first { $0.strategy == .semiDecoupled })
    let proxy = try #require(semi.proxy)
    // Stage 1, independently: the proxy's front over every architecture.
    let onProxy = all.map { a in [accuracies[a], metrics[proxy][a]!.latency, metrics[proxy][a]!.energy] }
    let front = ParetoFront.indices(of: onProxy, senses: [.maximize, .minimize, .minimize])
    #expect(semi.fixedSet == front)
    for (c, cap) in result.caps.enumerated() {
      let expectedCoupled = Self.best(metrics, accuracies: accuracies, architectures: all, hardware: hardware, cap: cap)
      #expect(coupled.choices[c]?.architecture == expectedCoupled?.0, "coupled, caps \(cap.label)")
      #expect(coupled.choices[c]?.hardware == expectedCoupled?.1, "coupled, caps \(cap.label)")
      #expect(coupled.choices[c]?.metrics.accuracy == expectedCoupled.map { accuracies[$0.0] })
      let expectedSemi = Self.best(metrics, accuracies: accuracies, architectures: front, hardware: hardware, cap: cap)
      #expect(semi.choices[c]?.architecture == expectedSemi?.0, "semi-decoupled, caps \(cap.label)")
      #expect(semi.choices[c]?.hardware == expectedSemi?.1, "semi-decoupled, caps \(cap.label)")
    }
    // Evaluation counts follow Table 4.1: M·N for coupled; M + |P|·(N − 1) for semi-decoupled.
    let valid = result.hardware.filter(\.valid).count
    #expect(coupled.evaluations == networks.count * valid)
    #expect(semi.evaluations == networks.count + front.count * (valid - 1))
    // The effectiveness experiment's coupled optimum is the coupled strategy's.
    #expect(result.effectiveness?.coupled.map { $0?.architecture } == coupled.choices.map { $0?.architecture })
    // The run's own exactness checks.
    #expect(result.checks.count == 3)
    for check in result.checks { #expect(check.passed, "\(check.name): \(check.detail)") }
    // Every gap is non-negative: semi-decoupled never beats the exhaustive search.
    #expect(result.effectiveness!.cases.allSatisfy { $0.gap.allSatisfy { $0 >= -1e-12 } })
  }

  @Test func runsAreDeterministic() throws {
    let (setup, _, _, _) = try Self.setup()
    let first = CosearchRun.run(setup).result, second = CosearchRun.run(setup).result
    #expect(first.outcomes.map(\.choices) == second.outcomes.map(\.choices))
    #expect(first.outcomes.map(\.proxy) == second.outcomes.map(\.proxy))
    #expect(first.misses.map(\.explanation) == second.misses.map(\.explanation))
  }
}
