import Foundation
import Hardware
import Spaces
import Testing
import TestSupport
import Workload

/// Rank agreement of the Table 3.2 tablet rooflines with HW-NAS-Bench's measured `pixel3` and `raspi4`
/// columns (NB201, CIFAR-10, all 15,625 architectures, lowered by `Spaces`). The tablets are other devices
/// of the same class (single-threaded FP32 TFLite on Arm cores), so this tests the cost structure, not a
/// fit: the shipped efficiencies were set from reasoning about the kernels (docs/fpga-and-devices.md) and
/// are not fitted to these columns. Rules stated with every ρ: pools priced as pools (their FLOPs and
/// bytes), node sums as element-wise layers, skips free, batch-norm and ReLU fused; dead edges `keep`
/// and `prune` (under `prune` the 341 cut architectures cost 0, as the phones measure ≈ 0 ms).
@Suite("Roofline rank agreement with HW-NAS-Bench (needs ../shared)")
struct DeviceRankAgreementTests {
  static let tablets = ["s5e", "taba", "lenovo"]

  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared"), arguments: tablets)
  func tabletRooflinesRankLikeMeasuredPhones(tablet: String) throws {
    let data = try #require(HELPTable.data)
    let device = try RooflineDevice.load(path: TestPaths.project("accelerators/devices/\(tablet).yaml"))
    // Recorded in docs/fpga-and-devices.md: (pixel3, raspi4) per dead-edge rule; the three tablets agree.
    let recorded: [LoweringOptions.DeadEdges: [Double]] = [.keep: [0.8719, 0.8965], .prune: [0.9358, 0.9588]]
    for edges in LoweringOptions.DeadEdges.allCases {
      let lowering = try #require(NB201Lowering.lowering(edges))
      let predicted = lowering.latencySeconds(device.cost(of:))
      for (column, expected) in zip(["pixel3", "raspi4"], recorded[edges]!) {
        let measured = HELPTable.measured(column, in: data)
        let rho = spearman(predicted, measured)
        let flops = spearman(data.flops, measured)
        print("\(tablet) roofline vs \(column), dead edges \(edges.rawValue): ρ \(rounded(rho)) (FLOPs \(rounded(flops)))")
        #expect(rho >= 0.85, "\(tablet) vs \(column), \(edges.rawValue)")
        #expect(rho > flops, "\(tablet) vs \(column), \(edges.rawValue)")
        #expect(abs(rho - expected) < 0.0001, "\(tablet) vs \(column), \(edges.rawValue): \(rho)")
      }
    }
  }
}
