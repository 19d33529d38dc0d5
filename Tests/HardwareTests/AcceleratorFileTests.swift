import SeededRandom
import Foundation
import SpecFiles
import TestSupport
import Testing
import Workload
@testable import Hardware

@Suite("Accelerator, sweep and dataflow files")
struct AcceleratorFileTests {
  static func read(_ text: String, file: String = "test.yaml") throws(SpecError) -> AcceleratorSet {
    let (kind, root) = try SpecDocument.header(of: try SpecDocument.parse(text, file: file), kinds: ["accelerator", "sweep"])
    return try AcceleratorFile.read(kind: kind, root: root, folder: TestPaths.project("accelerators"))
  }

  static func error(_ text: String) -> SpecError? {
    do { _ = try read(text); return nil } catch { return error }
  }

  static let valid = """
    schema: duet/v1
    kind: accelerator
    name: test
    pes: 64
    noc_bw: 300
    offchip_bw: 50
    dataflow: yr-p
    """

  @Test func shippedDataflowFilesEqualTheBuiltInPresets() throws {
    for name in ["kc-p", "yr-p", "x-p", "dpt"] {
      let loaded = try DataflowFile.load(path: TestPaths.project("accelerators/dataflows/\(name).yaml"))
      let builtIn = DataflowPreset.named(name)!
      #expect(loaded.dataflow == builtIn.dataflow, "\(name)")
      #expect(loaded.kindOverrides == builtIn.kindOverrides, "\(name)")
    }
  }

  @Test func maestroGridIsTheReferenceGrid() throws {
    let set = try AcceleratorFile.load(path: TestPaths.project("accelerators/maestro-grid.yaml"))
    #expect(set.accelerators.count == 162)
    #expect(Set(set.accelerators.map(\.label)).count == 162)
    #expect(set.accelerators.allSatisfy { $0.hardware.nocHopLatency == 0 })
    let conv = Layer.convolution(in: 64, out: 64, kernel: 3, input: 56)
    let invalid = set.accelerators.filter { !$0.cost(of: conv).validity.isValid }
    #expect(invalid.count == 18)  // kc-p at 16 and 32 PEs × 9 bandwidth points
    #expect(invalid.allSatisfy { $0.dataflow.name == "kc-p" && $0.hardware.pes < 64 })
  }

  @Test func semiDecoupledGridHas150PointsAndItsTarget() throws {
    let set = try AcceleratorFile.load(path: TestPaths.project("accelerators/semi-decoupled-grid.yaml"))
    #expect(set.accelerators.count == 150)
    #expect(set.target == "kcp_ws_19")
    let target = set.accelerators.first { $0.label == "kcp_ws_19" }!
    #expect(target.hardware == MaestroHardware(pes: 512, nocBandwidth: 900, nocHops: 1, nocHopLatency: 1, offchipBandwidth: 350))
    #expect(target.dataflow.name == "kc-p")
    let conv = Layer.convolution(in: 16, out: 16, kernel: 3, input: 32)
    #expect(set.accelerators.filter { $0.cost(of: conv).validity.isValid }.count == 132)
  }

  /// The shipped grid is the paper's, point for point: the reference CSV's figures, its target, and
  /// validity where the real MAESTRO ran (`maestro_ran`).
  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared/reference"))
  func semiDecoupledGridEqualsTheReferenceCSV() throws {
    let path = try #require(TestPaths.shared("reference/semi_decoupled_accelerators.csv"))
    let table = try CSVTable(path: path)
    let set = try AcceleratorFile.load(path: TestPaths.project("accelerators/semi-decoupled-grid.yaml"))
    #expect(set.accelerators.count == table.rows.count)
    let byName = Dictionary(uniqueKeysWithValues: set.accelerators.map { ($0.label, $0) })
    let presets = ["kcp_ws": "kc-p", "rs": "yr-p", "xp_ws": "x-p"]
    let conv = Layer.convolution(in: 16, out: 16, kernel: 3, input: 32)
    for row in table.rows.indices {
      func field(_ name: String) throws -> String { table.rows[row][try table.column(name)] }
      func integer(_ name: String) throws -> Int { try #require(Int(try field(name)), "\(name) on line \(table.lines[row])") }
      let id = try field("accel_id")
      let accelerator = try #require(byName[id], "\(id) is missing from the shipped grid")
      #expect(accelerator.dataflow.name == presets[try field("dataflow")], "\(id)")
      #expect(accelerator.hardware.pes == (try integer("num_pes")), "\(id)")
      #expect(accelerator.hardware.nocBandwidth == (try integer("noc_bw")), "\(id)")
      #expect(accelerator.hardware.offchipBandwidth == (try integer("offchip_bw")), "\(id)")
      #expect(accelerator.l1SizeElements == (try integer("l1_size")), "\(id)")
      #expect(accelerator.l2SizeElements == (try integer("l2_size")), "\(id)")
      #expect((set.target == id) == (try field("is_paper_target") == "1"), "\(id)")
      #expect(accelerator.cost(of: conv).validity.isValid == (try field("maestro_ran") == "yes"), "\(id)")
    }
  }

  @Test func shippedAcceleratorLoads() throws {
    let set = try AcceleratorFile.load(path: TestPaths.project("accelerators/kcp-256.yaml"))
    #expect(set.accelerators.count == 1)
    #expect(set.accelerators[0].hardware.pes == 256 && set.accelerators[0].l2SizeElements == 3000)
  }

  @Test func acceleratorsAreHashableCacheKeys() throws {
    let a = try Self.read(Self.valid).accelerators[0]
    let b = try Self.read(Self.valid).accelerators[0]
    #expect(a == b && a.hashValue == b.hashValue)
    var cache: [Accelerator: Int] = [a: 1]
    cache[b, default: 0] += 1
    #expect(cache.count == 1)
  }

  @Test func inlineDataflowAndEnergyTable() throws {
    let set = try Self.read("""
      schema: duet/v1
      kind: accelerator
      pes: 32
      noc_bw: 64
      offchip_bw: 16
      energy: {mac_pj: 1, l1_pj: 2, l2_pj: 6, noc_pj_per_hop: 2, dram_pj: 200}
      dataflow:
        name: ws-rows
        directives: ["TemporalMap(1,1) K", "TemporalMap(1,1) C", "SpatialMap(Sz(R),1) Y", "TemporalMap(Sz(S),1) X"]
        layer_kinds: {dwconv: dpt}
      """)
    let a = set.accelerators[0]
    #expect(a.dataflow.name == "ws-rows" && a.dataflow.kindOverrides[.dwconv]?.name == "dpt")
    #expect(a.energy.dramPicojoulesPerElement == 200)
    let cost = a.cost(of: Layer.convolution(in: 8, out: 8, kernel: 3, input: 20))
    #expect(cost.validity.isValid && (cost.energyPicojoules ?? 0) > 0)
  }

  @Test func hostileFilesGiveClearErrors() {
    func expectError(_ text: String, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
      guard let error = Self.error(text) else {
        Issue.record("no error for:\n\(text)", sourceLocation: sourceLocation)
        return
      }
      #expect(error.description.contains(fragment), "\(error)", sourceLocation: sourceLocation)
      #expect(error.line != nil, "\(error)", sourceLocation: sourceLocation)
    }
    expectError(Self.valid.replacingOccurrences(of: "pes: 64", with: "pes: 0"), "test.yaml:4:6: pes: expected a positive integer, got 0")
    expectError(Self.valid.replacingOccurrences(of: "pes: 64", with: "pes: -3"), "expected a positive integer, got -3")
    expectError(Self.valid.replacingOccurrences(of: "noc_bw: 300", with: "noc_bw: fast"), "noc_bw: expected an integer, got fast")
    expectError(Self.valid.replacingOccurrences(of: "offchip_bw: 50", with: "offchip_bw: 0"), "offchip_bw: expected a positive integer")
    expectError(Self.valid.replacingOccurrences(of: "pes: 64", with: "pes: 99999999999999999999999"), "pes")
    expectError(Self.valid.replacingOccurrences(of: "noc_bw: 300", with: "nocbw: 300"), "did you mean \"noc_bw\"")
    expectError(Self.valid.replacingOccurrences(of: "yr-p", with: "yr-q"), "unknown dataflow \"yr-q\"")
    expectError(Self.valid + "\nnon_mac_layers: sometimes", "non_mac_layers: expected one of")
    expectError(Self.valid + "\npadding: some", "padding: expected one of \"padded\", \"unpadded\"")
    expectError(Self.valid.replacingOccurrences(of: "dataflow: yr-p", with: """
      dataflow:
        name: bad
        directives: ["SpatialMap(1,1) Q"]
      """), "unknown dimension Q")
    expectError(Self.valid.replacingOccurrences(of: "dataflow: yr-p", with: """
      dataflow:
        name: bad
        directives: ["TemporalMap(1,1) K"]
      """), "has no SpatialMap")
    expectError(Self.valid.replacingOccurrences(of: "dataflow: yr-p", with: """
      dataflow:
        name: bad
        directives: ["SpatialMap(0,1) K"]
      """), "must be positive")
    expectError("""
      schema: duet/v1
      kind: sweep
      name: s
      grid: {pes: [64, 128]}
      base: {noc_bw: 10, offchip_bw: 10, dataflow: x-p}
      target: nowhere
      """, "no point is named \"nowhere\"")
  }

  /// A 10¹²-PE array and a cluster larger than the array load, and price as a value, never a trap.
  @Test func extremeButWellFormedHardwareIsPriced() throws {
    let big = try Self.read(Self.valid.replacingOccurrences(of: "pes: 64", with: "pes: 1000000000000")).accelerators[0]
    #expect(big.cost(of: Layer.convolution(in: 3, out: 64, kernel: 7, stride: 2, input: 224)).validity.isValid)
    let small = try Self.read(Self.valid.replacingOccurrences(of: "pes: 64", with: "pes: 2")).accelerators[0]
    let cost = small.cost(of: Layer.convolution(in: 3, out: 64, kernel: 7, stride: 2, input: 224))
    #expect(cost.validity.reason == "yr-p's Cluster(Sz(R)) needs at least 7 PEs; this accelerator has 2")
  }

  /// Seeded random corruptions of a valid file: each gives a result or a SpecError, never a trap.
  @Test func fuzzedFilesNeverCrash() {
    var rng = SplitMix64(seed: 7)
    let tokens = ["0", "-1", "1e400", "\"\"", "[]", "{}", "~", "kc-p", "Cluster(64)", ":", "- x", "\t", "999999999999999999999",
                  "SpatialMap(1,1) Y'", "[1, 2, 3]", "{pes: 3}", "Sz(Q)", "yes"]
    let lines = Self.valid.split(separator: "\n").map(String.init)
    var errors = 0, results = 0
    for _ in 0..<300 {
      var mutated = lines
      for _ in 0..<(1 + Int(rng.next() % 3)) {
        let i = Int(rng.next() % UInt64(mutated.count))
        switch rng.next() % 4 {
        case 0: mutated.remove(at: i)
        case 1:
          let parts = mutated[i].split(separator: ":", maxSplits: 1)
          mutated[i] = "\(parts[0]): \(tokens[Int(rng.next() % UInt64(tokens.count))])"
        case 2: mutated.insert(tokens[Int(rng.next() % UInt64(tokens.count))], at: i)
        default: mutated[i] = String(mutated[i].shuffled())
        }
        if mutated.isEmpty { mutated = ["x"] }
      }
      do {
        let set = try Self.read(mutated.joined(separator: "\n"))
        for a in set.accelerators { _ = a.cost(of: Layer.convolution(in: 16, out: 16, kernel: 3, input: 16)) }
        results += 1
      } catch {
        errors += 1
        #expect(!error.description.isEmpty)
      }
    }
    #expect(errors + results == 300 && errors > 100)
  }
}

@Suite("MAESTRO model, mapping and hardware files")
struct MaestroFileTests {
  @Test func fixtureModelFilesParse() throws {
    let folder = TestPaths.project("Tests/HardwareTests/Fixtures/maestro/model")
    let expected = ["vgg16": 13, "Resnet50": 66, "MobileNetV2": 56, "ResNeXt50": 50, "ncf": 12, "gnmt": 9]
    for (model, count) in expected {
      let file = try MaestroModelFile.load(path: "\(folder)/\(model)_model.m")
      #expect(file.entries.count == count, "\(model)")
    }
    let resnext = try MaestroModelFile.load(path: "\(folder)/ResNeXt50_model.m")
    let grouped = resnext.entries.first { $0.maestroType == "NGCONV" }!.layer
    #expect(grouped.kind == .groupedConvolution && grouped.g == 32 && grouped.k == 4 && grouped.c == 128)
    let mobilenet = try MaestroModelFile.load(path: "\(folder)/MobileNetV2_model.m")
    let dw = mobilenet.entries.first { $0.maestroType == "DSCONV" }!.layer
    #expect(dw.kind == .depthwiseConvolution && dw.k == dw.c)
  }

  @Test func mappingFileDataflowsAreInherited() throws {
    let text = """
      // a mapping file
      Constant KK 32;
      Network tiny {
        Layer Conv-1 {
          Type: CONV
          Stride { X: 2, Y: 2 }
          Dimensions { K: KK, C: 3, R: 3, S: 3, Y': 15, X': 15 }
          Dataflow {
            SpatialMap(1,1) K;
            TemporalMap(Sz(R),1) Y;
            Cluster(8, P);
            SpatialMap(1,1) C;
          }
        }
        Layer fc { Type: GEMM Dimensions { M: 4, N: 10, K: 256 } }
      }
      """
    let file = try MaestroModelFile.parse(text, file: "tiny.m")
    #expect(file.networkName == "tiny" && file.entries.count == 2)
    let conv = file.entries[0].layer
    #expect(conv.k == 32 && conv.y == 31 && conv.outputY == 15 && conv.strideY == 2)
    #expect(file.entries[0].dataflow?.levels.count == 2)
    #expect(file.entries[1].dataflow == file.entries[0].dataflow)
    #expect(file.entries[1].layer == Layer(kind: .gemm, k: 10, c: 256, y: 4, x: 1))
  }

  @Test func malformedModelFilesGivePositions() {
    func error(_ text: String) -> String {
      do { _ = try MaestroModelFile.parse(text, file: "m.m"); return "" } catch { return error.description }
    }
    #expect(error("Network n { Layer a { Type: POOL Dimensions { K: 1, C: 1, R: 1, S: 1, Y: 1, X: 1 } } }").contains("m.m:1:29: unsupported layer type POOL"))
    #expect(error("Network n {\n Layer a { Type: CONV\n Dimensions { K: 1, C: 1, R: 3, S: 3, Y: 2, X: 2 } } }").contains("m.m:2:10: the kernel (R=3"))
    #expect(error("Network n { Layer a { Type: CONV Dimensions { Q: 1 } } }").contains("unknown dimension Q"))
    #expect(error("Network n { Layer a { Type: CONV Dataflow { SpatialMap(1,1) W; } } }").contains("unknown dimension W"))
    #expect(error("Network n { Layer a { Type: CONV").contains("ends early"))
    #expect(error("").contains("ends early"))
  }

  @Test func hardwareFileUsesNumHopsAsLatency() throws {
    let text = "num_pes: 256\nl1_size_cstr: 100\nl2_size_cstr: 3000\nnoc_bw_cstr: 1000\noffchip_bw_cstr: 50\n"
    let hw = try MaestroHardwareFile.parse(text, file: "accelerator_1.m")
    #expect(hw.hardware == MaestroHardware(pes: 256, nocBandwidth: 1000, nocHops: 1, nocHopLatency: 1, offchipBandwidth: 50))
    #expect(hw.l2SizeElements == 3000)
    #expect(throws: SpecError.self) { try MaestroHardwareFile.parse("num_pes: 0\n", file: "h.m") }
    #expect(throws: SpecError.self) { try MaestroHardwareFile.parse("num_pe: 16\n", file: "h.m") }
  }
}
