import CoDesign
import Foundation
import TestSupport
import Testing
@testable import DuetCLI

/// Issue 6's claim gate, on the default run exactly as the README starts it (NAS-Bench-201 on CIFAR-10
/// with its shipped accuracies, the semi-decoupled paper's 150 accelerators, target KC-P 512/900/350,
/// caps at the 25/50/75 % points of the target's front, seed 1). Needs nothing from ../shared. The
/// debug build takes about a minute here; `duet bench cosearch` measures the release build's speed.
@Suite("duet cosearch: the default run's claim gate")
struct CosearchClaimGateTests {
  @Test func defaultRunPassesTheClaimGate() async throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("duet-gate-\(UUID().uuidString)").path
    defer { try? FileManager.default.removeItem(atPath: out) }
    #expect(await DuetMain.run(["cosearch", "--out", out]) == 0)
    let result = try ReportCommand.read(CosearchResult.self, "result.json", in: out)

    // Exactness: the run's own checks (coupled optimum and semi-decoupled choice against brute force).
    #expect(!result.checks.isEmpty)
    for check in result.checks { #expect(check.passed, "\(check.name): \(check.detail)") }

    // The gate: median proxy gap 0, worst ≤ 0.3 pp, ≥ 90 % of front-cap cases within 0.1 pp, ≥ 30× fewer
    // evaluations.
    let claims = try #require(result.claims)
    #expect(claims.medianGap == [0, 0, 0])
    #expect(claims.worstGap.allSatisfy { $0 <= 0.3 }, "worst gaps \(claims.worstGap)")
    #expect(claims.shareWithinTenthOverFront >= 0.9, "share \(claims.shareWithinTenthOverFront)")
    #expect(claims.evaluationRatio >= 30, "ratio \(claims.evaluationRatio)")

    // The figures docs/cosearch.md states for this run.
    let coupled = try #require(result.outcomes.first { $0.strategy == .fullyCoupled })
    let optimum = coupled.choices.map { $0?.metrics.accuracy ?? .nan }
    for (found, stated) in zip(optimum, [91.31, 93.75, 94.09]) { #expect(abs(found - stated) < 0.005, "optimum \(optimum)") }
    #expect(optimum.count == 3)
    #expect(coupled.evaluations == 2_062_500)
    let semi = try #require(result.outcomes.first { $0.strategy == .semiDecoupled })
    #expect(semi.choices.map { $0?.metrics.accuracy } == coupled.choices.map { $0?.metrics.accuracy })
    #expect(semi.evaluations == 17_852)
    #expect(claims.frontCases == 2_227)
    #expect(abs(claims.shareWithinTenthOverFront - 0.968) < 5e-4)
    // Every miss under the default caps is a YR-P proxy with at least 128 PEs (the cost-ratio story).
    #expect(!result.misses.isEmpty)
    for miss in result.misses {
      let figures = try #require(result.hardware[miss.proxy].figures)
      #expect(figures.dataflow == "yr-p" && figures.pes >= 128, "\(result.hardware[miss.proxy].label) missed")
    }
  }
}
