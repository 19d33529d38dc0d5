/// A layer with its name in a network, and the layers it reads.
public struct NetworkLayer: Hashable, Sendable, Codable {
  public var name: String
  public var layer: Layer
  /// The tensors the layer reads, in operand order: names of earlier layers, or ``Network/inputName``
  /// for the network's input. An empty list reads a constant (a tensor of zeros of the layer's input
  /// shape: a cell node that only zero ops feed). `nil` reads the previous layer's output (the
  /// network's input for the first layer), the common case that needs no edge written down.
  public var inputs: [String]?

  public init(name: String, layer: Layer, inputs: [String]? = nil) {
    self.name = name
    self.layer = layer
    self.inputs = inputs
  }
}

/// An ordered list of named layers: what a cost model prices, layer by layer, and the graph that joins
/// them.
///
/// Order is execution order; a cost model that sums per-layer costs does not need the graph. Where a
/// layer reads something other than the layer before it (a residual add, a concatenation, a shortcut
/// convolution), its ``NetworkLayer/inputs`` name its producers, so that the network can be handed to a
/// runtime (ONNX export) with its real topology. A network whose layers name no inputs is a chain.
public struct Network: Hashable, Sendable, Codable {
  /// The name by which a layer's ``NetworkLayer/inputs`` refer to the network's input. No layer may
  /// have this name.
  public static let inputName = "input"

  public var name: String
  public var layers: [NetworkLayer]

  public init(name: String, layers: [NetworkLayer]) {
    self.name = name
    self.layers = layers
  }

  /// Total multiply-accumulates.
  public var macs: Int64 { layers.reduce(0) { $0 + $1.layer.macs } }
  /// Total learnable parameters (see ``Layer/parameters``).
  public var parameters: Int64 { layers.reduce(0) { $0 + $1.layer.parameters } }
  /// Total FLOPs in Duet's convention (see ``Layer/flops``).
  public var flops: Int64 { layers.reduce(0) { $0 + $1.layer.flops } }
  /// Total weight elements.
  public var weightElements: Int64 { layers.reduce(0) { $0 + $1.layer.weightElements } }

  /// What layer `index` reads, with the default (the previous layer, or the network's input for the
  /// first) spelt out.
  public func inputs(of index: Int) -> [String] {
    if let inputs = layers[index].inputs { return inputs }
    return [index == 0 ? Self.inputName : layers[index - 1].name]
  }

  /// Whether any layer names its inputs (a network without edges is a chain).
  public var hasEdges: Bool { layers.contains { $0.inputs != nil } }

  /// The first input name that is neither the network's input nor an earlier layer, as
  /// (layer index, name); `nil` when every edge points backwards.
  public var danglingInput: (layer: Int, name: String)? {
    var seen: Set<String> = [Self.inputName]
    for (i, entry) in layers.enumerated() {
      for name in entry.inputs ?? [] where !seen.contains(name) { return (i, name) }
      seen.insert(entry.name)
    }
    return nil
  }
}
