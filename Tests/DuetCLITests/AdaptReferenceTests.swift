import CoDesign
import Foundation
import Spaces
import TestSupport
import Testing
@testable import DuetCLI

/// `duet adapt`'s figures in docs/cosearch.md, checked against HELP's measured NAS-Bench-201 latencies
/// (../shared/reference/devices/help_nb201_latency.csv): pixel3 as the proxy, 50 target samples, seed 1,
/// λ by 5-fold cross-validation. Two targets keep the debug-build run short: a GPU the adaptation
/// rescues, and the phone it cannot lift above 0.9.
@Suite("duet adapt on HELP")
struct AdaptReferenceTests {
  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared/reference"))
  func pixel3ProxyOnHELP() throws {
    let path = try #require(TestPaths.shared("reference/devices/help_nb201_latency.csv"))
    let space = try SearchSpace.load(path: TestPaths.project("spaces/nasbench201.yaml"))
    let measured = try MeasuredTable.load(path: path, space: space, keyColumn: "arch_str", exclude: ["index"])
    #expect(measured.names.count == 15_625)
    #expect(measured.devices.count == 27)
    let experiment = AdaptationExperiment(
      names: measured.names, encodings: measured.architectures.map { space.oneHot($0) + [1] },
      featureNames: space.oneHotFeatureNames + ["constant"], proxy: try measured.column("pixel3", file: path),
      accuracy: nil)
    // (target, ρ measured with the proxy, ρ after adaptation), as the docs table prints them.
    for (target, before, after) in [("1080ti_1", 0.591, 0.986), ("pixel2", 0.761, 0.819)] {
      let outcome = experiment.run(target: try measured.column(target, file: path), targetName: target,
                                   samples: 50, validation: 20, seed: 1)
      #expect(abs(outcome.rhoMeasuredProxy - before) < 5e-4, "\(target): ρ with pixel3 \(outcome.rhoMeasuredProxy)")
      #expect(outcome.adapted, "\(target): ρ on the samples \(outcome.rhoOnSample) should call for adaptation")
      #expect(abs(outcome.rhoAdapted - after) < 5e-4, "\(target): ρ adapted \(outcome.rhoAdapted)")
      #expect(outcome.rhoAdapted > outcome.rhoProxyPredictor)
    }
  }
}
