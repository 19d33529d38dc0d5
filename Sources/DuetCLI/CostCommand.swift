import ArgumentParser
import Foundation
import Workload

/// `duet cost`: price a workload, layer by layer.
struct CostCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cost",
    abstract: "Price a network layer by layer (MACs, parameters; runtime and energy on hardware).",
    discussion: """
      The workload is a Duet network YAML (see workloads/). Shipped names work without a path.

      Example:
        duet cost --workload resnet50
      """
  )

  @Option(help: ArgumentHelp("Network YAML (a path or a shipped name such as resnet50).", valueName: "file"))
  var workload: String

  func run() async throws {
    guard let path = ShippedFiles.resolve(workload, folder: "workloads") else {
      throw UserError("no workload \"\(workload)\" (not a file, and not a shipped name in workloads/)")
    }
    let network = try Network.load(path: path)
    print(WorkloadTable.render(network))
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
