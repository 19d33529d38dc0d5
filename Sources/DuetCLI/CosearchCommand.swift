import ArgumentParser
import CoDesign
import Foundation
import Reports

/// `duet cosearch`: the main job.
struct CosearchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cosearch",
    abstract: "Run co-search: semi-decoupled against fully coupled and fully decoupled, on one run.",
    discussion: """
      Prices every architecture of a space on every accelerator of a sweep (through a cache of distinct \
      layers), then runs, on the same candidates, accelerators, caps and seed: the fully coupled search \
      (every pair), the semi-decoupled search (stage 1: the Pareto set P on one proxy accelerator; stage 2: \
      P × all accelerators) with a random proxy and with the highest-ρ proxy, and two fully decoupled \
      baselines. It also runs the paper's effectiveness experiment (every valid accelerator as the proxy) \
      and the latency/energy monotonicity analysis, and writes a report folder.

      Defaults: NAS-Bench-201 on CIFAR-10 with its real test accuracies, the semi-decoupled paper's 150 \
      accelerators (132 valid) with its target (512 PEs, NoC 900, off-chip 350, KC-P), and three caps taken \
      at the 25 %, 50 % and 75 % points of the target's Pareto front (sorted by latency).

      Examples:
        duet cosearch
        duet cosearch --seed 7 --out reports/nb201-seed7
        duet cosearch --dataset imagenet16-120 --cap-points 0.1,0.5,0.9
        duet cosearch --space darts --candidates darts_selected.csv --format json
      """
  )

  @OptionGroup var inputs: CandidateOptions

  @Option(help: ArgumentHelp("The target accelerator (a point's name; default: the sweep's target).", valueName: "name"))
  var target: String?

  @Option(help: ArgumentHelp("Caps at these positions (0…1) of the target's Pareto front, sorted by latency. (default: \(CosearchArguments.defaultCapPoints))", valueName: "q,q,…"),
          transform: CosearchArguments.capPositions)
  var capPoints: [Double] = CosearchArguments.capPositionsDefault

  @Option(help: ArgumentHelp("Stage 1's set P: front (the proxy's full Pareto front) or pairs:N (Algorithm 6 with N×N constraint pairs). (default: front)", valueName: "rule"),
          transform: CosearchArguments.stageOneRule)
  var stageOne: StageOneRule = .fullFront

  @Option(help: ArgumentHelp("How the coupled search and stage 2 visit accelerators: exhaustive, random:N (a seeded subset of N), or evolutionary[:population,generations] over the accelerators' design parameters (default 16,10). (default: exhaustive)", valueName: "mode"),
          transform: CosearchArguments.hardwareSearch)
  var hardwareSearch: CosearchArguments.HardwareSearchMode = .exhaustive

  @Option(help: ArgumentHelp("Resource cap H: the largest PE count (MAESTRO-like accelerators) or DSP count (FPGA designs) a design may use.", valueName: "n"))
  var resourceCap: Double?

  @Option(help: "Seed for every random choice; the same seed reproduces the run.")
  var seed: UInt64 = 1

  @Option(help: ArgumentHelp("Report folder (default: reports/cosearch-<space>-<dataset>-seed<seed>).", valueName: "folder"))
  var out: String?

  @Option(help: ArgumentHelp("What to print on stdout: text (a summary) or json (result.json).", valueName: "format"))
  var format: OutputFormat = .text

  @Flag(help: "Skip the effectiveness and monotonicity analyses (M·N extra evaluations).")
  var noAnalyses = false

  enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

  func validate() throws {
    if let resourceCap, !(resourceCap > 0) { throw ValidationError("--resource-cap must be positive") }
  }

  func run() async throws {
    let clock = ContinuousClock()
    let start = clock.now
    // One step for loading, then the run's own.
    let progress = ProgressReporter(label: "cosearch", total: 1 + CosearchRun.stepCount(analyses: !noAnalyses))
    progress.update("loading \(self.inputs.space) and \(self.inputs.accelerators)")
    let inputs = try self.inputs.load(target: target, seed: seed)
    let loaded = clock.now - start
    progress.advance()
    // load(requireTarget: true), the default, guarantees a target.
    var setup = CosearchSetup(candidates: inputs.candidates, hardware: inputs.hardware, latencyUnit: inputs.latencyUnit,
                              target: inputs.target!, caps: .targetFront(positions: capPoints), seed: seed,
                              stageOne: stageOne, analyses: !noAnalyses)
    setup.hardwareSearch = hardwareSearch.search(seed: seed)
    setup.resourceCap = resourceCap
    let (result, timings) = CosearchRun.run(setup) { step in
      progress.update(step)
      progress.advance()
    }
    progress.finish()
    let folder = out ?? "reports/cosearch-\(inputs.space.name)-\(inputs.dataset.name)-seed\(seed)"
    let command = DuetMain.commandLine
    let files = try CosearchFiles.dataFiles(result: result, timings: timings, inputs: inputs)
    try CosearchFiles.write(folder: folder, result: result, timings: timings, inputs: inputs, files: files,
                            command: command, seed: seed)
    switch format {
    case .json: print(String(decoding: files.first { $0.name == "result.json" }!.contents, as: UTF8.self))
    case .text:
      func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
      print(CosearchFiles.summary(result: result, timings: timings, inputs: inputs, folder: folder))
      print(String(format: "wall time %.2f s in all: loading and lowering %.2f s, strategies %.2f s, analyses %.2f s, report %.2f s",
                   seconds(clock.now - start), seconds(loaded), timings.strategies.values.reduce(0, +),
                   timings.analysesSeconds, seconds(clock.now - start) - seconds(loaded) - timings.totalSeconds))
    }
  }
}

/// The values of `duet cosearch`'s structured options, each parsed once, with errors that say what
/// the option takes.
enum CosearchArguments {
  static let capPositionsDefault = [0.25, 0.5, 0.75]
  static let defaultCapPoints = capPositionsDefault.map { NumberFormat.exact($0) }.joined(separator: ",")

  /// `0.25,0.5,0.75` → positions in 0…1.
  @Sendable static func capPositions(_ text: String) throws -> [Double] {
    let values = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
    guard !values.isEmpty, values.allSatisfy({ $0 != nil && (0...1).contains($0!) }) else {
      throw ValidationError("expected numbers in 0…1 separated by commas")
    }
    return values.map { $0! }
  }

  /// `front` or `pairs:N`; N² constraint pairs, each a scan of every architecture, so N is kept to a
  /// size a person would choose.
  @Sendable static func stageOneRule(_ text: String) throws -> StageOneRule {
    if text == "front" { return .fullFront }
    if text.hasPrefix("pairs:"), let n = Int(text.dropFirst(6)), (1...100).contains(n) { return .constraintPairs(perAxis: n) }
    throw ValidationError("expected front or pairs:N with N in 1…100")
  }

  /// How the hardware is visited, before the run's seed is known.
  enum HardwareSearchMode: Sendable {
    case exhaustive
    case random(count: Int)
    case evolutionary(population: Int, generations: Int)

    /// The default evolutionary settings and the mutation probability of every evolutionary search.
    static let defaultPopulation = 16, defaultGenerations = 10, mutationProbability = 0.2

    func search(seed: UInt64) -> HardwareSearch {
      switch self {
      case .exhaustive: .exhaustive
      case .random(let count): .random(count: count, seed: seed)
      case .evolutionary(let population, let generations):
        .evolutionary(population: population, generations: generations, mutationProbability: Self.mutationProbability,
                      seed: seed)
      }
    }
  }

  /// `exhaustive`, `random:N` or `evolutionary[:population,generations]`.
  @Sendable static func hardwareSearch(_ text: String) throws -> HardwareSearchMode {
    let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
    switch parts.first {
    case "exhaustive" where parts.count == 1: return .exhaustive
    case "random":
      guard parts.count == 2, let n = Int(parts[1]), n > 0 else { break }
      return .random(count: n)
    case "evolutionary":
      if parts.count == 1 {
        return .evolutionary(population: HardwareSearchMode.defaultPopulation, generations: HardwareSearchMode.defaultGenerations)
      }
      let numbers = parts[1].split(separator: ",").compactMap { Int($0) }
      guard numbers.count == 2, numbers.allSatisfy({ $0 > 0 }) else { break }
      return .evolutionary(population: numbers[0], generations: numbers[1])
    default: break
    }
    throw ValidationError("expected exhaustive, random:N or evolutionary[:population,generations]")
  }
}
