public import Workload

/// A hardware cost model: prices one layer on one piece of hardware.
///
/// Conformers are value types holding a hardware description (an accelerator with its dataflow, an FPGA
/// design, a device roofline); `cost(of:)` is a pure function of that description and the layer, so
/// results can be cached by (layer, hardware) and computed on any thread. Invalid points (a mapping that
/// cannot run, a design over its resource budget) come back as a ``LayerCost`` with
/// ``Validity/invalid(_:)``, never as a trap or a thrown error.
public protocol CostModel: Sendable {
  /// A short, unique label for tables (`kc-p/256pe/noc300/off50`).
  var label: String { get }
  /// Prices one layer.
  func cost(of layer: Layer) -> LayerCost
  /// HardwareResource(h) of [Lu22-SD] Eq. 4.4, the figure a resource cap H bounds: a MAESTRO-like
  /// accelerator's PE count, an FPGA design's DSP slices; `nil` (the default) for hardware that states none.
  var hardwareResource: Double? { get }
}

extension CostModel {
  public var hardwareResource: Double? { nil }
}

extension CostModel {
  /// Prices every layer of a network and sums them.
  ///
  /// - Complexity: one ``cost(of:)`` per layer.
  public func cost(of network: Network) -> NetworkCost {
    NetworkCost(layers: network.layers.map { cost(of: $0.layer) })
  }
}
