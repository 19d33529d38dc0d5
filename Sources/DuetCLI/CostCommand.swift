import SVGCharts
import ArgumentParser
import CoDesign
import Foundation
import Hardware
import Reports
import Workload

/// `duet cost`: price a workload, layer by layer.
struct CostCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cost",
    abstract: "Price a network layer by layer (MACs, parameters; runtime, latency and energy on hardware).",
    discussion: """
      The workload is a Duet network YAML (see workloads/) or a MAESTRO model/mapping file (.m). Without \
      --accelerators, prints the layers' shapes, MACs and parameters. With a hardware file, prices every \
      layer on every point of it and writes one row per (layer, point) plus a network total per point \
      (layer_idx "total"). Hardware files (accelerators/, docs/maestro.md, docs/fpga-and-devices.md): \
      kind: accelerator or sweep (the MAESTRO-like model), kind: fpga (the tiled FPGA model), kind: device \
      (a roofline device), or a MAESTRO hardware file (.m). The cost_model column says which model priced \
      a row; columns of another model are empty. A measured-device file prices whole architectures, not \
      layers: use it with duet monotonicity or duet adapt.

      Conventions (docs/maestro.md): a padded layer is priced on its padded input (accelerator key \
      padding: unpadded prices it on the unpadded input, as MAESTRO's frontend writes model files); a dilated conv as a \
      dense R×S conv with the same output size; a transposed conv as the direct conv over its \
      zero-inserted input; depth-wise layers as MAESTRO's DSCONV (K = 1) with the preset's depth-wise \
      dataflow (dpt by default); grouped as NGCONV with per-group K and C; GEMM/FC as CONV with R = S = 1 \
      over Y×X rows. Non-MAC layers (pooling, adds, batch-norm, activations) follow the hardware's \
      non_mac_layers rule (free, depthwise, convolution or hw-nas-bench; accelerators default to free, as \
      MAESTRO prices only MAC layers, FPGAs to depthwise). Points that cannot run (KC-P below 64 PEs, \
      case counts beyond 32 bits, an FPGA design over its board) are rows with valid=false and a reason.

      Examples:
        duet cost --workload resnet50
        duet cost --workload workloads/resnet50.yaml --accelerators maestro-grid --out resnet50.csv
        duet cost --workload mobilenetv2 --accelerators fpga/zcu102-d2
        duet cost --workload mobilenetv2 --accelerators s5e --out rows.json
        duet cost --workload Tests/HardwareTests/Fixtures/maestro/model/vgg16_model.m --accelerators kcp-256 --dataflow rs
        duet cost --workload resnet50 --accelerators maestro-grid --report reports/resnet50-sweep
      """
  )

  @Option(help: ArgumentHelp("Network YAML or MAESTRO .m file (a path, or a shipped name such as resnet50).", valueName: "file"))
  var workload: String

  @Option(help: ArgumentHelp("Hardware file: accelerator, sweep, fpga or device YAML, or a MAESTRO hardware .m (a path, or a name in accelerators/, accelerators/fpga/ or accelerators/devices/ such as maestro-grid, zcu102-d2, s5e).", valueName: "file"))
  var accelerators: String?

  @Option(help: ArgumentHelp("Write every row to this file (.csv or .json).", valueName: "file"))
  var out: String?

  @Option(help: ArgumentHelp("Dataflow for every MAESTRO-like accelerator: a preset (kc-p, yr-p, x-p, dpt or MAESTRO's kcp_ws, rs, xp_ws) or a dataflow YAML. Default for a MAESTRO hardware file: kc-p.", valueName: "name"))
  var dataflow: String?

  @Option(help: ArgumentHelp("Write a report folder: index.html with runtime and energy heatmaps over PEs × NoC bandwidth per dataflow and off-chip bandwidth, costs.csv, sweep.json and run.json.", valueName: "folder"))
  var report: String?

  @Flag(help: "Price each layer with the Dataflow block written in the MAESTRO mapping file (a layer without one inherits the previous), instead of the accelerator's dataflow.")
  var mappingDataflows = false

  func validate() throws {
    if let out, !(out.hasSuffix(".csv") || out.hasSuffix(".json")) {
      throw ValidationError("--out must name a .csv or .json file, got \(out)")
    }
    if out != nil && accelerators == nil { throw ValidationError("--out needs --accelerators") }
    if report != nil && accelerators == nil { throw ValidationError("--report needs --accelerators") }
  }

  func run() async throws {
    guard let path = ShippedFiles.resolve(workload, folder: "workloads", extensions: ["yaml", "yml", "m"]) else {
      throw UserError("no workload \"\(workload)\" (not a file, and not a shipped name in workloads/)")
    }
    var dataflows: [Dataflow?] = []
    let network: Network
    if path.hasSuffix(".m") {
      let file = try MaestroModelFile.load(path: path)
      network = file.network
      dataflows = file.entries.map(\.dataflow)
    } else {
      network = try Network.load(path: path)
    }
    guard let acceleratorsName = accelerators else {
      print(WorkloadTable.render(network))
      return
    }
    guard let hardwarePath = ShippedFiles.resolveHardware(acceleratorsName, extensions: ["yaml", "yml", "m"]) else {
      throw UserError("no hardware file \"\(acceleratorsName)\" (not a file, and not a name in accelerators/, accelerators/fpga/ or accelerators/devices/)")
    }
    var file: HardwareFile
    if hardwarePath.hasSuffix(".m") {
      // A MAESTRO hardware file (num_pes: …); MAESTRO's --HW_file semantics (NoC latency = NoC_NumHops).
      let maestro = try MaestroHardwareFile.load(path: hardwarePath)
      let name = URL(fileURLWithPath: hardwarePath).deletingPathExtension().lastPathComponent
      let accelerator = Accelerator(name: name, hardware: maestro.hardware, dataflow: try Self.preset(dataflow ?? "kc-p"),
                                    l1SizeElements: maestro.l1SizeElements, l2SizeElements: maestro.l2SizeElements)
      file = HardwareFile(name: name, kind: .accelerator, points: [HardwarePoint(label: name, kind: .accelerator, model: accelerator)])
    } else {
      file = try HardwareFile.loadCostModels(
        path: hardwarePath, measuredDeviceNote: "use it with duet monotonicity or duet adapt")
      if let dataflow {
        guard file.kind == .accelerator || file.kind == .sweep else {
          throw UserError("--dataflow applies to MAESTRO-like accelerators; \(hardwarePath) is kind: \(file.kind.rawValue)")
        }
        let preset = try Self.preset(dataflow)
        for i in file.points.indices {
          guard var accelerator = file.points[i].accelerator else { continue }
          accelerator.dataflow = preset
          // The file's name described its own dataflow; label the point by its figures instead.
          accelerator.name = ""
          file.points[i].model = accelerator
          file.points[i].label = accelerator.label
        }
      }
    }
    var perLayer: [Dataflow?]? = nil
    if mappingDataflows {
      guard dataflows.contains(where: { $0 != nil }) else {
        throw UserError("--mapping-dataflows needs a MAESTRO mapping file with Dataflow blocks; \(path) has none")
      }
      guard !file.accelerators.isEmpty else {
        throw UserError("--mapping-dataflows applies to MAESTRO-like accelerators; \(hardwarePath) is kind: \(file.kind.rawValue)")
      }
      perLayer = dataflows
    }
    let rows = CostRows(network: network, points: file.points,
                        pricings: file.points.map { $0.price(network, layerDataflows: perLayer) })
    if let out {
      try AtomicFile.write(out.hasSuffix(".json") ? rows.table.json : rows.table.csv, to: out)
    }
    if let report {
      try Self.writeReport(folder: report, rows: rows, network: network, file: file,
                           command: DuetMain.commandLine)
    }
    print(rows.summary(target: file.target))
    if let report { print("report: \(URL(fileURLWithPath: report).appendingPathComponent(RunFolder.pageName).path)") }
  }

  /// The sweep's run folder: every row (costs.csv), the network totals (sweep.json), run.json, and the page.
  static func writeReport(folder: String, rows: CostRows, network: Network, file: HardwareFile, command: [String]) throws {
    let accelerators = file.accelerators
    guard accelerators.count == file.points.count else {
      throw UserError("--report draws heatmaps over PEs × NoC bandwidth, so it needs MAESTRO-like accelerators; \(file.name) is kind: \(file.kind.rawValue)")
    }
    let points = zip(accelerators, rows.totals).map { accelerator, total in
      CostSweep.Point(label: total.label, figures: HardwareFigures(accelerator)!,  // every point here is an Accelerator
                      runtimeCycles: total.invalidReason == nil ? total.runtimeCycles.map(Double.init) : nil,
                      energyPicojoules: total.invalidReason == nil ? total.energyPicojoules : nil,
                      invalidReason: total.invalidReason)
    }
    let sweep = CostSweep(workload: network.name, layerCount: network.layers.count, macs: Double(network.macs),
                          sweep: file.name, target: file.target, points: points)
    let run = RunDescription(
      command: command, duetVersion: Duet.version,
      facts: [Fact("workload", "\(network.name): \(network.layers.count) layers, \(ValueFormat.grouped(network.macs)) MACs"),
              Fact("accelerators", "\(file.name): \(accelerators.count) points")],
      conventions: (AcceleratorConventions.lines(accelerators) + [
        ("runtime", "cycles of the whole network: the sum over layers of the MAESTRO-like model's runtime"),
        ("validity", "a design is invalid when any layer cannot run on it; the first such layer's reason is kept"),
      ]).map { Fact($0.0, $0.1) })
    var files = [
      DataFile(name: "costs.csv", text: rows.table.csv,
               description: "one row per (layer, accelerator) plus a network total per accelerator (layer_idx total); runtime in cycles, energy in pJ"),
      DataFile(name: "sweep.json", contents: try ReportJSON.encode(sweep, pretty: true),
               description: "the network totals per accelerator that the page draws (runtime in cycles, energy in pJ, null when invalid)"),
    ]
    files.append(try RunRecord.dataFile(kind: .costSweep, run: run, dataFiles: files))
    try RunFolder(path: folder).write(page: SweepReport.page(sweep: sweep, run: run, files: files), dataFiles: files)
  }

  /// A built-in preset, a dataflow YAML path, or a file in accelerators/dataflows/.
  static func preset(_ name: String) throws -> DataflowPreset {
    if let preset = DataflowPreset.named(name) { return preset }
    guard let path = ShippedFiles.resolve(name, folder: "accelerators/dataflows") else {
      throw UserError("unknown dataflow \"\(name)\": not a preset (kc-p, yr-p, x-p, dpt, kcp_ws, rs, xp_ws) nor a dataflow file")
    }
    return try DataflowFile.load(path: path)
  }
}

/// A plain-text table of a network's layers, shapes and counts.
enum WorkloadTable {
  /// `name: 54 layers, 4,089,184,256 MACs, 25,503,912 parameters`.
  static func summary(_ network: Network) -> String {
    "\(network.name): \(network.layers.count) layers, \(ValueFormat.grouped(network.macs)) MACs, \(ValueFormat.grouped(network.parameters)) parameters"
  }

  static func render(_ network: Network) -> String {
    var lines = [summary(network)]
    lines.append(pad(["#", "layer", "type", "K", "C", "R×S", "Y×X in", "stride", "Y×X out", "MACs", "params"]))
    for (index, item) in network.layers.enumerated() {
      let l = item.layer
      lines.append(pad([
        "\(index)", item.name, l.kind.name, "\(l.k)", "\(l.c)", "\(l.r)×\(l.s)", "\(l.y)×\(l.x)",
        "\(l.strideY)", "\(l.outputY)×\(l.outputX)", ValueFormat.grouped(l.macs), ValueFormat.grouped(l.parameters),
      ]))
    }
    return lines.joined(separator: "\n")
  }

  static let widths = [4, 22, 10, 6, 6, 6, 10, 7, 10, 15, 12]
  static func pad(_ cells: [String]) -> String {
    zip(cells, widths).enumerated().map { index, pair in
      let (cell, width) = pair
      let padding = String(repeating: " ", count: max(0, width - cell.count))
      return index <= 2 ? cell + padding : padding + cell
    }.joined(separator: " ")
  }
}

extension CostRows {
  /// One line per hardware point: network runtime, latency and energy, or why it is invalid.
  func summary(target: String?) -> String {
    var lines = ["accelerator".padding(toLength: 34, withPad: " ", startingAt: 0) + "  valid  runtime (cycles)  latency (ms)   energy (µJ)"]
    for t in totals {
      let mark = t.label == target ? "*" : " "
      let name = (mark + t.label).padding(toLength: 34, withPad: " ", startingAt: 0)
      if let reason = t.invalidReason {
        lines.append("\(name)  \(t.validLayers)/\(t.layers)  invalid: \(reason)")
      } else {
        // Rooflines count no cycles; a model without an energy table gives none.
        let runtime = t.runtimeCycles.map { String(format: "%16lld", $0) } ?? String(repeating: " ", count: 15) + "-"
        let energy = t.energyPicojoules.map { String(format: "%12.3f", $0 / 1e6) } ?? String(repeating: " ", count: 11) + "-"
        lines.append(name + "  " + "\(t.validLayers)/\(t.layers)".padding(toLength: 5, withPad: " ", startingAt: 0)
          + "  " + runtime + String(format: "  %12.4f  ", t.latencySeconds * 1e3) + energy)
      }
    }
    if target != nil { lines.append("* target point of the sweep") }
    return lines.joined(separator: "\n")
  }
}
