import Foundation

/// Tick positions and their labels for one axis.
public struct Ticks: Equatable {
  /// Labelled ticks (and their grid lines), ascending.
  var values: [Double]
  var labels: [String]
  /// Unlabelled grid lines (log axes: the 2…9 multiples between labelled decades).
  var minor: [Double]

  /// Whether the labels, centred on their ticks along a horizontal axis, keep 8 px apart.
  func labelsFit(_ scale: Scale) -> Bool {
    var previousRight = -Double.infinity
    for (value, label) in zip(values, labels) {
      let center = scale(value), half = TextMetrics.width(label, fontSize: ChartFrame.tickLabelSize) / 2
      if center - half < previousRight + 8 { return false }
      previousRight = center + half
    }
    return true
  }

  /// "Nice" linear ticks: a step of 1, 2 or 5 × 10ⁿ giving at most about `target` ticks inside `domain`.
  ///
  /// Tick values are computed as integer multiples of the step (never by repeated addition) and the
  /// labels' decimals follow from the step, so labels read `0.3`, never `0.30000000000000004`.
  static func linear(_ domain: ClosedRange<Double>, target: Int) -> Ticks {
    let span = domain.upperBound - domain.lowerBound
    guard span > 0, span.isFinite else { return Ticks(values: [], labels: [], minor: []) }
    var step = nearestNiceStep(span / Double(max(1, target)))
    // A hair of tolerance so a bound that is itself a multiple of the step gets its tick.
    var first = (domain.lowerBound / step - 1e-9).rounded(.up)
    var last = (domain.upperBound / step + 1e-9).rounded(.down)
    // A coarse step can leave a single tick (5 × 10ⁿ over a span of 6 × 10ⁿ): step down 5 → 2 → 1.
    while last - first < 1 {
      step = niceStep(step * 0.99 / 2.5)
      first = (domain.lowerBound / step - 1e-9).rounded(.up)
      last = (domain.upperBound / step + 1e-9).rounded(.down)
    }
    guard first <= last, last - first < 1000 else { return Ticks(values: [], labels: [], minor: []) }
    let values = stride(from: first, through: last, by: 1).map { $0 * step }
    return Ticks(values: values, labels: values.map { label($0, step: step) }, minor: [])
  }

  /// The 1, 2, 5 × 10ⁿ nearest `raw` on a log scale (the thresholds are the geometric midpoints √2,
  /// √10, √50, as in d3's tick rule), so the tick count lands near the target rather than below it.
  static func nearestNiceStep(_ raw: Double) -> Double {
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    let error = raw / magnitude
    if error >= 50.0.squareRoot() { return 10 * magnitude }
    if error >= 10.0.squareRoot() { return 5 * magnitude }
    if error >= 2.0.squareRoot() { return 2 * magnitude }
    return magnitude
  }

  /// The smallest 1, 2, 5 × 10ⁿ at least `raw`.
  public static func niceStep(_ raw: Double) -> Double {
    let magnitude = pow(10, (log10(raw)).rounded(.down))
    for factor in [1.0, 2, 5, 10] where factor * magnitude >= raw * (1 - 1e-12) {
      return factor * magnitude
    }
    return 10 * magnitude
  }

  /// Log ticks: the richest of {1}, {1, 2, 5}, {1, …, 9} × 10ⁿ with at most `target + 2` labels; decades
  /// skipped evenly when even {1} gives too many; linear ticks when the domain spans too little of a
  /// decade for two log ticks.
  static func log(_ domain: ClosedRange<Double>, target: Int) -> Ticks {
    let lo = domain.lowerBound, hi = domain.upperBound
    guard lo > 0, hi > lo, lo.isFinite, hi.isFinite else { return Ticks(values: [], labels: [], minor: []) }
    let firstDecade = Int(log10(lo).rounded(.down)), lastDecade = Int(log10(hi).rounded(.down))
    func ticks(_ mantissas: [Double], decadeStep: Int = 1) -> [Double] {
      var out: [Double] = []
      var d = firstDecade
      // Decade steps > 1 land on multiples of the step (10⁰, 10³, 10⁶, …), not on the first decade.
      if decadeStep > 1 { d = Int((Double(firstDecade) / Double(decadeStep)).rounded(.down)) * decadeStep }
      while d <= lastDecade {
        for m in mantissas {
          let v = m * pow(10, Double(d))
          if v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9) { out.append(v) }
        }
        d += decadeStep
      }
      return out
    }
    let limit = target + 2
    let all = ticks([1, 2, 3, 4, 5, 6, 7, 8, 9])
    var chosen: [Double] = []
    var minor: [Double] = []
    for mantissas in [[1, 2, 3, 4, 5, 6, 7, 8, 9], [1, 2, 5], [1.0]] {
      let candidate = ticks(mantissas)
      if candidate.count <= limit {
        chosen = candidate
        // Beyond four decades the 2…9 lines crowd into a grey wash; the decades alone read better.
        minor = lastDecade - firstDecade <= 4 ? all.filter { !candidate.contains($0) } : []
        break
      }
    }
    if chosen.isEmpty {
      // More decades than labels: label every k-th decade, grid at every decade.
      let decades = lastDecade - firstDecade + 1
      let k = Int(niceStep(Double(decades) / Double(max(1, target))).rounded(.up))
      chosen = ticks([1], decadeStep: max(1, k))
      minor = ticks([1]).filter { !chosen.contains($0) }
    }
    if chosen.count < 3 && hi / lo < 10 {
      // Less than about half a decade: linear-looking ticks (2, 2.5, 3, …) say more than two log ones.
      let linearTicks = linear(domain, target: target)
      if linearTicks.values.count > chosen.count { return linearTicks }
    }
    let labels = chosen.map { logLabel($0, all: chosen) }
    return Ticks(values: chosen, labels: labels, minor: minor)
  }

  /// A linear tick's label: decimals from the step; grouped integers up to 10⁷; `m×10ⁿ` beyond, or for
  /// steps under 10⁻⁴.
  static func label(_ value: Double, step: Double) -> String {
    if value == 0 { return "0" }
    let maxMagnitude = abs(value)
    if step >= 1 && maxMagnitude < 1e7 { return ValueFormat.grouped(Int64(value.rounded())) }
    if step < 1 && step >= 1e-4 && maxMagnitude < 1e7 {
      let decimals = Int((-log10(step)).rounded(.up))
      return ValueFormat.fixed(value, decimals: decimals)
    }
    // Enough significant digits to tell neighbouring ticks apart.
    let digits = max(1, Int(log10(maxMagnitude).rounded(.down)) - Int(log10(step).rounded(.down)) + 1)
    return ValueFormat.significant(value, digits: digits).replacingOccurrences(of: ".0×", with: "×")
  }

  /// A log tick's label: plain numbers when every label lies in [10⁻³, 10⁵], else `10ⁿ` / `m×10ⁿ`.
  static func logLabel(_ value: Double, all: [Double]) -> String {
    let plain = all.allSatisfy { $0 >= 1e-3 * (1 - 1e-9) && $0 <= 1e5 * (1 + 1e-9) }
    let exponent = Int(log10(value * (1 + 1e-9)).rounded(.down))
    let mantissa = (value / pow(10, Double(exponent))).rounded()
    if plain {
      if exponent >= 0 { return ValueFormat.grouped(Int64(value.rounded())) }
      return ValueFormat.fixed(value, decimals: -exponent)
    }
    let power = "10" + ValueFormat.superscript(exponent)
    return mantissa == 1 ? power : "\(Int(mantissa))×" + power
  }
}
