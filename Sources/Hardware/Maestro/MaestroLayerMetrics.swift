/// MAESTRO-compatible figures of one layer (filled in by the MAESTRO-like model).
public struct MaestroLayerMetrics: Hashable, Sendable {
  public init() {}
}
