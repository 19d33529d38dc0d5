import Analysis

/// Latency and energy monotonicity across a set of hardware (seed 002, §3.4 and §4.5.1, Fig. 4.2): the
/// Spearman ρ of every pair over the same architectures, each hardware's mean ρ with the others, and
/// (when a reference is named) each one's ρ with it.
public struct MonotonicityResult: Sendable, Codable {
  /// Hardware names, one per row and column.
  public var labels: [String]
  /// Hardware indices in the run's hardware set (empty for measured tables).
  public var hardware: [Int]
  public var architectureCount: Int
  public var latencyRho: [[Double]]
  /// `nil` when the hardware has no energy figures (measured latency tables).
  public var energyRho: [[Double]]?
  public var meanLatencyRho: [Double]
  public var meanEnergyRho: [Double]?
  /// The row of the reference (the co-search target, or a named proxy), if any.
  public var reference: Int?
  public var latencyRhoWithReference: [Double]
  public var energyRhoWithReference: [Double]
  /// Kendall τ-b of latency, when asked for.
  public var latencyTau: [[Double]]?
  /// Each row's dataflow, PEs and bandwidths, when the hardware are accelerators: reports order the
  /// matrix by them. `nil` (or `nil` entries) for measured tables and other hardware.
  public var figures: [HardwareFigures?]? = nil

  /// Computes the matrices from per-hardware series (each the metric of every architecture).
  public init(labels: [String], hardware: [Int] = [], latency: [[Double]], energy: [[Double]]? = nil,
              reference: Int? = nil, kendall: Bool = false) {
    self.labels = labels
    self.hardware = hardware
    architectureCount = latency.first?.count ?? 0
    let latencyMatrix = CorrelationMatrix(series: latency).values
    // Energy ρ only when every hardware point has energy figures (a latency table or predictor has none).
    let energyMatrix = energy.flatMap { rows in rows.allSatisfy { $0.allSatisfy { !$0.isNaN } } ? CorrelationMatrix(series: rows) : nil }
    latencyRho = latencyMatrix
    meanLatencyRho = CorrelationMatrix.mean(offDiagonalOf: latencyMatrix)
    energyRho = energyMatrix?.values
    meanEnergyRho = energyMatrix?.meanOffDiagonal
    self.reference = reference
    latencyRhoWithReference = reference.map { r in latencyMatrix.map { $0[r] } } ?? []
    energyRhoWithReference = reference.flatMap { r in energyMatrix.map { $0.values.map { $0[r] } } } ?? []
    if kendall { latencyTau = CorrelationMatrix(series: latency, method: .kendall).values }
  }

  /// Every off-diagonal ρ of latency (i < j).
  public var latencyPairs: [Double] {
    (0..<labels.count).flatMap { i in ((i + 1)..<max(labels.count, i + 1)).map { latencyRho[i][$0] } }
  }
}

extension MonotonicityResult {
  /// The first size or index that does not fit (a hand-edited `result.json`), or `nil`.
  public var inconsistency: String? {
    let n = labels.count
    for (name, matrix) in [("latency ρ", latencyRho), ("energy ρ", energyRho ?? []), ("latency τ", latencyTau ?? [])]
    where !matrix.isEmpty {
      guard matrix.count == n, matrix.allSatisfy({ $0.count == n }) else { return "the \(name) matrix is not \(n) × \(n)" }
    }
    guard meanLatencyRho.count == n else { return "\(meanLatencyRho.count) mean ρ values for \(n) hardware" }
    if let meanEnergyRho, meanEnergyRho.count != n { return "\(meanEnergyRho.count) mean energy ρ values for \(n) hardware" }
    if let reference, !(0..<n).contains(reference) { return "reference \(reference) outside 0..<\(n)" }
    if let figures, figures.count != n { return "\(figures.count) hardware figures for \(n) hardware" }
    return nil
  }
}
