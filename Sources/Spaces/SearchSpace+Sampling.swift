import SeededRandom
public import SpecFiles
// Counting, enumerating, sampling and the evolutionary operators. Every operator returns
// architectures in canonical form (decisions of unbuilt blocks at 0), and every random choice comes
// from the caller's generator, so the same seed gives the same architectures.

extension SearchSpace {
  /// The exact number of architectures (distinct canonical strings).
  ///
  /// A stage with a depth choice counts Σ over depths of the per-block choices of the blocks built.
  /// Where a variant caps the depth (the semi-decoupled paper's AlphaNet builds MB2 with at most 5
  /// blocks), depths above the cap are still distinct architectures (they are distinct table rows)
  /// even though they lower to the same network.
  public var size: BigCount {
    var total: BigCount = 1
    for group in groups {
      switch group {
      case .values(let list, let stagePart):
        guard let stagePart, case .stage(let stage) = parts[stagePart] else {
          for d in list { total = total * BigCount(decisions[d].count) }
          continue
        }
        // Per-block products for the first n blocks, n = 0…slots.
        var prefix: [BigCount] = [1]
        for b in 0..<stage.slots {
          var block: BigCount = 1
          for (_, d) in stage.perBlock[b] { block = block * BigCount(decisions[d].count) }
          prefix.append(prefix[b] * block)
        }
        for d in list where !decisions[d].role.isDepth { total = total * BigCount(decisions[d].count) }
        switch stage.depth {
        case .decision(let d):
          var sum: BigCount = 0
          for value in decisions[d].values { sum = sum + prefix[min(value.intValue ?? 0, stage.depthCap)] }
          total = total * sum
        case .fixed:
          total = total * prefix[stage.slots]
        }
      case .cell(let t):
        for d in decisionIndices(ofCell: t) { total = total * BigCount(decisions[d].count) }
      }
    }
    return total
  }

  func decisionIndices(ofCell t: Int) -> [Int] {
    switch cellTypes[t].topology {
    case .fixed(let edges): return edges.map(\.decision)
    case .chosen(_, let nodes): return nodes.flatMap { [$0.inputs] + $0.ops }
    }
  }

  /// Every architecture, in lexicographic order of genomes. Lazy: iterate only spaces whose ``size``
  /// you can afford (NAS-Bench-201's 15,625, NAS-Bench-Macro's 6,561).
  public func enumerate() -> ArchitectureEnumeration {
    ArchitectureEnumeration(space: self)
  }

  /// One architecture drawn uniformly per decision: each decision's choice is uniform, and the blocks a
  /// stage does not build get choice 0. Where no decision depends on another (NAS-Bench-201, FBNet,
  /// DARTS, NAS-Bench-Macro), that is uniform over the space.
  public func randomArchitecture<G: RandomNumberGenerator>(using generator: inout G) -> Architecture {
    var genome = [UInt8](repeating: 0, count: decisions.count)
    for i in decisions.indices where isActive(i, in: genome) {
      genome[i] = UInt8(generator.index(below: decisions[i].count))
    }
    return Architecture(genome: genome)
  }

  /// `count` architectures drawn with a ``SplitMix64`` seeded with `seed`, the way every command samples
  /// (the same seed gives the same architectures).
  ///
  /// - Throws: ``InputError`` when `distinct` asks for more architectures than the space holds.
  public func seededSample(_ count: Int, distinct: Bool, seed: UInt64) throws(InputError) -> [Architecture] {
    if distinct, BigCount(count) > size {
      throw InputError("\(name) has only \(size) architectures; cannot draw \(count) distinct ones")
    }
    var generator = SplitMix64(seed: seed)
    return sample(count: count, distinct: distinct, using: &generator)
  }

  /// `count` architectures from ``randomArchitecture(using:)``.
  ///
  /// - Parameters:
  ///   - distinct: draw again until every architecture differs (then `count` must not exceed ``size``).
  /// - Complexity: O(count × decisions), more when `distinct` and `count` is close to ``size``.
  public func sample<G: RandomNumberGenerator>(count: Int, distinct: Bool = false, using generator: inout G) -> [Architecture] {
    precondition(count >= 0, "negative sample count")
    guard distinct else { return (0..<count).map { _ in randomArchitecture(using: &generator) } }
    precondition(BigCount(count) <= size, "cannot draw \(count) distinct architectures from \(size)")
    var seen: Set<Architecture> = []
    var result: [Architecture] = []
    result.reserveCapacity(count)
    while result.count < count {
      let a = randomArchitecture(using: &generator)
      if seen.insert(a).inserted { result.append(a) }
    }
    return result
  }

  /// A mutated copy of `parent` for evolutionary search.
  ///
  /// Each decision the parent uses changes with probability `rate` to another choice, uniformly; blocks
  /// that a deeper stage newly builds get fresh uniform choices; blocks no longer built are dropped. If
  /// no decision was picked, one is (uniformly among those with more than one choice), so the child
  /// always differs from its parent unless the space has a single architecture.
  ///
  /// - Parameter rate: per-decision mutation probability (OFA's evolution uses 0.1).
  public func mutate<G: RandomNumberGenerator>(_ parent: Architecture, rate: Double = 0.1, using generator: inout G) -> Architecture {
    let old = parent.genome
    var flags = [Bool](repeating: false, count: decisions.count)
    var any = false
    for i in decisions.indices where decisions[i].count > 1 && isActive(i, in: old) {
      if generator.bernoulli(rate) { flags[i] = true; any = true }
    }
    if !any {
      let candidates = decisions.indices.filter { decisions[$0].count > 1 && isActive($0, in: old) }
      guard !candidates.isEmpty else { return parent }
      flags[candidates[generator.index(below: candidates.count)]] = true
    }
    var genome = old
    for i in decisions.indices {
      if !isActive(i, in: genome) {
        genome[i] = 0
      } else if !isActive(i, in: old) {
        genome[i] = UInt8(generator.index(below: decisions[i].count))
      } else if flags[i] {
        // Uniform over the other choices: draw from count − 1 and skip the current one.
        let draw = generator.index(below: decisions[i].count - 1)
        genome[i] = UInt8(draw >= Int(old[i]) ? draw + 1 : draw)
      }
    }
    return Architecture(genome: genome)
  }

  /// Uniform crossover: each decision comes from either parent with probability ½. A block built in
  /// the child but in only one parent takes that parent's choice (a fresh uniform choice if neither
  /// built it), so the child is always a valid, canonical architecture.
  public func crossover<G: RandomNumberGenerator>(_ a: Architecture, _ b: Architecture, using generator: inout G) -> Architecture {
    var genome = [UInt8](repeating: 0, count: decisions.count)
    for i in decisions.indices where isActive(i, in: genome) {
      switch (isActive(i, in: a.genome), isActive(i, in: b.genome)) {
      case (true, true): genome[i] = generator.bernoulli(0.5) ? a.genome[i] : b.genome[i]
      case (true, false): genome[i] = a.genome[i]
      case (false, true): genome[i] = b.genome[i]
      case (false, false): genome[i] = UInt8(generator.index(below: decisions[i].count))
      }
    }
    return Architecture(genome: genome)
  }
}

/// The architectures of a space in lexicographic genome order (see ``SearchSpace/enumerate()``).
public struct ArchitectureEnumeration: Sequence, IteratorProtocol, Sendable {
  let space: SearchSpace
  var genome: [UInt8]?

  init(space: SearchSpace) {
    self.space = space
    genome = [UInt8](repeating: 0, count: space.decisions.count)
  }

  public mutating func next() -> Architecture? {
    guard var g = genome else { return nil }
    let result = Architecture(genome: g)
    // An odometer over the decisions in use; a depth decision precedes its blocks, so resetting the
    // positions after the one that moved keeps the genome canonical.
    var i = g.count - 1
    while i >= 0 {
      if Int(g[i]) + 1 < space.decisions[i].count, space.isActive(i, in: g) {
        g[i] += 1
        for j in (i + 1)..<g.count { g[j] = 0 }
        genome = g
        return result
      }
      i -= 1
    }
    genome = nil
    return result
  }
}
