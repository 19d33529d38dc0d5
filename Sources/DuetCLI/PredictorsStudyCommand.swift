import ArgumentParser
import Foundation
import Learning
import Reports
import Spaces
import SpecFiles
import Surrogates

/// `duet predictors study`: [Laube22]'s comparison of hardware-metric predictors.
struct PredictorsStudyCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "study",
    abstract: "Compare predictors: Kendall τ on held-out architectures against the number of training samples.",
    discussion: """
      For every (model, encoding, target, training size, seed) cell: draw the seed's split (a held-out \
      test set and a nested training pool), tune the model's hyperparameters by seeded random search with \
      k-fold cross-validation inside the training set, refit with the winner, and rank the test set: \
      Kendall τ, Spearman ρ, Pearson r and the mean absolute error, with fit and tuning times. Beside \
      them, the lookup table built from a base architecture and its one-decision neighbours. Writes \
      index.html, cells.csv, summary.csv, lookup_table.csv, result.json, timings.json/.csv and run.json \
      to --out; every file but the timings is the same for any --jobs.

      Default tuning: 10 trials × 3 folds per fit, bounded by trials only (deterministic). \
      [Laube22] allowed 5,000 trials or 15 minutes per fit; see docs/predictors.md for what a larger \
      budget changes.

      Examples:
        duet predictors study --table help_nb201_latency.csv --columns fpga,eyeriss,pixel3,raspi4 --out reports/predictors
        duet predictors study --table help_nb201_latency.csv --columns pixel3 --models ridge,knn \\
          --encodings onehot,path,onehot+layers --train-sizes 50,200,1000 --seeds 3
        duet predictors study --hardware eyeriss --train-sizes 20,100 --seeds 2 --models knn
      """
  )

  @OptionGroup var measurements: MeasurementOptions
  @OptionGroup var tuning: TuningOptions
  @OptionGroup var estimate: EstimateOption

  @Option(help: ArgumentHelp("Encodings (comma-separated; \(encodingHelp)).", valueName: "names"))
  var encodings = "onehot"

  @Option(help: ArgumentHelp("Models (comma-separated), or all (the zoo but the lookup table, which is its own line).", valueName: "names"))
  var models = "all"

  @Option(help: ArgumentHelp("Training set sizes (comma-separated).", valueName: "sizes"))
  var trainSizes = "10,20,50,100,200,500,1000,3000"

  @Option(help: ArgumentHelp("Seeds per cell (0, 1, …, n−1).", valueName: "n"))
  var seeds = 10

  @Option(help: ArgumentHelp("Held-out architectures per seed.", valueName: "n"))
  var testSize = 1000

  @Option(help: ArgumentHelp("The lookup table's base: first (every decision at its first choice), largest (at its most MAC-heavy choice), an architecture string, or none.", valueName: "arch"))
  var lookupBase = "first"

  @Option(help: ArgumentHelp("Cells fitted at once (default: the number of cores).", valueName: "n"))
  var jobs = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "Also write the architectures, features and splits (data/), for scripts/predictor-reference.py.")
  var exportData = false

  @Option(help: ArgumentHelp("The run folder.", valueName: "folder"))
  var out: String?

  func validate() throws {
    let sizes = try parseCounts(trainSizes, option: "--train-sizes")
    guard Set(sizes).count == sizes.count else { throw ValidationError("--train-sizes lists a size twice") }
    guard seeds >= 1 else { throw ValidationError("--seeds must be at least 1") }
    guard testSize >= 2 else { throw ValidationError("--test-size must be at least 2 (a rank correlation needs pairs)") }
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    _ = try zoo()
    _ = try parseEncodings(encodings, option: "--encodings")
  }

  /// The models asked for.
  func zoo() throws -> [any Regressor.Type] {
    let known = ModelZoo.all.map { $0.name }
    var names: [String] = []
    if models == "all" {
      names = known.filter { $0 != PredictorStudyOutcome.lookupTableModel }
    } else {
      for name in models.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) {
        guard known.contains(name) else {
          if let hint = nearestSpelling(to: name, among: known) { throw ValidationError("--models: no model \"\(name)\" (did you mean \"\(hint)\"?)") }
          throw ValidationError("--models: no model \"\(name)\" (known: \(known.joined(separator: ", ")), or all)")
        }
        guard !names.contains(name) else { throw ValidationError("--models lists \(name) twice") }
        names.append(name)
      }
    }
    return names.compactMap { ModelZoo.named($0) }
  }

  func run() async throws {
    let clock = ContinuousClock()
    let start = clock.now
    let (space, dataset, sources, description) = try measurements.load()
    let loaded = clock.now
    let base: Architecture?
    switch lookupBase {
    case "none": base = nil
    case "first":
      do { base = try LookupBase.first(space: space) } catch { throw UserError("\(error)") }
    case "largest":
      do { base = try LookupBase.largest(space: space, dataset: dataset) } catch { throw UserError("\(error)") }
    default:
      do { base = try space.parse(lookupBase) } catch { throw UserError("--lookup-base: \(error)") }
    }
    let encodings = try parseEncodings(self.encodings, option: "--encodings")
    let plan = PredictorStudyPlan(
      models: try zoo(), encodings: encodings, dataset: dataset,
      estimator: try estimate.estimator(for: encodings, space: space, dataset: dataset),
      trainSizes: try parseCounts(trainSizes, option: "--train-sizes").sorted(), seeds: (0..<seeds).map(UInt64.init),
      testSize: testSize, budget: tuning.budget(), lookupBase: base)
    let progress = ProgressReporter(label: "predictor study",
                                    total: PredictorStudyOutcome.cellCount(plan: plan, targets: sources.count))
    progress.update("measuring and encoding")
    let outcome: PredictorStudyOutcome
    do {
      outcome = try PredictorStudyOutcome.run(plan: plan, space: space, sources: sources, source: description, jobs: jobs) { cell in
        progress.update(cell.label)
        progress.advance()
      }
    } catch {
      throw UserError("\(error)")
    }
    progress.finish()
    let folder = out ?? "reports/predictors-\(space.name)"
    let timings = PredictorStudyTimings(jobs: jobs, wallSeconds: PredictorStudy.seconds(clock.now - start),
                                        prepareSeconds: PredictorStudy.seconds(loaded - start) + outcome.prepareSeconds, cells: outcome.timings)
    let files = try PredictorStudyFiles.dataFiles(result: outcome.result, timings: timings, data: exportData ? outcome.data : nil)
    let run = RunDescription(command: DuetMain.commandLine, duetVersion: Duet.version, seed: nil, facts: [],
                             conventions: PredictorStudyFiles.conventions(outcome.result).map { Fact($0.0, $0.1) })
    let all = files + [try RunRecord.dataFile(kind: .predictorStudy, run: run, dataFiles: files)]
    try RunFolder(path: folder).write(page: PredictorStudyReport.page(result: outcome.result, timings: timings, run: run, files: all),
                                      dataFiles: all)
    print(PredictorStudyFiles.summary(outcome.result, folder: folder, timings: timings))
  }
}
