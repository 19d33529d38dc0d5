import SeededRandom

/// Gradient-boosted regression trees in the manner of XGBoost's and LightGBM's histogram algorithm
/// (the XGBoost and LGBoost predictors of [Laube22]).
///
/// Each round fits a tree to the squared error's gradients `g = prediction − y` and hessians `h = 1`
/// by the second-order gain `G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)`; a split is made when its gain
/// exceeds `gamma` and both children keep a hessian total of at least `min_child_weight`; a leaf adds
/// `−learning_rate · G/(H+λ)`. Splits are searched on features pre-binned into at most `max_bins`
/// quantile bins (exact for features with fewer distinct values, such as one-hot encodings). Each tree
/// sees a random `subsample` of the rows and a random `colsample_bytree` share of the features. With
/// `early_stopping_rounds > 0`, a seeded `validation_fraction` of the training set is held out and the
/// ensemble is cut back to the round with the least held-out error once that many rounds bring no
/// improvement. Predictions start from the training targets' mean.
///
/// Hyperparameters (defaults are XGBoost's): `rounds` 100 (tuned in 16…512, log), `learning_rate`
/// 0.3 (0.001…0.5, log), `max_depth` 6 (1…15), `min_child_weight` 1 (1…10), `lambda` 1 (0.001…10,
/// log), `gamma` 0 (0 or 0.001…1, log), `subsample` 1 (0.5…1), `colsample_bytree` 1 (0.1…1),
/// `max_bins` 256 (not tuned), `early_stopping_rounds` 0 (off; tuned among 0 and 20) with
/// `validation_fraction` 0.1. The ranges follow [Laube22] Table 2 for XGBoost, with row subsampling,
/// `lambda` and `gamma` added.
public enum GradientBoostedTrees: Regressor {
  public static let name = "gbdt"

  public static let hyperparameterSpace = HyperparameterSpace([
    .init("rounds", .integer(lower: 16, upper: 512, logarithmic: true)),
    .init("learning_rate", .real(lower: 0.001, upper: 0.5, logarithmic: true)),
    .init("max_depth", .integer(lower: 1, upper: 15, logarithmic: false)),
    .init("min_child_weight", .integer(lower: 1, upper: 10, logarithmic: false)),
    .init("lambda", .real(lower: 0.001, upper: 10, logarithmic: true)),
    .init("gamma", .choice([0, 0.001, 0.01, 0.1, 1])),
    .init("subsample", .real(lower: 0.5, upper: 1, logarithmic: false)),
    .init("colsample_bytree", .real(lower: 0.1, upper: 1, logarithmic: false)),
    .init("early_stopping_rounds", .choice([0, 20])),
  ])

  public static let defaultHyperparameters = Hyperparameters([
    "rounds": 100, "learning_rate": 0.3, "max_depth": 6, "min_child_weight": 1, "lambda": 1, "gamma": 0,
    "subsample": 1, "colsample_bytree": 1, "max_bins": 256, "early_stopping_rounds": 0, "validation_fraction": 0.1,
  ])

  /// Trees are invariant to monotone feature scaling.
  public static var wantsStandardisedFeatures: Bool { false }

  public struct Model: FittedRegressor {
    let trees: TreeEnsemble
    /// The starting prediction (the training targets' mean).
    let base: Double

    public func predict(_ features: FeatureMatrix) -> [Double] {
      trees.predict(features, base: base, scale: 1)
    }

    /// Rounds kept (fewer than asked when early stopping cut the ensemble back).
    var treeCount: Int { trees.treeCount }
  }

  struct Settings {
    var rounds: Int
    var learningRate: Double
    var maxDepth: Int
    var minChildWeight: UInt32
    var lambda: Double
    var gamma: Double
    var subsample: Double
    var columnSample: Double
    var maxBins: Int
    var earlyStoppingRounds: Int
    var validationFraction: Double

    init(_ h: Hyperparameters) throws(LearningError) {
      func check(_ key: String, _ valid: (Double) -> Bool) throws(LearningError) -> Double {
        try h.validated(key, of: GradientBoostedTrees.self, valid)
      }
      rounds = Int(try check("rounds") { $0 >= 1 && $0 <= 100_000 }.rounded())
      learningRate = try check("learning_rate") { $0 > 0 && $0 <= 1 }
      maxDepth = Int(try check("max_depth") { $0 >= 1 && $0 <= 64 }.rounded())
      minChildWeight = UInt32(try check("min_child_weight") { $0 >= 0 && $0 <= 1e9 }.rounded(.up))
      lambda = try check("lambda") { $0 >= 0 }
      gamma = try check("gamma") { $0 >= 0 }
      subsample = try check("subsample") { $0 > 0 && $0 <= 1 }
      columnSample = try check("colsample_bytree") { $0 > 0 && $0 <= 1 }
      maxBins = Int(try check("max_bins") { $0 >= 2 && $0 <= 256 }.rounded())
      earlyStoppingRounds = Int(try check("early_stopping_rounds") { $0 >= 0 }.rounded())
      validationFraction = try check("validation_fraction") { $0 > 0 && $0 < 1 }
    }
  }

  public static func fit(features: FeatureMatrix, targets: [Double], hyperparameters: Hyperparameters,
                         seed: UInt64) throws(LearningError) -> Model {
    let settings = try Settings(hyperparameters)
    var generator = SplitMix64(seed: seed)
    let n = features.rowCount
    // The held-out part for early stopping; too few rows to spare one leaves it off.
    var trainingRows = Array(0..<n)
    var validationRows: [Int] = []
    let heldOut = Int((settings.validationFraction * Double(n)).rounded())
    if settings.earlyStoppingRounds > 0 && heldOut >= 1 && n - heldOut >= 2 {
      generator.shuffle(&trainingRows)
      validationRows = Array(trainingRows.prefix(heldOut)).sorted()
      trainingRows = Array(trainingRows.dropFirst(heldOut)).sorted()
    }
    let trainingCount = trainingRows.count, validationCount = validationRows.count
    let binning = FeatureBinning(fitting: features, rows: trainingRows, maxBins: settings.maxBins)
    let trainingBins = binning.binned(features, rows: trainingRows)
    let validationBins = binning.binned(features, rows: validationRows)
    let grower = HistogramTreeGrower(binning: binning, binned: trainingBins, rowCount: trainingCount,
                                     maxWeight: trainingCount)
    let y = trainingRows.map { targets[$0] }
    let validationY = validationRows.map { targets[$0] }
    let base = y.reduce(0, +) / Double(trainingCount)

    var predictions = [Double](repeating: base, count: trainingCount)
    var validationPredictions = [Double](repeating: base, count: validationCount)
    var gradients = [Double](repeating: 0, count: trainingCount)
    var hessians = [UInt32](repeating: 1, count: trainingCount)
    var rowPool = Array(0..<trainingCount)
    var columnPool = Array(0..<features.columnCount)
    let columnsPerTree = max(1, Int((settings.columnSample * Double(features.columnCount)).rounded()))
    let rowsPerTree = max(1, Int((settings.subsample * Double(trainingCount)).rounded()))
    let treeSettings = HistogramTreeGrower.Settings(
      maxDepth: settings.maxDepth, minChildWeight: settings.minChildWeight, minSplitWeight: 2,
      lambda: settings.lambda, gamma: settings.gamma, featuresPerNode: nil, leafScale: settings.learningRate)

    var trees = TreeEnsemble()
    var splitBins: [UInt8] = []
    var bestError = Double.infinity
    var bestRounds = 0
    for round in 0..<settings.rounds {
      for i in 0..<trainingCount { gradients[i] = predictions[i] - y[i] }
      if rowsPerTree < trainingCount {
        for i in 0..<trainingCount { hessians[i] = 0 }
        for i in choose(rowsPerTree, from: &rowPool, using: &generator) { hessians[i] = 1 }
      }
      let treeFeatures = columnsPerTree < features.columnCount
        ? choose(columnsPerTree, from: &columnPool, using: &generator).sorted() : columnPool
      // With every row in the tree, the grower adds the leaf values itself; otherwise rows are walked.
      let everyRow = rowsPerTree == trainingCount
      gradients.withUnsafeBufferPointer { g in
        hessians.withUnsafeBufferPointer { h in
          predictions.withUnsafeMutableBufferPointer { p in
            grower.grow(gradients: g, hessians: h, treeFeatures: treeFeatures, settings: treeSettings,
                        generator: &generator, into: &trees, splitBins: &splitBins,
                        leafSums: everyRow ? p.baseAddress! : nil)
          }
        }
      }
      if !everyRow {
        trees.addLeafValues(tree: round, splitBins: splitBins, bins: trainingBins, rowCount: trainingCount,
                            to: &predictions)
      }
      guard validationCount > 0 else { continue }
      trees.addLeafValues(tree: round, splitBins: splitBins, bins: validationBins, rowCount: validationCount,
                          to: &validationPredictions)
      var error = 0.0
      for i in 0..<validationCount {
        error += (validationPredictions[i] - validationY[i]) * (validationPredictions[i] - validationY[i])
      }
      if error < bestError {
        bestError = error
        bestRounds = round + 1
      } else if round + 1 - bestRounds >= settings.earlyStoppingRounds {
        break
      }
    }
    if validationCount > 0 { trees.keepTrees(bestRounds) }
    return Model(trees: trees, base: base)
  }

  /// `count` distinct members of `pool`, by a partial Fisher–Yates shuffle of it.
  private static func choose(_ count: Int, from pool: inout [Int], using generator: inout SplitMix64) -> ArraySlice<Int> {
    for i in 0..<count { pool.swapAt(i, i + generator.index(below: pool.count - i)) }
    return pool[0..<count]
  }
}

extension TreeEnsemble {
  /// Adds tree `tree`'s leaf value to each binned row (column-major `bins` over `rowCount` rows),
  /// walking the split bins instead of the thresholds (the same routes for binned data).
  func addLeafValues(tree: Int, splitBins: [UInt8], bins: [UInt8], rowCount: Int, to sums: inout [Double]) {
    let root = Int(roots[tree])
    for r in 0..<rowCount {
      var node = root
      while feature[node] >= 0 {
        node = Int(left[node]) + (bins[Int(feature[node]) * rowCount + r] <= splitBins[node] ? 0 : 1)
      }
      sums[r] += value[node]
    }
  }
}
