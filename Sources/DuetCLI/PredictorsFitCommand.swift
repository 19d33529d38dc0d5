import ArgumentParser
import Foundation
import Learning
import Reports
import Spaces
import SpecFiles
import Surrogates

/// `duet predictors fit`: a saved predictor, usable as a hardware file of kind predicted-device.
struct PredictorsFitCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fit",
    abstract: "Fit a predictor on measured architectures and save it as a predicted-device hardware file.",
    discussion: """
      Draws --train-size architectures (seeded) from the table's rows (or from the space, for a \
      --hardware target), measures them, tunes the model's hyperparameters by random search with \
      k-fold cross-validation inside that training set, fits it, and ranks --validation other \
      architectures to say how well it does. The file (JSON, kind predicted-device) holds the space, the \
      encoding, the fitted model with its scaling, the training set's size, source and SHA-256 digest, \
      and this command; duet cost, duet cosearch and duet monotonicity price architectures with it.

      Examples:
        duet predictors fit --table help_nb201_latency.csv --columns pixel3 --model gbdt --train-size 1000 --out pixel3.json
        duet predictors fit --hardware eyeriss --model ridge --encoding onehot+layers --train-size 200 --out eyeriss-ridge.json
      """
  )

  @OptionGroup var measurements: MeasurementOptions

  @Option(help: ArgumentHelp("The model (see docs/predictors.md).", valueName: "name"))
  var model = "ridge"

  @Option(help: ArgumentHelp("The encoding (\(encodingHelp)).", valueName: "name"))
  var encoding = "onehot"

  @OptionGroup var estimate: EstimateOption
  @OptionGroup var tuning: TuningOptions

  @Option(help: ArgumentHelp("Measured architectures to fit on.", valueName: "n"))
  var trainSize = 1000

  @Option(help: ArgumentHelp("Other architectures to rank after fitting (0: none).", valueName: "n"))
  var validation = 1000

  @Option(help: "Seed for the choice of training architectures, the tuning and the fit.")
  var seed: UInt64 = 1

  @Option(help: ArgumentHelp("The device's name (default: the target's).", valueName: "name"))
  var name: String?

  @Option(help: ArgumentHelp("The predictor file to write (JSON).", valueName: "file"))
  var out: String

  func validate() throws {
    guard (measurements.table == nil) != (measurements.hardware == nil) else {
      throw ValidationError("give --table with --columns (one device), or --hardware (one point: FILE@POINT)")
    }
    if measurements.table != nil && measurements.columns == nil { throw ValidationError("--table needs --columns (the one device to learn)") }
    guard ModelZoo.named(model) != nil else {
      throw ValidationError("--model: no model \"\(model)\" (known: \(ModelZoo.all.map { $0.name }.joined(separator: ", ")))")
    }
    guard trainSize >= 2 else { throw ValidationError("--train-size must be at least 2") }
    guard validation >= 0, validation != 1 else { throw ValidationError("--validation must be 0 or at least 2") }
    _ = try parseEncodings(encoding, option: "--encoding")
  }

  func run() async throws {
    let (space, dataset, sources, description) = try measurements.load()
    guard sources.count == 1, let source = sources.first else {
      throw UserError("a predictor learns one target, but \(sources.map(\.name).joined(separator: ", ")) are \(sources.count); give one column, or one hardware point as FILE@POINT")
    }
    let encodings = try parseEncodings(encoding, option: "--encoding")
    let type = ModelZoo.named(model)!
    let plan = PredictorStudyPlan(
      models: [type], encodings: encodings, dataset: dataset,
      estimator: try estimate.estimator(for: encodings, space: space, dataset: dataset), trainSizes: [trainSize],
      seeds: [seed], testSize: validation, budget: tuning.budget(), lookupBase: nil)
    let data: StudyData
    do { data = try StudyData.prepare(plan: plan, space: space, sources: [source]) } catch { throw UserError("\(error)") }
    let split = data.splits[0]
    let target = data.targets[0]
    let features = data.features[0]
    let trainTargets = split.pool.map { target.values[$0] }
    let fitted: (predictor: FittedPredictor, tuning: TuningResult, tuneSeconds: Double, fitSeconds: Double)
    do {
      fitted = try PredictorStudy.fit(type, features: features.selecting(rows: split.pool), targets: trainTargets,
                                      budget: tuning.budget(), seed: StudySeeds.hash("fit|\(model)|\(encoding)|\(seed)"))
    } catch {
      throw UserError("\(error)")
    }
    var validationRecord: PredictedDevice.ValidationRecord?
    if !split.test.isEmpty {
      let metrics = RankingMetrics(predicted: fitted.predictor.predict(features.selecting(rows: split.test)),
                                   measured: split.test.map { target.values[$0] }, scale: target.metric.displayScale)
      validationRecord = .init(architectures: split.test.count, metrics: metrics, maeUnit: target.metric.displayUnit)
    }
    let trainingArchitectures = split.pool.map { data.architectures[$0] }
    let device = PredictedDevice(
      name: name ?? source.name, metric: source.metric, space: space, encoder: data.encoders[0], predictor: fitted.predictor,
      training: .init(architectures: trainingArchitectures.count, source: description,
                      sha256: PredictedDevice.digest(architectures: trainingArchitectures, values: trainTargets, space: space)),
      validation: validationRecord, command: DuetMain.commandLine)
    let contents = try device.fileContents(spaceReference: Self.reference(measurements.space), estimateHardware: estimate.estimateHardware.map(Self.reference),
                                           duetVersion: Duet.version)
    try AtomicFile.write(contents, to: out)
    var lines = ["\(device.name): \(model) on \(encoding) (\(data.encoders[0].featureCount) features), \(trainingArchitectures.count) training architectures of \(space.name)",
                 "hyperparameters: \(fitted.tuning.hyperparameters)" + (fitted.tuning.score.map { String(format: " (cross-validated τ %.3f over %d trials)", $0, fitted.tuning.trialsRun) } ?? "")]
    if let v = validationRecord {
      lines.append(String(format: "held out: Kendall τ %.3f, Spearman ρ %.3f, MAE %.4g %@ on %d architectures", v.kendallTau, v.spearmanRho,
                          v.meanAbsoluteError, v.maeUnit, v.architectures))
    }
    lines.append(String(format: "tuning %.2f s, fit %.2f s", fitted.tuneSeconds, fitted.fitSeconds))
    lines.append("predicted device: \(out)")
    print(lines.joined(separator: "\n"))
  }

  /// A shipped name as given; a path made absolute, so the file can be used from anywhere.
  static func reference(_ name: String) -> String {
    let (file, point) = HardwareFiles.split(name)
    guard FileManager.default.fileExists(atPath: file) else { return name }
    let absolute = URL(fileURLWithPath: file).standardizedFileURL.path
    return point.map { "\(absolute)@\($0)" } ?? absolute
  }
}
