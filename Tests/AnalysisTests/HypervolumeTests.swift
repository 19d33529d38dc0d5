import TestSupport
import Testing
@testable import Analysis

@Suite("Hypervolume")
struct HypervolumeTests {
  @Test func knownCases2D() {
    // Staircase of three points under reference (4, 4): 3·1 + 2·1 + 1·1 … worked by hand:
    // (1,3): [1,4]×[3,4] = 3; (2,2) adds [2,4]×[2,3] = 2; (3,1) adds [3,4]×[1,2] = 1 → 6.
    #expect(Hypervolume.of2D([(1, 3), (2, 2), (3, 1)], reference: (4, 4)) == 6)
    #expect(Hypervolume.of2D([(1, 1)], reference: (2, 3)) == 2)
    #expect(Hypervolume.of2D([(5, 1)], reference: (4, 4)) == 0)  // outside the reference box
    #expect(Hypervolume.of2D([], reference: (4, 4)) == 0)
    #expect(Hypervolume.of2D([(2, 2), (2, 2), (3, 3)], reference: (4, 4)) == 4)  // duplicates and dominated
  }

  @Test func knownCases3D() {
    #expect(Hypervolume.of3D([(0, 0, 0)], reference: (1, 2, 3)) == 6)
    // Two boxes [0,2]×[0,1]×[0,1] and [0,1]×[0,2]×[0,1] overlap in a unit cube → 2 + 2 − 1 = 3.
    #expect(Hypervolume.of3D([(0, 1, 1), (1, 0, 1)], reference: (2, 2, 2)) == 3)
  }

  /// Monte-Carlo free check: on integer grids, the 3-D volume equals the count of unit cells dominated.
  @Test func matchesCellCountingOnRandomSets() {
    var random = TestRandom(seed: 11)
    for _ in 0..<100 {
      let n = Int.random(in: 1...12, using: &random)
      let points = (0..<n).map { _ in
        (Double(Int.random(in: 0...5, using: &random)), Double(Int.random(in: 0...5, using: &random)),
         Double(Int.random(in: 0...5, using: &random)))
      }
      var cells = 0
      for x in 0..<6 { for y in 0..<6 { for z in 0..<6 {
        if points.contains(where: { $0.0 <= Double(x) && $0.1 <= Double(y) && $0.2 <= Double(z) }) { cells += 1 }
      } } }
      #expect(Hypervolume.of3D(points, reference: (6, 6, 6)) == Double(cells))
    }
  }

  /// Property: adding a point never lowers the hypervolume.
  @Test func monotoneUnderAddingPoints() {
    var random = TestRandom(seed: 5)
    for _ in 0..<200 {
      var points: [[Double]] = []
      var previous = 0.0
      let d = Bool.random(using: &random) ? 2 : 3
      for _ in 0..<15 {
        points.append((0..<d).map { _ in Double.random(in: 0...1, using: &random) })
        let volume = Hypervolume.of(points, reference: [Double](repeating: 1, count: d))
        #expect(volume >= previous - 1e-12)
        previous = volume
      }
    }
  }
}
