import SVGCharts
import SeededRandom
import ArgumentParser
import Foundation
import Reports
import Spaces
import SpecFiles
import Workload

/// `duet space`: list, show, sample, lower and export search spaces.
struct SpaceCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "space",
    abstract: "Describe, sample, lower and export search spaces.",
    discussion: """
      A space is a YAML file (spaces/*.yaml; see docs/spaces.md). Shipped spaces are named without a \
      path: nasbench201, darts, fbnet, alphanet, alphanet-semidecoupled, mobilenetv2, nasbench-macro.

      Examples:
        duet space list
        duet space show nasbench201
        duet space sample fbnet --n 5 --seed 1
        duet space lower nasbench201 --indices 333333
        duet space export nasbench201 --all --out nb201.csv
      """,
    subcommands: [List.self, Show.self, Sample.self, Lower.self, Export.self]
  )
}

// MARK: - Shared options

/// The `<space>` argument: a shipped name or a path.
struct SpaceArgument: ParsableArguments {
  @Argument(help: ArgumentHelp("A shipped space name (see `duet space list`) or a space YAML file.", valueName: "space"))
  var space: String

  func load() throws -> SearchSpace { try Self.load(space) }

  /// A space by shipped name or path, for every command that takes one.
  static func load(_ name: String) throws -> SearchSpace {
    guard let path = ShippedFiles.resolve(name, folder: "spaces") else {
      let names = ShippedFiles.list(folder: "spaces").map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent }
      throw UserError("no space \"\(name)\" (not a file, and not a shipped name in spaces/: \(names.joined(separator: ", ")))")
    }
    return try SearchSpace.load(path: path)
  }
}

/// `--dataset`, defaulting to the space's first dataset.
struct DatasetOption: ParsableArguments {
  @Option(help: ArgumentHelp("The dataset to build for (default: the space's first; `duet space show` lists them).", valueName: "name"))
  var dataset: String?

  func resolve(in space: SearchSpace) throws -> Dataset { try space.dataset(dataset) }
}

/// `--convention`: how to count FLOPs and parameters.
struct ConventionOption: ParsableArguments {
  @Option(help: ArgumentHelp(
    "How to count FLOPs and parameters: macs (Duet's default: multiply-accumulates), table (the space's published table's rule), or one of \(CountingConvention.all.map(\.name).joined(separator: ", ")).",
    valueName: "name"))
  var convention: String = "macs"

  func resolve(in space: SearchSpace) throws -> CountingConvention {
    if convention == "table" {
      guard let own = space.convention else { throw UserError("\(space.name) has no published FLOPs table; use --convention macs") }
      return own
    }
    guard let found = CountingConvention.named(convention) else {
      throw UserError("unknown convention \"\(convention)\"; expected table or one of \(CountingConvention.all.map(\.name).joined(separator: ", "))")
    }
    return found
  }
}

extension SearchSpace {
  /// Parses an architecture argument, turning a bad string into a one-line user error.
  func architecture(argument text: String, indices: Bool) throws -> Architecture {
    do {
      return indices ? try parse(choiceIndices: text) : try parse(text)
    } catch {
      throw UserError("not an architecture of \(name): \(error)\n  \(text)")
    }
  }

}

/// Millions, exactly as the count divided by 10⁶ prints (deterministic bytes for CSV).
func millions(_ count: Int64) -> String {
  NumberFormat.exact(Double(count) / 1e6)
}

// MARK: - list

extension SpaceCommand {
  struct List: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the shipped search spaces.",
      discussion: "Example:\n  duet space list")

    func run() async throws {
      let files = ShippedFiles.list(folder: "spaces")
      guard !files.isEmpty else { throw UserError("no spaces/ folder found (set DUET_HOME to the Duet checkout)") }
      var rows = [["space", "structure", "decisions", "architectures", "datasets", "accuracy", "title"]]
      for file in files {
        let space = try SearchSpace.load(path: file)
        let accuracy = Set(space.accuracySources.values.map(\.kindName)).sorted().joined(separator: "+")
        rows.append([
          space.name, space.isCellBased ? "cells" : "blocks", "\(space.decisions.count)",
          space.size.exactInt.map { ValueFormat.grouped(Int64($0)) } ?? space.size.approximateDescription,
          space.datasets.map(\.name).joined(separator: ", "), accuracy.isEmpty ? "none" : accuracy, space.title,
        ])
      }
      print(TextTable.render(rows))
    }
  }
}

// MARK: - show

extension SpaceCommand {
  struct Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Describe a space: its decisions, size, datasets, conventions and accuracy sources.",
      discussion: "Example:\n  duet space show darts")

    @OptionGroup var space: SpaceArgument

    func run() async throws {
      let space = try self.space.load()
      var lines = ["\(space.name): \(space.title)", ""]
      if !space.summary.isEmpty { lines.append(TextTable.wrap(space.summary)); lines.append("") }
      if !space.source.isEmpty { lines.append(TextTable.wrap("Source: " + space.source)) }
      lines.append("File: \(space.file)")
      let size = space.size
      if let exact = size.exactInt {
        lines.append("Architectures: \(ValueFormat.grouped(Int64(exact)))")
      } else {
        lines.append("Architectures: \(size) (\(size.approximateDescription))")
      }
      lines.append("Datasets: " + space.datasets.map { "\($0.name) (\($0.inputSize)×\($0.inputSize), \($0.classes) classes)" }.joined(separator: ", "))
      if let convention = space.convention {
        lines.append("Published FLOPs table counts: \(convention.name): \(convention.summary)")
      }
      for dataset in space.datasets {
        guard let source = space.accuracySources[dataset.name] else {
          lines.append("Accuracy on \(dataset.name): none")
          continue
        }
        lines.append("Accuracy on \(dataset.name): \(source.kindName), \(source.metric)")
      }
      lines.append("Encodings: one-hot \(space.oneHotLength) features, FCC \(space.featureCombinationCountLength) features")
      lines.append("")
      lines.append("Decisions (\(space.decisions.count), in genome order):")
      var rows: [[String]] = []
      for (i, decision) in space.decisions.enumerated() {
        rows.append(["  " + decision.name, decision.labels.joined(separator: " "), space.usage(ofDecision: i).map { "(\($0))" } ?? ""])
      }
      lines.append(TextTable.render(rows))
      var all = space.enumerate()
      let first = all.next()!  // every space has at least one architecture
      let network = try space.lower(first, dataset: space.defaultDataset)
      lines.append("")
      lines.append("First architecture: \(space.canonicalString(first))")
      lines.append("  on \(space.defaultDataset.name): \(network.layers.count) layers, \(ValueFormat.grouped(network.macs)) MACs, \(ValueFormat.grouped(network.parameters)) parameters")
      print(lines.joined(separator: "\n"))
    }
  }
}

// MARK: - sample

extension SpaceCommand {
  struct Sample: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print random architectures (canonical strings), one per line.",
      discussion: """
        Each decision is drawn uniformly (SplitMix64); the same seed prints the same lines.

        Example:
          duet space sample nasbench201 --n 10 --seed 7 --distinct
        """)

    @OptionGroup var space: SpaceArgument
    @Option(name: .customLong("n"), help: "How many architectures.") var count: Int = 10
    @Option(help: "Seed for every random choice; the same seed reproduces the output.") var seed: UInt64 = 0
    @Flag(help: "Never repeat an architecture.") var distinct = false

    func validate() throws {
      guard count >= 0 else { throw ValidationError("--n must not be negative") }
    }

    func run() async throws {
      let space = try self.space.load()
      let archs = try space.seededSample(count, distinct: distinct, seed: seed)
      print(archs.map { space.canonicalString($0) }.joined(separator: "\n"))
    }
  }
}

// MARK: - lower

extension SpaceCommand {
  struct Lower: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print an architecture's layers: kinds, shapes, MACs and parameters.",
      discussion: """
        The architecture is a canonical string (as `duet space sample` prints), or choice indices with \
        --indices. Zero-MAC layers (batch-norm, activations, pools, adds, skips) are listed too. With \
        --dead-edges prune, cell edges whose result never reaches the cell output are left out, and a \
        network whose cells are cut off from their input (no path of non-zero edges) has no layers, as a \
        graph converter leaves it (docs/spaces.md).

        Examples:
          duet space lower nasbench-macro --indices 02012100
          duet space lower nasbench201 --dead-edges prune \
            '|nor_conv_3x3~0|+|nor_conv_1x1~0|none~1|+|skip_connect~0|none~1|avg_pool_3x3~2|'
          duet space lower fbnet --convention table \\
            --indices '8 8 4 4 6 8 1 8 0 3 1 2 8 8 5 8 2 2 8 1 4 8'
        """)

    @OptionGroup var space: SpaceArgument
    @Argument(help: ArgumentHelp("The architecture.", valueName: "arch")) var architecture: String
    @Flag(help: "Read the architecture as choice indices (`02012100`, or `8 8 4 …`).") var indices = false
    @OptionGroup var dataset: DatasetOption
    @OptionGroup var convention: ConventionOption
    @Option(help: ArgumentHelp("Cell edges whose result never reaches the cell output: keep (default) or prune.", valueName: "rule"))
    var deadEdges = "keep"

    func validate() throws {
      guard LoweringOptions.DeadEdges(rawValue: deadEdges) != nil else {
        throw ValidationError("--dead-edges must be keep or prune, got \(deadEdges)")
      }
    }

    func run() async throws {
      let space = try self.space.load()
      let dataset = try self.dataset.resolve(in: space)
      let convention = try self.convention.resolve(in: space)
      let arch = try space.architecture(argument: architecture, indices: indices)
      let options = LoweringOptions(deadEdges: LoweringOptions.DeadEdges(rawValue: deadEdges)!)  // checked in validate()
      let network = try space.lower(arch, dataset: dataset, options: options)
      print(space.canonicalString(arch))
      print(WorkloadTable.render(network))
      let input = space.inputSize(of: arch, dataset: dataset)
      print("input \(input)×\(input); \(convention.name): \(millions(convention.flops(of: network))) M FLOPs, \(millions(convention.parameters(of: network))) M parameters")
    }
  }
}

// MARK: - export

extension SpaceCommand {
  struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Write architectures with their FLOPs, parameters and accuracy to a CSV file.",
      discussion: """
        Columns: arch (canonical string), flops_M, params_M, accuracy. flops_M is millions of \
        multiply-accumulates (MACs), the unit every NAS table here calls FLOPs; --convention table \
        counts as the space's published table does instead (e.g. nb201 adds the classifier's bias, \
        fbnet-flopth adds batch-norm, ReLU and pooling operations). params_M counts every weight, \
        batch-norm's γ and β and biases. accuracy comes from the space's table or predictor for the \
        dataset, and is empty where it has none or only a proxy (a proxy is not an accuracy).

        Examples:
          duet space export nasbench201 --dataset cifar100 --all --out nb201.csv
          duet space export darts --sample 1000 --seed 3 --out darts.csv
        """)

    @OptionGroup var space: SpaceArgument
    @OptionGroup var dataset: DatasetOption
    @Flag(help: "Every architecture of the space (only for spaces of at most 10 million).") var all = false
    @Option(help: ArgumentHelp("Draw this many distinct architectures instead.", valueName: "N")) var sample: Int?
    @Option(help: "Seed for --sample; the same seed writes the same bytes.") var seed: UInt64 = 0
    @OptionGroup var convention: ConventionOption
    @Option(help: ArgumentHelp("The CSV file to write.", valueName: "file")) var out: String

    static let enumerationLimit = 10_000_000

    func validate() throws {
      guard all != (sample != nil) else { throw ValidationError("give either --all or --sample N") }
      if let sample, sample <= 0 { throw ValidationError("--sample needs a positive count") }
    }

    func run() async throws {
      let space = try self.space.load()
      let dataset = try self.dataset.resolve(in: space)
      let convention = try self.convention.resolve(in: space)
      let archs: [Architecture]
      if all {
        guard let n = space.size.exactInt, n <= Self.enumerationLimit else {
          throw UserError("\(space.name) has \(space.size.approximateDescription) architectures; use --sample N")
        }
        archs = Array(space.enumerate())
      } else {
        archs = try space.seededSample(sample!, distinct: true, seed: seed)
      }
      // A proxy is not an accuracy: it never fills the column (and would cost a second lowering).
      let source = try space.accuracySource(for: dataset)
      let accuracies = source.flatMap { $0.spec.isProxy ? nil : $0 }
      var csv = CSVWriter(header: ["arch", "flops_M", "params_M", "accuracy"])
      for arch in archs {
        let network = try space.lower(arch, dataset: dataset)
        var accuracy = ""
        if let estimate = accuracies?.estimate(arch) { accuracy = NumberFormat.exact(estimate.value) }
        csv.append([
          space.canonicalString(arch), millions(convention.flops(of: network)), millions(convention.parameters(of: network)), accuracy,
        ])
      }
      try AtomicFile.write(csv.text, to: out)
      let what = source.map { $0.spec.isProxy ? "no accuracy (only a proxy)" : "accuracy from its \($0.spec.kindName)" } ?? "no accuracy source"
      print("wrote \(archs.count) architectures of \(space.name) on \(dataset.name) to \(out) (FLOPs as \(convention.name); \(what))")
    }
  }
}

// MARK: - Text tables

/// Left-aligned columns separated by two spaces.
enum TextTable {
  /// Folds text into lines of at most `width` characters, at spaces.
  static func wrap(_ text: String, width: Int = 100) -> String {
    var lines: [String] = []
    var line = ""
    for word in text.split(whereSeparator: \.isWhitespace) {
      if !line.isEmpty, line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    if !line.isEmpty { lines.append(line) }
    return lines.joined(separator: "\n")
  }

  static func render(_ rows: [[String]]) -> String {
    guard let width = rows.map(\.count).max() else { return "" }
    var widths = [Int](repeating: 0, count: width)
    for row in rows { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
    return rows.map { row in
      var line = row.enumerated().map { i, cell in
        i == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[i] - cell.count)
      }.joined(separator: "  ")
      while line.last == " " { line.removeLast() }
      return line
    }.joined(separator: "\n")
  }
}
