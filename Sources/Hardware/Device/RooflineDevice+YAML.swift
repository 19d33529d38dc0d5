public import SpecFiles

// The roofline device format (`kind: device`):
//
//   schema: duet/v1
//   kind: device
//   name: s5e
//   source: "seed 002, Table 3.2"       # optional free text: where the peaks come from
//   peak_gflops: 40.6                   # GFLOP/s
//   memory_bandwidth_gbps: 14.93        # GB/s
//   bytes_per_element: 4                # optional, default 4 (FP32)
//   memory_efficiency: 0.5              # optional, default 1
//   layer_overhead_us: 5                # optional, default 0
//   efficiency: {default: 0.075, pointwise: 0.0375, pooling: 0.019}   # optional, default 1 for all
//   fused: [normalization, activation]  # optional, default these two; [] prices them
//   energy: {pj_per_flop: 5, pj_per_byte: 100, static_watts: 0.5}     # optional

extension RooflineDevice {
  static let topKeys = ["schema", "kind", "name", "description", "source", "peak_gflops", "memory_bandwidth_gbps",
                        "bytes_per_element", "memory_efficiency", "layer_overhead_us", "efficiency", "fused", "energy"]
  /// Efficiencies above 1 are allowed up to this bound: fast algorithms (Winograd, FFT) do fewer FLOPs
  /// than Duet's direct count, so they can beat the peak measured in direct FLOPs, but not by more.
  static let maxEfficiency = 4.0

  /// Loads a `kind: device` file.
  ///
  /// - Throws: ``SpecError`` with file, line, column and key path for malformed or non-positive peaks,
  ///   efficiencies outside (0, 4], unknown layer classes and negative overheads.
  public static func load(path: String) throws(SpecError) -> RooflineDevice {
    let (_, root) = try SpecDocument.load(path: path, kinds: ["device"])
    return try RooflineDevice(spec: root)
  }

  /// Builds a device from the root mapping of a `kind: device` document.
  public init(spec root: SpecMapping) throws(SpecError) {
    try root.rejectUnknownKeys(allowed: Self.topKeys)
    let name = try root.required("name").string()
    let peak = try root.required("peak_gflops").positiveDouble() * 1e9
    let bandwidth = try root.required("memory_bandwidth_gbps").positiveDouble() * 1e9
    let bytes = try root.optional("bytes_per_element")?.positiveDouble() ?? 4
    let memoryEfficiency = try root.optional("memory_efficiency").map { node throws(SpecError) in
      try Self.efficiency(node, upTo: 1)
    } ?? 1
    let overhead = try root.optional("layer_overhead_us")?.nonNegativeDouble() ?? 0

    var efficiency = RooflineEfficiency()
    if let node = root.optional("efficiency") {
      let classes = RooflineLayerClass.allCases.map(\.rawValue)
      let mapping = try node.mapping(allowedKeys: ["default"] + classes)
      for (key, value) in mapping.children {
        let fraction = try Self.efficiency(value, upTo: Self.maxEfficiency)
        if key == "default" {
          efficiency.defaultEfficiency = fraction
        } else {
          efficiency.overrides[RooflineLayerClass(rawValue: key)!] = fraction  // key checked by allowedKeys
        }
      }
    }

    var fused: Set<RooflineLayerClass> = [.normalization, .activation]
    if let node = root.optional("fused") {
      fused = []
      for item in try node.sequence() { fused.insert(try item.enum(RooflineLayerClass.self)) }
    } else if root.contains("fused") {
      fused = []  // `fused:` with no value: nothing is fused
    }

    var energy: RooflineEnergyTable? = nil
    if let node = root.optional("energy") {
      let e = try node.mapping(allowedKeys: ["pj_per_flop", "pj_per_byte", "static_watts"])
      energy = RooflineEnergyTable(
        picojoulesPerFLOP: try e.required("pj_per_flop").nonNegativeDouble(),
        picojoulesPerByte: try e.required("pj_per_byte").nonNegativeDouble(),
        staticWatts: try e.optional("static_watts")?.nonNegativeDouble() ?? 0)
    }

    self.init(name: name, peakFLOPsPerSecond: peak, memoryBandwidthBytesPerSecond: bandwidth, bytesPerElement: bytes,
              computeEfficiency: efficiency, memoryEfficiency: memoryEfficiency, layerOverheadSeconds: overhead * 1e-6,
              fusedClasses: fused, energy: energy)
  }

  static func efficiency(_ node: SpecNode, upTo limit: Double) throws(SpecError) -> Double {
    let value = try node.double()
    guard value > 0, value <= limit else {
      throw node.error("expected an efficiency in (0, \(limit == 1 ? "1" : "4")], got \(value)")
    }
    return value
  }
}
