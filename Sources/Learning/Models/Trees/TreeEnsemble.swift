/// Regression trees stored flat: one array per node field over all trees, so an ensemble of hundreds of
/// trees is a handful of arrays (fast to walk, compact in JSON).
///
/// An internal node sends a row left when `row[feature] <= threshold` and right otherwise; its children
/// sit at `left` and `left + 1`. A leaf has `feature == -1` and predicts `value`.
struct TreeEnsemble: Hashable, Sendable, Codable {
  private(set) var feature: [Int32] = []
  private(set) var threshold: [Double] = []
  private(set) var left: [Int32] = []
  private(set) var value: [Double] = []
  /// Root node of each tree.
  private(set) var roots: [Int32] = []

  var treeCount: Int { roots.count }
  var nodeCount: Int { feature.count }

  /// Starts a tree; its root is the next node added.
  mutating func beginTree() { roots.append(Int32(feature.count)) }

  /// Appends a leaf (children are filled in by ``makeSplit``); returns its index.
  mutating func appendLeaf(value leafValue: Double) -> Int {
    feature.append(-1)
    threshold.append(0)
    left.append(-1)
    value.append(leafValue)
    return feature.count - 1
  }

  /// Turns leaf `node` into a split and appends its two children as leaves; returns the left child.
  mutating func makeSplit(_ node: Int, feature splitFeature: Int, threshold cut: Double) -> Int {
    let child = appendLeaf(value: 0)
    _ = appendLeaf(value: 0)
    feature[node] = Int32(splitFeature)
    threshold[node] = cut
    left[node] = Int32(child)
    value[node] = 0
    return child
  }

  mutating func setValue(_ node: Int, _ leafValue: Double) { value[node] = leafValue }

  /// Drops every tree after the first `count`.
  mutating func keepTrees(_ count: Int) {
    guard count < roots.count else { return }
    let end = Int(roots[count])
    roots.removeLast(roots.count - count)
    feature.removeLast(feature.count - end)
    threshold.removeLast(threshold.count - end)
    left.removeLast(left.count - end)
    value.removeLast(value.count - end)
  }

  /// The leaf value tree `tree` gives a row of `columns` values starting at `row`.
  func predict(tree: Int, row: UnsafeBufferPointer<Double>) -> Double {
    var node = Int(roots[tree])
    while feature[node] >= 0 {
      node = Int(left[node]) + (row[Int(feature[node])] <= threshold[node] ? 0 : 1)
    }
    return value[node]
  }

  /// `base + scale × Σ trees` per row.
  func predict(_ features: FeatureMatrix, base: Double, scale: Double) -> [Double] {
    var out = [Double](repeating: base, count: features.rowCount)
    features.values.withUnsafeBufferPointer { values in
      for r in 0..<features.rowCount {
        let row = UnsafeBufferPointer(rebasing: values[(r * features.columnCount)..<((r + 1) * features.columnCount)])
        var sum = 0.0
        for t in 0..<roots.count { sum += predict(tree: t, row: row) }
        out[r] = base + scale * sum
      }
    }
    return out
  }
}
