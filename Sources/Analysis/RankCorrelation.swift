/// Rank correlation coefficients: how alike two orderings of the same items are.
///
/// Latency monotonicity (seed 002, §3.4 and §4.3.2) is measured with Spearman's ρ between the latencies of
/// the same architectures on two pieces of hardware: ρ = 1 when they order the architectures identically.
public enum RankCorrelation {
  /// Fractional ranks (1-based; ties share the mean of the ranks they span), as Spearman's ρ with ties
  /// requires.
  ///
  /// - Complexity: O(n log n).
  public static func ranks(_ values: [Double]) -> [Double] {
    let order = values.indices.sorted { values[$0] < values[$1] || (values[$0] == values[$1] && $0 < $1) }
    var result = [Double](repeating: 0, count: values.count)
    var start = 0
    while start < order.count {
      var end = start
      while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
      let rank = Double(start + end) / 2 + 1
      for i in start...end { result[order[i]] = rank }
      start = end + 1
    }
    return result
  }

  /// Pearson's correlation coefficient; `nan` when either side is constant or fewer than 2 values.
  public static func pearson(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "both samples need the same length")
    let n = Double(a.count)
    guard a.count >= 2 else { return .nan }
    let meanA = a.reduce(0, +) / n, meanB = b.reduce(0, +) / n
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for i in a.indices {
      let da = a[i] - meanA, db = b[i] - meanB
      sab += da * db; saa += da * da; sbb += db * db
    }
    guard saa > 0, sbb > 0 else { return .nan }
    return sab / (saa * sbb).squareRoot()
  }

  /// Spearman's ρ: Pearson's correlation of the fractional ranks (correct with ties).
  public static func spearman(_ a: [Double], _ b: [Double]) -> Double {
    pearson(ranks(a), ranks(b))
  }

  /// Kendall's τ-b (adjusts for ties in either sample), by Knight's O(n log n) algorithm (Knight, 1966,
  /// "A computer method for calculating Kendall's tau with ungrouped data", JASA 61:436–439).
  public static func kendallTauB(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count, "both samples need the same length")
    let n = a.count
    guard n >= 2 else { return .nan }
    // Sort by a, then b.
    var order = Array(0..<n).sorted { a[$0] != a[$1] ? a[$0] < a[$1] : b[$0] < b[$1] }
    let nPairs = Int64(n) * Int64(n - 1) / 2
    // Ties in a (t1), and joint ties in (a, b) (t3).
    var tiesA: Int64 = 0, tiesJoint: Int64 = 0
    var i = 0
    while i < n {
      var j = i
      while j + 1 < n && a[order[j + 1]] == a[order[i]] { j += 1 }
      let run = Int64(j - i + 1)
      tiesA += run * (run - 1) / 2
      var k = i
      while k <= j {
        var m = k
        while m + 1 <= j && b[order[m + 1]] == b[order[k]] { m += 1 }
        let r = Int64(m - k + 1)
        tiesJoint += r * (r - 1) / 2
        k = m + 1
      }
      i = j + 1
    }
    // Count swaps a merge sort on b needs: the discordant pairs.
    var buffer = order
    let swaps = mergeSortCountingSwaps(&order, &buffer, 0, n, b)
    // Ties in b, now that order is sorted by b.
    var tiesB: Int64 = 0
    i = 0
    while i < n {
      var j = i
      while j + 1 < n && b[order[j + 1]] == b[order[i]] { j += 1 }
      let run = Int64(j - i + 1)
      tiesB += run * (run - 1) / 2
      i = j + 1
    }
    let concordantMinusDiscordant = nPairs - tiesA - tiesB + tiesJoint - 2 * swaps
    let denominator = (Double(nPairs - tiesA) * Double(nPairs - tiesB)).squareRoot()
    guard denominator > 0 else { return .nan }
    return Double(concordantMinusDiscordant) / denominator
  }

  private static func mergeSortCountingSwaps(_ items: inout [Int], _ buffer: inout [Int], _ lo: Int, _ hi: Int,
                                             _ key: [Double]) -> Int64 {
    guard hi - lo > 1 else { return 0 }
    let mid = (lo + hi) / 2
    var swaps = mergeSortCountingSwaps(&items, &buffer, lo, mid, key)
    swaps += mergeSortCountingSwaps(&items, &buffer, mid, hi, key)
    var left = lo, right = mid, out = lo
    while left < mid || right < hi {
      if right >= hi || (left < mid && key[items[left]] <= key[items[right]]) {
        buffer[out] = items[left]; left += 1
      } else {
        buffer[out] = items[right]; right += 1
        swaps += Int64(mid - left)  // every remaining left item is out of order with this one
      }
      out += 1
    }
    for i in lo..<hi { items[i] = buffer[i] }
    return swaps
  }
}
