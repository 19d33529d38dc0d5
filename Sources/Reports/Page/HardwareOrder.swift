import CoDesign

/// Lays accelerators out for charts so structure shows: by dataflow (KC-P, YR-P, X-P, then others by
/// name), then PEs, NoC bandwidth and off-chip bandwidth, then label.
///
/// The figures come from the result (``HardwareFigures``); where they are missing, a label of the
/// form `kc-p/256pe/noc300/off50` (an accelerator's default label) is parsed; hardware with neither keeps
/// its given order after the others.
struct HardwareOrder {
  /// Indices into the given labels, in drawing order.
  let permutation: [Int]
  /// The figures used per given index (parsed from the label where the result had none).
  let figures: [HardwareFigures?]

  init(labels: [String], figures given: [HardwareFigures?]?) {
    let figures = labels.indices.map { i in (given.flatMap { i < $0.count ? $0[i] : nil }) ?? Self.parse(labels[i]) }
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

  /// `kc-p/256pe/noc300/off50[/…]` → figures.
  static func parse(_ label: String) -> HardwareFigures? {
    let parts = label.split(separator: "/").map(String.init)
    guard parts.count >= 4, parts[1].hasSuffix("pe"), parts[2].hasPrefix("noc"), parts[3].hasPrefix("off"),
      let pes = Int(parts[1].dropLast(2)), let noc = Int(parts[2].dropFirst(3)), let off = Int(parts[3].dropFirst(3))
    else { return nil }
    return HardwareFigures(dataflow: parts[0], pes: pes, nocBandwidth: noc, offchipBandwidth: off)
  }
}
