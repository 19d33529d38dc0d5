/// Whether a (layer, hardware) point can be priced.
public enum Validity: Hashable, Sendable, Codable {
  case valid
  /// The point cannot run; the reason is a sentence a person understands.
  case invalid(String)

  public var isValid: Bool { self == .valid }
  /// The reason, or `nil` when valid.
  public var reason: String? { if case .invalid(let why) = self { why } else { nil } }
}

/// The cost of one layer on one piece of hardware.
///
/// The common fields are what search and analysis use; each model adds its own detail (MAESTRO's
/// buffer requirements and access counts, an FPGA's tiles and resources, a roofline's regime).
public struct LayerCost: Hashable, Sendable {
  public var validity: Validity
  /// Runtime in clock cycles, for cycle-level models (MAESTRO-like, FPGA); `nil` for rooflines.
  public var runtimeCycles: Int64?
  /// Latency in seconds (cycles ÷ clock for cycle-level models).
  public var latencySeconds: Double
  /// Energy in picojoules, from the hardware's energy table; `nil` where the model has none.
  public var energyPicojoules: Double?
  /// Multiply-accumulates as the model counts them (MAESTRO's own count can differ from the layer's).
  public var macs: Int64
  /// Model-specific figures (``MaestroLayerMetrics``, ``FPGALayerMetrics``, ``RooflineLayerMetrics``, or a
  /// new model's own type); `nil` for a free layer or a model that keeps none.
  public var detail: (any LayerCostDetail)?

  public init(validity: Validity, runtimeCycles: Int64?, latencySeconds: Double, energyPicojoules: Double?,
              macs: Int64, detail: (any LayerCostDetail)?) {
    self.validity = validity
    self.runtimeCycles = runtimeCycles
    self.latencySeconds = latencySeconds
    self.energyPicojoules = energyPicojoules
    self.macs = macs
    self.detail = detail
  }

  /// An invalid point with a reason.
  public static func invalid(_ reason: String, detail: (any LayerCostDetail)? = nil) -> LayerCost {
    LayerCost(validity: .invalid(reason), runtimeCycles: nil, latencySeconds: .nan, energyPicojoules: nil, macs: 0,
              detail: detail)
  }

  /// A layer the hardware does not spend anything on (identity, a fused activation under the `free` rule).
  public static let free = LayerCost(validity: .valid, runtimeCycles: 0, latencySeconds: 0, energyPicojoules: 0,
                                     macs: 0, detail: nil)

  /// The figures tables show for every model (empty when the layer has no detail).
  public var figures: LayerFigures { detail?.figures ?? LayerFigures() }

  public static func == (a: LayerCost, b: LayerCost) -> Bool {
    a.validity == b.validity && a.runtimeCycles == b.runtimeCycles && a.latencySeconds == b.latencySeconds
      && a.energyPicojoules == b.energyPicojoules && a.macs == b.macs
      && a.detail.map { AnyHashable($0) } == b.detail.map { AnyHashable($0) }
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(validity)
    hasher.combine(runtimeCycles)
    hasher.combine(latencySeconds)
    hasher.combine(energyPicojoules)
    hasher.combine(macs)
    hasher.combine(detail.map { AnyHashable($0) })
  }
}

/// Model-specific figures of a ``LayerCost``.
///
/// Each cost model defines its own type and conforms it here, so a new model (a saved predictor, a new
/// simulator) adds its figures without editing this module's common files. Tables that span models read
/// the figures every model may have through ``figures``; a reader that wants one model's own figures
/// casts (`cost.detail as? MaestroLayerMetrics`).
public protocol LayerCostDetail: Hashable, Sendable {
  /// The figures tables show for every model; each defaults to `nil`.
  var figures: LayerFigures { get }
}

extension LayerCostDetail {
  public var figures: LayerFigures { LayerFigures() }
}

/// The figures of one priced layer that several cost models have, as `duet cost` tables show them.
public struct LayerFigures: Hashable, Sendable {
  /// What ran the layer, where the model chooses per layer: an FPGA engine, a roofline layer class.
  public var mapping: String?
  /// What bounds the layer, in snake case as tables print it: `compute`, `memory`, `input_transfer`, …
  public var bound: String?
  /// Useful MACs ÷ (cycles × MAC lanes), in 0…1.
  public var macUtilization: Double?
  /// Bytes moved between off-chip memory and the chip.
  public var offchipBytes: Double?

  public init(mapping: String? = nil, bound: String? = nil, macUtilization: Double? = nil, offchipBytes: Double? = nil) {
    self.mapping = mapping
    self.bound = bound
    self.macUtilization = macUtilization
    self.offchipBytes = offchipBytes
  }
}

/// The sum of a network's layer costs.
public struct NetworkCost: Hashable, Sendable {
  public var layers: [LayerCost]

  public init(layers: [LayerCost]) { self.layers = layers }

  /// Valid when every layer is; otherwise the first layer's reason, with its index.
  public var validity: Validity {
    for (index, layer) in layers.enumerated() {
      if case .invalid(let why) = layer.validity { return .invalid("layer \(index): \(why)") }
    }
    return .valid
  }
  public var runtimeCycles: Int64? {
    var total: Int64 = 0
    for layer in layers {
      guard let cycles = layer.runtimeCycles else { return nil }
      total += cycles
    }
    return total
  }
  public var latencySeconds: Double { layers.reduce(0) { $0 + $1.latencySeconds } }
  public var energyPicojoules: Double? {
    var total = 0.0
    for layer in layers {
      guard let energy = layer.energyPicojoules else { return nil }
      total += energy
    }
    return total
  }
  public var macs: Int64 { layers.reduce(0) { $0 + $1.macs } }
}
