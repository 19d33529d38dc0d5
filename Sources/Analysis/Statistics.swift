/// Summary statistics used in reports and claims.
public enum Statistics {
  public static func mean(_ values: [Double]) -> Double {
    values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
  }

  /// The q-quantile (0 ≤ q ≤ 1) with linear interpolation between order statistics (Hyndman & Fan
  /// type 7, the default of R and NumPy); NaN values are ignored; `nan` for an empty sample.
  public static func quantile(_ values: [Double], _ q: Double) -> Double {
    let sorted = values.filter { !$0.isNaN }.sorted()
    guard !sorted.isEmpty else { return .nan }
    let position = q * Double(sorted.count - 1)
    let lower = Int(position.rounded(.down))
    let upper = min(lower + 1, sorted.count - 1)
    let fraction = position - Double(lower)
    return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
  }

  public static func median(_ values: [Double]) -> Double { quantile(values, 0.5) }

  /// P(x < y) for x drawn from `lower` and y from `higher`, ties counted half: the area under the ROC
  /// curve of telling the two groups apart by ranking values low (the Mann–Whitney U statistic over
  /// |lower|·|higher|). 1 when every value of `lower` is below every value of `higher`, 0.5 when the
  /// ranking says nothing; NaN when a group is empty.
  ///
  /// - Complexity: O(|lower| · |higher|).
  public static func probabilityOfLower(_ lower: [Double], than higher: [Double]) -> Double {
    guard !lower.isEmpty, !higher.isEmpty else { return .nan }
    var score = 0.0
    for x in lower { for y in higher { score += x < y ? 1 : (x == y ? 0.5 : 0) } }
    return score / Double(lower.count * higher.count)
  }

  /// The empirical CDF as (value, fraction ≤ value) steps, one per distinct value, ascending.
  public static func empiricalCDF(_ values: [Double]) -> [(value: Double, fraction: Double)] {
    let sorted = values.filter { !$0.isNaN }.sorted()
    var steps: [(value: Double, fraction: Double)] = []
    for (index, value) in sorted.enumerated() {
      let fraction = Double(index + 1) / Double(sorted.count)
      if let last = steps.last, last.value == value {
        steps[steps.count - 1].fraction = fraction
      } else {
        steps.append((value, fraction))
      }
    }
    return steps
  }
}
