import SeededRandom

/// A random forest of regression trees (Breiman's forests; the Random Forests predictor of [Laube22]):
/// the mean of `trees` trees, each grown on a bootstrap sample of the rows, splitting on the
/// variance-reducing boundary among `max_features` of the features drawn afresh at every node (more
/// when all drawn are constant in the node, as in scikit-learn), until `max_depth` (0: unlimited),
/// `min_samples_split` or `min_samples_leaf` stop it. Bootstrap counts weigh rows, so the two minimums
/// count weighted rows. Splits are searched on at most `max_bins` quantile bins per feature, which is
/// exact for features with fewer distinct values (one-hot encodings, small grids).
///
/// Each tree draws from its own generator, seeded from the fit's seed and the tree's index.
///
/// Hyperparameters: `trees` 100 (tuned in 16…512, log), `max_features` 0.33 as a share of the
/// features, rounded down, at least one (0.1…1), `min_samples_leaf` 1 (1…20), `min_samples_split` 2
/// (2…20, log), `max_depth` 0 (unlimited; tuned among unlimited, 4, 8, 12, 16), `bootstrap` 1,
/// `max_bins` 256 (neither tuned). The ranges follow [Laube22] Table 2, whose tree counts are widened
/// to 512.
public enum RandomForest: Regressor {
  public static let name = "rf"

  public static let hyperparameterSpace = HyperparameterSpace([
    .init("trees", .integer(lower: 16, upper: 512, logarithmic: true)),
    .init("max_features", .real(lower: 0.1, upper: 1, logarithmic: false)),
    .init("min_samples_leaf", .integer(lower: 1, upper: 20, logarithmic: false)),
    .init("min_samples_split", .integer(lower: 2, upper: 20, logarithmic: true)),
    .init("max_depth", .choice([0, 4, 8, 12, 16])),
  ])

  public static let defaultHyperparameters = Hyperparameters([
    "trees": 100, "max_features": 0.33, "min_samples_leaf": 1, "min_samples_split": 2, "max_depth": 0,
    "bootstrap": 1, "max_bins": 256,
  ])

  /// Trees are invariant to monotone feature scaling.
  public static var wantsStandardisedFeatures: Bool { false }

  public struct Model: FittedRegressor {
    let trees: TreeEnsemble

    public func predict(_ features: FeatureMatrix) -> [Double] {
      trees.predict(features, base: 0, scale: 1 / Double(max(trees.treeCount, 1)))
    }
  }

  public static func fit(features: FeatureMatrix, targets: [Double], hyperparameters: Hyperparameters,
                         seed: UInt64) throws(LearningError) -> Model {
    func check(_ key: String, _ valid: (Double) -> Bool) throws(LearningError) -> Double {
      try hyperparameters.validated(key, of: RandomForest.self, valid)
    }
    let treeCount = Int(try check("trees") { $0 >= 1 && $0 <= 100_000 }.rounded())
    let maxFeatures = try check("max_features") { $0 > 0 && $0 <= 1 }
    let minLeaf = UInt32(try check("min_samples_leaf") { $0 >= 1 && $0 <= 1e9 }.rounded())
    let minSplit = UInt32(try check("min_samples_split") { $0 >= 2 && $0 <= 1e9 }.rounded())
    let maxDepth = Int(try check("max_depth") { $0 >= 0 && $0 <= 1e6 }.rounded())
    let bootstrap = try check("bootstrap") { $0 == 0 || $0 == 1 } == 1
    let maxBins = Int(try check("max_bins") { $0 >= 2 && $0 <= 256 }.rounded())

    let n = features.rowCount
    let binning = FeatureBinning(fitting: features, maxBins: maxBins)
    let grower = HistogramTreeGrower(binning: binning, binned: binning.binned(features), rowCount: n, maxWeight: n)
    let allFeatures = Array(0..<features.columnCount)
    let settings = HistogramTreeGrower.Settings(
      maxDepth: maxDepth == 0 ? Int.max : maxDepth, minChildWeight: minLeaf, minSplitWeight: minSplit, lambda: 0,
      gamma: 0, featuresPerNode: max(1, Int(maxFeatures * Double(features.columnCount))), leafScale: 1)
    var trees = TreeEnsemble()
    var splitBins: [UInt8] = []
    var counts = [UInt32](repeating: 1, count: n)
    var gradients = [Double](repeating: 0, count: n)
    for t in 0..<treeCount {
      var generator = SplitMix64(seed: SplitMix64.partSeed(seed, t))
      if bootstrap {
        for i in 0..<n { counts[i] = 0 }
        for _ in 0..<n { counts[generator.index(below: n)] += 1 }
      }
      // Variance reduction is the second-order gain with g = −w·y, h = w, λ = 0.
      for i in 0..<n { gradients[i] = -Double(counts[i]) * targets[i] }
      gradients.withUnsafeBufferPointer { g in
        counts.withUnsafeBufferPointer { h in
          grower.grow(gradients: g, hessians: h, treeFeatures: allFeatures, settings: settings,
                      generator: &generator, into: &trees, splitBins: &splitBins)
        }
      }
    }
    return Model(trees: trees)
  }
}
