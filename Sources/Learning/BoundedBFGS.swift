/// Minimises a smooth function of a few variables inside a box: BFGS on the free variables (those not
/// held at a bound by their gradient), a projected backtracking line search with the Armijo condition,
/// and L-BFGS-B's stopping rules (Byrd, Lu, Nocedal & Zhu 1995; scikit-learn's defaults: a projected
/// gradient below `gradientTolerance`, or a relative decrease below `relativeDecrease`).
///
/// The objective is split in two so that a line search pays only for values: `value` returns f(x) (or
/// nil where f is undefined, which the search backs away from) and a state, and `gradient` turns an
/// accepted point's state into ∇f.
struct BoundedBFGS {
  var lower: [Double]
  var upper: [Double]
  var maxIterations = 100
  var gradientTolerance = 1e-5
  var relativeDecrease = 1e7 * Double.ulpOfOne

  struct Result<State> {
    var point: [Double]
    var value: Double
    var state: State
    var iterations: Int
  }

  func minimise<State>(
    from start: [Double], value: ([Double]) -> (Double, State)?, gradient: ([Double], State) -> [Double]
  ) -> Result<State>? {
    let m = start.count
    var x = zip(start, zip(lower, upper)).map { min(max($0, $1.0), $1.1) }
    guard let (f0, s0) = value(x), f0.isFinite else { return nil }
    var f = f0, state = s0
    var g = gradient(x, state)
    // Inverse Hessian approximation, row-major m × m.
    var h = [Double](repeating: 0, count: m * m)
    for i in 0..<m { h[i * m + i] = 1 }
    var iterations = 0
    func projectedGradientNorm() -> Double {
      var largest = 0.0
      for i in 0..<m { largest = max(largest, abs(min(max(x[i] - g[i], lower[i]), upper[i]) - x[i])) }
      return largest
    }
    while iterations < maxIterations, projectedGradientNorm() > gradientTolerance {
      iterations += 1
      // Variables held at a bound by the gradient stay there this step.
      let free = (0..<m).map { i in !((x[i] <= lower[i] && g[i] > 0) || (x[i] >= upper[i] && g[i] < 0)) }
      var direction = [Double](repeating: 0, count: m)
      for i in 0..<m where free[i] {
        var s = 0.0
        for j in 0..<m where free[j] { s -= h[i * m + j] * g[j] }
        direction[i] = s
      }
      var slope = zip(direction, g).reduce(0) { $0 + $1.0 * $1.1 }
      if !(slope < 0) {
        // Not a descent direction (the approximation lost positivity): restart from steepest descent.
        for i in 0..<(m * m) { h[i] = 0 }
        for i in 0..<m { h[i * m + i] = 1 }
        direction = (0..<m).map { free[$0] ? -g[$0] : 0 }
        slope = zip(direction, g).reduce(0) { $0 + $1.0 * $1.1 }
        guard slope < 0 else { break }
      }
      // Before any curvature is known the direction is the raw gradient, whose scale is arbitrary:
      // cap the first trial step at a unit move in the largest variable (as L-BFGS-B starts at 1/‖g‖).
      var step = 1.0
      if iterations == 1 { step = min(1, 1 / max(direction.map(abs).max() ?? 1, 1e-300)) }
      var accepted: (x: [Double], f: Double, state: State)?
      for _ in 0..<40 {
        let trial = (0..<m).map { min(max(x[$0] + step * direction[$0], lower[$0]), upper[$0]) }
        var decrease = 0.0
        for i in 0..<m { decrease += g[i] * (trial[i] - x[i]) }
        if let (ft, st) = value(trial), ft.isFinite, ft <= f + 1e-4 * decrease {
          accepted = (trial, ft, st)
          break
        }
        step *= 0.5
      }
      guard let accepted else { break }
      let gNew = gradient(accepted.x, accepted.state)
      let s = zip(accepted.x, x).map { $0 - $1 }
      let y = zip(gNew, g).map { $0 - $1 }
      let previous = f
      x = accepted.x
      f = accepted.f
      state = accepted.state
      g = gNew
      if (previous - f) / max(abs(previous), abs(f), 1) <= relativeDecrease { break }
      let sy = zip(s, y).reduce(0) { $0 + $1.0 * $1.1 }
      let yy = y.reduce(0) { $0 + $1 * $1 }
      if sy > 1e-10 * (s.reduce(0) { $0 + $1 * $1 } * yy).squareRoot() {
        if iterations == 1 {
          // Scale the first approximation to the curvature seen (Nocedal & Wright, Eq. 6.20).
          let scale = sy / yy
          for i in 0..<m { h[i * m + i] = scale }
        }
        // H ← (I − ρsyᵀ)H(I − ρysᵀ) + ρssᵀ, ρ = 1/sᵀy.
        let rho = 1 / sy
        var hy = [Double](repeating: 0, count: m)
        for i in 0..<m { for j in 0..<m { hy[i] += h[i * m + j] * y[j] } }
        let yhy = zip(y, hy).reduce(0) { $0 + $1.0 * $1.1 }
        for i in 0..<m {
          for j in 0..<m {
            h[i * m + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j]
          }
        }
      }
    }
    return Result(point: x, value: f, state: state, iterations: iterations)
  }
}
