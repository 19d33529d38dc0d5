import SeededRandom
import Spaces

/// How a strategy's hardware loop visits hardware points.
public enum HardwareSearch: Hashable, Sendable, Codable {
  /// Every valid point of the sweep.
  case exhaustive
  /// A seeded random subset of the valid points.
  case random(count: Int, seed: UInt64)
  /// Evolution over the points' design parameters (PEs, NoC and off-chip bandwidth, dataflow, …):
  /// a genome holds one value index per parameter; children take each parameter from either parent and
  /// mutate it with `mutationProbability`; genomes that name no point of the sweep are redrawn.
  case evolutionary(population: Int, generations: Int, mutationProbability: Double, seed: UInt64)
}

extension HardwareSearch {
  /// A short name for notes (`exhaustive`, `random`, `evolutionary`).
  public var name: String {
    switch self {
    case .exhaustive: "exhaustive"
    case .random: "random"
    case .evolutionary: "evolutionary"
    }
  }
}

/// The design-parameter grid spanned by a hardware set (distinct values per parameter, in order).
struct HardwareAxes {
  let names: [String]
  let values: [[String]]
  private var pointOf: [[Int]: Int] = [:]
  private var genomeOf: [Int: [Int]] = [:]

  init(_ hardware: HardwareSet, points: [Int]) {
    let names = Array(Set(points.flatMap { hardware.points[$0].parameters.keys })).sorted()
    self.names = names
    values = names.map { name in
      let all = Array(Set(points.compactMap { hardware.points[$0].parameters[name] }))
      // Numeric parameters in numeric order, others alphabetically.
      return all.sorted { a, b in
        if let x = Double(a), let y = Double(b) { return x < y }
        return a < b
      }
    }
    for h in points {
      let genome = names.enumerated().map { i, name in values[i].firstIndex(of: hardware.points[h].parameters[name] ?? "") ?? -1 }
      if pointOf[genome] == nil { pointOf[genome] = h }
      genomeOf[h] = genome
    }
  }

  func point(_ genome: [Int]) -> Int? { pointOf[genome] }
  func genome(_ h: Int) -> [Int]? { genomeOf[h] }
}

extension CoSearch {
  /// Finds the best choice over hardware points under one cap, visiting points as `mode` says.
  ///
  /// - Parameter best: the best choice on a point (the caller memoises it, so a point visited twice
  ///   costs its evaluations once).
  static func searchHardware(_ hardware: HardwareSet, valid: [Int], mode: HardwareSearch,
                             best: (Int) -> Choice?) -> Choice? {
    func pick(_ points: [Int]) -> Choice? {
      var result: Choice? = nil
      for h in points { if let c = best(h), c.isBetter(than: result) { result = c } }
      return result
    }
    switch mode {
    case .exhaustive:
      return pick(valid)
    case .random(let count, let seed):
      var generator = SplitMix64(seed: seed)
      return pick(sampleWithoutReplacement(count: count, from: valid.count, using: &generator).sorted().map { valid[$0] })
    case .evolutionary(let population, let generations, let mutationProbability, let seed):
      let axes = HardwareAxes(hardware, points: valid)
      guard !axes.names.isEmpty else { return pick(valid) }  // no parameters to evolve: every point
      var generator = SplitMix64(seed: seed)
      func randomPoint() -> Int { valid[generator.index(below: valid.count)] }
      func fitness(_ h: Int) -> Choice? { best(h) }
      var current = (0..<population).map { _ in randomPoint() }
      var overall: Choice? = nil
      for _ in 0..<max(generations, 1) {
        let scored = current.map { ($0, fitness($0)) }
        for (_, c) in scored { if let c, c.isBetter(than: overall) { overall = c } }
        // Parents: the better half (a point with no feasible choice ranks last).
        let ranked = scored.sorted { x, y in
          switch (x.1, y.1) {
          case (let a?, let b?): return a.isBetter(than: b)
          case (.some, .none): return true
          case (.none, .some): return false
          case (.none, .none): return x.0 < y.0
          }
        }.map(\.0)
        let parents = Array(ranked.prefix(max(2, population / 2)))
        var children = parents
        while children.count < population {
          let a = axes.genome(parents[generator.index(below: parents.count)])!
          let b = axes.genome(parents[generator.index(below: parents.count)])!
          var child = zip(a, b).map { generator.bernoulli(0.5) ? $0 : $1 }
          for i in child.indices where generator.bernoulli(mutationProbability) {
            child[i] = generator.index(below: axes.values[i].count)
          }
          children.append(axes.point(child) ?? randomPoint())
        }
        current = children
      }
      return overall
    }
  }
}
