import Foundation
import Testing
import TestSupport
@testable import SVGCharts

@Suite("Axis ticks: 1-2-5 steps, log decades, clean labels")
struct TicksTests {
  @Test func linearTicksOnRoundNumbers() {
    let ticks = Ticks.linear(0...1, target: 5)
    #expect(ticks.labels == ["0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    #expect(Ticks.linear(-0.04...97.3, target: 5).labels == ["0", "20", "40", "60", "80"])
    #expect(Ticks.linear(88.1...94.6, target: 6).labels == ["89", "90", "91", "92", "93", "94"])
    #expect(Ticks.linear(0...2_400_000, target: 5).labels == ["0", "500,000", "1,000,000", "1,500,000", "2,000,000"])
    #expect(Ticks.linear(0...4e7, target: 4).labels == ["0", "1×10⁷", "2×10⁷", "3×10⁷", "4×10⁷"])
  }

  @Test func niceSteps() {
    #expect(Ticks.niceStep(0.13) == 0.2)
    #expect(Ticks.niceStep(3) == 5)
    #expect(Ticks.niceStep(7) == 10)
    #expect(Ticks.niceStep(1) == 1)
    #expect(Ticks.niceStep(0.0004) == 0.0005)
  }

  /// Over many random domains: ticks lie inside the domain, are evenly spaced by 1, 2 or 5 × 10ⁿ,
  /// number 2…2·target+1, and have distinct labels free of floating-point noise.
  @Test func linearTickProperties() {
    var random = TestRandom(seed: 7)
    for case_ in 0..<2000 {
      let magnitude = pow(10, Double.random(in: -6...9, using: &random))
      let lo = Double.random(in: -1...1, using: &random) * magnitude
      let span = magnitude * Double.random(in: 0.01...3, using: &random)
      let target = Int.random(in: 3...9, using: &random)
      let ticks = Ticks.linear(lo...(lo + span), target: target)
      let context = "case \(case_): \(lo)…\(lo + span), target \(target)"
      #expect(ticks.values.count >= 2 && ticks.values.count <= 2 * target + 1, "\(context): \(ticks.values.count) ticks")
      #expect(ticks.values.allSatisfy { $0 >= lo - span * 1e-9 && $0 <= lo + span * (1 + 1e-9) }, "\(context)")
      #expect(Set(ticks.labels).count == ticks.labels.count, "\(context): \(ticks.labels)")
      #expect(!ticks.labels.contains { $0.contains("0000000") || $0.contains("9999999") }, "\(context): \(ticks.labels)")
      if ticks.values.count >= 2 {
        let step = ticks.values[1] - ticks.values[0]
        let mantissa = step / pow(10, log10(step).rounded(.down))
        #expect([1.0, 2, 5, 10].contains { abs(mantissa - $0) < 1e-6 }, "\(context): step \(step)")
      }
    }
  }

  @Test func logTicksOverDecades() {
    let wide = Ticks.log(1...1e6, target: 6)
    #expect(wide.labels == ["1", "10", "100", "1,000", "10,000", "100,000", "10⁶"] || wide.labels == ["10⁰", "10¹", "10²", "10³", "10⁴", "10⁵", "10⁶"])
    // Six decades: no 2…9 lines (they would crowd); four decades keep them.
    #expect(wide.minor.isEmpty)
    #expect(Ticks.log(1...1e4, target: 6).minor.contains(2))
    let few = Ticks.log(0.8...60, target: 6)
    #expect(few.values == [1, 2, 5, 10, 20, 50])
    #expect(few.labels == ["1", "2", "5", "10", "20", "50"])
    let many = Ticks.log(1e-3...1e12, target: 6)
    #expect(many.values.count <= 8 && many.values.count >= 3)
    #expect(many.labels.allSatisfy { $0.hasPrefix("10") }, "\(many.labels)")
    // Less than a factor of three: linear-looking ticks instead of a single log tick.
    let narrow = Ticks.log(1.2...3.4, target: 6)
    #expect(narrow.values.count >= 3)
    #expect(Ticks.log(2e-5...3e-3, target: 6).labels.contains("10⁻⁴"))
  }

  @Test func logTicksNeverEmptyOnValidDomains() {
    var random = TestRandom(seed: 11)
    for _ in 0..<1000 {
      let lo = pow(10, Double.random(in: -8...8, using: &random))
      let hi = lo * pow(10, Double.random(in: 0.05...14, using: &random))
      let ticks = Ticks.log(lo...hi, target: 6)
      #expect(ticks.values.count >= 2, "\(lo)…\(hi)")
      #expect(ticks.values.allSatisfy { $0 >= lo * (1 - 1e-9) && $0 <= hi * (1 + 1e-9) }, "\(lo)…\(hi): \(ticks.values)")
      #expect(Set(ticks.labels).count == ticks.labels.count, "\(lo)…\(hi): \(ticks.labels)")
    }
  }

  @Test func fittedDomains() {
    let linear = Axis("a", unit: "")
    #expect(linear.domain(fitting: [5]) == 4.5...5.5)
    #expect(linear.domain(fitting: []) == 0...1)
    var zero = Axis("a", unit: "", includesZero: true)
    #expect(zero.domain(fitting: [2, 4]).lowerBound == 0)
    zero.range = 10...20
    #expect(zero.domain(fitting: [2, 4]) == 10...20)
    let log = Axis("a", unit: "", scale: .log)
    let d = log.domain(fitting: [10, 1000])
    #expect(d.lowerBound < 10 && d.upperBound > 1000)
  }
}
