import Foundation
import Reports
import Spaces
import Surrogates

/// The files of a `duet predictors study` run folder and the text summary.
enum PredictorStudyFiles {
  static func dataFiles(result: PredictorStudyResult, timings: PredictorStudyTimings, data: StudyData?) throws -> [DataFile] {
    var files: [DataFile] = []
    let unit = Dictionary(uniqueKeysWithValues: result.targets.map { ($0.name, $0.displayUnit) })
    var cells = CSVWriter(header: ["model", "encoding", "target", "train_size", "seed", "kendall_tau", "spearman_rho",
                                   "pearson_r", "mae", "mae_unit", "tuning_trials", "tuning_failures", "tuning_score",
                                   "hyperparameters", "error"])
    for cell in result.cells {
      cells.append([cell.cell.model, cell.cell.encoding, cell.cell.target, String(cell.cell.trainSize), String(cell.cell.seed),
                    NumberFormat.exact(cell.kendallTau), NumberFormat.exact(cell.spearmanRho), NumberFormat.exact(cell.pearsonR),
                    NumberFormat.exact(cell.meanAbsoluteError), unit[cell.cell.target] ?? "", String(cell.tuningTrials),
                    String(cell.tuningFailures), cell.tuningScore.map(NumberFormat.exact) ?? "", cell.hyperparameters.description,
                    cell.error ?? ""])
    }
    files.append(DataFile(name: "cells.csv", text: cells.text,
                          description: "every (model, encoding, target, training size, seed): rank correlations and MAE on the held-out architectures, the tuned hyperparameters"))
    var summary = CSVWriter(header: ["model", "encoding", "target", "train_size", "seeds", "failures", "kendall_tau_mean",
                                     "kendall_tau_sd", "spearman_rho_mean", "pearson_r_mean", "mae_mean", "mae_unit"])
    for row in result.summary {
      summary.append([row.model, row.encoding, row.target, String(row.trainSize), String(row.seeds), String(row.failures),
                      NumberFormat.exact(row.kendallMean), NumberFormat.exact(row.kendallStandardDeviation),
                      NumberFormat.exact(row.spearmanMean), NumberFormat.exact(row.pearsonMean), NumberFormat.exact(row.maeMean),
                      unit[row.target] ?? ""])
    }
    files.append(DataFile(name: "summary.csv", text: summary.text,
                          description: "means over seeds per (model, encoding, target, training size); sd is the sample standard deviation"))
    if !result.lookupTable.isEmpty {
      var lookup = CSVWriter(header: ["target", "base", "measured", "evaluated", "kendall_tau", "spearman_rho", "pearson_r",
                                      "mae", "mae_unit"])
      for line in result.lookupTable {
        lookup.append([line.target, result.lookupBase ?? "", String(line.measured), String(line.evaluated),
                       NumberFormat.exact(line.kendallTau), NumberFormat.exact(line.spearmanRho), NumberFormat.exact(line.pearsonR),
                       NumberFormat.exact(line.meanAbsoluteError), unit[line.target] ?? ""])
      }
      files.append(DataFile(name: "lookup_table.csv", text: lookup.text,
                            description: "the lookup table per target: built from its base and one-decision neighbours, means over the seeds' test sets"))
    }
    files.append(DataFile(name: "result.json", contents: try ReportJSON.encode(result, pretty: false),
                          description: "everything the study found (deterministic; one line, `jq .` indents it)"))
    var times = CSVWriter(header: ["model", "encoding", "target", "train_size", "seed", "tune_s", "fit_s", "predict_s"])
    for (cell, timing) in zip(result.cells, timings.cells) {
      times.append([cell.cell.model, cell.cell.encoding, cell.cell.target, String(cell.cell.trainSize), String(cell.cell.seed),
                    NumberFormat.exact(timing.tuneSeconds), NumberFormat.exact(timing.fitSeconds),
                    NumberFormat.exact(timing.predictSeconds)])
    }
    files.append(DataFile(name: "timings.csv", text: times.text, description: "wall times per cell on this machine (machine-dependent)"))
    files.append(DataFile(name: "timings.json", contents: try ReportJSON.encode(timings, pretty: false),
                          description: "the same wall times with the whole run's (machine-dependent)"))
    if let data { files += exportedData(data) }
    return files
  }

  /// The architectures with their measurements, every encoding's features, and the splits: what
  /// scripts/predictor-reference.py needs to fit the same cells.
  static func exportedData(_ data: StudyData) -> [DataFile] {
    let space = data.encoders.first?.space
    var architectures = CSVWriter(header: ["row", "arch"] + data.targets.map { "\($0.name)_\($0.metric.displayUnit)" })
    for (row, architecture) in data.architectures.enumerated() {
      architectures.append([String(row), space.map { $0.canonicalString(architecture) } ?? architecture.description]
                           + data.targets.map { NumberFormat.exact($0.values[row] * $0.metric.displayScale) })
    }
    var files = [DataFile(name: "data/architectures.csv", text: architectures.text,
                          description: "the study's architectures (row numbers used by the splits) and their measurements")]
    for (encoder, features) in zip(data.encoders, data.features) {
      var csv = CSVWriter(header: ["row"] + encoder.featureNames)
      for row in 0..<features.rowCount { csv.append([String(row)] + features.row(row).map(NumberFormat.exact)) }
      files.append(DataFile(name: "data/features-\(encoder.encoding.name).csv", text: csv.text,
                            description: "the \(encoder.encoding.name) encoding of every architecture (unstandardised)"))
    }
    var splits = CSVWriter(header: ["seed", "role", "position", "row"])
    for split in data.splits {
      for (position, row) in split.test.enumerated() { splits.append([String(split.seed), "test", String(position), String(row)]) }
      for (position, row) in split.pool.enumerated() { splits.append([String(split.seed), "train", String(position), String(row)]) }
    }
    files.append(DataFile(name: "data/splits.csv", text: splits.text,
                          description: "per seed, the test rows and the training pool in order (the training set of size n is its first n rows)"))
    return files
  }

  static func conventions(_ result: PredictorStudyResult) -> [(String, String)] {
    [
      ("space", "\(result.space) (\(result.dataset))"),
      ("measurements", result.source),
      ("splits", "per seed, \(result.testSize) held-out architectures and a training pool, drawn with the seed; the training set of size n is the pool's first n (nested)"),
      ("targets", "standardised (mean 0, standard deviation 1) before fitting; features standardised for the models that want it"),
      ("tuning", "random search, \(result.tuningTrials) trials (the defaults first) × \(result.tuningFolds)-fold cross-validation inside the training set, scored by \(result.tuningObjective)"
        + (result.tuningTimeLimitSeconds.map { "; at most \(NumberFormat.exact($0)) s per fit" } ?? "; bounded by trials only")),
      ("seeding", "every cell draws from a seed hashed from its (model, encoding, target, size, seed), never from run order"),
      ("metrics", "Kendall τ-b, Spearman ρ, Pearson r and mean absolute error on each seed's held-out architectures"),
      ("lookup table", result.lookupBase.map { "base \($0) and its one-decision neighbours measured; evaluated on each seed's test set without them" } ?? (result.lookupNote ?? "none")),
    ]
  }

  /// `text` right-aligned in `width` characters.
  static func pad(_ text: String, _ width: Int) -> String {
    String(repeating: " ", count: max(0, width - text.count)) + text
  }

  /// A compact table on stdout: mean τ per model and size for each target.
  static func summary(_ result: PredictorStudyResult, folder: String, timings: PredictorStudyTimings) -> String {
    var lines: [String] = []
    let sizes = result.trainSizes
    for target in result.targets.map(\.name) {
      lines.append("\(target): mean Kendall τ over \(result.seeds.count) seed(s), \(result.testSize) held-out architectures")
      lines.append("  " + "model".padding(toLength: 28, withPad: " ", startingAt: 0) + sizes.map { pad("n=\($0)", 8) }.joined())
      for row in stride(from: 0, to: result.summary.count, by: 1) where result.summary[row].target == target && result.summary[row].trainSize == sizes.first {
        let first = result.summary[row]
        let name = result.encodings.count > 1 ? "\(first.model) (\(first.encoding))" : first.model
        let values = sizes.map { size in
          result.summary.first { $0.model == first.model && $0.encoding == first.encoding && $0.target == target && $0.trainSize == size }
            .map { $0.seeds > 0 ? pad(String(format: "%.3f", $0.kendallMean), 8) : pad("—", 8) } ?? pad("—", 8)
        }
        lines.append("  " + name.padding(toLength: 28, withPad: " ", startingAt: 0) + values.joined())
      }
      if let line = result.lookupTable.first(where: { $0.target == target }) {
        lines.append("  " + "lookup table".padding(toLength: 28, withPad: " ", startingAt: 0)
                     + pad(String(format: "%.3f", line.kendallTau), 8) + "  (base \(result.lookupBase ?? ""), \(line.measured) measured)")
      }
    }
    lines.append(String(format: "wall time %.1f s (preparing %.1f s) with %d job(s)", timings.wallSeconds, timings.prepareSeconds, timings.jobs))
    lines.append("report: \(URL(fileURLWithPath: folder).appendingPathComponent(RunFolder.pageName).path)")
    return lines.joined(separator: "\n")
  }
}
