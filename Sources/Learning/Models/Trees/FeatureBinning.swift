/// Quantile bins of each feature, the pre-binning of histogram tree learners (LightGBM, XGBoost `hist`):
/// every value is replaced by the index of its bin, so a split search scans at most 256 bin totals per
/// feature instead of sorting values at every node.
///
/// Bin `b` of a feature holds the values in `(edges[b - 1], edges[b]]`; the last bin is unbounded above.
/// A feature with at most `maxBins` distinct training values gets one bin per value (edges halfway
/// between neighbours), so splits on it are exact; a feature with more gets bins of about equal row
/// counts, cut only between distinct values.
struct FeatureBinning: Sendable {
  /// Upper edges per feature (`binCount - 1` of them, ascending).
  let edges: [[Double]]

  /// - Precondition: `2 <= maxBins <= 256`.
  init(fitting features: FeatureMatrix, rows: [Int]? = nil, maxBins: Int) {
    precondition((2...256).contains(maxBins), "FeatureBinning: maxBins \(maxBins) outside 2...256")
    let rowIndices = rows ?? Array(0..<features.rowCount)
    var edges: [[Double]] = []
    edges.reserveCapacity(features.columnCount)
    var column = [Double](repeating: 0, count: rowIndices.count)
    for c in 0..<features.columnCount {
      for (position, r) in rowIndices.enumerated() { column[position] = features[r, c] }
      column.sort()
      edges.append(Self.edges(sorted: column, maxBins: maxBins))
    }
    self.edges = edges
  }

  /// Cut points of one sorted column: between every pair of distinct values when they are few, else
  /// greedily where a bin has reached its share of the remaining rows.
  private static func edges(sorted values: [Double], maxBins: Int) -> [Double] {
    guard let first = values.first else { return [] }
    var distinct: [Double] = [first]
    var counts: [Int] = [1]
    for value in values.dropFirst() {
      if value == distinct[distinct.count - 1] { counts[counts.count - 1] += 1 } else {
        distinct.append(value)
        counts.append(1)
      }
    }
    if distinct.count <= maxBins {
      return (1..<distinct.count).map { between(distinct[$0 - 1], distinct[$0]) }
    }
    var edges: [Double] = []
    var remainingRows = values.count
    var inBin = 0
    for i in 0..<(distinct.count - 1) {
      inBin += counts[i]
      let remainingBins = maxBins - edges.count
      // Close the bin once it holds its share of what is left (recomputed after each cut, so heavy
      // single values do not starve the bins after them).
      if Double(inBin) >= Double(remainingRows) / Double(remainingBins) {
        edges.append(between(distinct[i], distinct[i + 1]))
        remainingRows -= inBin
        inBin = 0
        if edges.count == maxBins - 1 { break }
      }
    }
    return edges
  }

  /// A cut with `low <= cut < high`: the midpoint where it is representable strictly below `high`.
  private static func between(_ low: Double, _ high: Double) -> Double {
    let middle = low / 2 + high / 2
    return middle >= low && middle < high ? middle : low
  }

  var binCounts: [Int] { edges.map { $0.count + 1 } }

  /// The bin of `value` in feature `feature`: the number of edges below it.
  func bin(_ value: Double, feature: Int) -> UInt8 {
    let cuts = edges[feature]
    var low = 0, high = cuts.count
    while low < high {
      let middle = (low + high) / 2
      if cuts[middle] < value { low = middle + 1 } else { high = middle }
    }
    return UInt8(low)
  }

  /// The bins of `rows` (all rows when nil), column-major: feature `c`, position `p` at `c * count + p`.
  func binned(_ features: FeatureMatrix, rows: [Int]? = nil) -> [UInt8] {
    let rowIndices = rows ?? Array(0..<features.rowCount)
    let count = rowIndices.count
    var bins = [UInt8](repeating: 0, count: count * features.columnCount)
    for c in 0..<features.columnCount {
      for (position, r) in rowIndices.enumerated() { bins[c * count + position] = bin(features[r, c], feature: c) }
    }
    return bins
  }
}
