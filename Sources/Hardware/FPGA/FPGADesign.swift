
/// A tiled convolution accelerator on an FPGA, in the style of Zhang et al. (FPGA'15, "Optimizing
/// FPGA-based Accelerator Design for Deep Convolutional Neural Networks") as used for FPGA/NAS
/// co-exploration by Jiang et al. (TCAD'20), whose design space seed 002's Table 3.3 samples.
///
/// Two engines share the board: a convolution engine of `tm × tn` multipliers (Tm output channels ×
/// Tn input channels per cycle) and a depth-wise engine of `tmDepthwise` multipliers (one channel each).
/// Every layer is cut into tiles; a tile's inputs, weights and outputs move through their own AXI ports
/// (`ports`), double-buffered so transfers overlap computation (see `FPGADesign+Cost.swift`).
///
/// A design is a plain description: building one never fails. Whether it fits its board is
/// ``resourceValidity``; ``cost(of:)`` reports every layer of an over-budget design as invalid, and the
/// YAML loader rejects such a file with a positioned error.
public struct FPGADesign: CostModel, Hashable, Sendable {
  /// A short, unique name (`zcu102-d1`), used as the table label.
  public var name: String
  /// The board whose resources bound the design.
  public var board: FPGABoard
  /// Accelerator clock, in hertz.
  public var clockHertz: Double
  /// Width of one activation or weight element, in bits (16-bit fixed point in Table 3.3's designs).
  public var dataWidthBits: Int
  /// Bits one AXI port moves per cycle.
  public var portWidthBits: Int
  /// DSP slices per multiply-accumulate lane (1 for ≤ 18-bit fixed point on DSP48E2; Zhang et al.'s
  /// 32-bit float used 5).
  public var dspSlicesPerMAC: Int
  public var tiling: FPGATiling
  public var ports: FPGAPorts
  /// Per-operation energies; `nil` leaves ``LayerCost/energyPicojoules`` empty.
  public var energy: FPGAEnergyTable?
  /// How pooling and element-wise layers are priced (the depth-wise engine runs them by default).
  public var nonMACRule: NonMACLayerRule

  public init(name: String, board: FPGABoard = .zcu102, clockHertz: Double = 200e6, dataWidthBits: Int = 16,
              portWidthBits: Int = 16, dspSlicesPerMAC: Int = 1, tiling: FPGATiling, ports: FPGAPorts,
              energy: FPGAEnergyTable? = .horowitz45nm16bit, nonMACRule: NonMACLayerRule = .depthwise) {
    self.name = name
    self.board = board
    self.clockHertz = clockHertz
    self.dataWidthBits = dataWidthBits
    self.portWidthBits = portWidthBits
    self.dspSlicesPerMAC = dspSlicesPerMAC
    self.tiling = tiling
    self.ports = ports
    self.energy = energy
    self.nonMACRule = nonMACRule
  }

  public var label: String { name }

  /// The DSP slices the design uses: what a resource cap bounds for an FPGA ([Lu22-SD] Eq. 4.4).
  public var hardwareResource: Double? { Double(resourceUsage.dspSlices) }
}

/// Loop tiling of the two engines (Zhang et al.'s Tm, Tn, Tr, Tc; Table 3.3's Tm(d)).
public struct FPGATiling: Hashable, Sendable, Codable {
  /// Output channels per convolution tile (Tm).
  public var tm: Int
  /// Input channels per convolution tile (Tn).
  public var tn: Int
  /// Channels per depth-wise tile (Tm(d)).
  public var tmDepthwise: Int
  /// Output rows and columns per convolution tile (Tr, Tc).
  public var tileRows: Int
  public var tileColumns: Int
  /// Output rows and columns per depth-wise tile.
  public var depthwiseTileRows: Int
  public var depthwiseTileColumns: Int
  /// The largest (dilated) kernel extent and stride the input buffers are sized for; a layer beyond
  /// them cannot run on the design.
  public var maxKernel: Int
  public var maxStride: Int

  public init(tm: Int, tn: Int, tmDepthwise: Int, tileRows: Int = 32, tileColumns: Int = 32,
              depthwiseTileRows: Int = 8, depthwiseTileColumns: Int = 8, maxKernel: Int = 7, maxStride: Int = 2) {
    self.tm = tm
    self.tn = tn
    self.tmDepthwise = tmDepthwise
    self.tileRows = tileRows
    self.tileColumns = tileColumns
    self.depthwiseTileRows = depthwiseTileRows
    self.depthwiseTileColumns = depthwiseTileColumns
    self.maxKernel = maxKernel
    self.maxStride = maxStride
  }
}

/// AXI ports allocated to each tensor (Table 3.3's Ip, Op, Wp).
public struct FPGAPorts: Hashable, Sendable, Codable {
  public var input: Int
  public var output: Int
  public var weight: Int

  public init(input: Int, output: Int, weight: Int) {
    self.input = input
    self.output = output
    self.weight = weight
  }
}

/// Energy per operation and per access, in picojoules.
///
/// Energy of a layer = MACs · `macPicojoules` + on-chip buffer word accesses · `onChipWordPicojoules`
/// + off-chip bytes · `offChipBytePicojoules` + `staticWatts` · latency.
public struct FPGAEnergyTable: Hashable, Sendable, Codable {
  public var macPicojoules: Double
  public var onChipWordPicojoules: Double
  public var offChipBytePicojoules: Double
  /// Static (leakage and clock-tree) power, in watts, charged for the layer's latency.
  public var staticWatts: Double

  public init(macPicojoules: Double, onChipWordPicojoules: Double, offChipBytePicojoules: Double,
              staticWatts: Double = 0) {
    self.macPicojoules = macPicojoules
    self.onChipWordPicojoules = onChipWordPicojoules
    self.offChipBytePicojoules = offChipBytePicojoules
    self.staticWatts = staticWatts
  }

  /// Horowitz, "Computing's energy problem" (ISSCC 2014), 45 nm, scaled to 16-bit operands:
  /// a 16-bit multiply-add ≈ 0.8 pJ (8-bit multiply 0.2 pJ, multiplier energy ∝ width²) + 0.05 pJ;
  /// an 8 KB SRAM read of 64 bits is 10 pJ, so 2.5 pJ per 16-bit word; DRAM 1.3 nJ per 64-bit access,
  /// 162.5 pJ per byte. These are ASIC figures: an FPGA spends more per operation (routing, clocking), so
  /// treat absolute FPGA energies as lower bounds and compare designs relative to each other. No static
  /// power (the published table has none; set `static_watts` from Xilinx's power estimator if needed).
  public static let horowitz45nm16bit = FPGAEnergyTable(
    macPicojoules: 0.85, onChipWordPicojoules: 2.5, offChipBytePicojoules: 162.5)
}

// MARK: - Resources

/// What a design takes from its board.
public struct FPGAResourceUsage: Hashable, Sendable, Codable {
  /// DSP slices: (Tm·Tn + Tm(d)) · DSP slices per MAC.
  public var dspSlices: Int
  /// RAMB36 blocks for the double-buffered tile buffers of both engines.
  public var bram36Blocks: Int
  /// Distributed RAM bits for buffer banks too shallow for block RAM (weight banks, mostly).
  public var distributedRAMBits: Int
  /// Off-chip bandwidth the ports can draw together, in bytes per second.
  public var portBandwidthBytesPerSecond: Double
}

extension FPGADesign {
  /// Banks of at most this many words are placed in distributed (LUT) RAM: a LUT6 holds a 64 × 1-bit
  /// RAM, and HLS tools map such shallow arrays to LUTs rather than waste a 36 Kb block on them.
  static let distributedRAMMaxDepth = 64
  /// A RAMB36 in simple dual-port mode is 512 words × 72 bits (Xilinx UG573), so one block feeds
  /// ⌊72 / data width⌋ parallel banks of up to 512 words each.
  static let bram36Depth = 512
  static let bram36WidthBits = 72

  /// Resources of the design (both engines, double-buffered tiles).
  ///
  /// Buffers are banked by channel as in Zhang et al.: the convolution input buffer has Tn banks of one
  /// input tile each, ((Tr−1)·max stride + max kernel) × ((Tc−1)·max stride + max kernel) words; the
  /// output buffer Tm banks of Tr·Tc words; the weight buffer Tm·Tn banks of max kernel² words. The
  /// depth-wise engine has Tm(d) banks of each. Every buffer is doubled for ping-pong overlap.
  public var resourceUsage: FPGAResourceUsage {
    let t = tiling
    func inputTileWords(rows: Int, columns: Int) -> Int {
      ((rows - 1) * t.maxStride + t.maxKernel) * ((columns - 1) * t.maxStride + t.maxKernel)
    }
    let buffers: [(banks: Int, depth: Int)] = [
      (t.tn, inputTileWords(rows: t.tileRows, columns: t.tileColumns)),
      (t.tm, t.tileRows * t.tileColumns),
      (t.tm * t.tn, t.maxKernel * t.maxKernel),
      (t.tmDepthwise, inputTileWords(rows: t.depthwiseTileRows, columns: t.depthwiseTileColumns)),
      (t.tmDepthwise, t.depthwiseTileRows * t.depthwiseTileColumns),
      (t.tmDepthwise, t.maxKernel * t.maxKernel),
    ]
    let lanes = max(1, Self.bram36WidthBits / dataWidthBits)
    var blocks = 0
    var lutBits = 0
    for buffer in buffers {
      if buffer.depth <= Self.distributedRAMMaxDepth {
        lutBits += 2 * buffer.banks * buffer.depth * dataWidthBits
      } else {
        blocks += 2 * Self.ceilDiv(buffer.banks, lanes) * Self.ceilDiv(buffer.depth, Self.bram36Depth)
      }
    }
    let portBits = Double((ports.input + ports.output + ports.weight) * portWidthBits)
    return FPGAResourceUsage(
      dspSlices: (t.tm * t.tn + t.tmDepthwise) * dspSlicesPerMAC, bram36Blocks: blocks, distributedRAMBits: lutBits,
      portBandwidthBytesPerSecond: portBits / 8 * clockHertz)
  }

  /// Whether the design fits its board (`HardwareResource(h) ≤ H` for DSPs, block RAM, distributed RAM
  /// and off-chip bandwidth); the reason names the first resource exceeded.
  public var resourceValidity: Validity {
    let use = resourceUsage
    if use.dspSlices > board.dspSlices {
      return .invalid("needs \(use.dspSlices) DSP slices ((Tm·Tn + Tm(d)) · \(dspSlicesPerMAC)), the \(board.name) has \(board.dspSlices)")
    }
    if use.bram36Blocks > board.bram36Blocks {
      return .invalid("needs \(use.bram36Blocks) BRAM36 blocks for double-buffered tiles, the \(board.name) has \(board.bram36Blocks); use smaller tiles")
    }
    if use.distributedRAMBits > board.distributedRAMBits {
      return .invalid("needs \(use.distributedRAMBits) bits of distributed RAM, the \(board.name) has \(board.distributedRAMBits)")
    }
    if use.portBandwidthBytesPerSecond > board.memoryBandwidthBytesPerSecond * (1 + 1e-12) {
      let need = use.portBandwidthBytesPerSecond / 1e9, have = board.memoryBandwidthBytesPerSecond / 1e9
      return .invalid("its ports draw \(need) GB/s, more than the \(board.name)'s \(have) GB/s of memory bandwidth")
    }
    return .valid
  }

  /// ⌈a / b⌉ for positive b.
  static func ceilDiv(_ a: Int, _ b: Int) -> Int { (a + b - 1) / b }
}
