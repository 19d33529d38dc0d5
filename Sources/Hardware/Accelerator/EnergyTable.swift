/// Energy per event, in picojoules, for pricing a layer's activity counts.
///
/// MAESTRO itself only reports energy in units of one MAC (L1 access 1.68×, L2 access 18.61×) and has no
/// NoC or DRAM term; this table prices those too. Each default names its source.
public struct EnergyTable: Hashable, Sendable {
  public var name: String
  /// One multiply-accumulate.
  public var macPicojoules: Double
  /// One L1 (per-PE buffer) read or write.
  public var l1AccessPicojoules: Double
  /// One L2 (shared buffer) read or write.
  public var l2AccessPicojoules: Double
  /// Moving one element one NoC hop (applied to the elements crossing the top-level NoC × `noc_hops`).
  public var nocPicojoulesPerElementHop: Double
  /// Moving one element between DRAM and L2.
  public var dramPicojoulesPerElement: Double

  public init(name: String, macPicojoules: Double, l1AccessPicojoules: Double, l2AccessPicojoules: Double,
              nocPicojoulesPerElementHop: Double, dramPicojoulesPerElement: Double) {
    self.name = name
    self.macPicojoules = macPicojoules
    self.l1AccessPicojoules = l1AccessPicojoules
    self.l2AccessPicojoules = l2AccessPicojoules
    self.nocPicojoulesPerElementHop = nocPicojoulesPerElementHop
    self.dramPicojoulesPerElement = dramPicojoulesPerElement
  }

  /// MAESTRO's MAC energy: 0.00023 nJ (`DSE_cost-database.hpp`, `mac_energy`).
  public static let maestroMACPicojoules = 0.23

  /// Reproduces MAESTRO's totals: MAC 0.23 pJ, L1 = 1.68 × MAC, L2 = 18.61 × MAC (`BASE_constants.hpp`),
  /// no NoC and no DRAM term. energy_pJ = 0.23 × MAESTRO's `energy_mac_units` (up to rounding).
  public static let maestro = EnergyTable(
    name: "maestro", macPicojoules: maestroMACPicojoules,
    l1AccessPicojoules: MaestroLayerMetrics.l1AccessInMACs * maestroMACPicojoules,
    l2AccessPicojoules: MaestroLayerMetrics.l2AccessInMACs * maestroMACPicojoules,
    nocPicojoulesPerElementHop: 0, dramPicojoulesPerElement: 0)

  /// Duet's default: MAESTRO's MAC, L1 and L2 energies, plus the NoC and DRAM costs of Eyeriss's
  /// normalised energy model (Chen, Emer, Sze, "Eyeriss: A Spatial Architecture for Energy-Efficient
  /// Dataflow for CNNs", ISCA 2016, §V: inter-PE (array) transfer 2× and DRAM access 200× a MAC),
  /// scaled to MAESTRO's 0.23 pJ MAC: NoC 0.46 pJ per element-hop, DRAM 46 pJ per element.
  public static let standard = EnergyTable(
    name: "default", macPicojoules: maestroMACPicojoules,
    l1AccessPicojoules: MaestroLayerMetrics.l1AccessInMACs * maestroMACPicojoules,
    l2AccessPicojoules: MaestroLayerMetrics.l2AccessInMACs * maestroMACPicojoules,
    nocPicojoulesPerElementHop: 2 * maestroMACPicojoules, dramPicojoulesPerElement: 200 * maestroMACPicojoules)

  /// Tables by name.
  public static let presets: [String: EnergyTable] = ["maestro": .maestro, "default": .standard]

  /// Energy of a layer's activity, in picojoules.
  public func energyPicojoules(_ m: MaestroLayerMetrics, nocHops: Int) -> Double {
    macPicojoules * Double(m.macs) + l1AccessPicojoules * Double(m.l1Accesses)
      + l2AccessPicojoules * Double(m.l2Accesses)
      + nocPicojoulesPerElementHop * Double(m.nocElements) * Double(nocHops)
      + dramPicojoulesPerElement * Double(m.dramElements)
  }
}
