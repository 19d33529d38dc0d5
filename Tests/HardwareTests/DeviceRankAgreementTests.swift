import Foundation
import Hardware
import Testing
import TestSupport
import Workload

/// Rank agreement of the Table 3.2 tablet rooflines with HW-NAS-Bench's measured `pixel3` and `raspi4`
/// columns (NB201, CIFAR-10, all 15,625 architectures). The tablets are other devices of the same class
/// (single-threaded FP32 TFLite on Arm cores), so this tests the cost structure, not a fit: the shipped
/// efficiencies were set from reasoning about the kernels (docs/fpga-and-devices.md) and are not fitted
/// to these columns. Rules stated with every ρ: pooling priced as itself (FLOPs and bytes of the pool),
/// adds priced as element-wise layers, skips free, batch-norm and ReLU fused; dead edges under both rules.
@Suite("Roofline rank agreement with HW-NAS-Bench (needs ../shared)")
struct DeviceRankAgreementTests {
  static let tablets = ["s5e", "taba", "lenovo"]

  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared"), arguments: tablets)
  func tabletRooflinesRankLikeMeasuredPhones(tablet: String) throws {
    let data = try #require(HELPTable.data)
    let device = try RooflineDevice.load(path: TestPaths.project("accelerators/devices/\(tablet).yaml"))
    for lowering in [NB201Lowering.allEdges, NB201Lowering.reachingOutput] {
      let lowering = try #require(lowering)
      let rule = lowering.rule
      let predicted = lowering.latencySeconds(device.cost(of:))
      for column in ["pixel3", "raspi4"] {
        let measured = HELPTable.measured(column, in: data)
        let rho = spearman(predicted, measured)
        let flops = spearman(data.flops, measured)
        print("\(tablet) roofline vs \(column), \(rule.rawValue): ρ \(rho) (FLOPs \(flops))")
        #expect(rho >= 0.85, "\(tablet) vs \(column), \(rule.rawValue)")
        #expect(rho > flops, "\(tablet) vs \(column), \(rule.rawValue)")
      }
    }
  }
}
