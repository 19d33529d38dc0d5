public import Workload

/// The metrics of one (architecture, hardware) pair.
public struct PairMetrics: Hashable, Sendable, Codable {
  public var accuracy: Double
  public var latency: Double
  public var energy: Double
}

/// Evaluates (architecture, hardware) pairs and counts them: the unit of search cost every strategy
/// reports (seed 002, Table 4.1: fully coupled O(MN), semi-decoupled O(K(M+N))).
///
/// Each strategy gets its own evaluator, so its count and its wall time include all the pricing it
/// caused. Pricing goes through a ``CostTable`` (distinct layers × hardware), so an evaluation is a sum
/// over the architecture's distinct layers.
public struct Evaluator: Sendable {
  public private(set) var candidates: CandidateSet
  public private(set) var costs: CostTable
  /// (architecture, hardware) pairs evaluated so far.
  public private(set) var evaluations = 0

  public init(candidates: CandidateSet, hardware: HardwareSet, latencyUnit: CostTable.LatencyUnit) {
    self.candidates = candidates
    costs = CostTable(hardware: hardware, latencyUnit: latencyUnit)
    costs.extend(to: candidates.distinctLayers)
    costs.extend(toArchitectures: candidates.names)
  }

  /// Adds an architecture (e.g. a child in evolutionary search); prices its new layers.
  public mutating func add(name: String, accuracy: Double, network: Network) -> Int {
    let index = candidates.append(name: name, accuracy: accuracy, network: network)
    costs.extend(to: candidates.distinctLayers)
    costs.extend(toArchitectures: candidates.names)
    return index
  }

  /// The metrics of architecture a on hardware h; counts one evaluation. NaN latency/energy when the
  /// hardware cannot run the architecture.
  public mutating func evaluate(_ a: Int, on h: Int) -> PairMetrics {
    evaluations += 1
    return peek(a, on: h)
  }

  /// The same without counting: for analyses that report on pairs a strategy already paid for.
  public func peek(_ a: Int, on h: Int) -> PairMetrics {
    if costs.pricesArchitectures[h] {
      return PairMetrics(accuracy: candidates.accuracy[a], latency: costs.architectureLatency[h][a],
                         energy: costs.architectureEnergy[h][a])
    }
    let latency = costs.latency[h].withUnsafeBufferPointer { candidates.sum($0, architecture: a) }
    let energy = costs.energy[h].withUnsafeBufferPointer { candidates.sum($0, architecture: a) }
    return PairMetrics(accuracy: candidates.accuracy[a], latency: latency, energy: energy)
  }

  /// Indices of hardware points that can run every candidate.
  public var validHardware: [Int] { (0..<costs.hardware.count).filter(costs.isValid) }
}
