import Foundation
import Hardware
import SpecFiles
import Testing
import TestSupport
import Workload

/// A small design whose tiles are easy to work by hand: Tm 16 × Tn 12, Tm(d) 8, 4 × 4 tiles, one element
/// per port per cycle, 2 input ports, 2 output ports, 4 weight ports, 100 MHz.
private let small = FPGADesign(
  name: "small", clockHertz: 100e6,
  tiling: FPGATiling(tm: 16, tn: 12, tmDepthwise: 8, tileRows: 4, tileColumns: 4, depthwiseTileRows: 4,
                     depthwiseTileColumns: 4, maxKernel: 3, maxStride: 2),
  ports: FPGAPorts(input: 2, output: 2, weight: 4), energy: nil)

private func metrics(_ cost: LayerCost) -> FPGALayerMetrics? {
  cost.detail as? FPGALayerMetrics
}

@Suite("FPGA tiled model: hand-worked tiles")
struct FPGATileTests {
  /// K 32, C 24, 3×3, 8×8 input, padding 1: tiles divide evenly (2 × 2 × 2 × 2 = 16 tiles).
  /// Per tile: compute 4·4·9 = 144, input ⌈12·6·6 / 2⌉ = 216, weight ⌈16·12·9 / 4⌉ = 432 cycles;
  /// an output tile accumulates two input tiles, 2 · max(144, 216, 432) = 864, and stores ⌈16·16 / 2⌉ = 128,
  /// so it takes max(864, 128) = 864. Eight output tiles: 6,912; fill max(216, 432) = 432, drain 128.
  @Test func evenTiles() throws {
    let layer = Layer.convolution(in: 24, out: 32, kernel: 3, input: 8)
    let cost = small.cost(of: layer)
    let m = try #require(metrics(cost))
    #expect(cost.validity == .valid)
    #expect(cost.runtimeCycles == 7_472)
    #expect(abs(cost.latencySeconds - 7_472e-8) < 1e-15)
    #expect(cost.macs == 442_368)
    #expect(m.engine == .convolution)
    #expect(m.tiles == 16)
    #expect(m.computeCycles == 16 * 144)
    #expect(m.inputTransferCycles == 16 * 216)
    #expect(m.weightTransferCycles == 16 * 432)
    #expect(m.outputTransferCycles == 8 * 128)
    #expect(m.inputElementsLoaded == 16 * 432)
    #expect(m.weightElementsLoaded == 16 * 1_728)
    #expect(m.outputElementsStored == 8 * 256)
    #expect(m.bound == .weightTransfer)
    #expect(abs(m.macUtilization - 442_368 / (7_472.0 * 192)) < 1e-12)
  }

  /// K 20, C 16, 1×1, 6×6 input: every dimension has a remainder (m 16 + 4, n 12 + 4, rows and columns
  /// 4 + 2). Output tiles of area a = r·c ∈ {16, 8, 8, 4}:
  /// m 16: n 12 costs max(a, 6a, 48), n 4 costs max(a, 2a, 16); the store 8a; tiles 128, 64, 64, 64 → 320.
  /// m 4:  n 12 costs max(a, 6a, 12), n 4 costs max(a, 2a, 4); the store 2a; tiles 128, 64, 64, 32 → 288.
  /// Fill: the first tile's max(96, 48) = 96; drain: the last store, ⌈4·4 / 2⌉ = 8. Total 608 + 104 = 712.
  @Test func unevenTiles() throws {
    let layer = Layer.convolution(in: 16, out: 20, kernel: 1, input: 6)
    let cost = small.cost(of: layer)
    let m = try #require(metrics(cost))
    #expect(cost.runtimeCycles == 712)
    #expect(cost.macs == 11_520)
    #expect(m.tiles == 16)
    // Compute ignores how many lanes a tile fills: Σ areas 36 × 2 output-channel tiles × 2 input-channel tiles.
    #expect(m.computeCycles == 144)
    #expect(m.bound == .inputTransfer)
  }

  /// Depth-wise 3×3 stride 2 over 20 channels of 9×9 (padding 1) → 5×5 outputs, on Tm(d) = 8:
  /// channel tiles 8, 8, 4; output tiles 4×4, 4×1, 1×4, 1×1 with input windows 9×9, 9×3, 3×9, 3×3.
  /// 8 channels: max(compute, input, weight 18, output) = 324, 108, 108, 36 → 576, twice: 1,152.
  /// 4 channels: 162, 54, 54, 18 → 288. Fill max(324, 18) = 324; drain ⌈4·1 / 2⌉ = 2. Total 1,766.
  @Test func depthwiseTiles() throws {
    let layer = Layer.depthwise(channels: 20, kernel: 3, stride: 2, input: 9)
    #expect(layer.outputY == 5)
    let cost = small.cost(of: layer)
    let m = try #require(metrics(cost))
    #expect(cost.runtimeCycles == 1_766)
    #expect(cost.macs == 4_500)
    #expect(m.engine == .depthwise)
    #expect(m.tiles == 12)
    #expect(m.bound == .inputTransfer)
  }

  /// With wide ports the same even layer is compute-bound: per tile max(144, 27, 54) = 144.
  @Test func computeBoundWhenPortsAreWide() {
    var wide = small
    wide.ports = FPGAPorts(input: 16, output: 16, weight: 32)
    let cost = wide.cost(of: .convolution(in: 24, out: 32, kernel: 3, input: 8))
    // 8 output tiles × 2 × 144 + fill max(27, 54) + drain 16.
    #expect(cost.runtimeCycles == Int64(8 * 288 + 54 + 16))
    #expect(metrics(cost)?.bound == .compute)
  }

  /// Batch elements and groups repeat the steady state; fill and drain happen once.
  @Test func batchAndGroupsRepeatTheSteadyState() {
    var batch = Layer.convolution(in: 24, out: 32, kernel: 3, input: 8)
    batch.n = 3
    #expect(small.cost(of: batch).runtimeCycles == Int64(3 * 6_912 + 560))
    let grouped = Layer(kind: .groupedConvolution, g: 2, k: 32, c: 24, r: 3, s: 3, y: 8, x: 8, padY: 1, padX: 1)
    #expect(small.cost(of: grouped).runtimeCycles == Int64(2 * 6_912 + 560))
    #expect(small.cost(of: grouped).macs == 2 * 442_368)
  }

  /// Energy = MACs · e_mac + on-chip words · e_word + off-chip bytes · e_byte + static power · latency.
  @Test func energyFollowsTheTable() throws {
    let layer = Layer.convolution(in: 24, out: 32, kernel: 3, input: 8)
    var design = small
    design.energy = FPGAEnergyTable(macPicojoules: 1, onChipWordPicojoules: 0, offChipBytePicojoules: 0)
    #expect(design.cost(of: layer).energyPicojoules == 442_368)
    design.energy = FPGAEnergyTable(macPicojoules: 0, onChipWordPicojoules: 0, offChipBytePicojoules: 1)
    // (6,912 + 27,648 + 2,048) elements × 2 bytes.
    #expect(design.cost(of: layer).energyPicojoules == 73_216)
    design.energy = FPGAEnergyTable(macPicojoules: 0, onChipWordPicojoules: 0, offChipBytePicojoules: 0, staticWatts: 2)
    let cost = design.cost(of: layer)
    #expect(abs(try #require(cost.energyPicojoules) - 2 * cost.latencySeconds * 1e12) < 1e-3)
    design.energy = FPGAEnergyTable(macPicojoules: 0, onChipWordPicojoules: 1, offChipBytePicojoules: 0)
    // Every MAC reads a weight, 1/16 of an input word and 2/12 of a partial sum; plus the 36,608 words moved.
    let expected = 442_368.0 * (1 + 1.0 / 16 + 2.0 / 12) + 36_608
    #expect(abs(try #require(design.cost(of: layer).energyPicojoules) - expected) < 1e-6)
  }
}

@Suite("FPGA model: layer kinds and limits")
struct FPGALayerKindTests {
  @Test func poolingFollowsTheNonMACRule() {
    let pool = Layer(kind: .pooling(.average), k: 16, c: 16, r: 3, s: 3, y: 8, x: 8, padY: 1, padX: 1)
    var design = small
    design.nonMACRule = .free
    #expect(design.cost(of: pool) == .free)
    design.nonMACRule = .depthwise
    #expect(metrics(design.cost(of: pool))?.engine == .depthwise)
    #expect(design.cost(of: pool).runtimeCycles == design.cost(of: .depthwise(channels: 16, kernel: 3, input: 8)).runtimeCycles)
    design.nonMACRule = .convolution
    #expect(metrics(design.cost(of: pool))?.engine == .convolution)
    #expect(design.cost(of: pool).runtimeCycles == design.cost(of: .convolution(in: 16, out: 16, kernel: 3, input: 8)).runtimeCycles)
    #expect(design.cost(of: Layer(kind: .batchNorm, k: 16, c: 16, y: 8, x: 8)) == .free)
    // hw-nas-bench: pools as under convolution, adds free (depth-wise engine under the other two rules).
    let add = Layer(kind: .elementwise(.add), k: 16, c: 16, y: 8, x: 8, operands: 2)
    #expect(metrics(design.cost(of: add))?.engine == .depthwise)
    design.nonMACRule = .hwNASBench
    #expect(design.cost(of: pool).runtimeCycles == design.cost(of: .convolution(in: 16, out: 16, kernel: 3, input: 8)).runtimeCycles)
    #expect(design.cost(of: add) == .free)
  }

  @Test func gemmRunsAsAPointwiseConvolution() {
    let fc = Layer.fullyConnected(in: 64, out: 10)
    let cost = small.cost(of: fc)
    #expect(cost.macs == 640)
    // One output tile of 10 × 1 × 1, input tiles of 12 channels (6 of them: 5 × 12 + 4).
    // Per n-tile: max(1, ⌈n/2⌉, ⌈10·n/4⌉) = 30 (n 12) or 10 (n 4); total 5·30 + 10 = 160; store ⌈10/2⌉ = 5.
    #expect(cost.runtimeCycles == Int64(160 + 30 + 5))
  }

  /// A 5×5 kernel on buffers sized for 3×3 runs as four passes (3×3, 3×2, 2×3, 2×2 taps) over the same
  /// 16×16 outputs, each reading only the input its taps touch.
  @Test func largeKernelsRunAsSeveralPasses() {
    let layer = Layer.convolution(in: 3, out: 8, kernel: 5, input: 16)  // padding 2, 16×16 outputs
    let cost = small.cost(of: layer)
    #expect(cost.validity == .valid)
    #expect(cost.macs == layer.macs)
    let passes = [(3, 3), (3, 2), (2, 3), (2, 2)].map { r, s in
      small.cost(of: Layer(kind: .convolution, k: 8, c: 3, r: r, s: s, y: 15 + r, x: 15 + s)).runtimeCycles!
    }
    #expect(cost.runtimeCycles == passes.reduce(0, +))
    // A global 8×8 average pool on a design sized for 7×7 (NB201's classifier) is priced, not rejected.
    let design = try! FPGADesign.load(path: TestPaths.project("accelerators/fpga/zcu102-d1.yaml"))
    #expect(design.cost(of: Layer(kind: .pooling(.average), k: 64, c: 64, r: 8, s: 8, y: 8, x: 8)).validity == .valid)
  }

  @Test func stridesBeyondTheBuffersAreInvalid() {
    let strided = small.cost(of: .convolution(in: 3, out: 8, kernel: 3, stride: 3, input: 16))
    #expect(strided.validity == .invalid("stride 3 exceeds the design's max_stride 2"))
  }

  /// Property: over random layers, runtime is at least every component's share and at most their sum.
  @Test func runtimeIsBoundedByItsComponents() throws {
    var generator = TestRandom(seed: 7)
    let design = try FPGADesign.load(path: TestPaths.project("accelerators/fpga/zcu102-d1.yaml"))
    for _ in 0..<300 {
      let c = Int.random(in: 1...300, using: &generator), k = Int.random(in: 1...300, using: &generator)
      let kernel = [1, 3, 5, 7].randomElement(using: &generator)!
      let size = Int.random(in: kernel...64, using: &generator), stride = Int.random(in: 1...2, using: &generator)
      let layer = Bool.random(using: &generator)
        ? Layer.convolution(in: c, out: k, kernel: kernel, stride: stride, input: size)
        : Layer.depthwise(channels: c, kernel: kernel, stride: stride, input: size)
      let cost = design.cost(of: layer)
      let m = try #require(metrics(cost), "\(layer)")
      let cycles = try #require(cost.runtimeCycles)
      let parts = [m.computeCycles, m.inputTransferCycles, m.weightTransferCycles, m.outputTransferCycles]
      #expect(cycles >= parts.max()!, "\(layer)")
      #expect(cycles <= parts.reduce(0, +) + parts.max()!, "\(layer)")
      #expect(m.macUtilization > 0 && m.macUtilization <= 1, "\(layer)")
    }
  }
}

@Suite("FPGA resources")
struct FPGAResourceTests {
  /// Design 1 (Tm 160, Tn 12, Tm(d) 576; tiles 32 and 8; kernels to 7 at stride 2; 16-bit, 4 lanes per
  /// 72-bit BRAM36): conv input 3 × ⌈69² / 512⌉ = 30, output 40 × 2 = 80, depth-wise input 144 × 1 = 144
  /// blocks, each doubled: 508 BRAM36. Weight banks (49 words) and depth-wise outputs (64 words) go to LUT
  /// RAM: 2 · 16 · (1,920·49 + 576·64 + 576·49) = 5,093,376 bits. DSPs 160·12 + 576 = 2,496.
  @Test func tableDesignOneByHand() throws {
    let design = try FPGADesign.load(path: TestPaths.project("accelerators/fpga/zcu102-d1.yaml"))
    let use = design.resourceUsage
    #expect(use.dspSlices == 2_496)
    #expect(use.bram36Blocks == 508)
    #expect(use.distributedRAMBits == 5_093_376)
    #expect(use.portBandwidthBytesPerSecond == 32 * 2 * 200e6)
    #expect(design.resourceValidity == .valid)
  }

  /// Every Table 3.3 design fits the ZCU102 (their DSPs, Tm·Tn + Tm(d), sum to 2,392…2,504 of 2,520).
  @Test(arguments: 1...9) func shippedDesignsFit(index: Int) throws {
    let design = try FPGADesign.load(path: TestPaths.project("accelerators/fpga/zcu102-d\(index).yaml"))
    #expect(design.resourceValidity == .valid)
    #expect(design.resourceUsage.dspSlices <= 2_520 && design.resourceUsage.dspSlices >= 2_392)
    #expect(design.name == "zcu102-d\(index)")
  }

  @Test func overBudgetDesignsPriceEveryLayerAsInvalid() {
    var design = small
    design.tiling.tm = 200
    design.tiling.tn = 12
    design.tiling.tmDepthwise = 576  // 2,976 DSP slices
    #expect(design.resourceValidity == .invalid("needs 2976 DSP slices ((Tm·Tn + Tm(d)) · 1), the zcu102 has 2520"))
    #expect(!design.cost(of: .convolution(in: 8, out: 8, kernel: 3, input: 8)).validity.isValid)

    var blocks = small
    blocks.tiling.tileRows = 128
    blocks.tiling.tileColumns = 128
    blocks.tiling.tm = 160
    #expect(blocks.resourceValidity.reason?.contains("BRAM36") == true)

    var ports = small
    ports.ports = FPGAPorts(input: 30, output: 30, weight: 30)  // 90 × 2 bytes × 100 MHz = 18 GB/s: fits
    #expect(ports.resourceValidity == .valid)
    ports.clockHertz = 200e6  // 36 GB/s > 19.2 GB/s
    #expect(ports.resourceValidity.reason?.contains("memory bandwidth") == true)
  }
}

@Suite("FPGA files")
struct FPGAFileTests {
  static let good = """
    schema: duet/v1
    kind: fpga
    name: test
    board: zcu102
    clock_mhz: 200
    tiling: {tm: 64, tn: 8, tm_depthwise: 64}
    ports: {input: 4, output: 4, weight: 4}

    """

  func load(_ text: String) throws(SpecError) -> FPGADesign {
    try FPGADesign.load(path: writeTemporaryFile(text, name: "fpga.yaml"))
  }

  func message(_ text: String) -> String {
    do {
      _ = try load(text)
      return "no error"
    } catch {
      return error.description.replacingOccurrences(of: #"^.*/fpga\.yaml"#, with: "fpga.yaml", options: .regularExpression)
    }
  }

  @Test func defaultsFillTheOptionalKeys() throws {
    let design = try load(Self.good)
    #expect(design.tiling == FPGATiling(tm: 64, tn: 8, tmDepthwise: 64))
    #expect(design.dataWidthBits == 16 && design.portWidthBits == 16 && design.dspSlicesPerMAC == 1)
    #expect(design.nonMACRule == .depthwise)
    #expect(design.energy == nil)
    #expect(design.clockHertz == 200e6)
  }

  @Test func zeroPortsAreRejected() {
    let text = Self.good.replacingOccurrences(of: "input: 4,", with: "input: 0,")
    #expect(message(text) == "fpga.yaml:7:16: ports.input: expected a positive integer, got 0")
  }

  @Test func negativeClockIsRejected() {
    let text = Self.good.replacingOccurrences(of: "clock_mhz: 200", with: "clock_mhz: -200")
    #expect(message(text) == "fpga.yaml:5:12: clock_mhz: expected a positive number, got -200")
  }

  @Test func tilesLargerThanTheBoardAreRejected() {
    let dsp = Self.good.replacingOccurrences(of: "tm: 64, tn: 8", with: "tm: 256, tn: 12")
    #expect(message(dsp) == "fpga.yaml:6:9: tiling: the design does not fit the zcu102: needs 3136 DSP slices ((Tm·Tn + Tm(d)) · 1), the zcu102 has 2520")
    let bram = Self.good.replacingOccurrences(of: "tm_depthwise: 64}", with: "tm_depthwise: 64, tile_rows: 200, tile_columns: 200}")
    #expect(message(bram).hasPrefix("fpga.yaml:6:9: tiling: the design does not fit the zcu102: needs "))
    #expect(message(bram).contains("BRAM36"))
    let bandwidth = Self.good.replacingOccurrences(of: "weight: 4}", with: "weight: 60}")
    #expect(message(bandwidth).hasPrefix("fpga.yaml:7:8: ports: the design does not fit the zcu102: its ports draw"))
  }

  @Test func misspeltKeysAndBoardsGetHints() {
    let key = Self.good.replacingOccurrences(of: "clock_mhz", with: "clock_mz")
    #expect(message(key) == "fpga.yaml:5:1: clock_mz: unknown key (did you mean \"clock_mhz\"?)")
    let board = Self.good.replacingOccurrences(of: "board: zcu102", with: "board: zcu104")
    #expect(message(board).hasPrefix("fpga.yaml:4:8: board: unknown board \"zcu104\"; known boards: zcu102"))
    let rule = Self.good + "non_mac_layers: depthwse\n"
    #expect(message(rule).contains("(did you mean \"depthwise\"?)"))
  }

  @Test func customBoardsAndEnergy() throws {
    let text = Self.good.replacingOccurrences(
      of: "board: zcu102",
      with: "board: {name: tiny, dsp_slices: 700, bram36_blocks: 200, distributed_ram_kbits: 2000, memory_bandwidth_gbps: 8}")
      + "energy: {mac_pj: 1, onchip_word_pj: 2, offchip_byte_pj: 3, static_watts: 0.5}\n"
    let design = try load(text)
    #expect(design.board == FPGABoard(name: "tiny", dspSlices: 700, bram36Blocks: 200, distributedRAMBits: 2_048_000,
                                      memoryBandwidthBytesPerSecond: 8e9))
    #expect(design.energy == FPGAEnergyTable(macPicojoules: 1, onChipWordPicojoules: 2, offChipBytePicojoules: 3, staticWatts: 0.5))
    let tooSmall = text.replacingOccurrences(of: "dsp_slices: 700", with: "dsp_slices: 500")
    #expect(message(tooSmall).contains("needs 576 DSP slices"))
  }
}
