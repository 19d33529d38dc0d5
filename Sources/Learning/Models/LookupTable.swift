/// The layer-operation-wise lookup table of [Laube22] (Appendix B.2): a base architecture's value plus,
/// per decision, what choosing another option than the base's adds, ŷ = y_base + Σ_g R[g][choice_g].
///
/// It reads the decisions from ``FeatureMatrix/categoricalGroups`` (one-hot columns per decision; raw,
/// unstandardised features) and ignores columns outside the groups. The table is built the way
/// [Laube22] describes: measure a base and every architecture that differs from it in one decision
/// (``designedChoices(choiceCounts:base:)``: 1 + Σ_g (options_g − 1) of them, 25 for NAS-Bench-201);
/// R[g][c] is the neighbour's value minus the base's, so fitting on exactly those rows reproduces them.
///
/// The base is the training row with the most one-decision neighbours among the training rows (ties:
/// the earliest). When every training row is the base or one of its neighbours (a design, possibly
/// partial, possibly with repeats, which are averaged), the table holds the measured differences and an
/// option never measured costs what the base's does. Any other training set is fitted by least squares
/// on the dummy coding relative to the base (one column per decision and non-base option, an intercept
/// for the base value, minimum-norm, so an option never seen costs what the base's does): on randomly
/// drawn architectures this is linear regression on one-hot features. No hyperparameters.
public enum LookupTable: Regressor {
  public static let name = "lookup-table"
  public static let hyperparameterSpace = HyperparameterSpace([])
  public static let defaultHyperparameters = Hyperparameters()
  public static var wantsStandardisedFeatures: Bool { false }
  public static var minimumSamples: Int { 1 }

  public struct Model: FittedRegressor, Hashable {
    /// Column ranges of the decisions.
    public let groups: [Range<Int>]
    /// The base's option per decision.
    public let base: [Int]
    /// The base architecture's value.
    public let baseValue: Double
    /// R[g][c]: what option c of decision g adds to the base (0 at the base's own option).
    public let table: [[Double]]

    public func predict(_ features: FeatureMatrix) -> [Double] {
      (0..<features.rowCount).map { r in
        let choices = LookupTable.choices(of: features, row: r, groups: groups)
        var value = baseValue
        for (g, c) in choices.enumerated() { value += table[g][c] }
        return value
      }
    }
  }

  /// The architectures a lookup table is built from: `base` first, then for each decision in order,
  /// each of its other options in order, everything else as in `base`. Each is a list of option indices,
  /// one per decision.
  ///
  /// ```swift
  /// // NAS-Bench-201: 6 edges × 5 operations, base "all conv 3×3" (option 3): 1 + 6 × 4 = 25.
  /// LookupTable.designedChoices(choiceCounts: Array(repeating: 5, count: 6), base: Array(repeating: 3, count: 6))
  /// ```
  /// - Precondition: `base[g]` is in `0..<choiceCounts[g]` for every decision g.
  public static func designedChoices(choiceCounts: [Int], base: [Int]) -> [[Int]] {
    precondition(choiceCounts.count == base.count && zip(choiceCounts, base).allSatisfy { (0..<$0).contains($1) },
                 "LookupTable: base \(base) outside options \(choiceCounts)")
    var designs = [base]
    for (g, count) in choiceCounts.enumerated() {
      for c in 0..<count where c != base[g] {
        var design = base
        design[g] = c
        designs.append(design)
      }
    }
    return designs
  }

  /// ``designedChoices(choiceCounts:base:)`` for the decisions that `groups` one-hot encode.
  public static func designedChoices(groups: [Range<Int>], base: [Int]) -> [[Int]] {
    designedChoices(choiceCounts: groups.map(\.count), base: base)
  }

  /// Each decision's option in row `row`: the column holding the largest value of its group (the first
  /// on ties), so a valid one-hot row decodes exactly.
  static func choices(of features: FeatureMatrix, row: Int, groups: [Range<Int>]) -> [Int] {
    groups.map { group in
      var best = group.lowerBound
      for c in group where features[row, c] > features[row, best] { best = c }
      return best - group.lowerBound
    }
  }

  public static func fit(features: FeatureMatrix, targets: [Double], hyperparameters: Hyperparameters,
                         seed: UInt64) throws(LearningError) -> Model {
    let groups = features.categoricalGroups
    guard !groups.isEmpty else {
      throw .missingStructure(model: name, "needs one-hot decision groups (an encoding with categorical groups)")
    }
    for r in 0..<features.rowCount {
      for group in groups {
        let values = group.map { features[r, $0] }
        guard values.allSatisfy({ $0 == 0 || $0 == 1 }), values.reduce(0, +) == 1 else {
          throw .missingStructure(
            model: name, "row \(r): columns \(group.lowerBound)..<\(group.upperBound) are not one-hot")
        }
      }
    }
    let rows = (0..<features.rowCount).map { choices(of: features, row: $0, groups: groups) }
    let counts = groups.map(\.count)
    // The base: the row with the most distinct one-decision neighbours among the training rows.
    let present = Set(rows)
    var baseRow = 0, mostNeighbours = -1
    for (r, row) in rows.enumerated() {
      var neighbours = 0
      for design in designedChoices(choiceCounts: counts, base: row).dropFirst() where present.contains(design) {
        neighbours += 1
      }
      if neighbours > mostNeighbours { (baseRow, mostNeighbours) = (r, neighbours) }
      if mostNeighbours == present.count - 1 { break }
    }
    let base = rows[baseRow]
    func differingDecision(_ row: [Int]) -> (count: Int, first: Int?) {
      var count = 0, first: Int?
      for g in row.indices where row[g] != base[g] {
        count += 1
        if first == nil { first = g }
      }
      return (count, first)
    }
    var table = counts.map { [Double](repeating: 0, count: $0) }
    var baseValue = 0.0
    if rows.allSatisfy({ differingDecision($0).count <= 1 }) {
      // A (possibly partial) design: the base's value and each neighbour's difference, as measured
      // (repeated rows averaged).
      var sums: [[Int]: (sum: Double, count: Int)] = [:]
      for (r, row) in rows.enumerated() {
        sums[row, default: (0, 0)].sum += targets[r]
        sums[row, default: (0, 0)].count += 1
      }
      baseValue = sums[base]!.sum / Double(sums[base]!.count)
      for (row, entry) in sums {
        guard let g = differingDecision(row).first else { continue }
        table[g][row[g]] = entry.sum / Double(entry.count) - baseValue
      }
    } else {
      // Least squares on the dummy coding relative to the base: one column per (decision, other option).
      var offsets: [Int] = [], width = 0
      for count in counts {
        offsets.append(width)
        width += count - 1
      }
      func column(_ g: Int, _ c: Int) -> Int { offsets[g] + (c < base[g] ? c : c - 1) }
      var x = [Double](repeating: 0, count: rows.count * width)
      for (r, row) in rows.enumerated() {
        for g in row.indices where row[g] != base[g] { x[r * width + column(g, row[g])] = 1 }
      }
      let data = CentredData(features: FeatureMatrix(rowCount: rows.count, columnCount: width, values: x),
                             targets: targets)
      let model = LinearModel(coefficients: LeastSquaresSpectrum(data).minimumNorm(), centred: data)
      baseValue = model.intercept
      for g in counts.indices { for c in 0..<counts[g] where c != base[g] { table[g][c] = model.coefficients[column(g, c)] } }
    }
    return Model(groups: groups, base: base, baseValue: baseValue, table: table)
  }
}
