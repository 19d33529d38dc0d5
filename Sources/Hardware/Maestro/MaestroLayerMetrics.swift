/// MAESTRO-compatible figures of one layer on one accelerator (the per-layer numbers MAESTRO prints).
///
/// Counts are in elements, delays and runtime in cycles. See docs/maestro.md for how each is computed.
public struct MaestroLayerMetrics: Hashable, Sendable {
  /// L1 (per-PE buffer) and L2 (shared buffer) reads and writes of one tensor.
  public struct AccessCounts: Hashable, Sendable {
    public var l1Reads: Int64 = 0
    public var l1Writes: Int64 = 0
    public var l2Reads: Int64 = 0
    public var l2Writes: Int64 = 0
    public init(l1Reads: Int64 = 0, l1Writes: Int64 = 0, l2Reads: Int64 = 0, l2Writes: Int64 = 0) {
      self.l1Reads = l1Reads; self.l1Writes = l1Writes; self.l2Reads = l2Reads; self.l2Writes = l2Writes
    }
  }

  /// Per-tensor element counts (input activations, filter weights, output activations / partial sums).
  public struct PerTensor: Hashable, Sendable {
    public var input: Int64 = 0
    public var filter: Int64 = 0
    public var output: Int64 = 0
    public init(input: Int64 = 0, filter: Int64 = 0, output: Int64 = 0) {
      self.input = input; self.filter = filter; self.output = output
    }
    public var total: Int64 { input + filter + output }
  }

  public var runtimeCycles: Int64 = 0
  /// MACs as MAESTRO counts them (its own count; see docs/maestro.md for where it differs from the layer's).
  public var macs: Int64 = 0
  public var inputAccesses = AccessCounts()
  public var filterAccesses = AccessCounts()
  public var outputAccesses = AccessCounts()
  /// L1 buffer requirement per PE, per tensor (double-buffered), in elements.
  public var l1Requirement = PerTensor()
  /// L2 buffer requirement per tensor (double-buffered), in elements.
  public var l2Requirement = PerTensor()
  /// The largest NoC traffic per step ÷ compute delay over the iteration cases (MAESTRO's peak BW req).
  public var peakNoCBandwidthRequirement: Int64 = 0
  /// The same, averaged over steps.
  public var averageNoCBandwidthRequirement: Double = 0
  /// Off-chip bandwidth MAESTRO reports as required, in elements per cycle.
  public var offchipBandwidthRequirement: Int64 = 0
  /// PEs doing work, averaged over steps.
  public var averageUtilizedPEs: Double = 0
  public var ingressDelayMin: Int64 = 0
  public var ingressDelayMax: Int64 = 0
  public var egressDelayMin: Int64 = 0
  public var egressDelayMax: Int64 = 0
  public var computeDelayMin: Int64 = 0
  public var computeDelayMax: Int64 = 0

  public init() {}

  /// L1 size requirement (sum over tensors), MAESTRO's `l1_size_req`.
  public var l1SizeRequirement: Int64 { l1Requirement.total }
  /// L2 size requirement (sum over tensors), MAESTRO's `l2_size_req`.
  public var l2SizeRequirement: Int64 { l2Requirement.total }

  /// All L1 reads and writes of the three tensors.
  public var l1Accesses: Int64 {
    inputAccesses.l1Reads + inputAccesses.l1Writes + filterAccesses.l1Reads + filterAccesses.l1Writes
      + outputAccesses.l1Reads + outputAccesses.l1Writes
  }
  /// All L2 reads and writes of the three tensors.
  public var l2Accesses: Int64 {
    inputAccesses.l2Reads + inputAccesses.l2Writes + filterAccesses.l2Reads + filterAccesses.l2Writes
      + outputAccesses.l2Reads + outputAccesses.l2Writes
  }

  /// Elements that cross the top-level NoC between L2 and the PEs (input and filter deliveries, output
  /// write-backs); multiplied by the hop count for NoC energy.
  public var nocElements: Int64 { inputAccesses.l2Reads + filterAccesses.l2Reads + outputAccesses.l2Writes }
  /// Elements moved between DRAM and L2: each input and filter element loaded once (MAESTRO's L2 writes of
  /// those tensors) and the outputs written back (its output L2 reads).
  public var dramElements: Int64 { inputAccesses.l2Writes + filterAccesses.l2Writes + outputAccesses.l2Reads }

  /// MAESTRO's energy total in units of one MAC's energy (its screen "Total energy"):
  /// 18.61 × L2 accesses + 1.68 × L1 accesses + MACs (`BASE_constants.hpp`).
  public var energyMACUnits: Double {
    Self.l2AccessInMACs * Double(l2Accesses) + Self.l1AccessInMACs * Double(l1Accesses) + Double(macs)
  }

  /// MAESTRO's L1 access energy relative to a MAC.
  public static let l1AccessInMACs = 1.68
  /// MAESTRO's L2 access energy relative to a MAC.
  public static let l2AccessInMACs = 18.61
}

/// MAESTRO's figures go in their own columns; the cross-model figures stay empty (the dataflow says
/// what ran the layer).
extension MaestroLayerMetrics: LayerCostDetail {}
