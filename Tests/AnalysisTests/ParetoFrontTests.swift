import TestSupport
import Testing
@testable import Analysis

@Suite("Pareto fronts")
struct ParetoFrontTests {
  @Test func smallKnownCase() {
    // (latency, accuracy): minimise latency, maximise accuracy.
    let points: [[Double]] = [[1, 70], [2, 80], [3, 75], [2, 80], [4, 90], [5, 89], [0.5, 60], [.nan, 99]]
    let front = ParetoFront.indices(of: points, senses: [.minimize, .maximize])
    #expect(front == [0, 1, 3, 4, 6])  // duplicates (1 and 3) both kept; NaN never on the front
    #expect(ParetoFront.indices(flattened: points.flatMap { $0 }, senses: [.minimize, .maximize]) == front)
  }

  @Test func singleAndEmpty() {
    #expect(ParetoFront.indices(of: [], senses: [.minimize]) == [])
    #expect(ParetoFront.indices(of: [[3, 1]], senses: [.minimize, .minimize]) == [0])
    #expect(ParetoFront.indices(of: [[], []], senses: []) == [0, 1])
    #expect(ParetoFront.indices(flattened: [], senses: [.maximize]) == [])
  }

  /// Property: no front point is dominated by any point, and every point off the front is dominated by
  /// some front point — checked against a brute-force definition on many random sets, 2 and 3 objectives.
  @Test func matchesDefinitionOnRandomSets() {
    var random = TestRandom(seed: 7)
    for trial in 0..<300 {
      let d = trial % 2 == 0 ? 2 : 3
      let n = Int.random(in: 1...60, using: &random)
      // Small integer grids force ties and duplicates.
      let points = (0..<n).map { _ in (0..<d).map { _ in Double(Int.random(in: 0...6, using: &random)) } }
      let senses: [ObjectiveSense] = (0..<d).map { _ in Bool.random(using: &random) ? .minimize : .maximize }
      let front = Set(ParetoFront.indices(of: points, senses: senses))
      for i in 0..<n {
        let dominated = (0..<n).contains { ParetoFront.dominates(points[$0], points[i], senses: senses) }
        #expect(front.contains(i) == !dominated, "trial \(trial), point \(i)")
      }
    }
  }
}
