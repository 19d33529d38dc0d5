import SeededRandom
import Spaces
public import SpecFiles

/// Evolutionary NAS with seed 002's settings (§3.9): a population of random architectures; each
/// generation keeps the fittest `parentRatio` as parents, breeds the rest by uniform crossover of two
/// random parents, and mutates `mutationRatio`·population of the children (each decision with
/// probability `mutationProbability`). Fitness (Eq. 3.4, minimised) is (t − 1)·accuracy + t·cost on
/// values normalised by the first population's range, where cost mixes latency and energy; pairs over
/// the caps are ranked after every feasible one.
public struct EvolutionSettings: Hashable, Sendable, Codable {
  public var population = 1000
  public var parentRatio = 0.25
  public var mutationProbability = 0.1
  public var mutationRatio = 0.25
  public var generations = 50
  /// The trade-off weights t ∈ [0, 1] to run, one search each; their union of evaluated architectures
  /// gives the front.
  public var tradeoffs: [Double] = [0, 0.25, 0.5, 0.75, 1]
  /// Share of energy in the cost term (0: latency only).
  public var energyWeight = 0.5
  public var seed: UInt64 = 0

  public init() {}
  /// The paper's "EA#1" settings.
  public static let paper = EvolutionSettings()
}

public enum EvolutionarySearch {
  /// Runs the search on hardware point `h` and returns every candidate index it evaluated (ascending),
  /// so the caller can take the Pareto front or the best under caps.
  public static func run(pool: inout ArchitecturePool, evaluator: inout Evaluator, hardware h: Int, caps: Caps,
                         settings: EvolutionSettings) throws(SpecError) -> [Int] {
    var generator = SplitMix64(seed: settings.seed)
    var evaluated: [Int: PairMetrics] = [:]
    func metrics(_ architecture: Architecture) throws(SpecError) -> (Int, PairMetrics) {
      let index = try pool.candidate(architecture, in: &evaluator)
      if let known = evaluated[index] { return (index, known) }
      let m = evaluator.evaluate(index, on: h)
      evaluated[index] = m
      return (index, m)
    }
    let parents = max(2, Int((Double(settings.population) * settings.parentRatio).rounded()))
    let mutants = Int((Double(settings.population) * settings.mutationRatio).rounded())
    for t in settings.tradeoffs {
      var population = (0..<settings.population).map { _ in pool.space.randomArchitecture(using: &generator) }
      var scored = try population.map { a throws(SpecError) in (a, try metrics(a)) }
      // Normalisation ranges from the first population, fixed for the run so fitness is comparable.
      let acc = scored.map { $0.1.1.accuracy }, lat = scored.map { $0.1.1.latency }, en = scored.map { $0.1.1.energy }
      let range = (acc.min()!, acc.max()!, lat.min()!, lat.max()!, en.min()!, en.max()!)
      func fitness(_ m: PairMetrics) -> (Int, Double) {
        func norm(_ v: Double, _ lo: Double, _ hi: Double) -> Double { hi > lo ? (v - lo) / (hi - lo) : 0 }
        let cost = (1 - settings.energyWeight) * norm(m.latency, range.2, range.3)
          + settings.energyWeight * norm(m.energy, range.4, range.5)
        let value = (t - 1) * norm(m.accuracy, range.0, range.1) + t * cost
        return (caps.admits(m) ? 0 : 1, value.isNaN ? .infinity : value)
      }
      for _ in 0..<settings.generations {
        scored.sort { x, y in
          let fx = fitness(x.1.1), fy = fitness(y.1.1)
          return fx != fy ? fx < fy : x.0 < y.0
        }
        let elite = scored.prefix(parents).map(\.0)
        var children: [Architecture] = []
        children.reserveCapacity(settings.population - parents)
        for _ in 0..<(settings.population - parents) {
          let a = elite[generator.index(below: elite.count)], b = elite[generator.index(below: elite.count)]
          children.append(pool.space.crossover(a, b, using: &generator))
        }
        for i in 0..<min(mutants, children.count) {
          children[i] = pool.space.mutate(children[i], rate: settings.mutationProbability, using: &generator)
        }
        population = elite + children
        scored = try population.map { a throws(SpecError) in (a, try metrics(a)) }
      }
    }
    return evaluated.keys.sorted()
  }
}
