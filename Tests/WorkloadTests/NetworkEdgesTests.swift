import SpecFiles
import Testing
import Workload

@Suite("Network edges: inputs:, blocks, the YAML writer")
struct NetworkEdgesTests {
  func network(_ layers: String) throws -> Network {
    let text = "schema: duet/v1\nkind: network\nname: t\nlayers:\n" + layers
    let (_, root) = try SpecDocument.header(of: try SpecDocument.parse(text, file: "t.yaml"), kinds: ["network"])
    return try Network(spec: root)
  }

  func error(_ layers: String) -> String? {
    do {
      _ = try network(layers)
      return nil
    } catch {
      return "\(error)"
    }
  }

  static let residual = """
      - {name: conv1, type: conv, C: 8, K: 8, kernel: 3, padding: 1, input: 8}
      - {name: conv2, type: conv, C: 8, K: 8, kernel: 3, padding: 1, input: 8, repeat: 2}
      - {name: add, type: eltwise.add, C: 8, input: 8, inputs: [conv2.2, conv1]}
      - {name: side, type: conv, C: 3, K: 8, input: 8, inputs: input}
      - {name: zero, type: act.relu, C: 8, input: 8, inputs: []}

    """

  @Test func inputsNameEarlierLayersTheInputOrAConstant() throws {
    let n = try network(Self.residual)
    #expect(n.layers.map(\.name) == ["conv1", "conv2.1", "conv2.2", "add", "side", "zero"])
    #expect(n.inputs(of: 0) == ["input"])
    #expect(n.inputs(of: 1) == ["conv1"] && n.inputs(of: 2) == ["conv2.1"])  // repeated copies chain
    #expect(n.inputs(of: 3) == ["conv2.2", "conv1"])
    #expect(n.inputs(of: 4) == ["input"] && n.inputs(of: 5) == [])
    #expect(n.hasEdges && n.danglingInput == nil)
    #expect(n.macs == 3 * 8 * 8 * 9 * 64 + 3 * 8 * 64)  // edges do not change costs
  }

  @Test func badInputsPointAtTheKey() {
    let later = error("  - {name: a, type: act.relu, C: 8, input: 8, inputs: [b]}\n  - {name: b, type: act.relu, C: 8, input: 8}\n")
    #expect(later?.contains("t.yaml:5:") == true && later?.contains("no earlier layer is named \"b\"") == true)
    let typo = error("  - {name: conv1, type: act.relu, C: 8, input: 8}\n  - {name: b, type: act.relu, C: 8, input: 8, inputs: conv2}\n")
    #expect(typo?.contains("did you mean \"conv1\"?") == true)
    #expect(error("  - {name: input, type: act.relu, C: 8, input: 8}\n")?.contains("names the network's input") == true)
    #expect(error("  - {name: a, type: act.relu, C: 8, input: 8, inputs: [3]}\n") != nil)
  }

  @Test func theWriterReadsBackToTheSameNetwork() throws {
    let n = try network(Self.residual + """
      - {name: "odd name: with, punctuation", type: gconv, G: 2, C: 4, K: 4, kernel: [3, 1], input: [8, 6], stride: [2, 1], padding: [1, 0], inputs: [zero]}
      - {name: "yes", type: eltwise.concat, C: 4, operands: 1, K: 4, input: [4, 6], bias: false}
      - {name: fc, type: gemm, N: 2, C: 96, K: 10, input: 1, bias: true}

    """)
    let text = n.yamlDocument(description: "A description: with a colon, and # a hash.", source: "somewhere/t.onnx")
    let (_, root) = try SpecDocument.header(of: try SpecDocument.parse(text, file: "w.yaml"), kinds: ["network"])
    let back = try Network(spec: root)
    #expect(back == n)
    #expect(text.contains("{name: conv1, type: conv, C: 8, K: 8, kernel: 3, input: 8, padding: 1}"))
  }

  @Test func blocksSpellOutTheirInputs() throws {
    let n = try network(Self.residual)
    let block = try n.block(prefix: "conv2")
    #expect(block.layers.map(\.name) == ["conv2.1", "conv2.2"])
    #expect(block.layers[0].inputs == ["conv1"] && block.layers[1].inputs == nil)
    #expect(block.externalInputs == ["conv1"])
    #expect(try n.block(from: "add", through: "zero").externalInputs == ["conv2.2", "conv1"])
    #expect(throws: BlockSelectionError.self) { try n.block(prefix: "co") }
  }
}
