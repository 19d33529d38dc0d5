public import SpecFiles

// The FPGA design format (`kind: fpga`):
//
//   schema: duet/v1
//   kind: fpga
//   name: zcu102-d1
//   board: zcu102                 # a known board, or {name, dsp_slices, bram36_blocks, distributed_ram_kbits,
//                                 #  memory_bandwidth_gbps}
//   clock_mhz: 200
//   data_width_bits: 16           # optional, default 16
//   port_width_bits: 16           # optional, default = data width (one element per port per cycle)
//   dsp_per_mac: 1                # optional, default 1
//   tiling: {tm: 160, tn: 12, tm_depthwise: 576, tile_rows: 32, tile_columns: 32,
//            depthwise_tile_rows: 8, depthwise_tile_columns: 8, max_kernel: 7, max_stride: 2}
//   ports: {input: 11, output: 8, weight: 13}
//   non_mac_layers: depthwise     # optional: free | depthwise | convolution | hw-nas-bench
//   energy: {mac_pj: 0.85, onchip_word_pj: 2.5, offchip_byte_pj: 162.5, static_watts: 0}   # optional
//
// A design that does not fit its board (DSPs, block RAM, distributed RAM, port bandwidth) is an error
// at `tiling` or `ports`, so a file never describes hardware that cannot exist.

extension FPGADesign {
  static let topKeys = ["schema", "kind", "name", "description", "source", "board", "clock_mhz", "data_width_bits",
                        "port_width_bits", "dsp_per_mac", "tiling", "ports", "non_mac_layers", "energy"]
  static let tilingKeys = ["tm", "tn", "tm_depthwise", "tile_rows", "tile_columns", "depthwise_tile_rows",
                           "depthwise_tile_columns", "max_kernel", "max_stride"]

  /// Loads a `kind: fpga` file.
  ///
  /// - Throws: ``SpecError`` with file, line, column and key path for malformed values, zero ports,
  ///   non-positive clocks, and designs over their board's resources.
  public static func load(path: String) throws(SpecError) -> FPGADesign {
    let (_, root) = try SpecDocument.load(path: path, kinds: ["fpga"])
    return try FPGADesign(spec: root)
  }

  /// Builds a design from the root mapping of a `kind: fpga` document.
  public init(spec root: SpecMapping) throws(SpecError) {
    try root.rejectUnknownKeys(allowed: Self.topKeys)
    let name = try root.required("name").string()
    let board = try Self.board(try root.required("board"))
    let clockMHz = try root.required("clock_mhz").positiveDouble()
    let dataBits = try root.optional("data_width_bits")?.int(in: 1...64) ?? 16
    let portBits = try root.optional("port_width_bits")?.int(in: 1...1_024) ?? dataBits
    let dspPerMAC = try root.optional("dsp_per_mac")?.int(in: 1...16) ?? 1

    let tilingNode = try root.required("tiling")
    let t = try tilingNode.mapping(allowedKeys: Self.tilingKeys)
    func positive(_ key: String, default value: Int? = nil) throws(SpecError) -> Int {
      if let value, t.optional(key) == nil { return value }
      return try t.required(key).positiveInt()
    }
    let tiling = FPGATiling(
      tm: try positive("tm"), tn: try positive("tn"), tmDepthwise: try positive("tm_depthwise"),
      tileRows: try positive("tile_rows", default: 32), tileColumns: try positive("tile_columns", default: 32),
      depthwiseTileRows: try positive("depthwise_tile_rows", default: 8),
      depthwiseTileColumns: try positive("depthwise_tile_columns", default: 8),
      maxKernel: try positive("max_kernel", default: 7), maxStride: try positive("max_stride", default: 2))

    let portsNode = try root.required("ports")
    let p = try portsNode.mapping(allowedKeys: ["input", "output", "weight"])
    let ports = FPGAPorts(input: try p.required("input").positiveInt(), output: try p.required("output").positiveInt(),
                          weight: try p.required("weight").positiveInt())

    let rule = try root.optional("non_mac_layers")?.enum(NonMACLayerRule.self) ?? .depthwise
    var energy: FPGAEnergyTable? = nil
    if let node = root.optional("energy") {
      let e = try node.mapping(allowedKeys: ["mac_pj", "onchip_word_pj", "offchip_byte_pj", "static_watts"])
      energy = FPGAEnergyTable(
        macPicojoules: try e.required("mac_pj").nonNegativeDouble(),
        onChipWordPicojoules: try e.required("onchip_word_pj").nonNegativeDouble(),
        offChipBytePicojoules: try e.required("offchip_byte_pj").nonNegativeDouble(),
        staticWatts: try e.optional("static_watts")?.nonNegativeDouble() ?? 0)
    }

    self.init(name: name, board: board, clockHertz: clockMHz * 1e6, dataWidthBits: dataBits, portWidthBits: portBits,
              dspSlicesPerMAC: dspPerMAC, tiling: tiling, ports: ports, energy: energy, nonMACRule: rule)

    // Over-budget files are errors where the user can fix them: bandwidth at `ports`, the rest at `tiling`.
    if case .invalid(let why) = resourceValidity {
      let usage = resourceUsage
      let bandwidthOnly = usage.dspSlices <= board.dspSlices && usage.bram36Blocks <= board.bram36Blocks
        && usage.distributedRAMBits <= board.distributedRAMBits
      throw (bandwidthOnly ? portsNode : tilingNode).error("the design does not fit the \(board.name): \(why)")
    }
  }

  static func board(_ node: SpecNode) throws(SpecError) -> FPGABoard {
    if node.isScalar {
      let name = try node.string()
      guard let board = FPGABoard.known[name] else {
        var message = "unknown board \"\(name)\"; known boards: " + FPGABoard.known.keys.sorted().joined(separator: ", ")
        message += ", or give {name, dsp_slices, bram36_blocks, distributed_ram_kbits, memory_bandwidth_gbps}"
        throw node.error(message)
      }
      return board
    }
    let b = try node.mapping(allowedKeys: ["name", "dsp_slices", "bram36_blocks", "distributed_ram_kbits",
                                           "memory_bandwidth_gbps"])
    return FPGABoard(
      name: try b.required("name").string(), dspSlices: try b.required("dsp_slices").positiveInt(),
      bram36Blocks: try b.required("bram36_blocks").positiveInt(),
      distributedRAMBits: try b.required("distributed_ram_kbits").nonNegativeInt() * 1_024,
      memoryBandwidthBytesPerSecond: try b.required("memory_bandwidth_gbps").positiveDouble() * 1e9)
  }
}
