import ArgumentParser
import CoDesign
import Foundation
import Reports
import Spaces

/// `duet adapt`: proxy adaptation (seed 002, Algorithm 5 and Eq. 3.3).
struct AdaptCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "adapt",
    abstract: "Adapt a proxy's latency predictor to target devices from a few measurements.",
    discussion: """
      The proxy's linear latency predictor (one-hot per decision plus a constant, least squares over the \
      proxy's whole column) is adapted to each target with Eq. (3.3) of seed 002: a scale α and a sparse \
      correction b (lasso), λ chosen by Spearman ρ: by default 5-fold cross-validation over the samples, \
      then a refit on all of them (--lambda-selection split: the paper's fit-on-train, choose-on-validation). \
      Only --samples target measurements are used (seeded); ρ before and after is then measured over the \
      whole table. Latencies are read in milliseconds.

      Examples:
        duet adapt --table help_nb201_latency.csv --proxy pixel3
        duet adapt --table help_nb201_latency.csv --proxy pixel3 --target raspi4 --samples 50 --seed 3
        duet adapt --table latency.csv --space fbnet --key op_idx_list --proxy pixel3 --format json
      """
  )

  @Option(help: ArgumentHelp("Measured latencies: one row per architecture, one column per device.", valueName: "file"))
  var table: String

  @Option(help: ArgumentHelp("The space the table's architectures belong to.", valueName: "space"))
  var space = "nasbench201"

  @Option(help: ArgumentHelp("The column holding the architecture string.", valueName: "column"))
  var key = "arch_str"

  @Option(help: ArgumentHelp("Columns that are not devices (comma-separated).", valueName: "names"))
  var ignore = "index"

  @Option(help: ArgumentHelp("The proxy device's column.", valueName: "column"))
  var proxy: String

  @Option(help: ArgumentHelp("Target device columns (comma-separated; default: every other device).", valueName: "names"))
  var target: String?

  @Option(help: ArgumentHelp("Target measurements to use (train + validation).", valueName: "n"))
  var samples = 50

  @Option(help: ArgumentHelp("How many of the samples tune λ (the validation split).", valueName: "n"))
  var validation = 20

  @Option(help: ArgumentHelp("How λ is chosen: split (the paper: fit on train, ρ on validation), split-refit (then refit on all samples), or cv (5-fold pooled ρ over all samples, then refit).", valueName: "rule"))
  var lambdaSelection = ProxyAdaptation.LambdaSelection.crossValidation.rawValue

  @Option(help: ArgumentHelp("Algorithm 5's SRCC threshold: adapt only targets whose ρ with the proxy on the samples is below it.", valueName: "ρ"))
  var threshold = 0.9

  @Option(help: "Seed for the choice of sampled architectures.")
  var seed: UInt64 = 1

  @Option(help: ArgumentHelp("Dataset whose accuracies give the adapted Pareto set (default: the space's first).", valueName: "name"))
  var dataset: String?

  @Option(help: ArgumentHelp("What to print: text or json.", valueName: "format"))
  var format: CosearchCommand.OutputFormat = .text

  func selection() throws -> ProxyAdaptation.LambdaSelection {
    guard let rule = ProxyAdaptation.LambdaSelection(rawValue: lambdaSelection) else {
      throw ValidationError("--lambda-selection takes " + ProxyAdaptation.LambdaSelection.allCases.map(\.rawValue).joined(separator: ", ") + "; got \(lambdaSelection)")
    }
    return rule
  }

  func validate() throws {
    _ = try selection()
    guard samples >= 3, validation >= 1, validation < samples - 1 else {
      throw ValidationError("--samples must exceed --validation by at least 2 (got \(samples) and \(validation))")
    }
  }

  func run() async throws {
    let space = try SpaceArgument.load(space)
    let ignored = Set(ignore.split(separator: ",").map(String.init))
    let measured = try MeasuredTable.load(path: table, space: space, keyColumn: key, exclude: ignored)
    if let note = measured.note { DuetMain.printError(note) }
    let proxyLatency = try measured.column(proxy, file: table)
    let targets = target.map { $0.split(separator: ",").map(String.init) } ?? measured.devices.filter { $0 != proxy }
    let encodings = measured.architectures.map { space.oneHot($0) + [1] }
    let featureNames = space.oneHotFeatureNames + ["constant"]
    let dataset = try space.dataset(dataset)
    let accuracy: [Double]? = try space.accuracySource(for: dataset).flatMap { source in
      source.spec.isProxy ? nil : measured.architectures.map { source.estimate($0)?.value ?? .nan }
    }
    let experiment = AdaptationExperiment(names: measured.names, encodings: encodings, featureNames: featureNames,
                                          proxy: proxyLatency, accuracy: accuracy)
    var outcomes: [AdaptationOutcome] = []
    for name in targets {
      outcomes.append(experiment.run(target: try measured.column(name, file: table), targetName: name, samples: samples,
                                     validation: validation, seed: seed, selection: try selection(), threshold: threshold))
    }
    switch format {
    case .json:
      print(String(decoding: try ReportJSON.encode(outcomes, pretty: true), as: UTF8.self))
    case .text:
      let rule = try selection()
      let split = rule == .crossValidation ? "λ by 5-fold cross-validation over all of them" : "\(samples - validation) train, \(validation) validation (\(rule.rawValue))"
      print("proxy \(proxy); \(measured.names.count) architectures of \(space.name); \(samples) target measurements per target, \(split); seed \(seed)")
      print("ρ: Spearman over all \(measured.names.count) architectures with the target's measurements; adapt = ρ on the samples < \(threshold) (Algorithm 5)")
      print("target".padding(toLength: 16, withPad: " ", startingAt: 0) + "  ρ measured  ρ predictor  ρ adapted  adapt  ρ used   α       λ          corrections  front")
      for o in outcomes {
        print(o.target.padding(toLength: 16, withPad: " ", startingAt: 0)
              + String(format: "  %10.3f  %11.3f  %9.3f  %-5@  %6.3f   %-7.3g %-10.3g %11d  %d→%d", o.rhoMeasuredProxy,
                       o.rhoProxyPredictor, o.rhoAdapted, o.adapted ? "yes" : "no", o.rhoUsed, o.alpha, o.lambda,
                       o.corrections.count, o.adaptedFront.count, o.adaptedFrontAfterMeasuring.count))
      }
      if outcomes.count == 1, let o = outcomes.first, !o.adaptedFrontAfterMeasuring.isEmpty {
        print("\nadapted Pareto set on \(o.target) (accuracy, measured latency):")
        for p in o.adaptedFrontAfterMeasuring {
          print(String(format: "  %6.2f %%  %10.4g  ", p.accuracy, p.targetLatency) + p.architecture)
        }
      }
    }
  }
}
