import Foundation

/// An exact non-negative integer of any size, for counting architectures (FBNet has 9^22 ≈ 9.8 × 10^20,
/// DARTS ≈ 1.1 × 10^18, AlphaNet more than fits in 64 bits).
///
/// Only what counting needs: addition, multiplication, powers, comparison and decimal text.
public struct BigCount: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByIntegerLiteral {
  /// Base-2^32 digits, least significant first, without trailing zeros (zero is `[]`).
  private var limbs: [UInt32]

  public init(_ value: UInt64) {
    limbs = [UInt32(truncatingIfNeeded: value), UInt32(truncatingIfNeeded: value >> 32)]
    normalize()
  }

  public init(_ value: Int) {
    precondition(value >= 0, "BigCount counts; it cannot be negative")
    self.init(UInt64(value))
  }

  public init(integerLiteral value: UInt64) { self.init(value) }

  private mutating func normalize() {
    while limbs.last == 0 { limbs.removeLast() }
  }

  public static func + (a: BigCount, b: BigCount) -> BigCount {
    var result: [UInt32] = []
    result.reserveCapacity(max(a.limbs.count, b.limbs.count) + 1)
    var carry: UInt64 = 0
    for i in 0..<max(a.limbs.count, b.limbs.count) {
      let sum = UInt64(i < a.limbs.count ? a.limbs[i] : 0) + UInt64(i < b.limbs.count ? b.limbs[i] : 0) + carry
      result.append(UInt32(truncatingIfNeeded: sum))
      carry = sum >> 32
    }
    if carry > 0 { result.append(UInt32(carry)) }
    var out = BigCount(0)
    out.limbs = result
    out.normalize()
    return out
  }

  public static func * (a: BigCount, b: BigCount) -> BigCount {
    if a.limbs.isEmpty || b.limbs.isEmpty { return 0 }
    var result = [UInt32](repeating: 0, count: a.limbs.count + b.limbs.count)
    for i in 0..<a.limbs.count {
      var carry: UInt64 = 0
      for j in 0..<b.limbs.count {
        let t = UInt64(a.limbs[i]) * UInt64(b.limbs[j]) + UInt64(result[i + j]) + carry
        result[i + j] = UInt32(truncatingIfNeeded: t)
        carry = t >> 32
      }
      var k = i + b.limbs.count
      while carry > 0 {
        let t = UInt64(result[k]) + carry
        result[k] = UInt32(truncatingIfNeeded: t)
        carry = t >> 32
        k += 1
      }
    }
    var out = BigCount(0)
    out.limbs = result
    out.normalize()
    return out
  }

  /// `self` raised to `exponent` (square-and-multiply).
  public func power(_ exponent: Int) -> BigCount {
    precondition(exponent >= 0, "negative exponent")
    var result: BigCount = 1
    var base = self
    var e = exponent
    while e > 0 {
      if e & 1 == 1 { result = result * base }
      base = base * base
      e >>= 1
    }
    return result
  }

  public static func < (a: BigCount, b: BigCount) -> Bool {
    if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
    for i in stride(from: a.limbs.count - 1, through: 0, by: -1) where a.limbs[i] != b.limbs[i] {
      return a.limbs[i] < b.limbs[i]
    }
    return false
  }

  /// The value as an `Int` when it fits.
  public var exactInt: Int? {
    switch limbs.count {
    case 0: return 0
    case 1: return Int(limbs[0])
    case 2:
      let v = UInt64(limbs[1]) << 32 | UInt64(limbs[0])
      return v <= UInt64(Int.max) ? Int(v) : nil
    default: return nil
    }
  }

  /// log₁₀ of the value (−∞ for zero), accurate to double precision.
  public var log10: Double {
    guard let top = limbs.last else { return -.infinity }
    // The top two limbs carry more than 53 significant bits; the rest only shift the exponent.
    let n = limbs.count
    var mantissa = Double(top)
    var shift = (n - 1) * 32
    if n >= 2 {
      mantissa = mantissa * 4_294_967_296 + Double(limbs[n - 2])
      shift -= 32
    }
    return _log10(mantissa) + Double(shift) * 0.301_029_995_663_981_2
  }

  /// Exact decimal digits.
  public var description: String {
    if limbs.isEmpty { return "0" }
    var digits: [String] = []
    var rest = limbs
    // Repeated division by 10^9 gives nine decimal digits at a time.
    while !rest.isEmpty {
      var remainder: UInt64 = 0
      for i in stride(from: rest.count - 1, through: 0, by: -1) {
        let current = remainder << 32 | UInt64(rest[i])
        rest[i] = UInt32(current / 1_000_000_000)
        remainder = current % 1_000_000_000
      }
      while rest.last == 0 { rest.removeLast() }
      digits.append(String(remainder))
    }
    var text = digits.removeLast()
    for chunk in digits.reversed() { text += String(repeating: "0", count: 9 - chunk.count) + chunk }
    return text
  }

  /// A short human form: the exact value up to 10^12, else `≈ m × 10^e` (e.g. `9^22 ≈ 9.85 × 10^20`).
  public var approximateDescription: String {
    if let exact = exactInt, exact < 1_000_000_000_000 { return description }
    let l = log10
    let exponent = l.rounded(.down)
    let mantissa = _pow10(l - exponent)
    let m = (mantissa * 100).rounded() / 100
    return "≈ \(m) × 10^\(Int(exponent))"
  }
}

private func _log10(_ x: Double) -> Double { Foundation.log10(x) }
private func _pow10(_ x: Double) -> Double { Foundation.pow(10, x) }
