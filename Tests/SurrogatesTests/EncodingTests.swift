import Learning
import Spaces
import Surrogates
import TestSupport
import Testing

@Suite("Architecture encodings")
struct EncodingTests {
  @Test func parsing() throws {
    #expect(try ArchitectureEncoding(parsing: "onehot+layers").parts == [.oneHot, .layers])
    #expect(throws: EncodingError.repeatedPart("path")) { try ArchitectureEncoding(parsing: "path+path") }
    #expect(throws: EncodingError.self) { try ArchitectureEncoding(parsing: "one-hot") }
    #expect(throws: EncodingError.missingEstimateModel) {
      let space = try TestSpaces.nasbench201.get()
      _ = try ArchitectureEncoder(ArchitectureEncoding([.estimate]), space: space, dataset: space.defaultDataset)
    }
  }

  /// Parts are concatenated in order; one-hot groups survive, shifted; the layers part sums each kind.
  @Test func partsAndGroups() throws {
    let space = try TestSpaces.nasbench201.get()
    var generator = TestRandom(seed: 8)
    let architectures = space.sample(count: 12, using: &generator)
    let encoder = try ArchitectureEncoder(ArchitectureEncoding(parsing: "path+onehot+layers"), space: space,
                                          dataset: space.defaultDataset, architectures: architectures)
    let features = try encoder.encode(architectures)
    #expect(encoder.categoricalGroups.count == 6)
    #expect(encoder.categoricalGroups.first == 84..<89)
    #expect(features.categoricalGroups == encoder.categoricalGroups)
    #expect(encoder.layerKinds.contains("conv") && encoder.layerKinds == encoder.layerKinds.sorted())
    #expect(features.columnCount == 84 + 30 + 4 * encoder.layerKinds.count)
    let conv = encoder.featureNames.firstIndex(of: "conv.macs")!
    for (row, architecture) in architectures.enumerated() {
      let network = try space.lower(architecture, dataset: space.defaultDataset)
      let macs = network.layers.filter { $0.layer.kind.name == "conv" }.reduce(Int64(0)) { $0 + $1.layer.macs }
      #expect(features[row, conv] == Double(macs))
      let values = Array(features.row(row))
      #expect(Array(values[84..<114]) == space.oneHot(architecture))
      #expect(Array(values[0..<84]) == space.pathEncoding(architecture))
    }
    // Kinds fixed once: encoding a subset gives the same rows.
    #expect(try encoder.encode(Array(architectures[3..<5])).values == features.selecting(rows: [3, 4]).values)
  }

  @Test func pathRefusedWhereItDoesNotApply() throws {
    let fbnet = try SearchSpace.load(path: TestPaths.project("spaces/fbnet.yaml"))
    #expect(throws: EncodingError.self) {
      _ = try ArchitectureEncoder(ArchitectureEncoding([.path]), space: fbnet, dataset: fbnet.defaultDataset)
    }
    let darts = try SearchSpace.load(path: TestPaths.project("spaces/darts.yaml"))
    #expect(throws: EncodingError.self) {
      _ = try ArchitectureEncoder(ArchitectureEncoding([.path]), space: darts, dataset: darts.defaultDataset)
    }
  }
}
