public import Workload

/// A network priced layer by layer on one hardware point: each layer's cost and what ran it, and the
/// network's totals (``NetworkCost``), as `duet cost` tables show them.
public struct NetworkPricing: Sendable {
  /// One priced layer.
  public struct PricedLayer: Sendable {
    public var cost: LayerCost
    /// The accelerator's dataflow preset (`kc-p`), for a MAESTRO-like accelerator; `nil` otherwise.
    public var dataflowName: String?
    /// What ran the layer: the dataflow used for its kind (MAESTRO-like), an FPGA engine or a roofline
    /// class; `nil` for a layer the hardware spends nothing on.
    public var mapping: String?
  }

  public var layers: [PricedLayer]

  /// The sums over layers (valid when every layer is).
  public var total: NetworkCost { NetworkCost(layers: layers.map(\.cost)) }

  /// The layers that can run.
  public var validLayerCount: Int { layers.count { $0.cost.validity.isValid } }

  /// The first layer that cannot run and why, or `nil` when every layer can.
  public var firstInvalid: (index: Int, reason: String)? {
    for (index, layer) in layers.enumerated() {
      if case .invalid(let why) = layer.cost.validity { return (index, why) }
    }
    return nil
  }
}

extension HardwarePoint {
  /// Prices every layer of `network` on this point.
  ///
  /// - Parameter layerDataflows: a dataflow per layer (a MAESTRO mapping file's own blocks) that replaces
  ///   a MAESTRO-like accelerator's dataflow for that layer; `nil` entries keep the accelerator's.
  public func price(_ network: Network, layerDataflows: [Dataflow?]? = nil) -> NetworkPricing {
    var layers: [NetworkPricing.PricedLayer] = []
    layers.reserveCapacity(network.layers.count)
    for (index, item) in network.layers.enumerated() {
      if var accelerator {
        if let dataflow = layerDataflows?[index] ?? nil { accelerator.dataflow = DataflowPreset(dataflow: dataflow) }
        let cost = accelerator.cost(of: item.layer)
        let mapping = accelerator.nonMACLayers.pricedLayer(for: item.layer).map {
          accelerator.dataflow.dataflow(for: $0.kind).name
        }
        layers.append(.init(cost: cost, dataflowName: accelerator.dataflow.name, mapping: mapping))
      } else {
        let cost = model.cost(of: item.layer)
        layers.append(.init(cost: cost, dataflowName: nil, mapping: cost.figures.mapping))
      }
    }
    return NetworkPricing(layers: layers)
  }
}

extension HardwareKind {
  /// The cost model a file of this kind prices layers with, as tables name it (`maestro`, `fpga`,
  /// `roofline`, `measured`).
  public var costModelName: String {
    switch self {
    case .accelerator, .sweep: "maestro"
    case .fpga: "fpga"
    case .device: "roofline"
    case .measuredDevice: "measured"
    }
  }
}
