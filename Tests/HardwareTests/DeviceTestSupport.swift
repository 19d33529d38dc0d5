import Analysis
import Foundation
import Hardware
import SpecFiles
import TestSupport
import Workload

// Test-only helpers for the FPGA, roofline and measured-device tests: temporary files, and a
// stand-alone NAS-Bench-201 lowering used to check rank agreement against HW-NAS-Bench's measurements until
// the `Spaces` lowering lands (the lead then swaps this for it; nothing here is product code).

/// Writes `text` to a fresh file in a temporary folder and returns its path.
func writeTemporaryFile(_ text: String, name: String = "spec.yaml", folder: String? = nil) -> String {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("duet-hardware-tests-\(folder ?? UUID().uuidString)")
  try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  let url = directory.appendingPathComponent(name)
  try! Data(text.utf8).write(to: url)  // a test's own temporary folder: failure is a broken machine
  return url.path
}

/// Spearman's ρ (the product's implementation).
func spearman(_ a: [Double], _ b: [Double]) -> Double { RankCorrelation.spearman(a, b) }

// MARK: - NAS-Bench-201 (test-only lowering)

/// Which cell edges a lowering charges. Rank agreement depends on this more than on any hardware setting.
enum NB201EdgeRule: String, CaseIterable {
  /// Every edge that is not `none`, whether or not it reaches the cell output (HW-NAS-Bench's FPGA and
  /// Eyeriss simulators price the cell this way).
  case allEdges
  /// Only edges whose destination reaches the cell output; when no path joins the cell input to its
  /// output the whole network is a constant and costs nothing. This is what a graph converter leaves of
  /// the network (HW-NAS-Bench's measured Pixel 3 and Raspberry Pi 4 numbers behave so: 341 such
  /// architectures measure ≈ 0 ms).
  case reachingOutput
}

/// One NAS-Bench-201 cell: six edges j → i (0 ≤ j < i ≤ 3), each an operation.
struct NB201Cell {
  struct Edge { var from: Int; var to: Int; var operation: String }
  var edges: [Edge]

  /// Parses `|op~0|+|op~0|op~1|+|op~0|op~1|op~2|`.
  init(_ text: String) {
    var edges: [Edge] = []
    for (index, node) in text.split(separator: "+").enumerated() {
      for item in node.split(separator: "|") where !item.isEmpty {
        let parts = item.split(separator: "~")
        edges.append(Edge(from: Int(parts[1])!, to: index + 1, operation: String(parts[0])))
      }
    }
    precondition(edges.count == 6, "not an NB201 cell: \(text)")
    self.edges = edges
  }

  /// Nodes reachable from the input, and nodes that reach the output, through non-`none` edges.
  var reachability: (fromInput: Set<Int>, toOutput: Set<Int>) {
    var forward: Set<Int> = [0]
    for edge in edges.sorted(by: { $0.to < $1.to }) where edge.operation != "none" && forward.contains(edge.from) {
      forward.insert(edge.to)
    }
    var backward: Set<Int> = [3]
    for edge in edges.sorted(by: { $0.to > $1.to }) where edge.operation != "none" && backward.contains(edge.to) {
      backward.insert(edge.from)
    }
    return (forward, backward)
  }

  /// The layers of one cell at `channels` × `size`², under `rule`: ReLU–conv–BN per convolution edge,
  /// a 3×3 average pool per pool edge, an identity per skip, and (when `additions`) one add per node with
  /// several inputs.
  func layers(channels c: Int, size: Int, rule: NB201EdgeRule, additions: Bool) -> [Layer] {
    let (_, toOutput) = reachability
    var layers: [Layer] = []
    var inputs = [0, 0, 0, 0]
    for edge in edges where edge.operation != "none" {
      if rule == .reachingOutput && !toOutput.contains(edge.to) { continue }
      inputs[edge.to] += 1
      switch edge.operation {
      case "nor_conv_1x1", "nor_conv_3x3":
        let kernel = edge.operation == "nor_conv_1x1" ? 1 : 3
        layers.append(Layer(kind: .activation(.relu), k: c, c: c, y: size, x: size))
        layers.append(.convolution(in: c, out: c, kernel: kernel, input: size))
        layers.append(Layer(kind: .batchNorm, k: c, c: c, y: size, x: size))
      case "avg_pool_3x3":
        layers.append(Layer(kind: .pooling(.average), k: c, c: c, r: 3, s: 3, y: size, x: size, padY: 1, padX: 1))
      case "skip_connect":
        layers.append(Layer(kind: .identity, k: c, c: c, y: size, x: size))
      default:
        preconditionFailure("unknown NB201 operation \(edge.operation)")
      }
    }
    for count in inputs where additions && count >= 2 {
      layers.append(Layer(kind: .elementwise(.add), k: c, c: c, y: size, x: size, operands: count))
    }
    return layers
  }
}

/// The NB201 CIFAR network around the cells: stem, two residual reduction blocks, classifier.
enum NB201Network {
  /// (channels, feature-map size) of the three stages of five cells each.
  static let stages = [(16, 32), (32, 16), (64, 8)]

  /// Layers outside the cells (the same for every architecture).
  static let fixedLayers: [Layer] = {
    var layers: [Layer] = [.convolution(in: 3, out: 16, kernel: 3, input: 32), Layer(kind: .batchNorm, k: 16, c: 16, y: 32, x: 32)]
    for (c, size) in [(16, 32), (32, 16)] {
      let out = 2 * c, half = size / 2
      layers += [
        Layer(kind: .activation(.relu), k: c, c: c, y: size, x: size),
        .convolution(in: c, out: out, kernel: 3, stride: 2, padding: 1, input: size),
        Layer(kind: .batchNorm, k: out, c: out, y: half, x: half),
        Layer(kind: .activation(.relu), k: out, c: out, y: half, x: half),
        .convolution(in: out, out: out, kernel: 3, input: half),
        Layer(kind: .batchNorm, k: out, c: out, y: half, x: half),
        Layer(kind: .pooling(.average), k: c, c: c, r: 2, s: 2, y: size, x: size, strideY: 2, strideX: 2),
        .convolution(in: c, out: out, kernel: 1, input: half),
        Layer(kind: .elementwise(.add), k: out, c: out, y: half, x: half, operands: 2),
      ]
    }
    layers += [
      Layer(kind: .batchNorm, k: 64, c: 64, y: 8, x: 8), Layer(kind: .activation(.relu), k: 64, c: 64, y: 8, x: 8),
      Layer(kind: .pooling(.average), k: 64, c: 64, r: 8, s: 8, y: 8, x: 8), .fullyConnected(in: 64, out: 10),
    ]
    return layers
  }()
}

/// Every NB201 architecture lowered once under one set of rules, as counts of a few distinct layers, so a
/// cost model prices each distinct layer once and each architecture is a short weighted sum.
struct NB201Lowering {
  let rule: NB201EdgeRule
  let additions: Bool
  /// The distinct layers of the whole space under these rules (a few dozen).
  private(set) var layers: [Layer] = []
  /// Per architecture: (index into `layers`, how many times the network runs it).
  private(set) var counts: [[(layer: Int, times: Int)]] = []

  init(_ architectures: [String], rule: NB201EdgeRule, additions: Bool) {
    self.rule = rule
    self.additions = additions
    var index: [Layer: Int] = [:]
    func id(_ layer: Layer) -> Int {
      if let known = index[layer] { return known }
      index[layer] = layers.count
      layers.append(layer)
      return layers.count - 1
    }
    let fixed = NB201Network.fixedLayers.map(id)
    for text in architectures {
      let cell = NB201Cell(text)
      // A cell whose output is cut off from its input makes the network a constant: nothing runs.
      if rule == .reachingOutput && !cell.reachability.fromInput.contains(3) { counts.append([]); continue }
      var times: [Int: Int] = [:]
      for layer in fixed { times[layer, default: 0] += 1 }
      for (c, size) in NB201Network.stages {
        for layer in cell.layers(channels: c, size: size, rule: rule, additions: additions) { times[id(layer), default: 0] += 5 }
      }
      counts.append(times.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }
  }

  /// Every architecture's latency, in seconds, in the order given to `init`.
  func latencySeconds(_ price: (Layer) -> LayerCost) -> [Double] {
    let perLayer = layers.map { layer -> Double in
      let cost = price(layer)
      precondition(cost.validity.isValid, "invalid NB201 layer \(layer): \(cost.validity.reason ?? "")")
      return cost.latencySeconds
    }
    return counts.map { $0.reduce(0) { $0 + perLayer[$1.layer] * Double($1.times) } }
  }

  /// HW-NAS-Bench's simulator conventions: every edge charged, additions free.
  static let hwNASBench = HELPTable.data.map { NB201Lowering($0.architectures, rule: .allEdges, additions: false) }
  /// Every edge charged, additions priced.
  static let allEdges = HELPTable.data.map { NB201Lowering($0.architectures, rule: .allEdges, additions: true) }
  /// Only what reaches the cell output, additions priced (what a graph converter leaves).
  static let reachingOutput = HELPTable.data.map { NB201Lowering($0.architectures, rule: .reachingOutput, additions: true) }
}

/// HW-NAS-Bench / HELP measurements of all 15,625 NB201 architectures, read once.
enum HELPTable {
  struct Data {
    var architectures: [String]
    var devices: [String: MeasuredDevice]
    /// NB201-convention FLOPs (millions) from the published table, the rank baseline.
    var flops: [Double]
  }

  static let data: Data? = {
    guard let latencyPath = TestPaths.shared("reference/devices/help_nb201_latency.csv"),
      let flopsPath = TestPaths.shared("reference/flops/nb201_flops.csv")
    else { return nil }
    do {
      let table = try CSVTable(path: latencyPath)
      let key = try table.column("arch_str")
      let devices = try MeasuredDevice.devices(in: table, keyColumn: "arch_str", excluding: ["index"])
      let flopsTable = try CSVTable(path: flopsPath)
      let (arch, dataset, mflops) = (try flopsTable.column("arch_str"), try flopsTable.column("dataset"),
                                     try flopsTable.column("flops_M"))
      var flopsByArch: [String: Double] = [:]
      for (i, row) in flopsTable.rows.enumerated() where row[dataset] == "cifar10" {
        flopsByArch[row[arch]] = try flopsTable.double(row: i, column: mflops)
      }
      let architectures = table.rows.map { $0[key] }
      return Data(architectures: architectures,
                  devices: Dictionary(uniqueKeysWithValues: devices.map { ($0.name, $0) }),
                  flops: architectures.map { flopsByArch[$0]! })
    } catch {
      TestPaths.note("cannot read the HELP tables: \(error)")
      return nil
    }
  }()

  /// A device's measured latencies in the table's architecture order.
  static func measured(_ device: String, in data: Data) -> [Double] {
    data.architectures.map { data.devices[device]!.latencySeconds(of: $0)! }
  }
}
