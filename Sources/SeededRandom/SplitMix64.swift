import RealModule

/// SplitMix64: a tiny, fast, seedable generator (Steele, Lea & Flood, "Fast splittable pseudorandom
/// number generators", OOPSLA 2014), used for every random choice in Duet.
///
/// The same seed gives the same sequence on every platform and Swift version. Draw bounded integers
/// and unit doubles through ``RandomNumberGenerator/index(below:)`` and ``RandomNumberGenerator/unitDouble()``
/// rather than the standard library's `random(in:using:)`, whose algorithm may change between releases.
///
/// ```swift
/// var rng = SplitMix64(seed: 42)
/// let picks = space.sample(count: 10, using: &rng)
/// ```
public struct SplitMix64: RandomNumberGenerator, Hashable, Sendable, Codable {
  /// The generator's whole state; copying a generator forks an identical stream.
  public private(set) var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension RandomNumberGenerator {
  /// A uniform integer in `0..<bound` (Lemire's multiply-and-reject, so no modulo bias).
  ///
  /// Defined here, on `next()` alone, so that sequences stay reproducible across Swift versions.
  /// - Precondition: `bound > 0`.
  public mutating func index(below bound: Int) -> Int {
    precondition(bound > 0, "index(below:) needs a positive bound")
    let range = UInt64(bound)
    var product = next().multipliedFullWidth(by: range)
    if product.low < range {
      let threshold = (0 &- range) % range
      while product.low < threshold {
        product = next().multipliedFullWidth(by: range)
      }
    }
    return Int(product.high)
  }

  /// A uniform double in [0, 1) with 53 random bits.
  public mutating func unitDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// `true` with probability `p`.
  public mutating func bernoulli(_ p: Double) -> Bool {
    unitDouble() < p
  }
}

extension RandomNumberGenerator {
  /// A standard normal draw (Box–Muller on two ``unitDouble()`` draws; the second variate is discarded so
  /// that every call consumes exactly two words of the stream).
  public mutating func standardNormal() -> Double {
    // 1 - u keeps the logarithm's argument in (0, 1].
    let u1 = 1 - unitDouble()
    let u2 = unitDouble()
    return (-2 * Double.log(u1)).squareRoot() * Double.cos(2 * Double.pi * u2)
  }

  /// Fisher–Yates shuffle of `values` in place, drawing through ``index(below:)``.
  public mutating func shuffle<T>(_ values: inout [T]) {
    guard values.count > 1 else { return }
    for i in stride(from: values.count - 1, to: 0, by: -1) {
      values.swapAt(i, index(below: i + 1))
    }
  }
}
