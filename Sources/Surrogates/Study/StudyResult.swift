public import Learning

/// What one cell measured on its held-out architectures.
public struct StudyCellResult: Hashable, Sendable, Codable {
  public var cell: StudyCell
  /// Kendall's τ-b, Spearman's ρ and Pearson's r between predictions and measurements.
  public var kendallTau: Double
  public var spearmanRho: Double
  public var pearsonR: Double
  /// Mean absolute error in the target's display unit (ms or mJ).
  public var meanAbsoluteError: Double
  /// The hyperparameters the fit used (tuned, or the defaults).
  public var hyperparameters: Hyperparameters
  /// The tuning winner's cross-validated score (`nil` when no search ran).
  public var tuningScore: Double?
  public var tuningTrials: Int
  public var tuningFailures: Int
  /// Why the cell has no figures (too few samples, a numerical failure), or `nil`.
  public var error: String?

  enum CodingKeys: String, CodingKey {
    case cell, kendallTau = "kendall_tau", spearmanRho = "spearman_rho", pearsonR = "pearson_r"
    case meanAbsoluteError = "mae", hyperparameters, tuningScore = "tuning_score", tuningTrials = "tuning_trials"
    case tuningFailures = "tuning_failures", error
  }
}

/// A cell's wall times (the only machine-dependent figures of a study).
public struct StudyCellTiming: Hashable, Sendable, Codable {
  public var tuneSeconds: Double
  public var fitSeconds: Double
  public var predictSeconds: Double

  enum CodingKeys: String, CodingKey {
    case tuneSeconds = "tune_s", fitSeconds = "fit_s", predictSeconds = "predict_s"
  }
}

/// The lookup table's figures on one target ([Laube22]'s layer-operation-wise model: the base
/// architecture and its one-decision neighbours measured, every other architecture predicted).
public struct LookupTableLine: Hashable, Sendable, Codable {
  public var target: String
  /// Architectures measured to build it (the base and its neighbours).
  public var measured: Int
  /// Architectures it was evaluated on: every study architecture it was not built from.
  public var evaluated: Int
  public var kendallTau: Double
  public var spearmanRho: Double
  public var pearsonR: Double
  public var meanAbsoluteError: Double

  enum CodingKeys: String, CodingKey {
    case target, measured, evaluated, kendallTau = "kendall_tau", spearmanRho = "spearman_rho", pearsonR = "pearson_r"
    case meanAbsoluteError = "mae"
  }
}

/// Mean and spread over seeds of one (model, encoding, target, size).
public struct StudySummaryRow: Hashable, Sendable, Codable {
  public var model: String
  public var encoding: String
  public var target: String
  public var trainSize: Int
  /// Seeds with figures, and seeds whose cell failed.
  public var seeds: Int
  public var failures: Int
  public var kendallMean: Double
  /// Sample standard deviation over seeds (`nan` for one seed).
  public var kendallStandardDeviation: Double
  public var spearmanMean: Double
  public var pearsonMean: Double
  public var maeMean: Double

  enum CodingKeys: String, CodingKey {
    case model, encoding, target, trainSize = "train_size", seeds, failures, kendallMean = "kendall_tau_mean"
    case kendallStandardDeviation = "kendall_tau_sd", spearmanMean = "spearman_rho_mean", pearsonMean = "pearson_r_mean"
    case maeMean = "mae_mean"
  }
}

/// How much an encoding changes τ against the study's first encoding, over (model, target) pairs.
public struct EncodingGain: Hashable, Sendable, Codable {
  public var encoding: String
  public var reference: String
  /// The training size compared, or `nil` for every size together.
  public var trainSize: Int?
  /// Mean over compared (model, target, size) of mean τ with `encoding` minus mean τ with `reference`.
  public var meanKendallGain: Double
  /// Comparisons where `encoding` ranked better, and comparisons made.
  public var wins: Int
  public var comparisons: Int

  enum CodingKeys: String, CodingKey {
    case encoding, reference, trainSize = "train_size", meanKendallGain = "mean_kendall_tau_gain", wins, comparisons
  }
}

/// The best (model, encoding) by mean τ of one target at one size.
public struct StudyBest: Hashable, Sendable, Codable {
  public var target: String
  public var trainSize: Int
  public var model: String
  public var encoding: String
  public var kendallMean: Double

  enum CodingKeys: String, CodingKey {
    case target, trainSize = "train_size", model, encoding, kendallMean = "kendall_tau_mean"
  }
}

/// A model of the study with its hyperparameter space, as the report lists it.
public struct StudyModelInfo: Hashable, Sendable, Codable {
  public struct Dimension: Hashable, Sendable, Codable {
    public var name: String
    /// `real`, `integer` or `choice`.
    public var kind: String
    public var lower: Double?
    public var upper: Double?
    public var logarithmic: Bool?
    public var choices: [Double]?
  }

  public var name: String
  public var defaults: Hyperparameters
  public var space: [Dimension]

  public init(_ type: any Regressor.Type) {
    name = type.name
    defaults = type.defaultHyperparameters
    space = type.hyperparameterSpace.dimensions.map { dimension in
      switch dimension.domain {
      case .real(let lower, let upper, let logarithmic):
        Dimension(name: dimension.name, kind: "real", lower: lower, upper: upper, logarithmic: logarithmic, choices: nil)
      case .integer(let lower, let upper, let logarithmic):
        Dimension(name: dimension.name, kind: "integer", lower: Double(lower), upper: Double(upper), logarithmic: logarithmic,
                  choices: nil)
      case .choice(let values):
        Dimension(name: dimension.name, kind: "choice", lower: nil, upper: nil, logarithmic: nil, choices: values)
      }
    }
  }

  /// `k ∈ [1, 30] log; p ∈ {1, 2}`.
  public var spaceDescription: String {
    space.map { d in
      switch d.kind {
      case "choice": "\(d.name) ∈ {" + (d.choices ?? []).map(Self.format).joined(separator: ", ") + "}"
      default:
        "\(d.name) ∈ [\(Self.format(d.lower ?? .nan)), \(Self.format(d.upper ?? .nan))]" + (d.logarithmic == true ? " log" : "")
          + (d.kind == "integer" ? " integer" : "")
      }
    }.joined(separator: "; ")
  }

  static func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
  }
}

/// A study target as the result records it.
public struct StudyTargetInfo: Hashable, Sendable, Codable {
  public var name: String
  public var metric: MeasuredMetric
  /// The unit of the mean absolute errors.
  public var displayUnit: String
  /// Architectures measured (each once) and measurements asked for.
  public var measured: Int
  public var requested: Int
}

/// Everything a study found (`result.json`): the protocol, every cell, the lookup-table lines, and the
/// summaries the page draws. Machine-independent: the same command gives the same bytes.
public struct PredictorStudyResult: Sendable, Codable {
  public var space: String
  public var dataset: String
  /// Where the measurements came from (a table file, hardware files).
  public var source: String
  /// Architectures the splits were drawn from.
  public var universeSize: Int?
  public var testSize: Int
  public var trainSizes: [Int]
  public var seeds: [UInt64]
  public var tuningTrials: Int
  public var tuningFolds: Int
  public var tuningObjective: String
  /// Set only when the user bounded tuning by time (then results depend on the machine).
  public var tuningTimeLimitSeconds: Double?
  public var models: [StudyModelInfo]
  /// Encodings with their feature counts.
  public var encodings: [StudyEncodingInfo]
  public var targets: [StudyTargetInfo]
  /// The lookup table's base (canonical string), when the study has a lookup-table line.
  public var lookupBase: String?
  /// Why there is no lookup-table line, when there is none.
  public var lookupNote: String?
  public var lookupTable: [LookupTableLine]
  public var cells: [StudyCellResult]
  public var summary: [StudySummaryRow]
  public var encodingGains: [EncodingGain]
  public var best: [StudyBest]

  enum CodingKeys: String, CodingKey {
    case space, dataset, source, universeSize = "universe_size", testSize = "test_size", trainSizes = "train_sizes"
    case seeds, tuningTrials = "tuning_trials", tuningFolds = "tuning_folds", tuningObjective = "tuning_objective"
    case tuningTimeLimitSeconds = "tuning_time_limit_s", models, encodings, targets, lookupBase = "lookup_base"
    case lookupNote = "lookup_note", lookupTable = "lookup_table", cells, summary, encodingGains = "encoding_gains", best
  }
}

public struct StudyEncodingInfo: Hashable, Sendable, Codable {
  public var name: String
  public var featureCount: Int

  enum CodingKeys: String, CodingKey { case name, featureCount = "feature_count" }
}

/// Wall times of a study (`timings.json`).
public struct PredictorStudyTimings: Sendable, Codable {
  public var jobs: Int
  public var wallSeconds: Double
  /// Preparation: reading, measuring, encoding.
  public var prepareSeconds: Double
  /// Per cell, in the order of ``PredictorStudyResult/cells``.
  public var cells: [StudyCellTiming]

  public init(jobs: Int, wallSeconds: Double, prepareSeconds: Double, cells: [StudyCellTiming]) {
    self.jobs = jobs
    self.wallSeconds = wallSeconds
    self.prepareSeconds = prepareSeconds
    self.cells = cells
  }

  enum CodingKeys: String, CodingKey {
    case jobs, wallSeconds = "wall_s", prepareSeconds = "prepare_s", cells
  }
}
