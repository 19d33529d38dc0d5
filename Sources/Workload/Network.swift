/// A layer with its name in a network.
public struct NetworkLayer: Hashable, Sendable, Codable {
  public var name: String
  public var layer: Layer
  public init(name: String, layer: Layer) {
    self.name = name
    self.layer = layer
  }
}

/// An ordered list of named layers: what a cost model prices, layer by layer.
///
/// Order is execution order; a cost model that sums per-layer costs does not need the graph, so a
/// network keeps no edges (residual adds and concats appear as element-wise layers with their shapes).
public struct Network: Hashable, Sendable, Codable {
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
}
