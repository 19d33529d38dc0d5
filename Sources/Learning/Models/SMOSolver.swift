/// Sequential minimal optimisation for ε-SVR in the manner of libsvm's `Solver` (Chang & Lin 2011,
/// §4): the 2n variables β = (α, α*) with signs yₜ = +1 (α, t < n) and −1 (α*, t ≥ n), linear term
/// pₜ = ε ∓ zᵢ, Qₜₛ = yₜyₛK(i(t), i(s)); minimise ½βᵀQβ + pᵀβ subject to yᵀβ = 0, 0 ≤ β ≤ C.
struct SMOSolver {
  struct Solution {
    /// αᵢ − αᵢ*, per training row.
    var coefficients: [Double]
    var rho: Double
    var iterations: Int
  }

  /// libsvm's τ: the smallest curvature a step divides by.
  private static let tau = 1e-12

  private var kernel: KernelRowCache
  private let l: Int
  private let size: Int
  private let c: Double
  private let tolerance: Double
  /// pₜ.
  private let linear: [Double]
  private var alpha: [Double]
  /// The dual's gradient Qβ + p (exact on the active set; rebuilt for the rest on demand).
  private var gradient: [Double]
  /// Ḡ: the part of the gradient due to variables at the upper bound, Σ_{β_s = C} C·Q_ts, from which
  /// the gradient of shrunk variables is rebuilt without touching them on every step.
  private var gradientBar: [Double]
  private var active: [Bool]
  /// The active variables, ascending.
  private var activeList: [Int]
  private var unshrunk = false

  private init(kernel: KernelRowCache, targets z: [Double], c: Double, epsilon: Double, tolerance: Double) {
    self.kernel = kernel
    l = kernel.n
    size = 2 * l
    self.c = c
    self.tolerance = tolerance
    linear = z.map { epsilon - $0 } + z.map { epsilon + $0 }
    alpha = [Double](repeating: 0, count: 2 * l)
    gradient = linear
    gradientBar = [Double](repeating: 0, count: 2 * l)
    active = [Bool](repeating: true, count: 2 * l)
    activeList = Array(0..<(2 * l))
  }

  static func solveEpsilonSVR(kernel: KernelRowCache, targets z: [Double], c: Double, epsilon: Double,
                              tolerance: Double, shrinking: Bool) -> Solution {
    var solver = SMOSolver(kernel: kernel, targets: z, c: c, epsilon: epsilon, tolerance: tolerance)
    return solver.solve(shrinking: shrinking)
  }

  @inline(__always) private func sign(_ t: Int) -> Double { t < l ? 1 : -1 }
  @inline(__always) private func row(_ t: Int) -> Int { t < l ? t : t - l }
  @inline(__always) private func isUpper(_ t: Int) -> Bool { alpha[t] >= c }
  @inline(__always) private func isLower(_ t: Int) -> Bool { alpha[t] <= 0 }

  private mutating func solve(shrinking: Bool) -> Solution {
    let maxIterations = max(10_000_000, 100 * l)
    var iterations = 0
    var counter = min(l, 1000) + 1
    while iterations < maxIterations {
      counter -= 1
      if counter == 0 {
        counter = min(l, 1000)
        if shrinking { shrink() }
      }
      var pair = selectWorkingSet()
      if pair == nil {
        // Optimal on the active set: check every variable before stopping.
        reconstructGradient()
        pair = selectWorkingSet()
        guard pair != nil else { break }
        counter = 1
      }
      iterations += 1
      step(pair!.0, pair!.1)
    }
    reconstructGradient()
    return Solution(coefficients: (0..<l).map { alpha[$0] - alpha[$0 + l] }, rho: rho(), iterations: iterations)
  }

  /// Second-order working-set selection (Fan, Chen & Lin 2005, WSS 3); nil when optimal within the
  /// tolerance. Ties go to the later variable, as in libsvm.
  private mutating func selectWorkingSet() -> (Int, Int)? {
    var gmax = -Double.infinity, i = -1
    for t in activeList {
      if t < l {
        if !isUpper(t), -gradient[t] >= gmax { gmax = -gradient[t]; i = t }
      } else if !isLower(t), gradient[t] >= gmax {
        gmax = gradient[t]; i = t
      }
    }
    guard i >= 0 else { return nil }
    let qd = kernel.diagonal
    var gmax2 = -Double.infinity, j = -1, objectiveMin = Double.infinity
    let slot = kernel.slot(for: row(i))
    kernel.withSlot(slot) { k in
      alpha.withUnsafeBufferPointer { a in
        gradient.withUnsafeBufferPointer { g in
          for t in activeList {
            let lower = t < l
            // libsvm's I_low: (y = +1, β > 0) or (y = −1, β < C); yg is −yₜGₜ.
            guard lower ? a[t] > 0 : a[t] < c else { continue }
            let yg = lower ? g[t] : -g[t]
            if yg >= gmax2 { gmax2 = yg }
            let difference = gmax + yg
            if difference > 0 {
              let curvature = qd + qd - 2 * k[lower ? t : t - l]
              let objective = -(difference * difference) / (curvature > 0 ? curvature : Self.tau)
              if objective <= objectiveMin { j = t; objectiveMin = objective }
            }
          }
        }
      }
    }
    if gmax + gmax2 < tolerance || j == -1 { return nil }
    return (i, j)
  }

  /// libsvm's two-variable update with clipping to the box, then the gradient and Ḡ updates.
  private mutating func step(_ i: Int, _ j: Int) {
    let ri = row(i), rj = row(j)
    let yi = sign(i), yj = sign(j)
    let oldI = alpha[i], oldJ = alpha[j]
    let wasUpperI = isUpper(i), wasUpperJ = isUpper(j)
    let qd = kernel.diagonal
    let slotI = kernel.slot(for: ri), slotJ = kernel.slot(for: rj)
    let qij = yi * yj * kernel.withSlot(slotI) { $0[rj] }
    var ai = alpha[i], aj = alpha[j]
    if yi != yj {
      var curvature = qd + qd + 2 * qij
      if curvature <= 0 { curvature = Self.tau }
      let delta = (-gradient[i] - gradient[j]) / curvature
      let difference = ai - aj
      ai += delta
      aj += delta
      if difference > 0 {
        if aj < 0 { aj = 0; ai = difference }
      } else if ai < 0 {
        ai = 0; aj = -difference
      }
      if difference > 0 {
        if ai > c { ai = c; aj = c - difference }
      } else if aj > c {
        aj = c; ai = c + difference
      }
    } else {
      var curvature = qd + qd - 2 * qij
      if curvature <= 0 { curvature = Self.tau }
      let delta = (gradient[i] - gradient[j]) / curvature
      let sum = ai + aj
      ai -= delta
      aj += delta
      if sum > c {
        if ai > c { ai = c; aj = sum - c }
      } else if aj < 0 {
        aj = 0; ai = sum
      }
      if sum > c {
        if aj > c { aj = c; ai = sum - c }
      } else if ai < 0 {
        ai = 0; aj = sum
      }
    }
    alpha[i] = ai
    alpha[j] = aj
    // Gₜ += Q_ti·Δβᵢ + Q_tj·Δβⱼ over the active set, Q_ti = yₜyᵢK(t, i).
    let di = yi * (ai - oldI), dj = yj * (aj - oldJ)
    let (l, size, c) = (self.l, self.size, self.c)
    let everyVariable = activeList.count == size
    let upperI = ai >= c, upperJ = aj >= c
    kernel.withSlots(slotI, slotJ) { rowI, rowJ in
      gradient.withUnsafeMutableBufferPointer { gp in
        let g = gp.baseAddress!
        if everyVariable {
          for t in 0..<l {
            let change = di * rowI[t] + dj * rowJ[t]
            g[t] += change
            g[t + l] -= change
          }
        } else {
          for t in activeList {
            let change = di * rowI[t < l ? t : t - l] + dj * rowJ[t < l ? t : t - l]
            g[t] += t < l ? change : -change
          }
        }
      }
      // Ḡ follows the variables that reached or left the upper bound.
      gradientBar.withUnsafeMutableBufferPointer { bp in
        let bar = bp.baseAddress!
        func add(_ factor: Double, _ kernelRow: UnsafePointer<Double>) {
          for t in 0..<l {
            bar[t] += factor * kernelRow[t]
            bar[t + l] -= factor * kernelRow[t]
          }
        }
        if wasUpperI != upperI { add((wasUpperI ? -c : c) * yi, rowI) }
        if wasUpperJ != upperJ { add((wasUpperJ ? -c : c) * yj, rowJ) }
      }
    }
  }

  /// libsvm's do_shrinking: drop bounded variables that cannot be part of a violating pair; once the gap
  /// is within ten times the tolerance, rebuild the whole gradient once and shrink from there.
  private mutating func shrink() {
    var gmax1 = -Double.infinity, gmax2 = -Double.infinity
    for t in activeList {
      let g = gradient[t]
      if t < l {
        if !isUpper(t), -g >= gmax1 { gmax1 = -g }
        if !isLower(t), g >= gmax2 { gmax2 = g }
      } else {
        if !isUpper(t), -g >= gmax2 { gmax2 = -g }
        if !isLower(t), g >= gmax1 { gmax1 = g }
      }
    }
    if !unshrunk && gmax1 + gmax2 <= tolerance * 10 {
      unshrunk = true
      reconstructGradient()
    }
    var kept: [Int] = []
    kept.reserveCapacity(activeList.count)
    for t in activeList {
      let g = gradient[t]
      let shrinkable = isUpper(t) ? (t < l ? -g > gmax1 : -g > gmax2)
        : isLower(t) ? (t < l ? g > gmax2 : g > gmax1) : false
      if shrinkable { active[t] = false } else { kept.append(t) }
    }
    activeList = kept
  }

  /// Rebuilds the gradient of inactive variables, Ḡ + p + Σ_{free s} β_s·Q_ts, and makes every variable
  /// active again.
  private mutating func reconstructGradient() {
    guard activeList.count < size else { return }
    let inactive = (0..<size).filter { !active[$0] }
    for t in inactive { gradient[t] = gradientBar[t] + linear[t] }
    let free = activeList.filter { !isUpper($0) && !isLower($0) }
    let l = self.l
    for s in free {
      let factor = alpha[s] * sign(s)
      let slot = kernel.slot(for: row(s))
      kernel.withSlot(slot) { k in
        gradient.withUnsafeMutableBufferPointer { g in
          for t in inactive { g[t] += t < l ? factor * k[t] : -factor * k[t - l] }
        }
      }
    }
    for t in inactive { active[t] = true }
    activeList = Array(0..<size)
  }

  /// ρ: the mean of yₜGₜ over free variables, or the middle of the feasible interval when none is free.
  private func rho() -> Double {
    var upperBound = Double.infinity, lowerBound = -Double.infinity, freeSum = 0.0, freeCount = 0
    for t in 0..<size {
      let yg = sign(t) * gradient[t]
      if isUpper(t) {
        if t >= l { upperBound = min(upperBound, yg) } else { lowerBound = max(lowerBound, yg) }
      } else if isLower(t) {
        if t < l { upperBound = min(upperBound, yg) } else { lowerBound = max(lowerBound, yg) }
      } else {
        freeCount += 1
        freeSum += yg
      }
    }
    return freeCount > 0 ? freeSum / Double(freeCount) : (upperBound + lowerBound) / 2
  }
}
