import Analysis
import ArgumentParser
import Foundation
import Learning
import SeededRandom

/// `duet bench learning`: fit and predict times of the predictor models on synthetic data.
struct BenchLearningCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "learning",
    abstract: "Time fitting and predicting with each predictor model (default hyperparameters, one core).",
    discussion: """
      Draws --rows training and --rows test samples of Friedman's regression benchmark (five informative \
      features of --features uniform ones: 10·sin(π·x₁·x₂) + 20·(x₃ − ½)² + 10·x₄ + 5·x₅ + N(0, 1)), fits \
      each model with its default hyperparameters --repeats times and prints the median and fastest fit \
      time (wall clock; the thread's CPU time in parentheses), the time to predict the test rows, and \
      Kendall's τ on them (so a fast fit is seen to be a good one too). Everything runs on one thread.

      Example:
        swift run -c release duet bench learning --models gbdt,rf --repeats 10
      """
  )

  @Option(help: "Training (and test) samples.")
  var rows = 1000

  @Option(help: "Features per sample (at least 5).")
  var features = 50

  @Option(help: "Fits per model.")
  var repeats = 5

  @Option(help: ArgumentHelp("Models to time, comma-separated, or all.", valueName: "names"))
  var models = "all"

  func validate() throws {
    guard rows >= 10 else { throw ValidationError("--rows must be at least 10") }
    guard features >= 5 else { throw ValidationError("--features must be at least 5") }
    guard repeats > 0 else { throw ValidationError("--repeats must be positive") }
    if models != "all" {
      for name in models.split(separator: ",") where ModelZoo.named(String(name)) == nil {
        throw ValidationError("unknown model \(name); known: \(ModelZoo.all.map { $0.name }.joined(separator: ", "))")
      }
    }
  }

  func run() async throws {
    #if DEBUG
      print("note: this is a debug build; use `swift run -c release duet bench learning` for real figures")
    #endif
    let chosen = models == "all" ? ModelZoo.all : models.split(separator: ",").map { ModelZoo.named(String($0))! }
    var generator = SplitMix64(seed: 7)
    let (trainX, trainY) = Self.friedman(rows: rows, features: features, using: &generator)
    let (testX, testY) = Self.friedman(rows: rows, features: features, using: &generator)
    let clock = ContinuousClock()
    func milliseconds(_ d: Duration) -> Double {
      Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15
    }
    print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores (measuring on 1 thread)")
    print("data: Friedman #1, \(rows) training and \(rows) test rows × \(features) features")
    print("model".padding(toLength: 14, withPad: " ", startingAt: 0)
          + "   fit median (CPU)         fit fastest (CPU)        predict \(rows)   test τ")
    for model in chosen {
      var fits: [(wall: Double, cpu: Double)] = []
      var fitted: FittedPredictor?
      for repeat_ in 0..<repeats {
        let start = clock.now, cpuStart = threadCPUSeconds()
        fitted = try FittedPredictor.fit(model, features: trainX, targets: trainY, seed: UInt64(repeat_))
        fits.append((milliseconds(clock.now - start), (threadCPUSeconds() - cpuStart) * 1e3))
      }
      let start = clock.now
      let predictions = fitted!.predict(testX)
      let predictMilliseconds = milliseconds(clock.now - start)
      let tau = RankCorrelation.kendallTauB(predictions, testY)
      fits.sort { $0.wall < $1.wall }
      let median = fits[fits.count / 2]
      print(model.name.padding(toLength: 14, withPad: " ", startingAt: 0)
            + String(format: "%10.1f ms (%8.1f)  %10.1f ms (%8.1f)  %10.2f ms   %6.3f", median.wall, median.cpu,
                     fits[0].wall, fits[0].cpu, predictMilliseconds, tau))
    }
  }

  /// Friedman (1991)'s first benchmark function on uniform features; features past the fifth are noise.
  static func friedman(rows: Int, features: Int, using generator: inout SplitMix64) -> (FeatureMatrix, [Double]) {
    var values: [Double] = []
    values.reserveCapacity(rows * features)
    var targets: [Double] = []
    for _ in 0..<rows {
      let x = (0..<features).map { _ in generator.unitDouble() }
      values.append(contentsOf: x)
      targets.append(10 * sin(Double.pi * x[0] * x[1]) + 20 * (x[2] - 0.5) * (x[2] - 0.5) + 10 * x[3] + 5 * x[4]
                     + generator.standardNormal())
    }
    return (FeatureMatrix(rowCount: rows, columnCount: features, values: values), targets)
  }
}
