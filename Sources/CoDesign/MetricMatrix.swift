import Dispatch

/// Latency and energy of every candidate on every valid hardware point: what the analyses (monotonicity,
/// the every-proxy effectiveness experiment) need. Computing it costs M·N evaluations, reported as the
/// analysis' own cost, never charged to a strategy.
public struct MetricMatrix: Sendable {
  /// The hardware indices (into the ``CostTable``) of the rows, ascending.
  public let hardware: [Int]
  /// `latency[row][architecture]`.
  public let latency: [[Double]]
  public let energy: [[Double]]
  public let accuracy: [Double]
  /// Row of each hardware index (−1 for an invalid point), so lookups by hardware index are O(1).
  private let rowOf: [Int]

  /// Evaluates every candidate on every valid hardware point (in parallel over hardware).
  public init(_ evaluator: Evaluator) {
    let rows = evaluator.validHardware
    let n = evaluator.candidates.count
    var lat = [[Double]](repeating: [], count: rows.count)
    var en = [[Double]](repeating: [], count: rows.count)
    lat.withUnsafeMutableBufferPointer { latBuffer in
      en.withUnsafeMutableBufferPointer { enBuffer in
        let l = UncheckedSendable(latBuffer), e = UncheckedSendable(enBuffer)
        DispatchQueue.concurrentPerform(iterations: rows.count) { r in
          var rowLatency = [Double](repeating: 0, count: n), rowEnergy = [Double](repeating: 0, count: n)
          for a in 0..<n {
            let m = evaluator.peek(a, on: rows[r])
            rowLatency[a] = m.latency
            rowEnergy[a] = m.energy
          }
          l.value[r] = rowLatency
          e.value[r] = rowEnergy
        }
      }
    }
    hardware = rows
    var rowOf = [Int](repeating: -1, count: (rows.max() ?? -1) + 1)
    for (r, h) in rows.enumerated() { rowOf[h] = r }
    self.rowOf = rowOf
    latency = lat
    energy = en
    accuracy = evaluator.candidates.accuracy
  }

  public var evaluations: Int { hardware.count * accuracy.count }

  /// The metrics of architecture a on row r.
  public func metrics(_ a: Int, row r: Int) -> PairMetrics {
    PairMetrics(accuracy: accuracy[a], latency: latency[r][a], energy: energy[r][a])
  }

  /// The row of a hardware index, if valid.
  public func row(of h: Int) -> Int? { h < rowOf.count && rowOf[h] >= 0 ? rowOf[h] : nil }
}
