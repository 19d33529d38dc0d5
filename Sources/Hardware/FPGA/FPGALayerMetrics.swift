/// Figures of one layer on an FPGA design (see ``FPGADesign``).
///
/// Cycle counts are sums over the layer's tiles of each tile's own compute or transfer time; the layer's
/// runtime is not their sum but, tile by tile, the largest of them (double buffering overlaps the rest),
/// so comparing them shows what bounds the layer.
public struct FPGALayerMetrics: Hashable, Sendable {
  /// The engine that runs a layer.
  public enum Engine: String, Hashable, Sendable, Codable {
    /// The Tm × Tn convolution engine (dense, grouped, transposed convolutions and GEMMs).
    case convolution
    /// The Tm(d)-channel depth-wise engine (depth-wise convolutions; pooling and adds under the
    /// `depthwise` non-MAC rule).
    case depthwise
  }

  /// What the layer's tiles wait on most.
  public enum Bound: String, Hashable, Sendable, Codable {
    case compute
    case inputTransfer
    case weightTransfer
    case outputTransfer
  }

  public var engine: Engine
  /// Tiles processed (output tiles × input-channel tiles for the convolution engine), over every batch
  /// element and group.
  public var tiles: Int64
  /// Σ over tiles of Tr·Tc·R·S, the cycles of the pipelined MAC loop.
  public var computeCycles: Int64
  /// Σ over tiles of the cycles to load inputs, load weights and store outputs through their ports.
  public var inputTransferCycles: Int64
  public var weightTransferCycles: Int64
  public var outputTransferCycles: Int64
  /// Elements moved between off-chip memory and the tile buffers (halos and reloads included).
  public var inputElementsLoaded: Int64
  public var weightElementsLoaded: Int64
  public var outputElementsStored: Int64
  /// The largest of the four cycle sums.
  public var bound: Bound
  /// Useful MACs ÷ (runtime cycles × the engine's MAC lanes), in 0…1.
  public var macUtilization: Double
  /// Bits per element moved off chip (the design's data width).
  public var dataWidthBits: Int

  public init(engine: Engine, tiles: Int64, computeCycles: Int64, inputTransferCycles: Int64,
              weightTransferCycles: Int64, outputTransferCycles: Int64, inputElementsLoaded: Int64,
              weightElementsLoaded: Int64, outputElementsStored: Int64, bound: Bound, macUtilization: Double,
              dataWidthBits: Int = 16) {
    self.engine = engine
    self.tiles = tiles
    self.computeCycles = computeCycles
    self.inputTransferCycles = inputTransferCycles
    self.weightTransferCycles = weightTransferCycles
    self.outputTransferCycles = outputTransferCycles
    self.inputElementsLoaded = inputElementsLoaded
    self.weightElementsLoaded = weightElementsLoaded
    self.outputElementsStored = outputElementsStored
    self.bound = bound
    self.macUtilization = macUtilization
    self.dataWidthBits = dataWidthBits
  }

  /// Bytes moved between off-chip memory and the tile buffers (halos and reloads included).
  public var offchipBytes: Double {
    Double(inputElementsLoaded + weightElementsLoaded + outputElementsStored) * Double(dataWidthBits) / 8
  }
}

extension FPGALayerMetrics: LayerCostDetail {
  /// The engine, the bound (`input_transfer`, …), the MAC utilisation and the off-chip bytes.
  public var figures: LayerFigures {
    LayerFigures(mapping: engine.rawValue, bound: bound.snakeCaseName, macUtilization: macUtilization,
                 offchipBytes: offchipBytes)
  }
}

extension FPGALayerMetrics.Bound {
  /// `inputTransfer` → `input_transfer`, as tables print it.
  var snakeCaseName: String {
    var out = ""
    for ch in rawValue {
      if ch.isUppercase { out += "_" + ch.lowercased() } else { out.append(ch) }
    }
    return out
  }
}
