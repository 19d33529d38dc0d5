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
    abstract: "Price a network layer by layer (MACs, parameters; runtime and energy on accelerators).",
    discussion: """
      The workload is a Duet network YAML (see workloads/) or a MAESTRO model/mapping file (.m). Without \
      --accelerators, prints the layers' shapes, MACs and parameters. With an accelerator or sweep YAML \
      (see accelerators/), prices every layer on every accelerator with the MAESTRO-like model and writes \
      one row per (layer, accelerator) plus a network total per accelerator (layer_idx "total").

      Conventions (docs/maestro.md): a padded layer is priced on its padded input (accelerator key \
      padding: unpadded prices it on the unpadded input, as MAESTRO's frontend writes model files); a dilated conv as a \
      dense R×S conv with the same output size; a transposed conv as the direct conv over its \
      zero-inserted input; depth-wise layers as MAESTRO's DSCONV (K = 1) with the preset's depth-wise \
      dataflow (dpt by default); grouped as NGCONV with per-group K and C; GEMM/FC as CONV with R = S = 1 \
      over Y×X rows. Non-MAC layers (pooling, adds, batch-norm, activations) follow the accelerator's \
      non_mac_layers rule (default free: MAESTRO prices only MAC layers). Points MAESTRO cannot run \
      (KC-P below 64 PEs, case counts beyond 32 bits) are rows with valid=false and a reason.

      Examples:
        duet cost --workload resnet50
        duet cost --workload workloads/resnet50.yaml --accelerators maestro-grid --out resnet50.csv
        duet cost --workload model.m --accelerators kcp-256 --out rows.json
        duet cost --workload vgg16_model.m --accelerators accelerator_1.m --dataflow rs
        duet cost --workload resnet50 --accelerators maestro-grid --report reports/resnet50-sweep
      """
  )

  @Option(help: ArgumentHelp("Network YAML or MAESTRO .m file (a path, or a shipped name such as resnet50).", valueName: "file"))
  var workload: String

  @Option(help: ArgumentHelp("Accelerator or sweep YAML (a path, or a name in accelerators/ such as maestro-grid).", valueName: "file"))
  var accelerators: String?

  @Option(help: ArgumentHelp("Write every row to this file (.csv or .json).", valueName: "file"))
  var out: String?

  @Option(help: ArgumentHelp("Dataflow for every accelerator: a preset (kc-p, yr-p, x-p, dpt or MAESTRO's kcp_ws, rs, xp_ws) or a dataflow YAML. Default for a MAESTRO hardware file: kc-p.", valueName: "name"))
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
    guard let acceleratorPath = ShippedFiles.resolve(acceleratorsName, folder: "accelerators") else {
      throw UserError("no accelerator file \"\(acceleratorsName)\" (not a file, and not a name in accelerators/)")
    }
    var set: AcceleratorSet
    if acceleratorPath.hasSuffix(".m") {
      // A MAESTRO hardware file (num_pes: …); MAESTRO's --HW_file semantics (NoC latency = NoC_NumHops).
      let file = try MaestroHardwareFile.load(path: acceleratorPath)
      let name = URL(fileURLWithPath: acceleratorPath).deletingPathExtension().lastPathComponent
      set = AcceleratorSet(name: name, accelerators: [
        Accelerator(name: name, hardware: file.hardware, dataflow: try Self.preset(dataflow ?? "kc-p"),
                    l1SizeElements: file.l1SizeElements, l2SizeElements: file.l2SizeElements),
      ], target: nil)
    } else {
      set = try AcceleratorFile.load(path: acceleratorPath)
      if let dataflow {
        let preset = try Self.preset(dataflow)
        for i in set.accelerators.indices { set.accelerators[i].dataflow = preset }
      }
    }
    var perLayer: [Dataflow?]? = nil
    if mappingDataflows {
      guard dataflows.contains(where: { $0 != nil }) else {
        throw UserError("--mapping-dataflows needs a MAESTRO mapping file with Dataflow blocks; \(path) has none")
      }
      perLayer = dataflows
    }
    let table = CostTable.build(network: network, accelerators: set.accelerators, layerDataflows: perLayer)
    if let out {
      try AtomicFile.write(out.hasSuffix(".json") ? table.json() : table.csv(), to: out)
    }
    if let report {
      try Self.writeReport(folder: report, table: table, network: network, set: set,
                           command: ["duet"] + CommandLine.arguments.dropFirst())
    }
    print(table.summary(target: set.target))
    if let report { print("report: \(URL(fileURLWithPath: report).appendingPathComponent(RunFolder.pageName).path)") }
  }

  /// The sweep's run folder: every row (costs.csv), the network totals (sweep.json), run.json, and the page.
  static func writeReport(folder: String, table: CostTable, network: Network, set: AcceleratorSet, command: [String]) throws {
    let points = zip(set.accelerators, table.totals).map { accelerator, total in
      CostSweep.Point(label: total.label, figures: HardwareFigures(accelerator)!,  // every point here is an Accelerator
                      runtimeCycles: total.reason == nil ? Double(total.runtime) : nil,
                      energyPicojoules: total.reason == nil ? total.energy : nil, invalidReason: total.reason)
    }
    let sweep = CostSweep(workload: network.name, layerCount: network.layers.count, macs: Double(network.macs),
                          sweep: set.name, target: set.target, points: points)
    let run = RunDescription(
      command: command, duetVersion: Duet.version,
      facts: [Fact("workload", "\(network.name): \(network.layers.count) layers, \(WorkloadTable.grouped(network.macs)) MACs"),
              Fact("accelerators", "\(set.name): \(set.accelerators.count) points")],
      conventions: (AcceleratorConventions.lines(set.accelerators) + [
        ("runtime", "cycles of the whole network: the sum over layers of the MAESTRO-like model's runtime"),
        ("validity", "a design is invalid when any layer cannot run on it; the first such layer's reason is kept"),
      ]).map { Fact($0.0, $0.1) })
    var files = [
      DataFile(name: "costs.csv", text: table.csv(),
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
  static func render(_ network: Network) -> String {
    var lines = ["\(network.name): \(network.layers.count) layers, \(grouped(network.macs)) MACs, \(grouped(network.parameters)) parameters"]
    lines.append(pad(["#", "layer", "type", "K", "C", "R×S", "Y×X in", "stride", "Y×X out", "MACs", "params"]))
    for (index, item) in network.layers.enumerated() {
      let l = item.layer
      lines.append(pad([
        "\(index)", item.name, l.kind.name, "\(l.k)", "\(l.c)", "\(l.r)×\(l.s)", "\(l.y)×\(l.x)",
        "\(l.strideY)", "\(l.outputY)×\(l.outputX)", grouped(l.macs), grouped(l.parameters),
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

  static func grouped(_ value: Int64) -> String {
    let digits = String(value.magnitude)
    var out = ""
    for (i, ch) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(ch)
    }
    return (value < 0 ? "-" : "") + out
  }
}

/// The rows of `duet cost --accelerators`: one per (layer, accelerator), plus a network total per
/// accelerator. Numbers are formatted exactly (integers as integers, doubles round-trip), so the same
/// command writes the same bytes.
struct CostTable {
  static let columns = [
    "model", "accelerator", "layer_idx", "layer", "type", "dataflow", "layer_mapping", "num_pes", "noc_bw",
    "offchip_bw", "noc_hop_latency", "runtime_cycles", "latency_s", "num_macs", "energy_mac_units", "energy_pJ",
    "l1_size_req", "l2_size_req", "peak_bw_req", "avg_bw_req", "offchip_bw_req", "avg_utilized_pes",
    "input_l2_read", "filter_l2_read", "output_l2_write", "valid", "invalid_reason",
  ]
  /// Columns written as JSON strings.
  static let textColumns: Set<String> = ["model", "accelerator", "layer", "type", "dataflow", "layer_mapping", "invalid_reason"]

  var rows: [[String]] = []
  var totals: [(label: String, valid: Int, layers: Int, runtime: Int64, latency: Double, energy: Double, reason: String?)] = []

  static func build(network: Network, accelerators: [Accelerator], layerDataflows: [Dataflow?]?) -> CostTable {
    var table = CostTable()
    for accelerator in accelerators {
      var runtime: Int64 = 0, macs: Int64 = 0, latency = 0.0, units = 0.0, picojoules = 0.0
      var l1: Int64 = 0, l2: Int64 = 0, peak: Int64 = 0, offchip: Int64 = 0
      var validCount = 0
      var firstInvalid: String? = nil
      for (index, item) in network.layers.enumerated() {
        var priced = accelerator
        if let df = layerDataflows?[index] ?? nil { priced.dataflow = DataflowPreset(dataflow: df) }
        let cost = priced.cost(of: item.layer)
        let m: MaestroLayerMetrics? = if case .maestro(let m) = cost.detail { m } else { nil }
        let mapping = priced.nonMACLayers.pricedLayer(for: item.layer).map { priced.dataflow.dataflow(for: $0.kind).name } ?? "-"
        var row = [
          network.name, accelerator.label, "\(index)", item.name, item.layer.kind.name, priced.dataflow.name, mapping,
          "\(accelerator.hardware.pes)", "\(accelerator.hardware.nocBandwidth)", "\(accelerator.hardware.offchipBandwidth)",
          "\(accelerator.hardware.nocHopLatency)",
        ]
        if cost.validity.isValid {
          validCount += 1
          let e = m?.energyMACUnits ?? 0
          runtime += cost.runtimeCycles ?? 0; macs += cost.macs; latency += cost.latencySeconds; units += e
          picojoules += cost.energyPicojoules ?? 0
          l1 = max(l1, m?.l1SizeRequirement ?? 0); l2 = max(l2, m?.l2SizeRequirement ?? 0)
          peak = max(peak, m?.peakNoCBandwidthRequirement ?? 0); offchip = max(offchip, m?.offchipBandwidthRequirement ?? 0)
          row += [
            "\(cost.runtimeCycles ?? 0)", NumberFormat.exact(cost.latencySeconds), "\(cost.macs)", NumberFormat.exact(e),
            NumberFormat.exact(cost.energyPicojoules ?? 0), "\(m?.l1SizeRequirement ?? 0)", "\(m?.l2SizeRequirement ?? 0)",
            "\(m?.peakNoCBandwidthRequirement ?? 0)", NumberFormat.exact(m?.averageNoCBandwidthRequirement ?? 0),
            "\(m?.offchipBandwidthRequirement ?? 0)", NumberFormat.exact(m?.averageUtilizedPEs ?? 0),
            "\(m?.inputAccesses.l2Reads ?? 0)", "\(m?.filterAccesses.l2Reads ?? 0)", "\(m?.outputAccesses.l2Writes ?? 0)",
            "true", "",
          ]
        } else {
          if firstInvalid == nil { firstInvalid = "layer \(index) (\(item.name)): \(cost.validity.reason ?? "")" }
          row += Array(repeating: "", count: 14) + ["false", cost.validity.reason ?? ""]
        }
        table.rows.append(row)
      }
      let allValid = validCount == network.layers.count
      var total = [
        network.name, accelerator.label, "total", "(network)", "network", accelerator.dataflow.name, "-",
        "\(accelerator.hardware.pes)", "\(accelerator.hardware.nocBandwidth)", "\(accelerator.hardware.offchipBandwidth)",
        "\(accelerator.hardware.nocHopLatency)",
      ]
      if allValid {
        total += [
          "\(runtime)", NumberFormat.exact(latency), "\(macs)", NumberFormat.exact(units), NumberFormat.exact(picojoules),
          "\(l1)", "\(l2)", "\(peak)", "", "\(offchip)", "", "", "", "", "true", "",
        ]
      } else {
        total += Array(repeating: "", count: 14) + ["false", firstInvalid ?? ""]
      }
      table.rows.append(total)
      table.totals.append((accelerator.label, validCount, network.layers.count, runtime, latency, picojoules,
                           allValid ? nil : firstInvalid))
    }
    return table
  }

  func csv() -> String {
    var writer = CSVWriter(header: Self.columns)
    for row in rows { writer.append(row) }
    return writer.text
  }

  func json() -> String {
    var text = "[\n"
    for (r, row) in rows.enumerated() {
      let fields = zip(Self.columns, row).map { column, value -> String in
        let encoded: String
        if Self.textColumns.contains(column) || column == "layer_idx" && value == "total" {
          encoded = Self.quote(value)
        } else if value.isEmpty {
          encoded = "null"
        } else {
          encoded = value
        }
        return "\(Self.quote(column)): \(encoded)"
      }
      text += "  {" + fields.joined(separator: ", ") + "}" + (r + 1 < rows.count ? ",\n" : "\n")
    }
    return text + "]\n"
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
      }
    }
    return out + "\""
  }

  /// One line per accelerator: network runtime, latency and energy, or why it is invalid.
  func summary(target: String?) -> String {
    var lines = ["accelerator".padding(toLength: 34, withPad: " ", startingAt: 0) + "  valid  runtime (cycles)  latency (ms)   energy (µJ)"]
    for t in totals {
      let mark = t.label == target ? "*" : " "
      let name = (mark + t.label).padding(toLength: 34, withPad: " ", startingAt: 0)
      if let reason = t.reason {
        lines.append("\(name)  \(t.valid)/\(t.layers)  invalid: \(reason)")
      } else {
        lines.append(name + "  " + "\(t.valid)/\(t.layers)".padding(toLength: 5, withPad: " ", startingAt: 0)
          + String(format: "  %16lld  %12.4f  %12.3f", t.runtime, t.latency * 1e3, t.energy / 1e6))
      }
    }
    if target != nil { lines.append("* target point of the sweep") }
    return lines.joined(separator: "\n")
  }
}
