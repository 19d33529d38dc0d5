@testable import Learning
import Testing

@Suite struct LookupTableTests {
  static let groups = (0..<6).map { ($0 * 5)..<($0 * 5 + 5) }

  func oneHot(_ choices: [Int]) -> [Double] {
    var row = [Double](repeating: 0, count: 30)
    for (g, c) in choices.enumerated() { row[g * 5 + c] = 1 }
    return row
  }

  @Test func designedChoicesAreTheBaseAndItsOneDecisionNeighbours() {
    let base = [3, 3, 3, 3, 3, 3]
    let designs = LookupTable.designedChoices(groups: Self.groups, base: base)
    #expect(designs.count == 25)
    #expect(designs[0] == base)
    #expect(designs[1] == [0, 3, 3, 3, 3, 3] && designs[4] == [4, 3, 3, 3, 3, 3] && designs[5] == [3, 0, 3, 3, 3, 3])
    #expect(Set(designs).count == 25)
    #expect(designs.dropFirst().allSatisfy { zip($0, base).filter { $0 != $1 }.count == 1 })
    #expect(LookupTable.designedChoices(choiceCounts: [2, 3], base: [0, 0]) == [[0, 0], [1, 0], [0, 1], [0, 2]])
  }

  @Test func designedRowsReproduceTheTableAndPriceEveryArchitecture() throws {
    // An additive cost with an interaction-free table: the design recovers it exactly.
    let cost = { (g: Int, c: Int) in Double(g * 10 + c * c) }
    let value = { (choices: [Int]) in 100 + choices.enumerated().reduce(0) { $0 + cost($1.offset, $1.element) } }
    let base = [1, 0, 4, 2, 3, 0]
    // Shuffled order: the base is found by its neighbours, not its position.
    let designs = LookupTable.designedChoices(groups: Self.groups, base: base).reversed()
    let x = FeatureMatrix(rows: designs.map(oneHot), categoricalGroups: Self.groups)
    let fitted = try FittedPredictor.fit(LookupTable.self, features: x, targets: designs.map(value), seed: 0)
    for (p, t) in zip(fitted.predict(x), designs.map(value)) { #expect(abs(p - t) < 1e-12) }
    let model = try LookupTable.fit(features: x, targets: designs.map(value), hyperparameters: Hyperparameters(), seed: 0)
    #expect(model.base == base)
    #expect(model.baseValue == value(base))
    #expect(model.table[2][1] == cost(2, 1) - cost(2, 4))
    let others = [[0, 0, 0, 0, 0, 0], [4, 4, 4, 4, 4, 4], [2, 1, 0, 3, 4, 2]]
    let predicted = fitted.predict(FeatureMatrix(rows: others.map(oneHot), categoricalGroups: Self.groups))
    for (p, arch) in zip(predicted, others) { #expect(abs(p - value(arch)) < 1e-9) }
  }

  @Test func aPartialDesignKeepsTheBaseCostForUnmeasuredOptions() throws {
    let groups = [0..<3, 3..<6]
    // Base (0, 0) = 5; (1, 0) = 7; (0, 2) = 4; option 2 of decision 0 and option 1 of decision 1 unmeasured.
    let x = FeatureMatrix(rows: [[1, 0, 0, 1, 0, 0], [0, 1, 0, 1, 0, 0], [1, 0, 0, 0, 0, 1], [1, 0, 0, 1, 0, 0]],
                          categoricalGroups: groups)
    let model = try LookupTable.fit(features: x, targets: [5, 7, 4, 5], hyperparameters: Hyperparameters(), seed: 0)
    #expect(model.baseValue == 5)
    #expect(model.table == [[0, 2, 0], [0, 0, -1]])
    #expect(model.predict(FeatureMatrix(rows: [[0, 1, 0, 0, 0, 1]], categoricalGroups: groups)) == [6])
  }

  @Test func refusesFeaturesWithoutOneHotGroups() {
    #expect(throws: LearningError.self) {
      try LookupTable.fit(features: FeatureMatrix(rows: [[1, 0], [0, 1]]), targets: [1, 2],
                          hyperparameters: Hyperparameters(), seed: 0)
    }
    #expect(throws: LearningError.missingStructure(model: "lookup-table", "row 1: columns 0..<2 are not one-hot")) {
      try LookupTable.fit(features: FeatureMatrix(rows: [[1, 0], [0.5, 0.5]], categoricalGroups: [0..<2]),
                          targets: [1, 2], hyperparameters: Hyperparameters(), seed: 0)
    }
  }
}
