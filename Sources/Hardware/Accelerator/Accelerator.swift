public import Workload

/// A spatial DNN accelerator priced with the MAESTRO-like model: a PE array with L1 per PE, a shared L2,
/// a NoC and an off-chip link, running a dataflow.
///
/// A value type, `Hashable` and `Sendable`, so the co-search can key a cache on (``Layer``, accelerator);
/// ``cost(of:)`` is a pure function of the two.
public struct Accelerator: CostModel, Hashable, Sendable {
  /// A name for tables (a sweep point's name, or the file's `name:`).
  public var name: String
  public var hardware: MaestroHardware
  /// L1 size per PE, in elements (MAESTRO compares it with the requirement and only warns).
  public var l1SizeElements: Int?
  /// L2 size, in elements (as L1: informational).
  public var l2SizeElements: Int?
  /// Clock frequency in hertz; converts cycles to seconds (MAESTRO reports cycles only; default 1 GHz).
  public var clockHertz: Double
  public var dataflow: DataflowPreset
  public var energy: EnergyTable
  /// How non-MAC layers are priced (default `free`: MAESTRO prices only MAC layers).
  public var nonMACLayers: NonMACLayerRule
  /// How padded layers are written for the engine (default `padded`: on the padded input).
  public var padding: PaddingConvention = .padded

  public init(name: String = "", hardware: MaestroHardware, dataflow: DataflowPreset,
              energy: EnergyTable = .standard, nonMACLayers: NonMACLayerRule = .free, clockHertz: Double = 1e9,
              l1SizeElements: Int? = nil, l2SizeElements: Int? = nil) {
    self.name = name
    self.hardware = hardware
    self.dataflow = dataflow
    self.energy = energy
    self.nonMACLayers = nonMACLayers
    self.clockHertz = clockHertz
    self.l1SizeElements = l1SizeElements
    self.l2SizeElements = l2SizeElements
  }

  /// Hashes the hardware figures and the names of the dataflow and energy table, not the whole dataflow:
  /// cheap for a cache keyed by (layer, accelerator); equality still compares everything.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(hardware)
    hasher.combine(dataflow.name)
    hasher.combine(energy.name)
    hasher.combine(nonMACLayers)
    hasher.combine(padding)
    hasher.combine(clockHertz)
  }

  /// `kc-p/256pe/noc300/off50` (with `/hop1` when the hop latency is not zero), or the name when set.
  public var label: String { name.isEmpty ? defaultLabel : name }

  /// The PE count: what a resource cap bounds for a MAESTRO-like accelerator ([Lu22-SD] Eq. 4.4).
  public var hardwareResource: Double? { Double(hardware.pes) }

  /// The label built from the hardware figures.
  public var defaultLabel: String {
    var text = "\(dataflow.name)/\(hardware.pes)pe/noc\(hardware.nocBandwidth)/off\(hardware.offchipBandwidth)"
    if hardware.nocHopLatency != 0 { text += "/hop\(hardware.nocHopLatency)" }
    if hardware.simdLanes != 1 { text += "/simd\(hardware.simdLanes)" }
    return text
  }

  /// MAESTRO's figures for a layer (after the non-MAC rule and the layer conventions), or why the point
  /// cannot run. Returns `nil` for a layer the non-MAC rule makes free.
  public func analyze(_ layer: Layer) -> Result<MaestroLayerMetrics, MaestroInvalid>? {
    if layer.kind.isMACLayer { return analyzeMACLayer(layer) }  // priced as it is (saves copying it)
    guard let priced = nonMACLayers.pricedLayer(for: layer) else { return nil }
    return analyzeMACLayer(priced)
  }

  private func analyzeMACLayer(_ layer: Layer) -> Result<MaestroLayerMetrics, MaestroInvalid> {
    let maestroLayer: MaestroLayer
    switch MaestroLayer.convert(layer, padding: padding) {
    case .success(let l): maestroLayer = l
    case .failure(let e): return .failure(MaestroInvalid(e.reason))
    }
    if let override = dataflow.override(for: layer.kind) {
      return MaestroEngine.analyze(maestroLayer, dataflow: override, hardware: hardware)
    }
    return MaestroEngine.analyze(maestroLayer, dataflow: dataflow.dataflow, hardware: hardware)
  }

  /// Prices one layer: runtime, latency, energy from the energy table, MACs, and MAESTRO's figures.
  public func cost(of layer: Layer) -> LayerCost {
    guard let result = analyze(layer) else { return .free }
    switch result {
    case .failure(let why):
      return .invalid(why.reason)
    case .success(let m):
      return LayerCost(validity: .valid, runtimeCycles: m.runtimeCycles,
                       latencySeconds: Double(m.runtimeCycles) / clockHertz,
                       energyPicojoules: energy.energyPicojoules(m, nocHops: hardware.nocHops), macs: m.macs,
                       detail: m)
    }
  }
}
