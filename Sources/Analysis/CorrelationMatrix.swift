/// Rank-correlation matrix of several series over the same items (e.g. the latencies of every
/// architecture on each of ~130 accelerators), with each series' mean correlation with the others.
///
/// This is the monotonicity analysis of seed 002 (Figs. 3.4 and 4.2): an entry near 1 means two pieces
/// of hardware order the architectures alike, so a Pareto set found on one serves the other.
public struct CorrelationMatrix: Hashable, Sendable {
  public enum Method: String, Hashable, Sendable, Codable, CaseIterable {
    case spearman, kendall
  }

  public let method: Method
  /// `values[i][j]`: correlation of series i with series j (1 on the diagonal; `nan` for a constant series).
  public let values: [[Double]]

  /// Computes the matrix.
  ///
  /// - Parameter series: m series, each with one value per item (all the same length, no NaN).
  /// - Complexity: Spearman O(m·n log n + m²·n); Kendall O(m²·n log n).
  public init(series: [[Double]], method: Method = .spearman) {
    self.method = method
    let m = series.count
    var values = [[Double]](repeating: [Double](repeating: 1, count: m), count: m)
    switch method {
    case .spearman:
      // Ranks are centred and scaled once per series, so each entry is one dot product.
      let normalised: [[Double]] = series.map { column in
        let ranks = RankCorrelation.ranks(column)
        let mean = ranks.reduce(0, +) / Double(max(ranks.count, 1))
        let centred = ranks.map { $0 - mean }
        let norm = centred.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? centred.map { $0 / norm } : [Double](repeating: .nan, count: column.count)
      }
      for i in 0..<m {
        for j in (i + 1)..<max(m, i + 1) {
          var dot = 0.0
          let a = normalised[i], b = normalised[j]
          for k in a.indices { dot += a[k] * b[k] }
          values[i][j] = min(1, max(-1, dot))
          values[j][i] = values[i][j]
        }
        if normalised[i].first?.isNaN == true { values[i][i] = .nan }
      }
    case .kendall:
      for i in 0..<m {
        for j in (i + 1)..<max(m, i + 1) {
          values[i][j] = RankCorrelation.kendallTauB(series[i], series[j])
          values[j][i] = values[i][j]
        }
      }
    }
    self.values = values
  }

  public var count: Int { values.count }

  /// Each series' mean correlation with every other series (NaN entries ignored).
  public var meanOffDiagonal: [Double] { Self.mean(offDiagonalOf: values) }

  /// Each row's mean over the entries off the diagonal (NaN entries ignored).
  public static func mean(offDiagonalOf values: [[Double]]) -> [Double] {
    (0..<values.count).map { i in
      let others = (0..<values.count).filter { $0 != i }.map { values[i][$0] }.filter { !$0.isNaN }
      return others.isEmpty ? .nan : others.reduce(0, +) / Double(others.count)
    }
  }

  /// Every off-diagonal entry once (i < j).
  public var offDiagonal: [Double] {
    (0..<count).flatMap { i in ((i + 1)..<max(count, i + 1)).map { values[i][$0] } }
  }
}
