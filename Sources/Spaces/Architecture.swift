/// One architecture of a search space: a genome holding one choice index per decision of the space.
///
/// The genome has the same length for every architecture of a space. Decisions that an architecture
/// does not use (the blocks past a stage's depth) hold 0, so two equal networks chosen the same way
/// have equal genomes; ``SearchSpace`` only ever returns architectures in this canonical form.
/// Architectures are cheap to copy, hash and compare, which is what evolutionary search and the
/// co-search caches need.
public struct Architecture: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
  /// The choice index of every decision, in the order of ``SearchSpace/decisions``.
  public private(set) var genome: [UInt8]

  /// An architecture from choice indices. Use ``SearchSpace/architecture(choices:)`` to check them
  /// against a space.
  public init(choices: [Int]) {
    genome = choices.map { UInt8(clamping: $0) }
  }

  init(genome: [UInt8]) { self.genome = genome }

  /// The choice index of decision `decision`.
  public subscript(decision: Int) -> Int {
    get { Int(genome[decision]) }
    set { genome[decision] = UInt8(clamping: newValue) }
  }

  /// The number of decisions.
  public var count: Int { genome.count }

  /// The choice indices as integers.
  public var choices: [Int] { genome.map(Int.init) }

  /// Lexicographic order of the genomes (for sorted, reproducible listings).
  public static func < (a: Architecture, b: Architecture) -> Bool {
    a.genome.lexicographicallyPrecedes(b.genome)
  }

  /// The choice indices (`[3, 0, 1, …]`); a space's ``SearchSpace/canonicalString(_:)`` is the readable form.
  public var description: String { "[" + genome.map(String.init).joined(separator: ", ") + "]" }
}
