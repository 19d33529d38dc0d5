import Foundation
@testable import Learning
import SeededRandom
import Testing

/// Rows of `d` standard normal features and the exact linear target 2 + Σⱼ (j + 1)·(−1)ʲ·xⱼ.
private func linearData(rows n: Int, columns d: Int, seed: UInt64) -> (FeatureMatrix, [Double]) {
  var g = SplitMix64(seed: seed)
  let rows = (0..<n).map { _ in (0..<d).map { _ in g.standardNormal() } }
  let y = rows.map { row in 2 + row.enumerated().reduce(0) { $0 + Double($1.offset + 1) * ($1.offset % 2 == 0 ? 1 : -1) * $1.element } }
  return (FeatureMatrix(rows: rows), y)
}

/// One-hot rows of `decisions` decisions with `options` each, drawn at random, and an additive target.
func additiveOneHot(rows n: Int, decisions: Int, options: Int, seed: UInt64) -> (FeatureMatrix, [Double]) {
  var g = SplitMix64(seed: seed)
  let cost = { (decision: Int, option: Int) in Double((decision * 7 + option * 3) % 11) + 0.5 * Double(option) }
  var rows: [[Double]] = [], y: [Double] = []
  for _ in 0..<n {
    var row = [Double](repeating: 0, count: decisions * options)
    var value = 10.0
    for decision in 0..<decisions {
      let option = g.index(below: options)
      row[decision * options + option] = 1
      value += cost(decision, option)
    }
    rows.append(row)
    y.append(value)
  }
  let groups = (0..<decisions).map { ($0 * options)..<(($0 + 1) * options) }
  return (FeatureMatrix(rows: rows, categoricalGroups: groups), y)
}

@Suite struct LinearRegressionTests {
  @Test func recoversAnExactLinearTarget() throws {
    let (x, y) = linearData(rows: 30, columns: 4, seed: 1)
    let model = try LinearRegression.fit(features: x, targets: y, hyperparameters: Hyperparameters(), seed: 0)
    for (w, expected) in zip(model.coefficients, [1.0, -2, 3, -4]) { #expect(abs(w - expected) < 1e-10) }
    #expect(abs(model.intercept - 2) < 1e-10)
  }

  /// One-hot features are rank deficient; the least-squares fit must still price unseen combinations of
  /// an additive target exactly (the lookup table fits random rows the same way).
  @Test(arguments: ["linear", "lookup-table"])
  func oneHotRankDeficiencyStillPredictsExactly(name: String) throws {
    let (x, y) = additiveOneHot(rows: 40, decisions: 3, options: 4, seed: 2)
    let fitted = try FittedPredictor.fit(ModelZoo.named(name)!, features: x, targets: y, seed: 0)
    let (probe, truth) = additiveOneHot(rows: 20, decisions: 3, options: 4, seed: 3)
    for (p, t) in zip(fitted.predict(probe), truth) { #expect(abs(p - t) < 1e-9) }
  }

  @Test func fewerSamplesThanFeaturesInterpolates() throws {
    let (x, y) = linearData(rows: 5, columns: 9, seed: 4)
    let model = try LinearRegression.fit(features: x, targets: y, hyperparameters: Hyperparameters(), seed: 0)
    for (p, t) in zip(model.predict(x), y) { #expect(abs(p - t) < 1e-9) }
  }
}

@Suite struct RidgeRegressionTests {
  /// (XᵀX + αI)⁻¹Xᵀy on centred data, by Cholesky.
  func closedForm(_ x: FeatureMatrix, _ y: [Double], alpha: Double) throws -> [Double] {
    let data = CentredData(features: x, targets: y)
    let d = x.columnCount
    var gram = LinearAlgebra.gram(data.features, rows: x.rowCount, columns: d)
    for i in 0..<d { gram[i * d + i] += alpha }
    return try Cholesky(gram, n: d).solve(LinearAlgebra.transposedProduct(data.features, rows: x.rowCount, columns: d, data.targets))
  }

  @Test(arguments: [(30, 4), (4, 7)])
  func matchesTheClosedFormInBothShapes(rows: Int, columns: Int) throws {
    var (x, y) = linearData(rows: rows, columns: columns, seed: 5)
    y = y.enumerated().map { $1 + sin(Double($0)) }
    let model = try RidgeRegression.fit(features: x, targets: y, hyperparameters: Hyperparameters(["alpha": 0.7]), seed: 0)
    for (w, expected) in zip(model.coefficients, try closedForm(x, y, alpha: 0.7)) { #expect(abs(w - expected) < 1e-9) }
  }

  @Test func smallPenaltyRecoversTheLinearTargetAndBadAlphaIsRefused() throws {
    let (x, y) = linearData(rows: 50, columns: 3, seed: 6)
    let model = try RidgeRegression.fit(features: x, targets: y, hyperparameters: Hyperparameters(["alpha": 1e-9]), seed: 0)
    for (w, expected) in zip(model.coefficients, [1.0, -2, 3]) { #expect(abs(w - expected) < 1e-6) }
    #expect(throws: LearningError.invalidHyperparameter(model: "ridge", name: "alpha", value: -1)) {
      try RidgeRegression.fit(features: x, targets: y, hyperparameters: Hyperparameters(["alpha": -1]), seed: 0)
    }
  }
}

/// 12 rows of two features in [0, 1] and a smooth non-linear target, shared with the fixtures that
/// scikit-learn 1.9 computed on the same numbers.
func smallNonlinearData() -> (FeatureMatrix, [Double], probe: FeatureMatrix) {
  let rows = (0..<12).map { [Double($0) / 11, Double(($0 * 5) % 12) / 11] }
  let y = rows.map { sin(3 * $0[0]) + $0[1] * $0[1] }
  return (FeatureMatrix(rows: rows), y, FeatureMatrix(rows: [[0.25, 0.5], [0.8, 0.1], [0.5, 0.95]]))
}

@Suite struct BayesianRidgeTests {
  @Test func matchesScikitLearn() throws {
    let (x, y, _) = smallNonlinearData()
    let model = try BayesianRidge.fit(features: x, targets: y, hyperparameters: BayesianRidge.defaultHyperparameters, seed: 0)
    // BayesianRidge().fit(X, y): coef_ [0.058413598973, 1.106248777317], intercept_ 0.3763133178319421.
    #expect(abs(model.coefficients[0] - 0.058413598973) < 1e-6)
    #expect(abs(model.coefficients[1] - 1.106248777317) < 1e-6)
    #expect(abs(model.intercept - 0.3763133178319421) < 1e-6)
  }

  @Test func nearOrdinaryLeastSquaresWithPlentyOfData() throws {
    var (x, y) = linearData(rows: 400, columns: 5, seed: 7)
    var g = SplitMix64(seed: 8)
    y = y.map { $0 + 0.1 * g.standardNormal() }
    let bayes = try BayesianRidge.fit(features: x, targets: y, hyperparameters: BayesianRidge.defaultHyperparameters, seed: 0)
    let ols = try LinearRegression.fit(features: x, targets: y, hyperparameters: Hyperparameters(), seed: 0)
    for (a, b) in zip(bayes.coefficients, ols.coefficients) { #expect(abs(a - b) < 1e-3) }
  }
}

@Suite struct LassoTests {
  @Test func matchesScikitLearn() throws {
    let (x, y, _) = smallNonlinearData()
    let model = try Lasso.fit(features: x, targets: y, hyperparameters: Hyperparameters(["alpha": 0.01]), seed: 0)
    // Lasso(alpha=0.01).fit(X, y): coef_ [0, 1.180786097978], intercept_ 0.3682514569879417.
    #expect(model.coefficients[0] == 0)
    #expect(abs(model.coefficients[1] - 1.180786097978) < 1e-6)
    #expect(abs(model.intercept - 0.3682514569879417) < 1e-6)
  }

  @Test func orthogonalDesignIsSoftThresholding() throws {
    // Centred ±1 columns, mutually orthogonal: wⱼ = S(xⱼ·y/n, α) with xⱼ·xⱼ/n = 1.
    let signs: [[Double]] = [[1, 1, 1, 1], [1, -1, 1, -1], [1, 1, -1, -1], [1, -1, -1, 1]]
    let x = FeatureMatrix(rows: signs.map { [$0[1], $0[2], $0[3]] })
    let y = signs.map { 0.9 * $0[1] - 0.05 * $0[2] + 0.3 * $0[3] + 5 }
    let model = try Lasso.fit(features: x, targets: y, hyperparameters: Hyperparameters(["alpha": 0.1]), seed: 0)
    for (w, expected) in zip(model.coefficients, [0.8, 0, 0.2]) { #expect(abs(w - expected) < 1e-9) }
    #expect(abs(model.intercept - 5) < 1e-9)
  }
}
