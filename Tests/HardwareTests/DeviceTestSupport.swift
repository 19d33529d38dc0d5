import Analysis
import Foundation
import Hardware
import Spaces
import SpecFiles
import TestSupport
import Workload

// Helpers for the FPGA, roofline and measured-device tests: temporary files, and NAS-Bench-201 lowered
// by the product's `Spaces` machinery (spaces/nasbench201.yaml) with its distinct layers priced once per
// hardware, for rank agreement with HW-NAS-Bench's measurements.

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

// MARK: - NAS-Bench-201, lowered by Spaces

/// Every NB201 architecture of the HELP table lowered once (CIFAR-10) under one dead-edge rule, as counts
/// of the few dozen distinct layers of the whole space: a cost model prices each distinct layer once and
/// each architecture is a short weighted sum (15,625 networks of ~160 layers each would otherwise mean
/// 2.5 million cost-model calls per hardware point).
struct NB201Lowering {
  let deadEdges: LoweringOptions.DeadEdges
  /// The distinct layers of the whole space under this rule (33 under either rule).
  private(set) var layers: [Layer] = []
  /// Per architecture: (index into `layers`, how many times the network runs it); empty for a network
  /// `.prune` folds to a constant.
  private(set) var counts: [[(layer: Int, times: Int)]] = []

  init(space: SearchSpace, architectures: [Architecture], deadEdges: LoweringOptions.DeadEdges) throws {
    self.deadEdges = deadEdges
    guard let dataset = space.dataset(named: "cifar10") else { throw SpecError(file: space.file, problem: "no cifar10 dataset") }
    let options = LoweringOptions(deadEdges: deadEdges)
    var index: [Layer: Int] = [:]
    var times: [Int] = []
    counts.reserveCapacity(architectures.count)
    for arch in architectures {
      for item in try space.lower(arch, dataset: dataset, options: options).layers {
        if let id = index[item.layer] {
          times[id] += 1
        } else {
          index[item.layer] = layers.count
          layers.append(item.layer)
          times.append(1)
        }
      }
      counts.append(times.indices.compactMap { times[$0] > 0 ? ($0, times[$0]) : nil })
      for id in times.indices { times[id] = 0 }
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

  /// Every edge lowered (HW-NAS-Bench's simulators price the cell so).
  static let keep = make(.keep)
  /// Only edges reaching the cell output; nothing when the output is cut off (what a converter leaves).
  static let prune = make(.prune)
  static func lowering(_ rule: LoweringOptions.DeadEdges) -> NB201Lowering? { rule == .keep ? keep : prune }

  private static func make(_ rule: LoweringOptions.DeadEdges) -> NB201Lowering? {
    guard let data = HELPTable.data else { return nil }
    do {
      return try NB201Lowering(space: data.space, architectures: data.parsed, deadEdges: rule)
    } catch {
      TestPaths.note("cannot lower NAS-Bench-201: \(error)")
      return nil
    }
  }
}

/// HW-NAS-Bench / HELP measurements of all 15,625 NB201 architectures, read once: the columns the rank
/// tests use.
enum HELPTable {
  static let columns = ["fpga", "eyeriss", "pixel3", "raspi4"]

  struct Data {
    var space: SearchSpace
    /// The table's canonical strings, and the same parsed by the space.
    var architectures: [String]
    var parsed: [Architecture]
    var devices: [String: MeasuredDevice]
    /// NB201-convention FLOPs (millions) from the published table, the rank baseline.
    var flops: [Double]
  }

  static let data: Data? = {
    guard let latencyPath = TestPaths.shared("reference/devices/help_nb201_latency.csv"),
      let flopsPath = TestPaths.shared("reference/flops/nb201_flops.csv")
    else { return nil }
    do {
      let space = try SearchSpace.load(path: TestPaths.project("spaces/nasbench201.yaml"))
      let table = try CSVTable(path: latencyPath)
      let key = try table.column("arch_str")
      var devices: [String: MeasuredDevice] = [:]
      for column in columns {
        devices[column] = try MeasuredDevice(table: table, keyColumn: "arch_str", latencyColumn: column)
      }
      let flopsTable = try CSVTable(path: flopsPath)
      let (arch, dataset, mflops) = (try flopsTable.column("arch_str"), try flopsTable.column("dataset"),
                                     try flopsTable.column("flops_M"))
      var flopsByArch: [String: Double] = [:]
      for (i, row) in flopsTable.rows.enumerated() where row[dataset] == "cifar10" {
        flopsByArch[row[arch]] = try flopsTable.double(row: i, column: mflops)
      }
      let architectures = table.rows.map { $0[key] }
      return Data(space: space, architectures: architectures, parsed: try architectures.map { try space.parse($0) },
                  devices: devices, flops: architectures.map { flopsByArch[$0]! })
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

/// ρ rounded to four decimals, as the docs print it.
func rounded(_ rho: Double) -> String { String(format: "%.4f", rho) }
