import Foundation
import Hardware
import SpecFiles
import Testing
import TestSupport
import Workload

/// 100 GFLOP/s, 10 GB/s, FP32, bare roofline (efficiencies 1, no overhead): ridge at 10 FLOP/byte.
private let bare = RooflineDevice(name: "bare", peakFLOPsPerSecond: 100e9, memoryBandwidthBytesPerSecond: 10e9)

private func metrics(_ cost: LayerCost) -> RooflineLayerMetrics? {
  cost.detail as? RooflineLayerMetrics
}

@Suite("Roofline device")
struct DeviceRooflineTests {
  /// 3×3 convolution 64 → 64 on 56×56: 2·64·64·9·3,136 = 231,211,008 FLOPs over (2·200,704 + 36,864)·4
  /// = 1,753,088 bytes, intensity ≈ 132 FLOP/byte, far right of the ridge: 2.312 ms of compute.
  @Test func computeBoundLayer() throws {
    let layer = Layer.convolution(in: 64, out: 64, kernel: 3, input: 56)
    let cost = bare.cost(of: layer)
    let m = try #require(metrics(cost))
    #expect(m.flops == 231_211_008)
    #expect(m.bytes == 1_753_088)
    #expect(m.bound == .compute)
    #expect(abs(m.computeSeconds - 2.31211008e-3) < 1e-15)
    #expect(abs(m.memorySeconds - 1.753088e-4) < 1e-15)
    #expect(cost.latencySeconds == m.computeSeconds)
    #expect(cost.runtimeCycles == nil)
    #expect(cost.macs == layer.macs)
    #expect(m.operationalIntensity > bare.ridgePoint(for: .convolution))
  }

  /// A residual add of two 64×56×56 tensors: 200,704 FLOPs over 3·200,704·4 = 2,408,448 bytes,
  /// 0.083 FLOP/byte: 240.8 µs streaming memory, 2 µs of arithmetic.
  @Test func memoryBoundLayer() throws {
    let add = Layer(kind: .elementwise(.add), k: 64, c: 64, y: 56, x: 56, operands: 2)
    let cost = bare.cost(of: add)
    let m = try #require(metrics(cost))
    #expect(m.flops == 200_704)
    #expect(m.bytes == 2_408_448)
    #expect(m.bound == .memory)
    #expect(abs(cost.latencySeconds - 2.408448e-4) < 1e-15)
    #expect(m.operationalIntensity < bare.ridgePoint(for: .elementwise))
  }

  /// Efficiencies move the ridge: at 5% of peak a 1×1 convolution of intensity 4 becomes compute-bound.
  @Test func efficienciesAndOverheadShiftTheRoofline() throws {
    var device = bare
    device.computeEfficiency = RooflineEfficiency(default: 0.5, overrides: [.pointwise: 0.05])
    device.memoryEfficiency = 0.5
    device.layerOverheadSeconds = 5e-6
    let pointwise = Layer.convolution(in: 16, out: 16, kernel: 1, input: 32)  // 524,288 FLOPs, 132,096 bytes
    let cost = device.cost(of: pointwise)
    let m = try #require(metrics(cost))
    #expect(m.layerClass == .pointwise)
    #expect(m.bound == .compute)
    #expect(abs(m.computeSeconds - 524_288 / 5e9) < 1e-15)
    #expect(abs(m.memorySeconds - 132_096 / 5e9) < 1e-15)
    #expect(abs(cost.latencySeconds - (524_288 / 5e9 + 5e-6)) < 1e-15)
    #expect(bare.cost(of: pointwise).latencySeconds == 132_096 / 10e9)  // memory-bound on the bare roofline
    #expect(device.ridgePoint(for: .pointwise) == 1)
    #expect(device.ridgePoint(for: .convolution) == 10)
  }

  @Test func fusedAndIdentityLayersAreFree() {
    let bn = Layer(kind: .batchNorm, k: 8, c: 8, y: 8, x: 8)
    #expect(bare.cost(of: bn) == .free)
    #expect(bare.cost(of: Layer(kind: .activation(.relu), k: 8, c: 8, y: 8, x: 8)) == .free)
    #expect(bare.cost(of: Layer(kind: .identity, k: 8, c: 8, y: 8, x: 8)) == .free)
    var unfused = bare
    unfused.fusedClasses = []
    #expect(metrics(unfused.cost(of: bn))?.bound == .memory)
  }

  @Test func networkLatencyIsTheSumOfLayers() {
    let network = Network(name: "two", layers: [
      NetworkLayer(name: "conv", layer: .convolution(in: 64, out: 64, kernel: 3, input: 56)),
      NetworkLayer(name: "add", layer: Layer(kind: .elementwise(.add), k: 64, c: 64, y: 56, x: 56, operands: 2)),
    ])
    #expect(abs(bare.cost(of: network).latencySeconds - (2.31211008e-3 + 2.408448e-4)) < 1e-15)
    #expect(bare.cost(of: network).energyPicojoules == nil)
    var metered = bare
    metered.energy = RooflineEnergyTable(picojoulesPerFLOP: 1, picojoulesPerByte: 10)
    #expect(metered.cost(of: network).energyPicojoules == Double(231_211_008 + 200_704 + 10 * (1_753_088 + 2_408_448)))
  }

  /// Classes: 1×1 dense convolutions are `pointwise`, larger ones `convolution`; concat moves data only.
  @Test func layerClasses() {
    #expect(RooflineLayerClass(Layer.convolution(in: 4, out: 4, kernel: 1, input: 4)) == .pointwise)
    #expect(RooflineLayerClass(Layer.convolution(in: 4, out: 4, kernel: 3, input: 4)) == .convolution)
    #expect(RooflineLayerClass(Layer.depthwise(channels: 4, kernel: 3, input: 4)) == .depthwise)
    #expect(RooflineLayerClass(LayerKind.elementwise(.concat)) == .dataMovement)
    #expect(RooflineLayerClass(LayerKind.identity) == nil)
  }
}

@Suite("Roofline device files")
struct DeviceFileTests {
  static let good = """
    schema: duet/v1
    kind: device
    name: test
    peak_gflops: 40
    memory_bandwidth_gbps: 10

    """

  func message(_ text: String) -> String {
    do {
      _ = try RooflineDevice.load(path: writeTemporaryFile(text, name: "device.yaml"))
      return "no error"
    } catch {
      return error.description.replacingOccurrences(of: #"^.*/device\.yaml"#, with: "device.yaml", options: .regularExpression)
    }
  }

  @Test func minimalFileIsTheBareRoofline() throws {
    let device = try RooflineDevice.load(path: writeTemporaryFile(Self.good, name: "device.yaml"))
    #expect(device == RooflineDevice(name: "test", peakFLOPsPerSecond: 40e9, memoryBandwidthBytesPerSecond: 10e9))
  }

  @Test func fullFile() throws {
    let text = Self.good + """
      bytes_per_element: 1
      memory_efficiency: 0.5
      layer_overhead_us: 3
      efficiency: {default: 0.2, pooling: 0.05}
      fused: []
      energy: {pj_per_flop: 2, pj_per_byte: 50}

      """
    let device = try RooflineDevice.load(path: writeTemporaryFile(text, name: "device.yaml"))
    #expect(device.bytesPerElement == 1)
    #expect(device.memoryEfficiency == 0.5)
    #expect(abs(device.layerOverheadSeconds - 3e-6) < 1e-18)
    #expect(device.computeEfficiency[.pooling] == 0.05)
    #expect(device.computeEfficiency[.depthwise] == 0.2)
    #expect(device.fusedClasses.isEmpty)
    #expect(device.energy == RooflineEnergyTable(picojoulesPerFLOP: 2, picojoulesPerByte: 50))
  }

  @Test func badValuesArePositioned() {
    #expect(message(Self.good.replacingOccurrences(of: "peak_gflops: 40", with: "peak_gflops: 0"))
            == "device.yaml:4:14: peak_gflops: expected a positive number, got 0")
    #expect(message(Self.good + "efficiency: {default: 0}\n")
            == "device.yaml:6:23: efficiency.default: expected an efficiency in (0, 4], got 0.0")
    #expect(message(Self.good + "memory_efficiency: 1.5\n")
            == "device.yaml:6:20: memory_efficiency: expected an efficiency in (0, 1], got 1.5")
    #expect(message(Self.good + "efficiency: {poolng: 0.1}\n")
            == "device.yaml:6:14: efficiency.poolng: unknown key (did you mean \"pooling\"?)")
    #expect(message(Self.good + "layer_overhead_us: -1\n")
            == "device.yaml:6:20: layer_overhead_us: expected a non-negative number, got -1")
    #expect(message(Self.good + "fused: [batchnorm]\n")
            == "device.yaml:6:9: fused[0]: expected one of \"convolution\", \"pointwise\", \"depthwise\", \"grouped\", \"gemm\", \"pooling\", \"elementwise\", \"normalization\", \"activation\", \"data_movement\", got \"batchnorm\"")
    #expect(message(Self.good.replacingOccurrences(of: "memory_bandwidth_gbps: 10\n", with: ""))
            == "device.yaml:1:1: memory_bandwidth_gbps: missing required key")
  }

  /// Every shipped device loads; tablets carry Table 3.2's peaks.
  @Test(arguments: ["s5e", "taba", "lenovo", "nvidia-t4", "gtx-1080ti", "rtx-2080ti", "i7-4790", "xeon-gold-6226"])
  func shippedDevicesLoad(name: String) throws {
    let device = try RooflineDevice.load(path: TestPaths.project("accelerators/devices/\(name).yaml"))
    #expect(device.name == name)
    let peaks: [String: (Double, Double)] = ["s5e": (40.6e9, 14.93e9), "taba": (15.3e9, 7.46e9), "lenovo": (26.5e9, 7.5e9)]
    if let (peak, bandwidth) = peaks[name] {
      #expect(device.peakFLOPsPerSecond == peak)
      #expect(device.memoryBandwidthBytesPerSecond == bandwidth)
    }
  }
}
