import RealModule

// Dense linear algebra the models share: dot products, Gram matrices, Cholesky with jitter, triangular
// solves, the inverse from a Cholesky factor, and a symmetric eigendecomposition. Matrices are row-major
// `[Double]` buffers; hot loops run on unsafe pointers so that the inner products vectorise.

/// Σ a[i]·b[i] over `count` contiguous values. Four independent SIMD2 accumulators let the loop
/// vectorise without reassociating a single sum (the order is fixed, so results are reproducible).
@inline(__always)
func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
  var s0 = SIMD2<Double>(), s1 = SIMD2<Double>(), s2 = SIMD2<Double>(), s3 = SIMD2<Double>()
  var i = 0
  let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
  while i + 8 <= count {
    let o = i &* 8
    s0 += ra.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self)
      * rb.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self)
    s1 += ra.loadUnaligned(fromByteOffset: o &+ 16, as: SIMD2<Double>.self)
      * rb.loadUnaligned(fromByteOffset: o &+ 16, as: SIMD2<Double>.self)
    s2 += ra.loadUnaligned(fromByteOffset: o &+ 32, as: SIMD2<Double>.self)
      * rb.loadUnaligned(fromByteOffset: o &+ 32, as: SIMD2<Double>.self)
    s3 += ra.loadUnaligned(fromByteOffset: o &+ 48, as: SIMD2<Double>.self)
      * rb.loadUnaligned(fromByteOffset: o &+ 48, as: SIMD2<Double>.self)
    i &+= 8
  }
  var s = ((s0 + s1) + (s2 + s3)).sum()
  while i < count {
    s += a[i] * b[i]
    i &+= 1
  }
  return s
}

/// Four dot products against one shared vector, (a₀·b, a₁·b, a₂·b, a₃·b) over `count` values: b is
/// loaded once for four products, which is what makes the O(n³) loops below faster than four ``dot``s.
@inline(__always)
func dot4(_ a0: UnsafePointer<Double>, _ a1: UnsafePointer<Double>, _ a2: UnsafePointer<Double>,
          _ a3: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> SIMD4<Double> {
  var s0 = SIMD2<Double>(), s1 = SIMD2<Double>(), s2 = SIMD2<Double>(), s3 = SIMD2<Double>()
  var i = 0
  let r0 = UnsafeRawPointer(a0), r1 = UnsafeRawPointer(a1), r2 = UnsafeRawPointer(a2), r3 = UnsafeRawPointer(a3)
  let rb = UnsafeRawPointer(b)
  while i + 2 <= count {
    let o = i &* 8
    let v = rb.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self)
    s0 += r0.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self) * v
    s1 += r1.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self) * v
    s2 += r2.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self) * v
    s3 += r3.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self) * v
    i &+= 2
  }
  var out = SIMD4(s0.sum(), s1.sum(), s2.sum(), s3.sum())
  if i < count {
    let v = b[i]
    let tail = SIMD4<Double>(a0[i], a1[i], a2[i], a3[i])
    out += tail * v
  }
  return out
}

/// y[i] += factor·x[i] over `count` contiguous values.
@inline(__always)
func axpy(_ factor: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ count: Int) {
  for i in 0..<count { y[i] += factor * x[i] }
}

/// Σ (a[i] − b[i])² over `count` contiguous values.
@inline(__always)
func squaredDistance(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
  var s0 = SIMD2<Double>(), s1 = SIMD2<Double>()
  var i = 0
  let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
  while i + 4 <= count {
    let o = i &* 8
    let d0 = ra.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self)
      - rb.loadUnaligned(fromByteOffset: o, as: SIMD2<Double>.self)
    let d1 = ra.loadUnaligned(fromByteOffset: o &+ 16, as: SIMD2<Double>.self)
      - rb.loadUnaligned(fromByteOffset: o &+ 16, as: SIMD2<Double>.self)
    s0 += d0 * d0
    s1 += d1 * d1
    i &+= 4
  }
  var s = (s0 + s1).sum()
  while i < count {
    let d = a[i] - b[i]
    s += d * d
    i &+= 1
  }
  return s
}

enum LinearAlgebra {
  /// XᵀX (d × d, both triangles) of a row-major n × d matrix.
  /// - Complexity: O(n·d²), half of it skipped by symmetry.
  static func gram(_ x: [Double], rows n: Int, columns d: Int) -> [Double] {
    var g = [Double](repeating: 0, count: d * d)
    x.withUnsafeBufferPointer { xp in
      g.withUnsafeMutableBufferPointer { gp in
        let x = xp.baseAddress!, g = gp.baseAddress!
        // Rank-one updates row by row keep both reads contiguous.
        for r in 0..<n {
          let row = x + r * d
          for i in 0..<d where row[i] != 0 {
            axpy(row[i], row, g + i * d, i + 1)
          }
        }
        for i in 0..<d { for j in 0..<i { g[j * d + i] = g[i * d + j] } }
      }
    }
    return g
  }

  /// XXᵀ (n × n, both triangles) of a row-major n × d matrix.
  static func outerGram(_ x: [Double], rows n: Int, columns d: Int) -> [Double] {
    pairwise(x, rows: n, columns: d) { dot($0, $1, $2) }
  }

  /// ‖xᵢ − xⱼ‖² for every pair of rows of a row-major n × d matrix (n × n, zero diagonal).
  static func pairwiseSquaredDistances(_ x: [Double], rows n: Int, columns d: Int) -> [Double] {
    pairwise(x, rows: n, columns: d) { squaredDistance($0, $1, $2) }
  }

  /// f(xᵢ, xⱼ) for every pair of rows (f symmetric), computed once per unordered pair, n × n.
  @inline(__always)
  private static func pairwise(
    _ x: [Double], rows n: Int, columns d: Int,
    _ f: (UnsafePointer<Double>, UnsafePointer<Double>, Int) -> Double
  ) -> [Double] {
    var out = [Double](repeating: 0, count: n * n)
    x.withUnsafeBufferPointer { xp in
      out.withUnsafeMutableBufferPointer { op in
        let x = xp.baseAddress!, out = op.baseAddress!
        for i in 0..<n {
          for j in 0...i {
            let v = f(x + i * d, x + j * d, d)
            out[i * n + j] = v
            out[j * n + i] = v
          }
        }
      }
    }
    return out
  }

  /// Xᵀv (length d) of a row-major n × d matrix.
  static func transposedProduct(_ x: [Double], rows n: Int, columns d: Int, _ v: [Double]) -> [Double] {
    var out = [Double](repeating: 0, count: d)
    x.withUnsafeBufferPointer { xp in
      out.withUnsafeMutableBufferPointer { op in
        for r in 0..<n where v[r] != 0 { axpy(v[r], xp.baseAddress! + r * d, op.baseAddress!, d) }
      }
    }
    return out
  }

  /// Xv (length n) of a row-major n × d matrix.
  static func product(_ x: [Double], rows n: Int, columns d: Int, _ v: [Double]) -> [Double] {
    precondition(v.count == d)
    return x.withUnsafeBufferPointer { xp in
      v.withUnsafeBufferPointer { vp in
        (0..<n).map { dot(xp.baseAddress! + $0 * d, vp.baseAddress!, d) }
      }
    }
  }
}

/// The Cholesky factor L of a symmetric positive-definite matrix A = L·Lᵀ (lower triangle, row-major,
/// zeros above the diagonal).
///
/// A matrix that is positive semi-definite up to rounding (a kernel matrix of near-duplicate points)
/// is factored with a jitter on its diagonal: none first, then 10⁻¹⁰ of the mean diagonal, growing
/// tenfold up to 10⁻⁴ of it; ``jitter`` says what was added.
struct Cholesky {
  let n: Int
  /// L, row-major n × n.
  private(set) var lower: [Double]
  /// What was added to A's diagonal to make it factor.
  let jitter: Double

  struct NotPositiveDefinite: Error {}

  /// - Complexity: O(n³/3) flops per attempt.
  init(_ a: [Double], n: Int) throws(NotPositiveDefinite) {
    precondition(a.count == n * n)
    var meanDiagonal = 0.0
    for i in 0..<n { meanDiagonal += a[i * n + i] }
    meanDiagonal = n > 0 ? abs(meanDiagonal) / Double(n) : 0
    var jitter = 0.0
    while true {
      if let l = Self.factor(a, n: n, jitter: jitter) {
        self.n = n
        lower = l
        self.jitter = jitter
        return
      }
      jitter = jitter == 0 ? 1e-10 * max(meanDiagonal, 1e-300) : jitter * 10
      if jitter > 1e-4 * max(meanDiagonal, 1e-300) { throw NotPositiveDefinite() }
    }
  }

  /// Row-oriented (Cholesky–Banachiewicz) factorisation; four rows at a time share each loaded row of L
  /// (``dot4``). `nil` when a pivot is not positive.
  private static func factor(_ a: [Double], n: Int, jitter: Double) -> [Double]? {
    var l = [Double](repeating: 0, count: n * n)
    let ok = a.withUnsafeBufferPointer { ap in
      l.withUnsafeMutableBufferPointer { lp -> Bool in
        let a = ap.baseAddress!, l = lp.baseAddress!
        var i0 = 0
        while i0 < n {
          let rows = min(4, n - i0)
          // Columns j < i0: every row of the block needs L[i][j] = (A[i][j] − L[i][..j]·L[j][..j]) / L[j][j].
          if rows == 4 {
            let l0 = l + i0 * n, l1 = l0 + n, l2 = l1 + n, l3 = l2 + n
            for j in 0..<i0 {
              let lj = l + j * n
              let products = dot4(l0, l1, l2, l3, lj, j)
              let inverse = 1 / lj[j]
              l0[j] = (a[i0 * n + j] - products[0]) * inverse
              l1[j] = (a[(i0 + 1) * n + j] - products[1]) * inverse
              l2[j] = (a[(i0 + 2) * n + j] - products[2]) * inverse
              l3[j] = (a[(i0 + 3) * n + j] - products[3]) * inverse
            }
          } else {
            for j in 0..<i0 {
              let lj = l + j * n
              let inverse = 1 / lj[j]
              for r in 0..<rows {
                let li = l + (i0 + r) * n
                li[j] = (a[(i0 + r) * n + j] - dot(li, lj, j)) * inverse
              }
            }
          }
          // The block's own lower triangle.
          for r in 0..<rows {
            let i = i0 + r
            let li = l + i * n
            for j in i0..<i {
              let lj = l + j * n
              li[j] = (a[i * n + j] - dot(li, lj, j)) / lj[j]
            }
            let pivot = a[i * n + i] + jitter - dot(li, li, i)
            guard pivot > 0, pivot.isFinite else { return false }
            li[i] = pivot.squareRoot()
          }
          i0 += rows
        }
        return true
      }
    }
    return ok ? l : nil
  }

  /// log det A (of the jittered matrix) = 2 Σ log Lᵢᵢ.
  var logDeterminant: Double {
    var s = 0.0
    for i in 0..<n { s += Double.log(lower[i * n + i]) }
    return 2 * s
  }

  /// Solves L·x = b in place.
  func solveLower(_ b: inout [Double]) {
    precondition(b.count == n)
    lower.withUnsafeBufferPointer { lp in
      b.withUnsafeMutableBufferPointer { bp in
        let l = lp.baseAddress!, x = bp.baseAddress!
        for i in 0..<n { x[i] = (x[i] - dot(l + i * n, x, i)) / l[i * n + i] }
      }
    }
  }

  /// Solves Lᵀ·x = b in place.
  func solveUpper(_ b: inout [Double]) {
    precondition(b.count == n)
    lower.withUnsafeBufferPointer { lp in
      b.withUnsafeMutableBufferPointer { bp in
        let l = lp.baseAddress!, x = bp.baseAddress!
        // Column-oriented: once x[i] is known, remove its share from every earlier unknown (row i of L
        // is column i of Lᵀ, contiguous).
        var i = n - 1
        while i >= 0 {
          x[i] /= l[i * n + i]
          let xi = x[i]
          if xi != 0 { axpy(-xi, l + i * n, x, i) }
          i -= 1
        }
      }
    }
  }

  /// A⁻¹·b.
  func solve(_ b: [Double]) -> [Double] {
    var x = b
    solveLower(&x)
    solveUpper(&x)
    return x
  }

  /// U = L⁻ᵀ, row-major upper triangular: row c of U is column c of L⁻¹, so A⁻¹ᵢⱼ = Σₖ Uᵢₖ·Uⱼₖ
  /// over contiguous k ≥ max(i, j).
  /// - Complexity: O(n³/3) flops.
  func inverseTransposedFactor() -> [Double] {
    var u = [Double](repeating: 0, count: n * n)
    lower.withUnsafeBufferPointer { lp in
      u.withUnsafeMutableBufferPointer { up in
        let l = lp.baseAddress!, u = up.baseAddress!
        // Column c of L⁻¹ solves L·x = e_c by forward substitution: row i of L against x[c..<i],
        // contiguous in both. Four columns at a time share each row of L; above c a column's entries are
        // zero, so the four products can all start at the block's first column.
        var c0 = 0
        while c0 < n {
          let columns = min(4, n - c0)
          for c in c0..<(c0 + columns) {
            let x = u + c * n
            x[c] = 1 / l[c * n + c]
            for i in (c + 1)..<max(c + 1, min(n, c0 + columns)) {
              x[i] = -dot(l + i * n + c, x + c, i - c) / l[i * n + i]
            }
          }
          var i = c0 + columns
          if columns == 4 {
            let x0 = u + c0 * n, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n
            while i < n {
              let products = dot4(x0 + c0, x1 + c0, x2 + c0, x3 + c0, l + i * n + c0, i - c0)
              let inverse = -1 / l[i * n + i]
              x0[i] = products[0] * inverse
              x1[i] = products[1] * inverse
              x2[i] = products[2] * inverse
              x3[i] = products[3] * inverse
              i += 1
            }
          } else {
            for c in c0..<(c0 + columns) {
              let x = u + c * n
              for k in i..<n { x[k] = -dot(l + k * n + c, x + c, k - c) / l[k * n + k] }
            }
          }
          c0 += columns
        }
      }
    }
    return u
  }

  /// A⁻¹, both triangles, from ``inverseTransposedFactor()``, computed in the factor's own buffer: entry
  /// (i, j ≥ i) needs row i of U from column j on, so it can replace U's (i, j) once read, and the lower
  /// triangle U leaves zero is never read.
  /// - Complexity: O(n³/3) flops on top of the factor's inverse.
  static func inverse(fromInverseTransposedFactor factor: consuming [Double], n: Int) -> [Double] {
    var inverse = factor
    inverse.withUnsafeMutableBufferPointer { ip in
      let u = UnsafePointer(ip.baseAddress!), out = ip.baseAddress!
      // Four rows of U at a time share each row j they are multiplied with.
      var i0 = 0
      while i0 < n {
        let rows = min(4, n - i0)
        for i in i0..<(i0 + rows) {
          for j in i..<(i0 + rows) {
            let v = dot(u + i * n + j, u + j * n + j, n - j)
            out[i * n + j] = v
            out[j * n + i] = v
          }
        }
        if rows == 4 {
          let u0 = u + i0 * n, u1 = u0 + n, u2 = u1 + n, u3 = u2 + n
          for j in (i0 + 4)..<max(i0 + 4, n) {
            let products = dot4(u0 + j, u1 + j, u2 + j, u3 + j, u + j * n + j, n - j)
            for r in 0..<4 {
              out[(i0 + r) * n + j] = products[r]
              out[j * n + i0 + r] = products[r]
            }
          }
        } else {
          for i in i0..<(i0 + rows) {
            for j in (i0 + rows)..<n {
              let v = dot(u + i * n + j, u + j * n + j, n - j)
              out[i * n + j] = v
              out[j * n + i] = v
            }
          }
        }
        i0 += rows
      }
    }
    return inverse
  }
}

/// Eigenvalues and eigenvectors of a symmetric matrix by cyclic Jacobi rotations (Golub & Van Loan,
/// *Matrix Computations*, 4th ed., §8.5): slow for large matrices but accurate to working precision,
/// which least squares on rank-deficient one-hot features needs.
struct SymmetricEigen {
  let n: Int
  /// Eigenvalues, descending.
  let values: [Double]
  /// Eigenvectors as rows (row k belongs to `values[k]`), row-major n × n.
  let vectors: [Double]

  /// - Complexity: O(n³) per sweep; a few sweeps (typically 6 to 10) reach convergence.
  init(_ a: [Double], n: Int) {
    precondition(a.count == n * n)
    var m = a
    // v holds the accumulated rotation with eigenvectors as columns; transposed at the end.
    var v = [Double](repeating: 0, count: n * n)
    for i in 0..<n { v[i * n + i] = 1 }
    m.withUnsafeMutableBufferPointer { mp in
      v.withUnsafeMutableBufferPointer { vp in
        let m = mp.baseAddress!, v = vp.baseAddress!
        var scale = 0.0
        for i in 0..<(n * n) { scale = max(scale, abs(m[i])) }
        guard scale > 0 else { return }
        for _ in 0..<60 {
          var off = 0.0
          for p in 0..<n { for q in (p + 1)..<max(p + 1, n) { off += m[p * n + q] * m[p * n + q] } }
          if off.squareRoot() <= 1e-15 * scale { break }
          for p in 0..<n {
            for q in (p + 1)..<max(p + 1, n) {
              let apq = m[p * n + q]
              guard abs(apq) > 1e-300 else { continue }
              let app = m[p * n + p], aqq = m[q * n + q]
              // The rotation angle that zeroes m[p][q] (the smaller of the two roots, for stability).
              let theta = (aqq - app) / (2 * apq)
              let t = (theta >= 0 ? 1 : -1) / (abs(theta) + (theta * theta + 1).squareRoot())
              let c = 1 / (t * t + 1).squareRoot(), s = t * c
              for k in 0..<n {
                let mkp = m[k * n + p], mkq = m[k * n + q]
                m[k * n + p] = c * mkp - s * mkq
                m[k * n + q] = s * mkp + c * mkq
              }
              for k in 0..<n {
                let mpk = m[p * n + k], mqk = m[q * n + k]
                m[p * n + k] = c * mpk - s * mqk
                m[q * n + k] = s * mpk + c * mqk
              }
              for k in 0..<n {
                let vkp = v[k * n + p], vkq = v[k * n + q]
                v[k * n + p] = c * vkp - s * vkq
                v[k * n + q] = s * vkp + c * vkq
              }
            }
          }
        }
      }
    }
    let order = (0..<n).sorted { m[$0 * n + $0] != m[$1 * n + $1] ? m[$0 * n + $0] > m[$1 * n + $1] : $0 < $1 }
    var vectors = [Double](repeating: 0, count: n * n)
    for (row, k) in order.enumerated() {
      for i in 0..<n { vectors[row * n + i] = v[i * n + k] }
    }
    self.n = n
    values = order.map { m[$0 * n + $0] }
    self.vectors = vectors
  }
}
