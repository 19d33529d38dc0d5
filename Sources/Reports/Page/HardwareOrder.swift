import CoDesign

/// Lays accelerators out for charts so structure shows: by dataflow (KC-P, YR-P, X-P, then others by
/// name), then PEs, NoC bandwidth and off-chip bandwidth, then label.
///
/// The figures come from the result (``HardwareFigures``); hardware without them (FPGAs, devices) keeps
/// its given order after the others.
struct HardwareOrder {
  /// Indices into the given labels, in drawing order.
  let permutation: [Int]
  /// The figures per given index.
  let figures: [HardwareFigures?]

  init(labels: [String], figures given: [HardwareFigures?]?) {
    let figures = labels.indices.map { i in given.flatMap { i < $0.count ? $0[i] : nil } }
    self.figures = figures
    permutation = labels.indices.sorted { a, b in
      switch (figures[a], figures[b]) {
      case (let x?, let y?):
        let kx = (Self.dataflowRank(x.dataflow), x.dataflow, x.pes, x.nocBandwidth, x.offchipBandwidth)
        let ky = (Self.dataflowRank(y.dataflow), y.dataflow, y.pes, y.nocBandwidth, y.offchipBandwidth)
        if kx != ky { return kx < ky }
        return (labels[a], a) < (labels[b], b)
      case (.some, nil): return true
      case (nil, .some): return false
      case (nil, nil): return a < b
      }
    }
  }

  /// Whether every accelerator has figures (so short labels and the ordering mean something).
  var isComplete: Bool { !figures.isEmpty && figures.allSatisfy { $0 != nil } }

  /// A compact name for crowded axes: `kc-p 512/900/350` (PEs / NoC / off-chip), else the label.
  func shortLabel(_ index: Int, label: String) -> String {
    guard let f = figures[index] else { return label }
    return "\(f.dataflow) \(f.pes)/\(f.nocBandwidth)/\(f.offchipBandwidth)"
  }

  /// The axis title matching ``shortLabel(_:label:)``.
  var axisTitle: (label: String, unit: String) {
    isComplete ? ("Accelerator", "dataflow PEs/NoC/off-chip") : ("Hardware", "")
  }

  /// What the order is, for a chart note.
  var description: String {
    isComplete ? "ordered by dataflow, then PEs, NoC bandwidth and off-chip bandwidth" : "in the run's order"
  }

  static func dataflowRank(_ name: String) -> Int {
    switch name.lowercased() {
    case "kc-p", "kcp_ws": return 0
    case "yr-p", "rs": return 1
    case "x-p", "xp_ws": return 2
    default: return 3
    }
  }
}
