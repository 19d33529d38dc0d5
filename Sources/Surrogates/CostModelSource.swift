public import Hardware
public import Spaces
import Workload

/// A Duet cost model as a measurement source: each architecture is lowered to its network and priced
/// layer by layer; the sum is the "measurement". With it a study or a predictor can target any hardware
/// file, and the analytical estimate can serve as a feature of another target (``ArchitectureEncoding``).
public struct CostModelSource: MeasurementSource {
  public let name: String
  public let metric: MeasuredMetric
  public let space: SearchSpace
  public let dataset: Dataset
  public let model: any CostModel
  public let lowering: LoweringOptions

  public init(name: String? = nil, model: any CostModel, metric: MeasuredMetric = .latency, space: SearchSpace,
              dataset: Dataset, lowering: LoweringOptions = LoweringOptions()) {
    self.name = name ?? model.label
    self.model = model
    self.metric = metric
    self.space = space
    self.dataset = dataset
    self.lowering = lowering
  }

  public var knownArchitectures: [Architecture]? { nil }

  /// Prices every architecture; each distinct layer is priced once per call.
  public func measure(_ architectures: [Architecture]) throws(MeasurementError) -> [Double] {
    var priced: [Layer: LayerCost] = [:]
    var result: [Double] = []
    result.reserveCapacity(architectures.count)
    for architecture in architectures {
      let network: Network
      do {
        network = try space.lower(architecture, dataset: dataset, options: lowering)
      } catch {
        throw .failed(source: name, "lowering \(space.canonicalString(architecture)): \(error)")
      }
      var latency = 0.0, energy = 0.0
      for entry in network.layers {
        let cost: LayerCost
        if let known = priced[entry.layer] {
          cost = known
        } else {
          cost = model.cost(of: entry.layer)
          priced[entry.layer] = cost
        }
        if case .invalid(let reason) = cost.validity {
          throw .cannotRun(source: name, architecture: space.canonicalString(architecture), reason: "layer \(entry.name): \(reason)")
        }
        latency += cost.latencySeconds
        if metric == .energy {
          guard let picojoules = cost.energyPicojoules else {
            throw .failed(source: name, "the cost model gives no energy for layer \(entry.name)")
          }
          energy += picojoules * 1e-12
        }
      }
      result.append(metric == .latency ? latency : energy)
    }
    return result
  }
}
