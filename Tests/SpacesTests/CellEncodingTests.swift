import SeededRandom
import Spaces
import TestSupport
import Testing

/// Adjacency one-hot and path encodings ([Laube22] Appendix B.1) on the two cell spaces.
@Suite("Cell encodings")
struct CellEncodingTests {
  /// With a fixed topology the adjacency one-hot is the one-hot of the edge decisions.
  @Test func adjacencyEqualsOneHotOnNASBench201() throws {
    let space = try ShippedSpaces.nasbench201.get()
    #expect(space.adjacencyOneHotLength == 30)
    #expect(space.adjacencyOneHotGroups == space.oneHotGroups)
    #expect(space.adjacencyOneHotFeatureNames.count == 30)
    var generator = TestRandom(seed: 4)
    for architecture in space.sample(count: 50, using: &generator) {
      #expect(space.adjacencyOneHot(architecture) == space.oneHot(architecture))
    }
  }

  /// Path counts worked by hand on the NAS-Bench-201 cell (edges 0→1, 0→2, 1→2, 0→3, 1→3, 2→3; the
  /// output is node 3): four paths, 0→3, 0→1→3, 0→2→3 and 0→1→2→3.
  @Test func pathCountsOnNASBench201() throws {
    let space = try ShippedSpaces.nasbench201.get()
    #expect(space.pathEncodingLength == 4 + 16 + 64)
    let names = space.pathEncodingFeatureNames
    #expect(names.count == 84)
    func counts(_ text: String) throws -> [String: Double] {
      let x = space.pathEncoding(try space.parse(text))
      var result: [String: Double] = [:]
      for (name, value) in zip(names, x) where value != 0 { result[name] = value }
      return result
    }
    let all3 = try counts("|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|")
    #expect(all3 == ["cell[in0:nor_conv_3x3]": 1, "cell[in0:nor_conv_3x3>nor_conv_3x3]": 2,
                     "cell[in0:nor_conv_3x3>nor_conv_3x3>nor_conv_3x3]": 1])
    // none on 0→3 and 1→2 leaves two paths: 0→1→3 (skip, 1×1) and 0→2→3 (pool, 3×3).
    let two = try counts("|skip_connect~0|+|avg_pool_3x3~0|none~1|+|none~0|nor_conv_1x1~1|nor_conv_3x3~2|")
    #expect(two == ["cell[in0:skip_connect>nor_conv_1x1]": 1, "cell[in0:avg_pool_3x3>nor_conv_3x3]": 1])
    // A cell cut off from its output has no path.
    #expect(try counts("|none~0|+|none~0|none~1|+|none~0|none~1|none~2|").isEmpty)
  }

  /// DARTS: every possible edge (source, node) of each cell type gets a block over the 7 ops; each node
  /// has exactly its two chosen edges.
  @Test func dartsAdjacencyAndPathLength() throws {
    let space = try ShippedSpaces.darts.get()
    let edges = 2 + 3 + 4 + 5  // nodes 2…5 pick from every earlier node
    #expect(space.adjacencyOneHotLength == 2 * edges * 7)
    #expect(space.adjacencyOneHotGroups.count == 2 * edges)
    var generator = TestRandom(seed: 9)
    for architecture in space.sample(count: 20, using: &generator) {
      let x = space.adjacencyOneHot(architecture)
      #expect(x.reduce(0, +) == 2 * 4 * 2)
      for group in space.adjacencyOneHotGroups { #expect(x[group].reduce(0, +) <= 1) }
      // Every path ends at an intermediate node (the output concatenates them): 2 inputs × 2 edges
      // per node at least.
      #expect(space.pathEncoding(architecture).reduce(0, +) >= 8)
    }
    #expect(space.pathEncodingLength == 2 * 2 * (7 + 49 + 343 + 2401))
  }

  /// Spaces without cells: adjacency is one-hot, path is one-hot of the decisions.
  @Test func blockSpaces() throws {
    let space = try ShippedSpaces.fbnet.get()
    var generator = TestRandom(seed: 2)
    let architecture = space.randomArchitecture(using: &generator)
    #expect(space.adjacencyOneHot(architecture) == space.oneHot(architecture))
    #expect(space.pathEncoding(architecture) == space.oneHot(architecture))
  }
}
