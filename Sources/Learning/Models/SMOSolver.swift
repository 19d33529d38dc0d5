/// Sequential minimal optimisation for ε-SVR in the manner of libsvm's `Solver` (Chang & Lin 2011,
/// §4): the 2n variables β = (α, α*) with signs yₜ = +1 (α) and −1 (α*), linear term pₜ = ε ∓ zᵢ,
/// Qₜₛ = yₜyₛK(i(t), i(s)); minimise ½βᵀQβ + pᵀβ subject to yᵀβ = 0, 0 ≤ β ≤ C.
enum SMOSolver {
  struct Solution {
    /// αᵢ − αᵢ*, per training row.
    var coefficients: [Double]
    var rho: Double
    var iterations: Int
  }

  /// libsvm's τ: the smallest curvature a step divides by.
  private static let tau = 1e-12

  static func solveEpsilonSVR(kernel: inout KernelRowCache, targets z: [Double], c: Double, epsilon: Double,
                              tolerance: Double, shrinking: Bool) -> Solution {
    let l = kernel.n
    let size = 2 * l
    var alpha = [Double](repeating: 0, count: size)
    // Gradient of the dual, Qβ + p; at β = 0 it is p.
    var gradient = [Double](repeating: 0, count: size)
    for i in 0..<l {
      gradient[i] = epsilon - z[i]
      gradient[i + l] = epsilon + z[i]
    }
    // Ḡ: the part of the gradient due to variables at the upper bound, Σ_{β_s = C} C·Q_ts, which
    // rebuilds the gradient of shrunk variables without touching free ones.
    var gradientBar = [Double](repeating: 0, count: size)
    var active = [Bool](repeating: true, count: size)
    var activeList = Array(0..<size)
    var unshrunk = false
    let qd = kernel.diagonal
    let maxIterations = max(10_000_000, 100 * l)
    var iterations = 0
    var counter = min(l, 1000) + 1

    @inline(__always) func sign(_ t: Int) -> Double { t < l ? 1 : -1 }
    @inline(__always) func isUpper(_ t: Int) -> Bool { alpha[t] >= c }
    @inline(__always) func isLower(_ t: Int) -> Bool { alpha[t] <= 0 }

    // Rebuilds the gradient of inactive variables: Ḡ + p + Σ_{free s} β_s·Q_ts.
    func reconstructGradient() {
      guard activeList.count < size else { return }
      for t in 0..<size where !active[t] {
        let i = t < l ? t : t - l
        gradient[t] = gradientBar[t] + (t < l ? epsilon - z[i] : epsilon + z[i])
      }
      let free = activeList.filter { !isUpper($0) && !isLower($0) }
      for s in free {
        let ys = sign(s), a = alpha[s]
        kernel.withRow(s < l ? s : s - l) { row in
          for t in 0..<size where !active[t] {
            gradient[t] += a * ys * sign(t) * row[t < l ? t : t - l]
          }
        }
      }
      for t in 0..<size { active[t] = true }
      activeList = Array(0..<size)
    }

    // The maximal violating pair's gap over the active set, split as libsvm's do_shrinking does.
    func violations() -> (up: Double, low: Double) {
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
      return (gmax1, gmax2)
    }

    func shrink() {
      let (gmax1, gmax2) = violations()
      if !unshrunk && gmax1 + gmax2 <= tolerance * 10 {
        unshrunk = true
        reconstructGradient()
      }
      func shrinkable(_ t: Int) -> Bool {
        let g = gradient[t]
        if isUpper(t) { return t < l ? -g > gmax1 : -g > gmax2 }
        if isLower(t) { return t < l ? g > gmax2 : g > gmax1 }
        return false
      }
      var kept: [Int] = []
      kept.reserveCapacity(activeList.count)
      for t in activeList {
        if shrinkable(t) { active[t] = false } else { kept.append(t) }
      }
      activeList = kept
    }

    // Second-order working-set selection (Fan, Chen & Lin 2005, WSS 3); nil when optimal within
    // tolerance. Ties go to the later variable, as in libsvm.
    func selectWorkingSet() -> (Int, Int)? {
      var gmax = -Double.infinity, gmaxIndex = -1
      for t in activeList {
        if t < l {
          if !isUpper(t), -gradient[t] >= gmax { gmax = -gradient[t]; gmaxIndex = t }
        } else if !isLower(t), gradient[t] >= gmax {
          gmax = gradient[t]; gmaxIndex = t
        }
      }
      guard gmaxIndex >= 0 else { return nil }
      let i = gmaxIndex
      var gmax2 = -Double.infinity, gminIndex = -1, objectiveMin = Double.infinity
      kernel.withRow(i < l ? i : i - l) { row in
        for t in activeList {
          let k = row[t < l ? t : t - l]
          if t < l {
            guard !isLower(t) else { continue }
            let difference = gmax + gradient[t]
            if gradient[t] >= gmax2 { gmax2 = gradient[t] }
            if difference > 0 {
              let curvature = qd + qd - 2 * k
              let objective = -(difference * difference) / (curvature > 0 ? curvature : tau)
              if objective <= objectiveMin { gminIndex = t; objectiveMin = objective }
            }
          } else {
            guard !isUpper(t) else { continue }
            let difference = gmax - gradient[t]
            if -gradient[t] >= gmax2 { gmax2 = -gradient[t] }
            if difference > 0 {
              let curvature = qd + qd - 2 * k
              let objective = -(difference * difference) / (curvature > 0 ? curvature : tau)
              if objective <= objectiveMin { gminIndex = t; objectiveMin = objective }
            }
          }
        }
      }
      if gmax + gmax2 < tolerance || gminIndex == -1 { return nil }
      return (i, gminIndex)
    }

    while iterations < maxIterations {
      counter -= 1
      if counter == 0 {
        counter = min(l, 1000)
        if shrinking { shrink() }
      }
      var pair = selectWorkingSet()
      if pair == nil {
        // Optimal on the active set: check all variables before stopping.
        reconstructGradient()
        pair = selectWorkingSet()
        guard pair != nil else { break }
        counter = 1
      }
      let (i, j) = pair!
      iterations += 1
      let ri = i < l ? i : i - l, rj = j < l ? j : j - l
      let yi = sign(i), yj = sign(j)
      let oldI = alpha[i], oldJ = alpha[j]
      let wasUpperI = isUpper(i), wasUpperJ = isUpper(j)
      kernel.withRows(ri, rj) { rowI, rowJ in
        // Q_ij = yᵢyⱼK(i, j).
        let qij = yi * yj * rowI[rj]
        if yi != yj {
          var curvature = qd + qd + 2 * qij
          if curvature <= 0 { curvature = tau }
          let delta = (-gradient[i] - gradient[j]) / curvature
          let difference = alpha[i] - alpha[j]
          alpha[i] += delta
          alpha[j] += delta
          if difference > 0 {
            if alpha[j] < 0 { alpha[j] = 0; alpha[i] = difference }
          } else if alpha[i] < 0 {
            alpha[i] = 0; alpha[j] = -difference
          }
          if difference > 0 {
            if alpha[i] > c { alpha[i] = c; alpha[j] = c - difference }
          } else if alpha[j] > c {
            alpha[j] = c; alpha[i] = c + difference
          }
        } else {
          var curvature = qd + qd - 2 * qij
          if curvature <= 0 { curvature = tau }
          let delta = (gradient[i] - gradient[j]) / curvature
          let sum = alpha[i] + alpha[j]
          alpha[i] -= delta
          alpha[j] += delta
          if sum > c {
            if alpha[i] > c { alpha[i] = c; alpha[j] = sum - c }
          } else if alpha[j] < 0 {
            alpha[j] = 0; alpha[i] = sum
          }
          if sum > c {
            if alpha[j] > c { alpha[j] = c; alpha[i] = sum - c }
          } else if alpha[i] < 0 {
            alpha[i] = 0; alpha[j] = sum
          }
        }
        // G_t += Q_ti·Δβᵢ + Q_tj·Δβⱼ over the active set, with Q_ti = yₜyᵢK(t, i).
        let di = yi * (alpha[i] - oldI), dj = yj * (alpha[j] - oldJ)
        gradient.withUnsafeMutableBufferPointer { gp in
          let g = gp.baseAddress!
          if activeList.count == size {
            for t in 0..<l {
              let change = di * rowI[t] + dj * rowJ[t]
              g[t] += change
              g[t + l] -= change
            }
          } else {
            for t in activeList {
              let k = t < l ? t : t - l
              let change = di * rowI[k] + dj * rowJ[k]
              g[t] += t < l ? change : -change
            }
          }
        }
        // Ḡ follows the variables that reached or left the upper bound.
        func updateBar(_ index: Int, _ row: UnsafePointer<Double>, wasUpper: Bool) {
          guard wasUpper != isUpper(index) else { return }
          let factor = (wasUpper ? -c : c) * sign(index)
          for t in 0..<l {
            gradientBar[t] += factor * row[t]
            gradientBar[t + l] -= factor * row[t]
          }
        }
        updateBar(i, rowI, wasUpper: wasUpperI)
        updateBar(j, rowJ, wasUpper: wasUpperJ)
      }
    }
    if activeList.count < size { reconstructGradient() }

    // ρ: the mean of yₜGₜ over free variables, or the middle of the feasible interval when none is free.
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
    let rho = freeCount > 0 ? freeSum / Double(freeCount) : (upperBound + lowerBound) / 2
    return Solution(coefficients: (0..<l).map { alpha[$0] - alpha[$0 + l] }, rho: rho, iterations: iterations)
  }
}
