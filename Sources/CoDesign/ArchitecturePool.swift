public import Spaces
public import SpecFiles

/// Architectures of one search space entering a co-search, each lowered once and registered with an
/// ``Evaluator`` (so a strategy that meets the same architecture twice prices it once).
public struct ArchitecturePool: Sendable {
  public let space: SearchSpace
  public let dataset: Dataset
  public let accuracy: AccuracySource
  public private(set) var architectures: [Architecture] = []
  private var index: [Architecture: Int] = [:]

  public init(space: SearchSpace, dataset: Dataset, accuracy: AccuracySource) {
    self.space = space
    self.dataset = dataset
    self.accuracy = accuracy
  }

  /// The candidate index of `architecture` in `evaluator`, lowering and adding it when new.
  /// - Throws: when the space cannot lower it or has no accuracy for it (a table without the row).
  public mutating func candidate(_ architecture: Architecture, in evaluator: inout Evaluator) throws(SpecError) -> Int {
    if let known = index[architecture] { return known }
    let name = space.canonicalString(architecture)
    guard let estimate = accuracy.estimate(architecture) else {
      throw SpecError(file: space.name, problem: "no accuracy for \(name) in the space's accuracy source")
    }
    let network = try space.lower(architecture, dataset: dataset)
    let added = evaluator.add(name: name, accuracy: estimate.value, network: network)
    precondition(added == architectures.count, "an evaluator serves one pool")
    architectures.append(architecture)
    index[architecture] = added
    return added
  }

  /// A candidate set of the given architectures (for exhaustive strategies), in the given order.
  public static func candidates(_ architectures: [Architecture], space: SearchSpace, dataset: Dataset,
                                accuracy: AccuracySource) throws(SpecError) -> CandidateSet {
    var set = CandidateSet()
    for architecture in architectures {
      let name = space.canonicalString(architecture)
      guard let estimate = accuracy.estimate(architecture) else {
        throw SpecError(file: space.name, problem: "no accuracy for \(name) in the space's accuracy source")
      }
      set.append(name: name, accuracy: estimate.value, network: try space.lower(architecture, dataset: dataset))
    }
    return set
  }
}
