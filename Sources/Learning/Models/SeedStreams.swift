import SeededRandom

extension SplitMix64 {
  /// The seed of part `index` (a tree, an ensemble member) of a fit seeded with `seed`.
  ///
  /// SplitMix64's state advances by a fixed constant per draw, so generators seeded `seed + k·constant`
  /// would replay one stream shifted by `k` draws; a mixed output of `seed + index` gives each part a
  /// stream unrelated to its neighbours'.
  static func partSeed(_ seed: UInt64, _ index: Int) -> UInt64 {
    var mixer = SplitMix64(seed: seed &+ UInt64(truncatingIfNeeded: index))
    return mixer.next()
  }
}
