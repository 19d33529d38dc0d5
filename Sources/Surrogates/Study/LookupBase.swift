public import Spaces

/// The base architecture of a lookup table ([Laube22] Appendix B.2): the architecture whose cost and
/// whose one-decision neighbours' costs are measured. The table's quality depends on it.
public enum LookupBase {
  /// Every decision at its first choice: on NAS-Bench-201 the cell with `none` on every edge, the base
  /// whose lookup table reproduces [Laube22] Table 1 (see docs/predictors.md).
  public static func first(space: SearchSpace) throws(MeasurementError) -> Architecture {
    try architecture([Int](repeating: 0, count: space.decisions.count), space: space)
  }

  /// The "largest" architecture: starting from every decision at its first choice, each decision in
  /// genome order takes the choice that gives the network the most multiply-accumulates (ties: the
  /// earlier choice). On NAS-Bench-201 that is a 3×3 convolution on every edge.
  public static func largest(space: SearchSpace, dataset: Dataset) throws(MeasurementError) -> Architecture {
    var choices = [Int](repeating: 0, count: space.decisions.count)
    for (d, decision) in space.decisions.enumerated() where decision.count > 1 {
      var best = (choice: 0, macs: Int64.min)
      for c in 0..<decision.count {
        choices[d] = c
        let macs = try self.macs(choices, space: space, dataset: dataset)
        if macs > best.macs { best = (c, macs) }
      }
      choices[d] = best.choice
    }
    return try architecture(choices, space: space)
  }

  static func architecture(_ choices: [Int], space: SearchSpace) throws(MeasurementError) -> Architecture {
    do { return try space.architecture(choices: choices) } catch {
      throw .failed(source: space.name, "\(error)")
    }
  }

  static func macs(_ choices: [Int], space: SearchSpace, dataset: Dataset) throws(MeasurementError) -> Int64 {
    let architecture = try architecture(choices, space: space)
    do { return try space.lower(architecture, dataset: dataset).macs } catch {
      throw .failed(source: space.name, "lowering \(space.canonicalString(architecture)): \(error)")
    }
  }
}
