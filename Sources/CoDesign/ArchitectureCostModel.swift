public import Hardware

/// Hardware known by whole architectures, not layer by layer: a table of measurements, or a predictor
/// fitted on some (a `predicted-device` file). Co-search and monotonicity price such a point per
/// architecture, by the space's canonical string; everything else treats it as any hardware point.
public protocol ArchitectureCostModel: Sendable {
  /// A short, unique label for tables (`pixel3`).
  var label: String { get }
  /// The latency (and energy, when the hardware knows it) of each architecture, in order.
  func costs(of architectures: [String]) throws(ArchitectureCostError) -> ArchitectureCosts
}

/// What an ``ArchitectureCostModel`` says about a list of architectures.
public struct ArchitectureCosts: Hashable, Sendable {
  public var latencySeconds: [Double]
  /// Energy in joules, or `nil` when the hardware has no energy figure (a latency table or predictor):
  /// co-search then applies no energy cap on it.
  public var energyJoules: [Double]?

  public init(latencySeconds: [Double], energyJoules: [Double]?) {
    self.latencySeconds = latencySeconds
    self.energyJoules = energyJoules
  }
}

/// Why an architecture-level point cannot price the candidates (an architecture the table lacks).
public struct ArchitectureCostError: Error, Hashable, Sendable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

extension MeasuredDevice: ArchitectureCostModel {
  public var label: String { name }

  /// The measurements; energy only when the table has one for every architecture asked.
  public func costs(of architectures: [String]) throws(ArchitectureCostError) -> ArchitectureCosts {
    var latency: [Double] = []
    latency.reserveCapacity(architectures.count)
    for name in architectures {
      guard let value = latencySeconds(of: name) else {
        throw ArchitectureCostError("\(self.name) has no measurement of \(name)")
      }
      latency.append(value)
    }
    let energy = architectures.map { energyJoules(of: $0) }
    return ArchitectureCosts(latencySeconds: latency,
                             energyJoules: energy.allSatisfy { $0 != nil } && hasEnergy ? energy.map { $0! } : nil)
  }
}
