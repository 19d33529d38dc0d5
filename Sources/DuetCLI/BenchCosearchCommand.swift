import ArgumentParser
import CoDesign
import Foundation

/// `duet bench cosearch`: wall time of the default co-search, step by step.
struct BenchCosearchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cosearch",
    abstract: "Time the default co-search (loading, every strategy, the analyses) over repeated runs.",
    discussion: """
      Runs `duet cosearch`'s work in-process --runs times (loading and lowering the space, pricing the \
      accelerators, every strategy including the fully coupled exhaustive search over all 15,625 \
      NAS-Bench-201 architectures × the valid accelerators, the effectiveness and monotonicity analyses), \
      without writing files, and prints the median and fastest wall time of each step and the machine's \
      core count. Parallel steps (pricing, the analyses' full matrix) use every core.

      Example:
        swift run -c release duet bench cosearch --runs 5
      """
  )

  @Option(help: "How many runs to time.")
  var runs = 3

  @Option(help: ArgumentHelp("Search space.", valueName: "space"))
  var space = "nasbench201"

  @Option(help: ArgumentHelp("Accelerator sweep.", valueName: "file"))
  var accelerators = "semi-decoupled-grid"

  func validate() throws {
    guard runs > 0 else { throw ValidationError("--runs must be positive") }
  }

  func run() async throws {
    let clock = ContinuousClock()
    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
    var loads: [Double] = [], totals: [Double] = [], analyses: [Double] = []
    var strategies: [String: [Double]] = [:]
    for _ in 0..<runs {
      let t0 = clock.now
      let inputs = try CosearchInputs.load(space: space, dataset: nil, candidatesFile: nil, sample: nil,
                                           accelerators: accelerators, target: nil, seed: 1)
      let loaded = clock.now
      let setup = CosearchSetup(candidates: inputs.candidates, hardware: inputs.hardware, latencyUnit: inputs.latencyUnit,
                                target: inputs.target!, caps: .targetFront(positions: [0.25, 0.5, 0.75]), seed: 1)
      let (result, timings) = CosearchRun.run(setup)
      precondition(result.checks.allSatisfy(\.passed), "a self-check failed; run duet cosearch to see which")
      loads.append(seconds(loaded - t0))
      totals.append(seconds(clock.now - t0))
      analyses.append(timings.analysesSeconds)
      for (name, value) in timings.strategies { strategies[name, default: []].append(value) }
    }
    func line(_ name: String, _ values: [Double]) -> String {
      let sorted = values.sorted()
      return name.padding(toLength: 40, withPad: " ", startingAt: 0)
        + String(format: "median %8.3f s   fastest %8.3f s", sorted[sorted.count / 2], sorted[0])
    }
    print("duet cosearch (\(space) × \(accelerators)), \(runs) runs, \(ProcessInfo.processInfo.activeProcessorCount) cores")
    print(line("load, lower and price", loads))
    for name in strategies.keys.sorted() { print(line("  " + name, strategies[name]!)) }
    print(line("analyses", analyses))
    print(line("total (without writing the report)", totals))
  }
}
