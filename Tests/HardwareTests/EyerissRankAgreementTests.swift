import Foundation
import Hardware
import Spaces
import Testing
import TestSupport
import Workload

/// Rank agreement of the YR-P (Eyeriss-like, row-stationary) accelerator at 168 PEs, priced by the
/// MAESTRO-like model, with HW-NAS-Bench's `eyeriss` column over all 15,625 NB201 architectures
/// (CIFAR-10), lowered by `Spaces`. Rules stated with every ρ: the accelerator's non-MAC rule prices pools
/// and node sums (`free`, `depthwise`, `convolution`, `hw-nas-bench`); skips are identities and free;
/// batch-norm and ReLU free; dead edges `keep` or `prune`. Hardware: accelerators/eyeriss.yaml (NoC and
/// off-chip 8 elements per cycle, 200 MHz; the reasons are in the file).
@Suite("Eyeriss rank agreement with HW-NAS-Bench (needs ../shared)")
struct EyerissRankAgreementTests {
  /// YR-P at 168 PEs, as accelerators/eyeriss.yaml describes it.
  static func eyeriss(_ rule: NonMACLayerRule, nocBandwidth: Int = 8, offchipBandwidth: Int = 8) -> Accelerator {
    Accelerator(name: "eyeriss", hardware: MaestroHardware(pes: 168, nocBandwidth: nocBandwidth, offchipBandwidth: offchipBandwidth),
                dataflow: .yrP, nonMACLayers: rule, clockHertz: 200e6, l1SizeElements: 260, l2SizeElements: 55_296)
  }

  static func rho(_ accelerator: Accelerator, _ edges: LoweringOptions.DeadEdges, data: HELPTable.Data) throws -> Double {
    let lowering = try #require(NB201Lowering.lowering(edges))
    return spearman(lowering.latencySeconds(accelerator.cost(of:)), HELPTable.measured("eyeriss", in: data))
  }

  @Test func theShippedFileIsThisAccelerator() throws {
    let file = try HardwareFile.load(path: TestPaths.project("accelerators/eyeriss.yaml"))
    #expect(file.accelerators == [Self.eyeriss(.free)])
  }

  /// ρ under every pooling rule and dead-edge rule (the table in docs/fpga-and-devices.md). Under the
  /// HW-NAS-Bench-compatible rule with every edge charged, ρ ≥ 0.95.
  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared")) func yrPRanksLikeHWNASBenchEyeriss() throws {
    let data = try #require(HELPTable.data)
    let flops = spearman(data.flops, HELPTable.measured("eyeriss", in: data))
    var rhos: [String: Double] = [:]
    for rule in NonMACLayerRule.allCases {
      for edges in LoweringOptions.DeadEdges.allCases {
        rhos["\(rule.rawValue)/\(edges.rawValue)"] = try Self.rho(Self.eyeriss(rule), edges, data: data)
      }
    }
    print("YR-P 168 PEs vs HW-NAS-Bench eyeriss (FLOPs \(rounded(flops))): "
      + rhos.sorted { $0.key < $1.key }.map { "\($0.key) \(rounded($0.value))" }.joined(separator: ", "))
    #expect(abs(flops - 0.5422) < 0.0001)
    #expect(rhos["hw-nas-bench/keep"]! >= 0.95)
    #expect(rhos["hw-nas-bench/keep"]! > flops)
    // Regression guard on the values recorded in docs/fpga-and-devices.md.
    let recorded = [
      "free/keep": 0.5106, "free/prune": 0.5153, "depthwise/keep": 0.7217, "depthwise/prune": 0.6781,
      "convolution/keep": 0.9884, "convolution/prune": 0.8778, "hw-nas-bench/keep": 0.9904, "hw-nas-bench/prune": 0.8875,
    ]
    for (rules, expected) in recorded {
      #expect(abs(rhos[rules]! - expected) < 0.0001, "\(rules): \(rhos[rules]!)")
    }
  }

  /// The bandwidths matter through MAESTRO's off-chip floor: at 4 elements per cycle it binds on every
  /// NB201 layer and ρ falls below 0.95 even under the compatible rule; from 8 up it does not bind.
  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared")) func offChipBandwidthSensitivity() throws {
    let data = try #require(HELPTable.data)
    var line = "YR-P 168 PEs, hw-nas-bench/keep, by NoC × off-chip elements/cycle:"
    for (noc, offchip, expected) in [(4, 4, 0.9469), (8, 4, 0.9168), (8, 8, 0.9904), (8, 64, 0.9907), (16, 64, 0.9960)] {
      let rho = try Self.rho(Self.eyeriss(.hwNASBench, nocBandwidth: noc, offchipBandwidth: offchip), .keep, data: data)
      line += " \(noc)×\(offchip) \(rounded(rho))"
      #expect(abs(rho - expected) < 0.0001, "noc \(noc), off-chip \(offchip): \(rho)")
    }
    print(line)
  }
}
