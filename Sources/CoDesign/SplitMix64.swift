/// SplitMix64 (Steele, Lea & Flood, OOPSLA 2014): a small, fast, seeded generator. Every random choice
/// in a co-search takes one, so the same seed gives the same run.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// `count` distinct indices from 0..<n in a seeded, deterministic order (partial Fisher–Yates).
func sampleWithoutReplacement(count: Int, from n: Int, using generator: inout SplitMix64) -> [Int] {
  var pool = Array(0..<n)
  let k = min(count, n)
  for i in 0..<k {
    let j = i + Int(generator.next() % UInt64(n - i))
    pool.swapAt(i, j)
  }
  return Array(pool[..<k])
}
