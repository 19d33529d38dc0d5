/// A fitted linear model ŷ = w·x + b: what linear regression, ridge, Bayesian ridge and the lasso fit.
public struct LinearModel: FittedRegressor, Hashable {
  /// w, one per feature (in the units of the features the model was fitted on).
  public let coefficients: [Double]
  /// b.
  public let intercept: Double

  public func predict(_ features: FeatureMatrix) -> [Double] {
    precondition(features.columnCount == coefficients.count)
    return LinearAlgebra.product(features.values, rows: features.rowCount, columns: features.columnCount,
                                 coefficients).map { $0 + intercept }
  }

  /// The intercept that goes with `coefficients` on data centred by `centred`.
  init(coefficients: [Double], centred: CentredData) {
    self.coefficients = coefficients
    var b = centred.targetMean
    for (w, mean) in zip(coefficients, centred.featureMeans) { b -= w * mean }
    intercept = b
  }
}

/// Features and targets with their means removed, so a linear fit needs no intercept column and the
/// intercept is never penalised (as scikit-learn's `fit_intercept` does).
struct CentredData {
  let rowCount: Int
  let columnCount: Int
  /// Row-major, centred.
  let features: [Double]
  let targets: [Double]
  let featureMeans: [Double]
  let targetMean: Double

  /// - Parameter centring: `false` keeps the data as it is (means recorded as zero), for a fit
  ///   through the origin.
  init(features matrix: FeatureMatrix, targets y: [Double], centring: Bool = true) {
    let n = matrix.rowCount, d = matrix.columnCount
    var means = [Double](repeating: 0, count: d)
    var x = matrix.values
    if centring { x.withUnsafeMutableBufferPointer { xp in
      means.withUnsafeMutableBufferPointer { mp in
        let x = xp.baseAddress!, m = mp.baseAddress!
        for r in 0..<n { axpy(1, x + r * d, m, d) }
        for c in 0..<d { m[c] /= Double(max(n, 1)) }
        for r in 0..<n { axpy(-1, m, x + r * d, d) }
      }
    } }
    let targetMean = centring ? y.reduce(0, +) / Double(max(n, 1)) : 0
    rowCount = n
    columnCount = d
    features = x
    targets = y.map { $0 - targetMean }
    featureMeans = means
    self.targetMean = targetMean
  }

  /// Σ (yᵢ − w·xᵢ)² on the centred data.
  func residualSumOfSquares(_ w: [Double]) -> Double {
    let fitted = LinearAlgebra.product(features, rows: rowCount, columns: columnCount, w)
    var s = 0.0
    for i in 0..<rowCount { s += (targets[i] - fitted[i]) * (targets[i] - fitted[i]) }
    return s
  }
}

/// The spectrum of centred least squares, from which ordinary, ridge and Bayesian linear regression all
/// read their coefficients: w(s) = Σₖ qₖ/(λₖ + s)·zₖ.
///
/// With at least as many samples as features it decomposes XᵀX = VΛVᵀ (zₖ = vₖ, qₖ = vₖ·Xᵀy); with
/// fewer it decomposes XXᵀ = UΛUᵀ (zₖ = Xᵀuₖ, qₖ = uₖ·y), the cheaper of the two and the same solution.
/// One decomposition serves every shift s, so a fit costs one O(n·d² + min(n, d)³) step.
struct LeastSquaresSpectrum {
  let data: CentredData
  /// λₖ, descending (squared singular values of the centred X).
  let eigenvalues: [Double]
  /// zₖ as rows, min(n, d) × d.
  private let directions: [Double]
  /// qₖ.
  private let projections: [Double]

  init(_ data: CentredData) {
    self.data = data
    let n = data.rowCount, d = data.columnCount
    if n >= d {
      let eigen = SymmetricEigen(LinearAlgebra.gram(data.features, rows: n, columns: d), n: d)
      let b = LinearAlgebra.transposedProduct(data.features, rows: n, columns: d, data.targets)
      eigenvalues = eigen.values.map { max($0, 0) }
      directions = eigen.vectors
      projections = LinearAlgebra.product(eigen.vectors, rows: d, columns: d, b)
    } else {
      let eigen = SymmetricEigen(LinearAlgebra.outerGram(data.features, rows: n, columns: d), n: n)
      eigenvalues = eigen.values.map { max($0, 0) }
      var z = [Double](repeating: 0, count: n * d)
      for k in 0..<n {
        let u = Array(eigen.vectors[(k * n)..<((k + 1) * n)])
        let column = LinearAlgebra.transposedProduct(data.features, rows: n, columns: d, u)
        z.replaceSubrange((k * d)..<((k + 1) * d), with: column)
      }
      directions = z
      projections = LinearAlgebra.product(eigen.vectors, rows: n, columns: n, data.targets)
    }
  }

  /// Σₖ weight(λₖ)·qₖ·zₖ.
  func coefficients(weight: (Double) -> Double) -> [Double] {
    let d = data.columnCount
    var w = [Double](repeating: 0, count: d)
    directions.withUnsafeBufferPointer { zp in
      w.withUnsafeMutableBufferPointer { wp in
        for k in eigenvalues.indices {
          let factor = weight(eigenvalues[k]) * projections[k]
          if factor != 0 { axpy(factor, zp.baseAddress! + k * d, wp.baseAddress!, d) }
        }
      }
    }
    return w
  }

  /// The ridge solution (XᵀX + s·I)⁻¹Xᵀy.
  func ridge(shift s: Double) -> [Double] { coefficients { 1 / ($0 + s) } }

  /// The minimum-norm least-squares solution X⁺y. Eigenvalues below 10⁻¹⁰ of the largest count as
  /// zero: XᵀX squares X's condition number, so a direction of X with a singular value below 10⁻⁵ of the
  /// largest is indistinguishable from rank deficiency (which one-hot features always have: each
  /// decision's columns sum to one).
  func minimumNorm() -> [Double] {
    let cutoff = 1e-10 * (eigenvalues.first ?? 0)
    return coefficients { $0 > cutoff && $0 > 0 ? 1 / $0 : 0 }
  }
}
