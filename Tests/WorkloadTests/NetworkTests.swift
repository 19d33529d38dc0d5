import SpecFiles
import TestSupport
import Testing
@testable import Workload

@Suite("Networks and the network YAML format")
struct NetworkTests {
  /// ResNet-50 (v1.5, torchvision's layout) sums to 4,089,184,256 MACs: the "≈ 4.1 G" usually quoted.
  /// He et al.'s Table 1 gives 3.8×10⁹ for the original v1 (stride-2 on the first 1×1 conv). Parameters:
  /// 25,503,912 counting convolution weights and the classifier with its bias; torchvision's 25,557,032
  /// adds batch-norm's γ and β (53,120), which the shipped file leaves fused into the convolutions.
  @Test func resnet50Totals() throws {
    let network = try Network.load(path: TestPaths.project("workloads/resnet50.yaml"))
    #expect(network.macs == 4_089_184_256)
    #expect(network.parameters == 25_503_912)
    #expect(network.layers.filter { $0.layer.kind == .convolution }.count == 53)
    #expect(network.layers.first?.layer.macs == 118_013_952)
  }

  /// MobileNet-V2 sums to 300,774,272 MACs (the paper's "300 M") and 3,470,760 parameters without
  /// batch-norm (torchvision's 3,504,872 adds BN's 34,112 γ/β; the paper rounds to 3.4 M).
  @Test func mobilenetV2Totals() throws {
    let network = try Network.load(path: TestPaths.project("workloads/mobilenetv2.yaml"))
    #expect(network.macs == 300_774_272)
    #expect(network.parameters == 3_470_760)
    #expect(network.layers.filter { $0.layer.kind == .depthwiseConvolution }.count == 17)
  }

  @Test func repeatAndDefaults() throws {
    let text = """
      schema: duet/v1
      kind: network
      name: tiny
      layers:
        - {name: c, type: conv, C: 3, K: 8, kernel: [3, 1], padding: [1, 0], input: [16, 8]}
        - {name: d, type: dwconv, C: 8, kernel: 3, padding: 1, input: [16, 8], repeat: 2}
        - {name: fc, type: gemm, C: 8, K: 10, input: 1, bias: true}
      """
    let (_, root) = try SpecDocument.header(of: try SpecDocument.parse(text, file: "tiny.yaml"), kinds: ["network"])
    let network = try Network(spec: root)
    #expect(network.layers.map(\.name) == ["c", "d.1", "d.2", "fc"])
    let c = network.layers[0].layer
    #expect(c.r == 3 && c.s == 1 && c.y == 16 && c.x == 8 && c.outputY == 16 && c.outputX == 8)
    #expect(network.layers[1].layer.k == 8)
    #expect(network.macs == 8 * 3 * 3 * 16 * 8 + 2 * 8 * 9 * 16 * 8 + 80)
  }

  func loadError(_ body: String) -> SpecError? {
    let text = "schema: duet/v1\nkind: network\nname: n\nlayers:\n" + body
    do {
      let (_, root) = try SpecDocument.header(of: try SpecDocument.parse(text, file: "n.yaml"), kinds: ["network"])
      _ = try Network(spec: root)
      return nil
    } catch {
      return error
    }
  }

  @Test func layerErrorsNamePlaceAndKey() {
    #expect(loadError("  - {name: a, type: conv, C: 3, K: fast, input: 8}\n")?.description
      == "n.yaml:5:36: layers[0].K: expected an integer, got fast")
    #expect(loadError("  - {name: a, type: cnov, C: 3, K: 4, input: 8}\n")?.description
      == "n.yaml:5:21: layers[0].type: unknown layer type \"cnov\" (did you mean \"conv\"?)")
    #expect(loadError("  - {name: a, type: conv, C: 3, K: 4, input: 8, strid: 2}\n")?.description
      == "n.yaml:5:49: layers[0].strid: unknown key (did you mean \"stride\"?)")
    #expect(loadError("  - {name: a, type: conv, C: 3, input: 8}\n")?.description
      == "n.yaml:5:5: layers[0]: missing required key K (output channels) for a conv layer")
    #expect(loadError("  - {name: a, type: conv, C: 3, K: 4, kernel: 9, input: 8}\n")?.description
      == "n.yaml:5:5: layers[0]: the kernel (R=9, dilation 1) does not fit the padded input rows (Y=8, padding 0)")
    #expect(loadError("  - {name: a, type: conv, C: -3, K: 4, input: 8}\n")?.description
      == "n.yaml:5:30: layers[0].C: expected a positive integer, got -3")
    #expect(loadError("  - {name: a, type: conv, C: 3, K: 4, input: 8}\n  - {name: a, type: conv, C: 4, K: 4, input: 8}\n")?
      .description == "n.yaml:6:12: layers[1].name: duplicate layer name \"a\"")
    #expect(loadError("  []\n")?.description == "n.yaml:5:3: layers: expected a non-empty list")
  }
}
