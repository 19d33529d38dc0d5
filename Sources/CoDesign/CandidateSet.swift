public import Workload

/// The architectures a co-search considers, each lowered once to a multiset of distinct layers.
///
/// A search space has few distinct layer shapes (NAS-Bench-201: a few dozen across 15,625
/// architectures), so costs are priced per distinct layer and summed per architecture: pricing work
/// scales with distinct layers × hardware, not architectures × layers × hardware. Use counts are stored
/// flat (CSR layout) so that summing an architecture's cost touches contiguous memory.
public struct CandidateSet: Sendable {
  /// Canonical architecture strings (the space's own format).
  public private(set) var names: [String]
  /// Accuracy in percent (top-1 test accuracy, or a predictor's estimate; see the run's conventions).
  public private(set) var accuracy: [Double]
  /// Every distinct layer shape in the set, in first-seen order.
  public private(set) var distinctLayers: [Layer]
  private var layerIndex: [Layer: Int] = [:]
  // CSR: architecture a uses distinctLayers[useLayer[k]] useCount[k] times for k in useStart[a]..<useStart[a+1].
  private(set) var useStart: [Int] = [0]
  private(set) var useLayer: [Int32] = []
  private(set) var useCount: [Int32] = []

  public init() {
    names = []
    accuracy = []
    distinctLayers = []
  }

  /// The number of architectures.
  public var count: Int { names.count }

  /// Adds an architecture; returns its index.
  ///
  /// - Complexity: O(layers of the network) hash lookups.
  @discardableResult
  public mutating func append(name: String, accuracy: Double, network: Network) -> Int {
    var counts: [Int: Int32] = [:]
    var order: [Int] = []
    for item in network.layers {
      let index: Int
      if let known = layerIndex[item.layer] {
        index = known
      } else {
        index = distinctLayers.count
        layerIndex[item.layer] = index
        distinctLayers.append(item.layer)
      }
      if counts[index] == nil { order.append(index) }
      counts[index, default: 0] += 1
    }
    for index in order.sorted() {
      useLayer.append(Int32(index))
      useCount.append(counts[index]!)  // every key in `order` was counted above
    }
    useStart.append(useLayer.count)
    names.append(name)
    self.accuracy.append(accuracy)
    return names.count - 1
  }

  /// The (distinct layer, count) pairs of architecture `a`.
  public func layerUses(of a: Int) -> [(layer: Int, count: Int)] {
    (useStart[a]..<useStart[a + 1]).map { (Int(useLayer[$0]), Int(useCount[$0])) }
  }

  /// Sums per-layer values (indexed by distinct layer) over architecture `a`'s layers.
  @inline(__always)
  func sum(_ perLayer: UnsafeBufferPointer<Double>, architecture a: Int) -> Double {
    var total = 0.0
    for k in useStart[a]..<useStart[a + 1] {
      total += Double(useCount[k]) * perLayer[Int(useLayer[k])]
    }
    return total
  }
}
