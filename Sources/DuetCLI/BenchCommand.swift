import ArgumentParser
import Foundation
import Hardware
import Workload

/// `duet bench`: speed figures of Duet's hot paths (a command group; one subcommand per benchmark).
struct BenchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Print speed figures of Duet's hot paths (release build, one core).",
    discussion: """
      Build with -c release for meaningful figures.

      Examples:
        swift run -c release duet bench cost-model
        swift run -c release duet bench cosearch
        swift run -c release duet bench learning
      """,
    subcommands: [BenchCostModelCommand.self, BenchCosearchCommand.self, BenchLearningCommand.self]
  )
}

/// `duet bench cost-model`: MAESTRO-like layer evaluations per second, per dataflow preset.
struct BenchCostModelCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cost-model",
    abstract: "Measure MAESTRO-like layer evaluations per second for each dataflow preset.",
    discussion: """
      Prices ResNet-50's multiply-accumulate layers (workloads/resnet50.yaml) on the 18 hardware points \\
      of the MAESTRO reference grid for one preset (PEs 16…512 × NoC 300/600/900, off-chip 150), over \\
      and over on one thread, for at least --seconds per preset; prints evaluations per second and the \\
      machine's core count. The real MAESTRO does about 1,000–1,800 evaluations/s on this kind of machine.

      Example:
        swift run -c release duet bench cost-model --seconds 2
      """
  )

  @Option(help: "Minimum measuring time per preset, in seconds.")
  var seconds: Double = 1

  @Option(help: ArgumentHelp("Network to price (a path or a shipped name).", valueName: "file"))
  var workload = "resnet50"

  @Option(help: ArgumentHelp("Presets to measure, comma-separated.", valueName: "names"))
  var presets = "kc-p,yr-p,x-p"

  func validate() throws {
    for name in presets.split(separator: ",") where DataflowPreset.named(String(name)) == nil {
      throw ValidationError("unknown preset \(name); expected kc-p, yr-p, x-p or dpt")
    }
    if !(seconds > 0) { throw ValidationError("--seconds must be positive") }
  }

  func run() async throws {
    guard let path = ShippedFiles.resolve(workload, folder: "workloads") else {
      throw UserError("no workload \"\(workload)\" (not a file, and not a shipped name in workloads/)")
    }
    let network = try Network.load(path: path)
    let layers = network.layers.map(\.layer).filter { $0.kind.isMACLayer }
    guard !layers.isEmpty else { throw UserError("\(path) has no multiply-accumulate layers to price") }
    #if DEBUG
      print("note: this is a debug build; use `swift run -c release duet bench cost-model` for real figures")
    #endif
    print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores (measuring on 1 thread)")
    print("workload: \(network.name), \(layers.count) MAC layers")
    for presetName in presets.split(separator: ",").map(String.init) {
      let preset = DataflowPreset.named(presetName)!  // built-in
      var points: [Accelerator] = []
      // Σ runtime over one round of the runnable points: deterministic, so it shows whether a faster
      // engine still gives the same results.
      var roundRuntimeCycles: Int64 = 0
      for pes in [16, 32, 64, 128, 256, 512] {
        for noc in [300, 600, 900] {
          let point = Accelerator(hardware: MaestroHardware(pes: pes, nocBandwidth: noc, offchipBandwidth: 150), dataflow: preset)
          // Points the preset cannot run (KC-P below 64 PEs) are rejected at once; timing them would
          // inflate the rate, so only runnable points are measured.
          let costs = layers.map { point.cost(of: $0) }
          if costs.allSatisfy(\.validity.isValid) {
            points.append(point)
            roundRuntimeCycles += costs.reduce(0) { $0 + ($1.runtimeCycles ?? 0) }
          }
        }
      }
      guard !points.isEmpty else { throw UserError("\(presetName) cannot run \(network.name) on any point of the grid") }
      let result = Self.measure(layers: layers, points: points, seconds: seconds)
      let perCPUSecond = Double(result.evaluations) / result.cpu
      let perWallSecond = Double(result.evaluations) / result.elapsed
      print("\(presetName.padding(toLength: 5, withPad: " ", startingAt: 0)) \(String(format: "%10.0f", perCPUSecond)) layer evaluations per CPU-second on one core  (\(String(format: "%.0f", perWallSecond)) per wall-clock second; \(points.count) runnable points; \(result.evaluations) evaluations; checksum \(result.checksum); one round's runtime \(roundRuntimeCycles) cycles)")
    }
  }

  /// Prices every layer on every point, repeatedly, until `seconds` have passed.
  static func measure(layers: [Layer], points: [Accelerator], seconds: Double)
    -> (evaluations: Int, elapsed: Double, cpu: Double, checksum: Int64)
  {
    let cpuStart = threadCPUSeconds()
    let clock = ContinuousClock()
    let start = clock.now
    var evaluations = 0
    var checksum: Int64 = 0
    var elapsed = 0.0
    repeat {
      for point in points {
        for layer in layers {
          // The checksum keeps the optimiser from discarding the work.
          checksum &+= point.cost(of: layer).runtimeCycles ?? -1
          evaluations += 1
        }
      }
      let d = clock.now - start
      elapsed = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    } while elapsed < seconds
    return (evaluations, elapsed, threadCPUSeconds() - cpuStart, checksum)
  }
}

/// CPU time of the calling thread, in seconds. Benchmarks print it beside wall time: on a shared
/// machine, other processes stretch the wall clock.
func threadCPUSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) * 1e-9
}
