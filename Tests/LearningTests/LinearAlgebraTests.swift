@testable import Learning
import SeededRandom
import Testing

/// A random symmetric positive-definite n × n matrix: BᵀB + n·I.
private func spd(_ n: Int, seed: UInt64) -> [Double] {
  var g = SplitMix64(seed: seed)
  let b = (0..<(n * n)).map { _ in g.standardNormal() }
  var a = [Double](repeating: 0, count: n * n)
  for i in 0..<n { for j in 0..<n { for k in 0..<n { a[i * n + j] += b[k * n + i] * b[k * n + j] } } }
  for i in 0..<n { a[i * n + i] += Double(n) }
  return a
}

private func multiply(_ a: [Double], _ x: [Double], n: Int) -> [Double] {
  (0..<n).map { i in (0..<n).reduce(0) { $0 + a[i * n + $1] * x[$1] } }
}

@Suite struct LinearAlgebraTests {
  // Sizes around the four-row blocks and the dot products' unrolling.
  @Test(arguments: [1, 2, 3, 5, 8, 9, 13])
  func choleskySolvesInvertsAndKnowsItsDeterminant(n: Int) throws {
    let a = spd(n, seed: UInt64(n))
    let cholesky = try Cholesky(a, n: n)
    #expect(cholesky.jitter == 0)
    // L·Lᵀ = A.
    for i in 0..<n {
      for j in 0..<n {
        let product = (0..<n).reduce(0) { $0 + cholesky.lower[i * n + $1] * cholesky.lower[j * n + $1] }
        #expect(abs(product - a[i * n + j]) < 1e-9 * Double(n))
      }
    }
    var g = SplitMix64(seed: 99)
    let b = (0..<n).map { _ in g.standardNormal() }
    let x = cholesky.solve(b)
    for (lhs, rhs) in zip(multiply(a, x, n: n), b) { #expect(abs(lhs - rhs) < 1e-9) }
    let inverse = Cholesky.inverse(fromInverseTransposedFactor: cholesky.inverseTransposedFactor(), n: n)
    for i in 0..<n {
      for j in 0..<n {
        let product = (0..<n).reduce(0) { $0 + a[i * n + $1] * inverse[$1 * n + j] }
        #expect(abs(product - (i == j ? 1 : 0)) < 1e-9)
      }
    }
    let eigen = SymmetricEigen(a, n: n)
    let logDeterminant = eigen.values.reduce(0) { $0 + Double.log($1) }
    #expect(abs(cholesky.logDeterminant - logDeterminant) < 1e-9 * max(1, abs(logDeterminant)))
  }

  @Test func semidefiniteMatricesGetJitterAndIndefiniteOnesFail() throws {
    // A Gram matrix of rank 1: positive semi-definite, singular.
    let v = [1.0, 2, 3]
    let singular = (0..<9).map { v[$0 / 3] * v[$0 % 3] }
    let cholesky = try Cholesky(singular, n: 3)
    #expect(cholesky.jitter > 0 && cholesky.jitter <= 1e-4 * 14 / 3)
    #expect(throws: Cholesky.NotPositiveDefinite.self) { try Cholesky([1, 2, 2, 1], n: 2) }
  }

  @Test(arguments: [1, 2, 4, 7])
  func eigendecompositionReconstructsTheMatrix(n: Int) {
    var g = SplitMix64(seed: UInt64(n) + 40)
    var a = [Double](repeating: 0, count: n * n)
    for i in 0..<n { for j in 0...i { a[i * n + j] = g.standardNormal(); a[j * n + i] = a[i * n + j] } }
    let eigen = SymmetricEigen(a, n: n)
    #expect(eigen.values == eigen.values.sorted(by: >))
    for i in 0..<n {
      for j in 0..<n {
        let rebuilt = (0..<n).reduce(0) { $0 + eigen.values[$1] * eigen.vectors[$1 * n + i] * eigen.vectors[$1 * n + j] }
        #expect(abs(rebuilt - a[i * n + j]) < 1e-10)
        let orthogonality = (0..<n).reduce(0) { $0 + eigen.vectors[i * n + $1] * eigen.vectors[j * n + $1] }
        #expect(abs(orthogonality - (i == j ? 1 : 0)) < 1e-10)
      }
    }
  }

  @Test func boundedBFGSFindsInteriorAndBoundMinima() {
    // Rosenbrock: minimum (1, 1) inside the box.
    let rosenbrock = { (x: [Double]) -> (Double, Void)? in
      ((1 - x[0]) * (1 - x[0]) + 100 * (x[1] - x[0] * x[0]) * (x[1] - x[0] * x[0]), ())
    }
    let gradient = { (x: [Double], _: Void) -> [Double] in
      [-2 * (1 - x[0]) - 400 * x[0] * (x[1] - x[0] * x[0]), 200 * (x[1] - x[0] * x[0])]
    }
    var optimiser = BoundedBFGS(lower: [-2, -2], upper: [2, 2])
    optimiser.maxIterations = 500
    optimiser.gradientTolerance = 1e-8
    let inside = optimiser.minimise(from: [-1.2, 1], value: rosenbrock, gradient: gradient)!
    #expect(abs(inside.point[0] - 1) < 1e-4 && abs(inside.point[1] - 1) < 1e-4)
    // With x₀ ≤ 0.5 the minimum sits on that bound: (0.5, 0.25).
    let bounded = BoundedBFGS(lower: [-2, -2], upper: [0.5, 2])
    let atBound = bounded.minimise(from: [-1.2, 1], value: rosenbrock, gradient: gradient)!
    #expect(atBound.point[0] == 0.5 && abs(atBound.point[1] - 0.25) < 1e-4)
  }
}
