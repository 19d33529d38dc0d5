import Hardware
import Testing
@testable import CoDesign

/// A table of latencies by architecture name, with a name it lacks.
struct ToyTable: ArchitectureCostModel {
  var label = "table"
  var latency: [String: Double]

  func costs(of architectures: [String]) throws(ArchitectureCostError) -> ArchitectureCosts {
    var values: [Double] = []
    for name in architectures {
      guard let value = latency[name] else { throw ArchitectureCostError("no measurement of \(name)") }
      values.append(value)
    }
    return ArchitectureCosts(latencySeconds: values, energyJoules: nil)
  }
}

@Suite("Hardware that prices whole architectures")
struct ArchitectureHardwareTests {
  func table(_ candidates: CandidateSet, missing: String? = nil) -> ToyTable {
    var latency: [String: Double] = [:]
    for (a, name) in candidates.names.enumerated() where name != missing { latency[name] = 1e-3 * Double(27 - a) }
    return ToyTable(latency: latency)
  }

  /// The evaluator reads such a point's own figures, with no energy; a point that lacks an
  /// architecture is invalid, with the reason.
  @Test func pricedPerArchitecture() {
    let candidates = ToyWorld.candidates()
    var hardware = ToyWorld.hardware()
    hardware.points.append(.init(label: "table", architectureModel: table(candidates)))
    hardware.points.append(.init(label: "holey", architectureModel: ToyTable(label: "holey", latency: table(candidates, missing: "012").latency)))
    let evaluator = Evaluator(candidates: candidates, hardware: hardware, latencyUnit: .seconds)
    let h = hardware.count - 2
    #expect(evaluator.validHardware.contains(h))
    #expect(!evaluator.validHardware.contains(h + 1))
    #expect(evaluator.costs.invalidReason[h + 1] == "no measurement of 012")
    for a in 0..<candidates.count {
      let m = evaluator.peek(a, on: h)
      #expect(m.latency == 1e-3 * Double(27 - a))
      #expect(m.energy.isNaN)
    }
    // Layer points are priced as before, and layer pricings count layer points only.
    #expect(evaluator.costs.layerPricings == candidates.distinctLayers.count * (hardware.count - 2))
  }

  /// Co-search with such a point as the target: caps on its latency front, no energy cap; every strategy
  /// finds a pair meeting the caps.
  @Test func cosearchTargetsIt() {
    let candidates = ToyWorld.candidates()
    var hardware = ToyWorld.hardware()
    hardware.points.append(.init(label: "table", architectureModel: table(candidates)))
    let target = hardware.count - 1
    let reference = Evaluator(candidates: candidates, hardware: hardware, latencyUnit: .seconds)
    let onTarget = (0..<candidates.count).map { reference.peek($0, on: target) }
    let front = CoSearch.paretoFront(onTarget)
    #expect(!front.isEmpty)
    let caps = CosearchRun.capsOnFront(front.sorted { onTarget[$0].latency < onTarget[$1].latency }, metrics: onTarget,
                                       positions: [0.5])
    #expect(caps[0].energy == .infinity)
    #expect(caps[0].admits(onTarget[front[0]]) || caps[0].latency < onTarget[front[0]].latency)
    var evaluator = reference
    let outcome = CoSearch.fullyCoupled(&evaluator, caps: caps)
    let choice = try? #require(outcome.choices.first ?? nil)
    #expect(choice.map { caps[0].admits($0.metrics) } == true)
  }
}
