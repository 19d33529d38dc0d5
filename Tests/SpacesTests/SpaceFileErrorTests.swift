import Foundation
import SpecFiles
import Spaces
import Testing

/// Malformed space files are rejected with file:line:column and key path; wrong architecture strings
/// name the position that is wrong.
@Suite("Space files: errors with positions")
struct SpaceFileErrorTests {
  /// A small valid space; tests replace one line to break it.
  static let valid = """
    schema: duet/v1
    kind: space
    name: tiny
    datasets: [cifar10]
    ops:
      zero: {zero: true}
      conv:
        params: {kernel: 3}
        layers:
          - {type: conv, K: C_out, kernel: kernel}
          - {type: batchnorm}
      stem:
        layers:
          - {type: conv, K: C_out, kernel: 3}
      head:
        layers:
          - {type: pool.average, kernel: global}
          - {type: gemm, K: classes, bias: true}
    cells:
      cell:
        nodes: 2
        edges: [0->1, 0->2, 1->2]
        ops: [zero, conv]
    network:
      - {op: stem, C_out: 8}
      - {cells: cell, count: 2, C: 8}
      - {stage: s1, C_out: 16, depth: [1, 2], stride: 2, op: conv, per_block: {kernel: [3, 5]}}
      - {op: head}

    """

  func error(replacing old: String, with new: String) -> String? {
    #expect(Self.valid.contains(old), "the fixture has no \(old)")
    do {
      _ = try SearchSpace(yaml: Self.valid.replacingOccurrences(of: old, with: new), file: "spaces/tiny.yaml")
      return nil
    } catch {
      return error.description
    }
  }

  @Test func theFixtureIsValid() throws {
    let space = try SearchSpace(yaml: Self.valid, file: "spaces/tiny.yaml")
    #expect(space.size == BigCount(8 * (2 + 4)))
    let arch = try space.parse("|conv~0|+|zero~0|conv~1|/2,5,3")
    #expect(space.canonicalString(arch) == "|conv~0|+|zero~0|conv~1|/2,5,3")
  }

  @Test func unknownOp() {
    #expect(error(replacing: "ops: [zero, conv]", with: "ops: [zero, cnov]")
      == "spaces/tiny.yaml:23:17: cells.cell.ops[1]: unknown op \"cnov\" (did you mean \"conv\"?)")
    #expect(error(replacing: "{op: head}", with: "{op: tail}")
      == "spaces/tiny.yaml:28:10: network[3].op: unknown op \"tail\"; the ops of this space are zero, conv, stem, head")
  }

  @Test func cellEdgeToAnEarlierNode() {
    #expect(error(replacing: "[0->1, 0->2, 1->2]", with: "[0->1, 0->2, 2->1]")
      == "spaces/tiny.yaml:22:25: cells.cell.edges[2]: edge 2->1 does not go forward: a cell is a DAG, so every edge goes from a lower-numbered node to a higher one")
    #expect(error(replacing: "[0->1, 0->2, 1->2]", with: "[0->1, 0->2, 1->3]")
      == "spaces/tiny.yaml:22:25: cells.cell.edges[2]: edge 1->3 names a node that does not exist (nodes 0…2)")
    #expect(error(replacing: "[0->1, 0->2, 1->2]", with: "[0->2, 1->2]")
      == "spaces/tiny.yaml:22:12: cells.cell.edges: node 1 has no incoming edge")
  }

  @Test func stageWithZeroBlocks() {
    #expect(error(replacing: "depth: [1, 2]", with: "depth: [0, 2]")
      == "spaces/tiny.yaml:27:36: network[2].depth[0]: a stage needs at least one block; got 0")
    #expect(error(replacing: "depth: [1, 2]", with: "blocks: 0")
      == "spaces/tiny.yaml:27:36: network[2].blocks: a stage needs at least one block; got 0")
  }

  @Test func emptyChoiceList() {
    #expect(error(replacing: "per_block: {kernel: [3, 5]}", with: "per_block: {kernel: []}")
      == "spaces/tiny.yaml:27:84: network[2].per_block.kernel: empty choice list: give at least one choice")
    #expect(error(replacing: "ops: [zero, conv]", with: "ops: []")
      == "spaces/tiny.yaml:23:10: cells.cell.ops: empty choice list: give at least one choice")
    #expect(error(replacing: "depth: [1, 2]", with: "depth: []")
      == "spaces/tiny.yaml:27:35: network[2].depth: empty choice list: give at least one choice")
  }

  @Test func templateProblems() {
    #expect(error(replacing: "kernel: kernel}", with: "kernel: kernal}")
      == "spaces/tiny.yaml:10:40: ops.conv.layers[0].kernel: unknown name \"kernal\" in \"kernal\" (did you mean \"kernel\"?)")
    #expect(error(replacing: "{type: batchnorm}", with: "{type: batchnrom}")
      == "spaces/tiny.yaml:11:16: ops.conv.layers[1].type: unknown layer type \"batchnrom\" (did you mean \"batchnorm\"?)")
    #expect(error(replacing: "per_block: {kernel: [3, 5]}", with: "per_block: {kernal: [3, 5]}")
      == "spaces/tiny.yaml:27:84: network[2].per_block.kernal: op conv has no parameter \"kernal\" (did you mean \"kernel\"?)")
    // A channel count that is not whole is found by lowering every choice at load time.
    let fractional = error(replacing: "- {type: conv, K: C_out, kernel: kernel}", with: "- {type: conv, K: \"C_out / 3\", kernel: kernel}")
    #expect(fractional == "spaces/tiny.yaml:10:9: ops.conv.layers[0]: expected a whole number, got 5.333333333333333 while lowering s1.b0 (op conv: C_in 8, C_out 16, input 32×32, stride 2, kernel 3) (checking |zero~0|+|zero~0|zero~1|/1,3 on cifar10)")
  }

  @Test func unknownKeyAndCell() {
    #expect(error(replacing: "    nodes: 2", with: "    nodse: 2")
      == "spaces/tiny.yaml:21:5: cells.cell.nodse: unknown key (did you mean \"nodes\"?)")
    #expect(error(replacing: "{cells: cell, count: 2, C: 8}", with: "{cells: cel, count: 2, C: 8}")
      == "spaces/tiny.yaml:26:13: network[1].cells: unknown cell \"cel\" (did you mean \"cell\"?)")
  }

  @Test func architectureStringsNameTheWrongPosition() throws {
    let space = try SearchSpace(yaml: Self.valid, file: "spaces/tiny.yaml")
    func problem(_ text: String) -> String? {
      do { _ = try space.parse(text); return nil } catch { return error.description }
    }
    #expect(problem("|conv~0|+|zero~0|cnov~1|/2,5,3")
      == "position 18 (cell.1->2): \"cnov\" is not a choice; expected one of zero, conv")
    #expect(problem("|conv~0|+|zero~0|conv~2|/2,5,3")
      == "position 23: node 2 has no edge from node 2; its inputs are 0, 1")
    #expect(problem("|conv~0|+|zero~0|conv~1|/2,5,7")
      == "position 30 (s1.b1.kernel): \"7\" is not a choice; expected one of 3, 5")
    #expect(problem("|conv~0|+|zero~0|conv~1|/1,5,3")
      == "position 30 (s1): stage s1 builds 1 block with 1 choice each, so it takes 2 values (1 for the stage first); found 3")
    #expect(problem("|conv~0|+|zero~0|conv~1|")
      == "position 25: expected 2 groups separated by \"/\" (cell cell / stage values), found 1")
  }

  @Test func dartsStrings() throws {
    let darts = try ShippedSpaces.darts.get()
    func problem(_ text: String) -> String? {
      do { _ = try darts.parse(text); return nil } catch { return error.description }
    }
    let normal = "sep_conv_3x3:0,sep_conv_3x3:1,sep_conv_3x3:0,sep_conv_3x3:1,sep_conv_3x3:1,skip_connect:0,skip_connect:0,dil_conv_3x3:2"
    #expect(problem(normal + "/" + normal) == nil)
    #expect(problem(normal.replacingOccurrences(of: "dil_conv_3x3:2", with: "dil_conv_3x3:5") + "/" + normal)
      == "position 119 (normal.n5.inputs): node 5 can only take inputs 0…4, got 5")
    #expect(problem(normal.replacingOccurrences(of: "sep_conv_3x3:0,sep_conv_3x3:1,sep_conv_3x3:0", with: "sep_conv_3x3:0,sep_conv_3x3:0,sep_conv_3x3:0") + "/" + normal)
      == "position 29 (normal.n2.inputs): node 2 takes input 0 twice; its 2 inputs must differ")
    // Either order of a node's two edges is the same architecture.
    let swapped = normal.replacingOccurrences(of: "sep_conv_3x3:0,sep_conv_3x3:1,sep_conv_3x3:0", with: "sep_conv_3x3:1,sep_conv_3x3:0,sep_conv_3x3:0")
    #expect(try darts.parse(swapped + "/" + normal) == darts.parse(normal + "/" + normal))
  }
}
