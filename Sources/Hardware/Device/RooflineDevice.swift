public import Workload

/// An off-the-shelf device (phone or tablet SoC, desktop CPU or GPU) priced by a roofline.
///
/// Each layer takes max(compute time, memory time) plus a fixed overhead (Williams, Waterman and Patterson,
/// "Roofline", CACM 2009; Hill and Reddi, "Gables: a roofline model for mobile SoCs", HPCA 2019):
///
///     compute time = FLOPs ÷ (peak FLOP/s · efficiency of the layer's class)
///     memory time  = (input + weight + output elements) · bytes per element ÷ (bandwidth · memory efficiency)
///     latency      = Σ layers max(compute time, memory time) + layer overhead
///
/// Peak and bandwidth are datasheet numbers; the efficiencies say what fraction of the peak a class of
/// layer reaches in the software that runs it (a GEMM-based convolution gets closer to the peak than a
/// pooling loop), and the overhead stands for per-operator dispatch or kernel launch.
public struct RooflineDevice: CostModel, Hashable, Sendable {
  /// A short, unique name (`s5e`), used as the table label.
  public var name: String
  /// Peak arithmetic throughput, in FLOP/s.
  public var peakFLOPsPerSecond: Double
  /// Peak off-chip memory bandwidth, in bytes per second.
  public var memoryBandwidthBytesPerSecond: Double
  /// Bytes of one tensor element (4 for FP32 inference, 1 for INT8).
  public var bytesPerElement: Double
  /// Fraction of the peak each class of layer reaches when compute-bound.
  public var computeEfficiency: RooflineEfficiency
  /// Fraction of the peak bandwidth a layer reaches when memory-bound.
  public var memoryEfficiency: Double
  /// Fixed time per executed layer, in seconds.
  public var layerOverheadSeconds: Double
  /// Classes the runtime fuses into the preceding layer (batch-norm folding, fused activations): free.
  public var fusedClasses: Set<RooflineLayerClass>
  /// Energy per FLOP and per byte; `nil` leaves ``LayerCost/energyPicojoules`` empty.
  public var energy: RooflineEnergyTable?

  public init(name: String, peakFLOPsPerSecond: Double, memoryBandwidthBytesPerSecond: Double,
              bytesPerElement: Double = 4, computeEfficiency: RooflineEfficiency = RooflineEfficiency(),
              memoryEfficiency: Double = 1, layerOverheadSeconds: Double = 0,
              fusedClasses: Set<RooflineLayerClass> = [.normalization, .activation], energy: RooflineEnergyTable? = nil) {
    self.name = name
    self.peakFLOPsPerSecond = peakFLOPsPerSecond
    self.memoryBandwidthBytesPerSecond = memoryBandwidthBytesPerSecond
    self.bytesPerElement = bytesPerElement
    self.computeEfficiency = computeEfficiency
    self.memoryEfficiency = memoryEfficiency
    self.layerOverheadSeconds = layerOverheadSeconds
    self.fusedClasses = fusedClasses
    self.energy = energy
  }

  public var label: String { name }

  /// The operational intensity, in FLOPs per byte, at which a class of layer turns from memory-bound to
  /// compute-bound on this device.
  public func ridgePoint(for layerClass: RooflineLayerClass) -> Double {
    (peakFLOPsPerSecond * computeEfficiency[layerClass]) / (memoryBandwidthBytesPerSecond * memoryEfficiency)
  }

  /// Prices one layer: max(compute time, memory time) + overhead; identities and fused classes are free.
  ///
  /// - Complexity: O(1).
  public func cost(of layer: Layer) -> LayerCost {
    guard let layerClass = RooflineLayerClass(layer), !fusedClasses.contains(layerClass) else { return .free }
    let flops = Double(layer.flops)
    let bytes = Double(layer.inputElements + layer.weightElements + layer.outputElements) * bytesPerElement
    let metrics = RooflineLayerMetrics(
      layerClass: layerClass, flops: flops, bytes: bytes,
      computeSeconds: flops / (peakFLOPsPerSecond * computeEfficiency[layerClass]),
      memorySeconds: bytes / (memoryBandwidthBytesPerSecond * memoryEfficiency),
      overheadSeconds: layerOverheadSeconds)
    let latency = max(metrics.computeSeconds, metrics.memorySeconds) + layerOverheadSeconds
    let energy = energy.map {
      flops * $0.picojoulesPerFLOP + bytes * $0.picojoulesPerByte + $0.staticWatts * latency * 1e12
    }
    return LayerCost(validity: .valid, runtimeCycles: nil, latencySeconds: latency, energyPicojoules: energy,
                     macs: layer.macs, detail: metrics)
  }
}

/// Classes of layers that reach different fractions of a device's peak.
public enum RooflineLayerClass: String, Hashable, Sendable, Codable, CaseIterable {
  /// Dense convolutions with a kernel larger than 1×1 (im2col + GEMM or direct), transposed convolutions.
  case convolution
  /// 1×1 dense convolutions (a GEMM with no reuse across kernel taps).
  case pointwise
  case depthwise
  case grouped
  /// Fully connected layers and matrix products.
  case gemm
  case pooling
  /// Element-wise adds and multiplies.
  case elementwise
  /// Batch normalisation.
  case normalization
  case activation
  /// Layers that only move data: concatenation, channel shuffle.
  case dataMovement = "data_movement"

  /// The class of a layer kind; `nil` for identities, which cost nothing anywhere.
  public init?(_ kind: LayerKind) {
    switch kind {
    case .convolution, .transposedConvolution: self = .convolution
    case .depthwiseConvolution: self = .depthwise
    case .groupedConvolution: self = .grouped
    case .gemm: self = .gemm
    case .pooling: self = .pooling
    case .elementwise(.concat), .channelShuffle: self = .dataMovement
    case .elementwise: self = .elementwise
    case .batchNorm: self = .normalization
    case .activation: self = .activation
    case .identity: return nil
    }
  }

  /// The class of a layer, telling 1×1 dense convolutions apart from larger kernels.
  public init?(_ layer: Layer) {
    if layer.kind == .convolution, layer.r == 1, layer.s == 1 { self = .pointwise; return }
    self.init(layer.kind)
  }
}

/// Compute efficiency per layer class: a default and per-class overrides.
public struct RooflineEfficiency: Hashable, Sendable, Codable {
  /// Efficiency of classes without an override (1: the bare roofline).
  public var defaultEfficiency: Double
  public var overrides: [RooflineLayerClass: Double]

  public init(default defaultEfficiency: Double = 1, overrides: [RooflineLayerClass: Double] = [:]) {
    self.defaultEfficiency = defaultEfficiency
    self.overrides = overrides
  }

  public subscript(layerClass: RooflineLayerClass) -> Double { overrides[layerClass] ?? defaultEfficiency }
}

/// Device energy: per FLOP, per byte of memory traffic, and static power over the latency.
public struct RooflineEnergyTable: Hashable, Sendable, Codable {
  public var picojoulesPerFLOP: Double
  public var picojoulesPerByte: Double
  public var staticWatts: Double

  public init(picojoulesPerFLOP: Double, picojoulesPerByte: Double, staticWatts: Double = 0) {
    self.picojoulesPerFLOP = picojoulesPerFLOP
    self.picojoulesPerByte = picojoulesPerByte
    self.staticWatts = staticWatts
  }
}
