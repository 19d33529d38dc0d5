/// The resource budget of an FPGA board: what a design's `HardwareResource(h) ≤ H` check compares against.
public struct FPGABoard: Hashable, Sendable, Codable {
  /// A short name (`zcu102`).
  public var name: String
  /// DSP slices (one 16-bit fixed-point multiply-accumulate each on DSP48E2).
  public var dspSlices: Int
  /// 36 Kb block RAMs (a RAMB36 splits into two 18 Kb halves; Duet counts whole RAMB36 blocks).
  public var bram36Blocks: Int
  /// Distributed (LUT) RAM capacity, in bits.
  public var distributedRAMBits: Int
  /// Off-chip memory bandwidth the accelerator's AXI ports share, in bytes per second.
  public var memoryBandwidthBytesPerSecond: Double

  public init(name: String, dspSlices: Int, bram36Blocks: Int, distributedRAMBits: Int,
              memoryBandwidthBytesPerSecond: Double) {
    self.name = name
    self.dspSlices = dspSlices
    self.bram36Blocks = bram36Blocks
    self.distributedRAMBits = distributedRAMBits
    self.memoryBandwidthBytesPerSecond = memoryBandwidthBytesPerSecond
  }

  /// Xilinx ZCU102 (Zynq UltraScale+ XCZU9EG), the board of seed 002's Table 3.3.
  ///
  /// XCZU9EG from Xilinx DS891 (Zynq UltraScale+ MPSoC overview, device table): 2,520 DSP48E2 slices, 912
  /// RAMB36 blocks (32.1 Mb), 8.8 Mb of distributed RAM, no UltraRAM. Memory: the board's processing-system
  /// DDR4 (64-bit) at 2,400 MT/s (UG1182, ZCU102 user guide; DS925 gives 2,400 Mb/s for DDR4 on -2 parts),
  /// 19.2 GB/s peak, shared by every AXI port of the accelerator.
  public static let zcu102 = FPGABoard(
    name: "zcu102", dspSlices: 2_520, bram36Blocks: 912, distributedRAMBits: 9_227_469,  // 8.8 Mb (binary mega)
    memoryBandwidthBytesPerSecond: 19.2e9)

  /// Boards known by name in `kind: fpga` files (`board: zcu102`).
  public static let known: [String: FPGABoard] = ["zcu102": .zcu102]
}
