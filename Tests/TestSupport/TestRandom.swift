public import SeededRandom

/// Tests draw their random data from the product's seeded generator, so a failure reproduces.
public typealias TestRandom = SplitMix64
