import SeededRandom
import Testing
import Workload
@testable import Hardware

/// maestro-model.md §9: three layers worked by hand, each equal to its reference row.
@Suite("MAESTRO worked examples (maestro-model.md §9)")
struct MaestroWorkedExampleTests {
  static func metrics(_ layer: Layer, _ preset: DataflowPreset, pes: Int, offchip: Int) throws -> MaestroLayerMetrics {
    let accelerator = Accelerator(hardware: MaestroHardware(pes: pes, nocBandwidth: 300, offchipBandwidth: offchip),
                                  dataflow: preset)
    guard let m = accelerator.cost(of: layer).detail as? MaestroLayerMetrics else {
      Issue.record("invalid: \(accelerator.cost(of: layer).validity)")
      throw CancellationError()
    }
    return m
  }

  /// A. vgg16 CONV2 on KC-P, 256 PEs, NoC 300, off-chip 50 (and 350).
  @Test func vgg16Conv2OnKCP() throws {
    let layer = Layer(kind: .convolution, k: 64, c: 64, r: 3, s: 3, y: 224, x: 224)
    let m = try Self.metrics(layer, .kcP, pes: 256, offchip: 50)
    #expect(m.runtimeCycles == 44_947_008)  // 788,544 steps × the off-chip floor of 57
    #expect(m.macs == 1_816_805_376)
    #expect(m.inputAccesses.l2Reads == 152_755_776)
    #expect(m.filterAccesses.l2Reads == 36_864)
    #expect(m.outputAccesses.l2Writes == 3_154_176)
    #expect(m.outputAccesses.l2Reads == 3_154_176)
    #expect(m.inputAccesses.l2Writes == 3_211_264)
    #expect(m.filterAccesses.l2Writes == 36_864)
    #expect(m.l2Requirement == .init(input: 1152, filter: 4608, output: 8))
    #expect(m.l1Requirement == .init(input: 18, filter: 18, output: 18))
    #expect(abs(m.energyMACUnits - 17_303_746_261.12) <= 1e-9 * 17_303_746_261.12)
    // With off-chip 350 the floor is 8: 21 (all-Init: 9 ingress + 12) + 788,543 × 12.
    #expect(try Self.metrics(layer, .kcP, pes: 256, offchip: 350).runtimeCycles == 9_462_537)
  }

  /// B. vgg16 CONV13 on X-P, 16 PEs: a spatial init-edge with an edge-edge PE.
  @Test func vgg16Conv13OnXP() throws {
    let layer = Layer(kind: .convolution, k: 512, c: 512, r: 3, s: 3, y: 14, x: 14)
    let m = try Self.metrics(layer, .xP, pes: 16, offchip: 50)
    #expect(m.runtimeCycles == 28_311_552)
    #expect(m.macs == 339_738_624)
    #expect(m.inputAccesses.l2Reads == 47_690_348)
    #expect(m.filterAccesses.l2Reads == 2_359_296)
    #expect(m.outputAccesses.l2Writes == 37_748_736)
    #expect(m.outputAccesses.l2Reads == 73_728)
    #expect(m.inputAccesses.l2Writes == 100_352)
    #expect(m.filterAccesses.l2Writes == 2_359_296)
    #expect(m.l2Requirement == .init(input: 216, filter: 18, output: 24))
    #expect(m.l1Requirement == .init(input: 18, filter: 18, output: 18))
    #expect(abs(m.energyMACUnits - 4_387_939_558.36) <= 1e-9 * 4_387_939_558.36)
  }

  /// C. MobileNetV2 Bottleneck1_1_2: depth-wise, priced with dpt whatever the preset, 64 PEs.
  @Test func mobileNetV2DepthwiseWithDPT() throws {
    let layer = Layer.depthwise(channels: 32, kernel: 3, padding: 0, input: 112)
    for preset in [DataflowPreset.kcP, .yrP, .xP] {
      let m = try Self.metrics(layer, preset, pes: 64, offchip: 50)
      #expect(m.runtimeCycles == 133_100)
      #expect(m.macs == 3_484_800)
      #expect(m.inputAccesses.l2Reads == 1_182_720)
      #expect(m.filterAccesses.l2Reads == 288)
      #expect(m.outputAccesses.l2Writes == 375_100)  // 31 per step: the edge-edge PE's unique_edge is 0
      #expect(m.outputAccesses.l2Reads == 387_200)
      #expect(m.inputAccesses.l2Writes == 401_408)
      #expect(m.l2Requirement == .init(input: 576, filter: 576, output: 62))
      #expect(m.l1Requirement == .init(input: 18, filter: 18, output: 18))
      #expect(abs(m.energyMACUnits - 72_567_853.88) <= 1e-9 * 72_567_853.88)
    }
    #expect(try Self.metrics(layer, .xP, pes: 64, offchip: 350).runtimeCycles == 108_901)
  }
}

@Suite("MAESTRO engine: hostile input, invariants, conventions")
struct MaestroEngineTests {
  static let conv = Layer(kind: .convolution, k: 64, c: 32, r: 3, s: 3, y: 30, x: 30)

  @Test func kcpBelowItsClusterIsInvalidWithAReason() {
    let cost = Accelerator(hardware: MaestroHardware(pes: 32, nocBandwidth: 300, offchipBandwidth: 50), dataflow: .kcP)
      .cost(of: Self.conv)
    #expect(cost.validity == .invalid("kc-p's Cluster(64) needs at least 64 PEs; this accelerator has 32"))
  }

  /// Nested clusters multiply (MAESTRO: a level opened by Cluster(n) has n sub-units; the top level gets
  /// ⌊PEs / Π n⌋), so Cluster(16) inside Cluster(32) needs 512 PEs.
  @Test func nestedClustersLargerThanTheArrayAreInvalid() {
    let dataflow = Dataflow(name: "nested", items: [
      .directive(.spatial(.literal(1), .literal(1), .input(.k))), .cluster(.literal(32)),
      .directive(.spatial(.literal(1), .literal(1), .input(.c))), .cluster(.literal(16)),
      .directive(.spatial(.literal(1), .literal(1), .input(.x))),
    ])
    let layer = try! MaestroLayer.convert(Self.conv).get()
    let result = MaestroEngine.analyze(layer, dataflow: dataflow,
                                       hardware: MaestroHardware(pes: 256, nocBandwidth: 64, offchipBandwidth: 64))
    guard case .failure(let why) = result else { Issue.record("expected invalid"); return }
    #expect(why.reason == "nested's Cluster(32) × Cluster(16) needs at least 512 PEs; this accelerator has 256")
    guard case .success = MaestroEngine.analyze(layer, dataflow: dataflow,
                                                hardware: MaestroHardware(pes: 1024, nocBandwidth: 64, offchipBandwidth: 64))
    else { Issue.record("expected valid at 1024 PEs"); return }
  }

  @Test func nonPositiveHardwareIsInvalidNotACrash() {
    for hw in [MaestroHardware(pes: 0, nocBandwidth: 1, offchipBandwidth: 1),
               MaestroHardware(pes: -4, nocBandwidth: 1, offchipBandwidth: 1),
               MaestroHardware(pes: 64, nocBandwidth: 0, offchipBandwidth: 1),
               MaestroHardware(pes: 64, nocBandwidth: 10, offchipBandwidth: -1),
               MaestroHardware(pes: 64, simdLanes: 0, nocBandwidth: 10, offchipBandwidth: 1)] {
      let cost = Accelerator(hardware: hw, dataflow: .xP).cost(of: Self.conv)
      #expect(!cost.validity.isValid)
    }
  }

  @Test func aTrillionPEArrayIsPriced() {
    for preset in [DataflowPreset.kcP, .yrP, .xP] {
      let cost = Accelerator(hardware: MaestroHardware(pes: 1_000_000_000_000, nocBandwidth: 1_000_000,
                                                       offchipBandwidth: 1_000_000), dataflow: preset).cost(of: Self.conv)
      #expect(cost.validity.isValid, "\(preset.name): \(cost.validity)")
      #expect((cost.runtimeCycles ?? 0) > 0)
    }
  }

  @Test func countsBeyond64BitsAreInvalid() {
    let huge = Layer(kind: .convolution, k: 1 << 21, c: 1 << 21, r: 1, s: 1, y: 1 << 21, x: 1 << 21)
    for width in CaseCountWidth.allCases {
      let cost = Accelerator(hardware: MaestroHardware(pes: 256, nocBandwidth: 300, offchipBandwidth: 50,
                                                       caseCounts: width), dataflow: .xP).cost(of: huge)
      #expect(!cost.validity.isValid)
      #expect(cost.validity.reason?.contains(width == .int32 ? "32-bit" : "64-bit") == true, "\(cost.validity)")
    }
  }

  /// gnmt's GEMM2 under xp_ws crashes MAESTRO (3071·4095·319 cases overflow its int); int64 prices it.
  @Test func caseCountsBeyond32BitsAreAnOption() {
    let gemm = Layer(kind: .gemm, k: 3072, c: 4096, y: 320, x: 1)
    let hw = MaestroHardware(pes: 256, nocBandwidth: 300, offchipBandwidth: 50)
    #expect(Accelerator(hardware: hw, dataflow: .xP).cost(of: gemm).validity.reason?.contains("32-bit") == true)
    var wide = hw
    wide.caseCounts = .int64
    let cost = Accelerator(hardware: wide, dataflow: .xP).cost(of: gemm)
    #expect(cost.validity.isValid)
    #expect(cost.macs == gemm.macs)
  }

  @Test func temporalMapThatTilesTheKernelIsInvalid() {
    let dataflow = Dataflow(name: "bad", items: [
      .directive(.spatial(.literal(1), .literal(1), .input(.k))),
      .directive(.temporal(.literal(1), .literal(1), .input(.r))),
    ])
    let result = MaestroEngine.analyze(try! MaestroLayer.convert(Self.conv).get(), dataflow: dataflow,
                                       hardware: MaestroHardware(pes: 16, nocBandwidth: 64, offchipBandwidth: 64))
    guard case .failure(let why) = result else { Issue.record("expected invalid"); return }
    #expect(why.reason.contains("TemporalMap(Sz(R),Sz(R))"))
  }

  /// Layer conventions: padding, dilation, GEMM, grouped and transposed layers map onto MAESTRO's.
  @Test func layerConventions() throws {
    let padded = Layer.convolution(in: 16, out: 32, kernel: 3, stride: 2, input: 33)
    let m = try MaestroLayer.convert(padded).get()
    #expect(m.y == 35 && m.outputRows == padded.outputY)
    let dilated = Layer.convolution(in: 16, out: 16, kernel: 3, dilation: 2, input: 32)
    let d = try MaestroLayer.convert(dilated).get()
    #expect(d.r == 3 && d.outputRows == dilated.outputY && d.outputColumns == dilated.outputX)
    let dw = try MaestroLayer.convert(Layer.depthwise(channels: 48, kernel: 5, input: 20)).get()
    #expect(dw.type == .depthwise && dw.k == 1 && dw.c == 48)
    let fc = try MaestroLayer.convert(Layer.fullyConnected(in: 512, out: 10, rows: 4)).get()
    #expect(fc.type == .conv && fc.r == 1 && fc.y == 4 && fc.x == 1 && fc.k == 10 && fc.c == 512)
    let grouped = Layer(kind: .groupedConvolution, g: 32, k: 4, c: 4, r: 3, s: 3, y: 58, x: 58)
    #expect(try MaestroLayer.convert(grouped).get().type == .grouped)
    let transposed = Layer(kind: .transposedConvolution, k: 8, c: 16, r: 4, s: 4, y: 7, x: 7, strideY: 2, strideX: 2,
                           padY: 1, padX: 1)
    let t = try MaestroLayer.convert(transposed).get()
    #expect(t.outputRows == transposed.transposedOutputY && t.strideY == 1)
    // Every convention keeps the layer's MACs for a dataflow without edge quirks (x-p, stride 1, wide X).
    let accelerator = Accelerator(hardware: MaestroHardware(pes: 8, nocBandwidth: 64, offchipBandwidth: 64), dataflow: .xP)
    #expect(accelerator.cost(of: Layer.convolution(in: 8, out: 8, kernel: 3, input: 16)).macs
      == Layer.convolution(in: 8, out: 8, kernel: 3, input: 16).macs)
    #expect(accelerator.cost(of: dilated).macs == dilated.macs)
  }

  /// `padding: unpadded` prices a padded layer on its unpadded input, as MAESTRO's frontend (and the
  /// semi-decoupled paper's model files) write it.
  @Test func paddingConventions() throws {
    let same = Layer.convolution(in: 16, out: 32, kernel: 3, input: 16)
    #expect(try MaestroLayer.convert(same).get().y == 18)
    let unpadded = try MaestroLayer.convert(same, padding: .unpadded).get()
    #expect(unpadded.y == 16 && unpadded.outputRows == 14)
    let hw = MaestroHardware(pes: 64, nocBandwidth: 300, offchipBandwidth: 50)
    var accelerator = Accelerator(hardware: hw, dataflow: .kcP)
    accelerator.padding = .unpadded
    let direct = Accelerator(hardware: hw, dataflow: .kcP).cost(of: Layer(kind: .convolution, k: 32, c: 16, r: 3, s: 3, y: 16, x: 16))
    #expect(accelerator.cost(of: same) == direct)
    #expect(accelerator.cost(of: Layer.convolution(in: 8, out: 8, kernel: 5, input: 3)).validity.reason?.contains("unpadded") == true)
  }

  @Test func nonMACLayersFollowTheRule() {
    let pool = Layer(kind: .pooling(.average), k: 16, c: 16, r: 2, s: 2, y: 16, x: 16, strideY: 2, strideX: 2)
    var accelerator = Accelerator(hardware: MaestroHardware(pes: 64, nocBandwidth: 64, offchipBandwidth: 64), dataflow: .yrP)
    #expect(accelerator.cost(of: pool) == .free)
    accelerator.nonMACLayers = .depthwise
    #expect((accelerator.cost(of: pool).runtimeCycles ?? 0) > 0)
    accelerator.nonMACLayers = .convolution
    #expect(accelerator.cost(of: pool).macs == 16 * 16 * 4 * 64)
    // Adds: one MAC per input element under depthwise and convolution; free under hw-nas-bench and free.
    let add = Layer(kind: .elementwise(.add), k: 16, c: 16, y: 8, x: 8, operands: 3)
    #expect(accelerator.cost(of: add).macs == 3 * 16 * 64)
    accelerator.nonMACLayers = .depthwise
    #expect(accelerator.cost(of: add).macs == 3 * 16 * 64)
    accelerator.nonMACLayers = .hwNASBench
    #expect(accelerator.cost(of: pool).macs == 16 * 16 * 4 * 64)
    #expect(accelerator.cost(of: add) == .free)
    #expect(accelerator.cost(of: Layer(kind: .batchNorm, k: 16, c: 16, y: 8, x: 8)) == .free)
    #expect(NonMACLayerRule(rawValue: "hw-nas-bench") == .hwNASBench)
  }

  @Test func maestroEnergyTableIsMAESTROsTotalTimesTheMACEnergy() throws {
    let layer = Layer.convolution(in: 24, out: 40, kernel: 5, stride: 2, input: 29)
    for preset in [DataflowPreset.kcP, .yrP, .xP] {
      let accelerator = Accelerator(hardware: MaestroHardware(pes: 128, nocBandwidth: 300, offchipBandwidth: 150),
                                    dataflow: preset, energy: .maestro)
      let cost = accelerator.cost(of: layer)
      guard let m = cost.detail as? MaestroLayerMetrics, let pJ = cost.energyPicojoules else { Issue.record("invalid"); continue }
      #expect(abs(pJ - 0.23 * m.energyMACUnits) <= 1e-12 * pJ)
      // The default table adds NoC and DRAM energy.
      var standard = accelerator
      standard.energy = .standard
      #expect(standard.cost(of: layer).energyPicojoules! > pJ)
    }
  }

  /// Property test over seeded random layers (odd sizes, stride 2, C < 64, K not a multiple of 16,
  /// 1/3/5/7 kernels, depth-wise, grouped, GEMM) and hardware: never a trap; a valid point has positive
  /// runtime and MACs; runtime never grows with more NoC or off-chip bandwidth.
  @Test func randomLayersAndHardware() {
    var rng = SplitMix64(seed: 2019)
    for _ in 0..<400 {
      let kernel = [1, 3, 5, 7][Int(rng.next() % 4)]
      let input = kernel + Int(rng.next() % 40)
      let stride = 1 + Int(rng.next() % 2)
      let c = 1 + Int(rng.next() % 70), k = 1 + Int(rng.next() % 70)
      let layer: Layer
      switch rng.next() % 4 {
      case 0: layer = Layer(kind: .convolution, k: k, c: c, r: kernel, s: kernel, y: input, x: input, strideY: stride, strideX: stride)
      case 1: layer = Layer(kind: .depthwiseConvolution, k: c, c: c, r: kernel, s: kernel, y: input, x: input, strideY: stride, strideX: stride)
      case 2: layer = Layer(kind: .groupedConvolution, g: 1 + Int(rng.next() % 8), k: 1 + k % 8, c: 1 + c % 8, r: kernel, s: kernel, y: input, x: input)
      default: layer = Layer(kind: .gemm, k: k, c: c, y: 1 + Int(rng.next() % 300), x: 1)
      }
      let pes = [1, 3, 16, 64, 100, 256, 512][Int(rng.next() % 7)]
      let noc = 1 + Int(rng.next() % 600), off = 1 + Int(rng.next() % 400)
      let hop = Int(rng.next() % 3)
      let preset = [DataflowPreset.kcP, .yrP, .xP, .dpt][Int(rng.next() % 4)]
      let base = MaestroHardware(pes: pes, nocBandwidth: noc, nocHopLatency: hop, offchipBandwidth: off, caseCounts: .int64)
      let cost = Accelerator(hardware: base, dataflow: preset).cost(of: layer)
      guard cost.validity.isValid else {
        #expect(cost.validity.reason?.contains("needs at least") == true, "unexpected invalid point: \(layer) \(preset.name) \(pes): \(cost.validity)")
        continue
      }
      #expect((cost.runtimeCycles ?? 0) > 0 && cost.macs > 0, "\(layer) \(preset.name) \(pes)")
      var faster = base
      faster.nocBandwidth = noc * 2
      faster.offchipBandwidth = off * 3
      let fast = Accelerator(hardware: faster, dataflow: preset).cost(of: layer)
      #expect((fast.runtimeCycles ?? .max) <= (cost.runtimeCycles ?? 0), "\(layer) \(preset.name) \(pes)")
      #expect(fast.macs == cost.macs)
    }
  }
}

/// A seeded generator (SplitMix64, Steele et al. 2014), so property tests are reproducible.
struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
