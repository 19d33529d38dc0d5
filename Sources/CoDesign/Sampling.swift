import SeededRandom
import Spaces

/// `count` distinct indices from 0..<n in a seeded, deterministic order (partial Fisher–Yates).
func sampleWithoutReplacement(count: Int, from n: Int, using generator: inout SplitMix64) -> [Int] {
  var pool = Array(0..<n)
  let k = min(count, n)
  for i in 0..<k {
    let j = i + generator.index(below: n - i)
    pool.swapAt(i, j)
  }
  return Array(pool[..<k])
}
