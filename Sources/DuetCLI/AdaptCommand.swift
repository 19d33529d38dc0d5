import Analysis
import ArgumentParser
import CoDesign
import Foundation
import Learning
import Reports
import Spaces
import Surrogates

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

      --model NAME (or several, comma-separated, or all) adds proxy adaptation with a model of the zoo: \
      α scales the proxy's prediction to the samples by least squares and the model, tuned on the samples \
      (random search, --tuning-trials × --tuning-folds), learns the rest from the one-hot encoding; each \
      model's ρ over the whole table is printed beside Eq. (3.3)'s, with the targets each lifts to ρ ≥ 0.9.

      Examples:
        duet adapt --table help_nb201_latency.csv --proxy pixel3
        duet adapt --table help_nb201_latency.csv --proxy pixel3 --model ridge,gbdt
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

  @Option(help: ArgumentHelp("Also adapt with these zoo models on the residual (comma-separated, or all).", valueName: "names"))
  var model: String?

  @OptionGroup var tuning: TuningOptions

  /// The zoo models asked for with --model.
  func models() throws -> [any Regressor.Type] {
    guard let model else { return [] }
    let known = ModelZoo.all.map { $0.name }
    let names = model == "all" ? known : model.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
    for name in names where !known.contains(name) {
      throw ValidationError("--model: no model \"\(name)\" (known: \(known.joined(separator: ", ")), or all)")
    }
    return names.compactMap { ModelZoo.named($0) }
  }

  func selection() throws -> ProxyAdaptation.LambdaSelection {
    guard let rule = ProxyAdaptation.LambdaSelection(rawValue: lambdaSelection) else {
      throw ValidationError("--lambda-selection takes " + ProxyAdaptation.LambdaSelection.allCases.map(\.rawValue).joined(separator: ", ") + "; got \(lambdaSelection)")
    }
    return rule
  }

  func validate() throws {
    _ = try selection()
    _ = try models()
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
    let models = try models()
    var modelOutcomes: [ModelAdaptation] = []
    if !models.isEmpty {
      let features = FeatureMatrix(rows: measured.architectures.map(space.oneHot), categoricalGroups: space.oneHotGroups)
      let picks = experiment.picks(samples: samples, seed: seed)
      for type in models {
        var result = ModelAdaptation(model: type.name, rho: [:], failures: [:])
        for name in targets {
          let values = try measured.column(name, file: table)
          do {
            let adapted = try ResidualAdaptation.adapt(type, features: features, proxyPrediction: experiment.predicted, samples: picks,
                                                       measured: picks.map { values[$0] }, budget: tuning.budget(),
                                                       seed: StudySeeds.hash("adapt|\(type.name)|\(name)|\(seed)"))
            result.rho[name] = RankCorrelation.spearman(adapted.predictions, values)
          } catch {
            result.failures[name] = "\(error)"
          }
        }
        modelOutcomes.append(result)
      }
    }
    switch format {
    case .json:
      if models.isEmpty {
        print(String(decoding: try ReportJSON.encode(outcomes, pretty: true), as: UTF8.self))
      } else {
        print(String(decoding: try ReportJSON.encode(AdaptReport(linear: outcomes, models: modelOutcomes), pretty: true), as: UTF8.self))
      }
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
      if !modelOutcomes.isEmpty {
        print("\nρ over all \(measured.names.count) architectures after adaptation, Eq. (3.3) beside zoo models on the residual (same \(samples) samples):")
        print("target".padding(toLength: 16, withPad: " ", startingAt: 0) + "  " + (["Eq. 3.3"] + modelOutcomes.map(\.model)).map { $0.padding(toLength: 13, withPad: " ", startingAt: 0) }.joined())
        for o in outcomes {
          var line = o.target.padding(toLength: 16, withPad: " ", startingAt: 0) + "  " + String(format: "%-13.3f", o.rhoAdapted)
          for m in modelOutcomes { line += m.rho[o.target].map { String(format: "%-13.3f", $0) } ?? "failed       " }
          print(line)
        }
        let linear = outcomes.filter { $0.rhoAdapted >= 0.9 }.map(\.target)
        print("ρ ≥ 0.9: Eq. 3.3 on \(linear.count) of \(outcomes.count) (\(linear.joined(separator: ", ")))")
        for m in modelOutcomes {
          let lifted = targets.filter { (m.rho[$0] ?? -1) >= 0.9 }
          print("ρ ≥ 0.9: \(m.model) on \(lifted.count) of \(outcomes.count) (\(lifted.joined(separator: ", ")))")
          for (target, failure) in m.failures.sorted(by: { $0.key < $1.key }) { print("  \(m.model) failed on \(target): \(failure)") }
        }
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

/// Proxy adaptation with one zoo model: ρ over the whole table per target.
struct ModelAdaptation: Codable {
  var model: String
  var rho: [String: Double]
  /// Targets where the model could not be fitted, and why.
  var failures: [String: String]
}

/// `duet adapt --model … --format json`: the linear adaptation's outcomes and the models'.
struct AdaptReport: Codable {
  var linear: [AdaptationOutcome]
  var models: [ModelAdaptation]
}
