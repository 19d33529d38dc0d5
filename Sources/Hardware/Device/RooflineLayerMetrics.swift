/// Figures of one layer on a roofline device (see ``RooflineDevice``).
public struct RooflineLayerMetrics: Hashable, Sendable {
  /// Which side of the roofline's ridge the layer falls on.
  public enum Bound: String, Hashable, Sendable, Codable {
    /// Compute time ≥ memory time: the layer runs at the kind's attainable FLOP rate.
    case compute
    /// Memory time > compute time: the layer streams its tensors at the attainable bandwidth.
    case memory
  }

  public var layerClass: RooflineLayerClass
  /// FLOPs in Duet's convention (``Workload/Layer/flops``).
  public var flops: Double
  /// Bytes of compulsory traffic: inputs, weights and outputs, each moved once.
  public var bytes: Double
  /// FLOPs per byte (0 for layers that move data only).
  public var operationalIntensity: Double { bytes > 0 ? flops / bytes : 0 }
  /// FLOPs ÷ (peak · the class's efficiency).
  public var computeSeconds: Double
  /// Bytes ÷ (bandwidth · memory efficiency).
  public var memorySeconds: Double
  /// The device's fixed per-layer cost (dispatch, kernel launch, synchronisation).
  public var overheadSeconds: Double
  public var bound: Bound

  public init(layerClass: RooflineLayerClass, flops: Double, bytes: Double, computeSeconds: Double,
              memorySeconds: Double, overheadSeconds: Double) {
    self.layerClass = layerClass
    self.flops = flops
    self.bytes = bytes
    self.computeSeconds = computeSeconds
    self.memorySeconds = memorySeconds
    self.overheadSeconds = overheadSeconds
    self.bound = computeSeconds >= memorySeconds ? .compute : .memory
  }
}

extension RooflineLayerMetrics: LayerCostDetail {
  /// The layer class, the side of the ridge, and the compulsory off-chip bytes.
  public var figures: LayerFigures {
    LayerFigures(mapping: layerClass.rawValue, bound: bound.rawValue, offchipBytes: bytes)
  }
}
