import Foundation
import Hardware
import TestSupport
import Testing
import Workload

@Suite("MAESTRO model files written from networks")
struct MaestroModelWritingTests {
  /// Written and read back, every multiply-accumulate layer keeps its output size and MACs.
  @Test(arguments: ["resnet50", "mobilenetv2"])
  func writtenFilesReadBackWithTheSameMACs(_ name: String) throws {
    let network = try Network.load(path: TestPaths.project("workloads/\(name).yaml"))
    let file = try MaestroModelFile.parse(MaestroModelFile.text(of: network), file: "\(name).m")
    let written = network.layers.filter { $0.layer.kind.isMACLayer }
    #expect(file.entries.count == written.count)
    for (entry, original) in zip(file.entries, written) {
      #expect(entry.layer.macs == original.layer.macs, "\(original.name)")
      #expect(entry.layer.outputY == original.layer.outputY && entry.layer.kind == original.layer.kind)
      #expect(entry.name == original.name.replacingOccurrences(of: ".", with: "_"))
    }
  }

  @Test func dilatedGroupedAndTransposedLayers() throws {
    let network = Network(name: "mixed net", layers: [
      NetworkLayer(name: "dilated", layer: .convolution(in: 8, out: 8, kernel: 3, dilation: 2, input: 16)),
      NetworkLayer(name: "grouped", layer: Layer(kind: .groupedConvolution, g: 2, k: 4, c: 4, r: 3, s: 3, y: 16, x: 16, padY: 1, padX: 1)),
      NetworkLayer(name: "up", layer: Layer(kind: .transposedConvolution, k: 4, c: 8, r: 2, s: 2, y: 16, x: 16, strideY: 2, strideX: 2)),
      NetworkLayer(name: "pool", layer: Layer(kind: .pooling(.max), k: 4, c: 4, r: 2, s: 2, y: 32, x: 32, strideY: 2, strideX: 2)),
    ])
    let text = MaestroModelFile.text(of: network)
    #expect(text.hasPrefix("// mixed net, written by duet: multiply-accumulate layers only (1 other layer left out)"))
    let file = try MaestroModelFile.parse(text, file: "mixed.m")
    #expect(file.networkName == "mixed_net")
    #expect(file.entries.map(\.maestroType) == ["CONV", "NGCONV", "TRCONV"])
    #expect(file.entries[0].layer.macs == network.layers[0].layer.macs)
    #expect(file.entries[1].layer.macs == network.layers[1].layer.macs)
    // The transposed convolution as its stride-1 direct convolution over the 32×32 output.
    #expect(file.entries[2].layer.outputY == 32)
  }
}
