public import Workload

// The per-layer timing model (Zhang et al., FPGA'15, §3–4; Jiang et al., TCAD'20, performance model).
//
// Convolution engine, for each output tile (m ≤ Tm output channels, r ≤ Tr rows, c ≤ Tc columns) and each
// input-channel tile (n ≤ Tn):
//   compute  = r·c·R·S cycles                      (Tm·Tn MACs per cycle, pipelined with II = 1)
//   input    = ⌈n·rows_in·cols_in·w / (Ip·p)⌉      rows_in = (r−1)·stride + dilation·(R−1) + 1 (halo included)
//   weight   = ⌈m·n·R·S·w / (Wp·p)⌉
//   output   = ⌈m·r·c·w / (Op·p)⌉                   w = data width, p = port width, in bits
// Double buffering overlaps the next tile's loads with this tile's compute, and the output tile's store
// with the next output tile's accumulation, so
//   per output tile = max(Σ_n max(compute, input, weight), output)
//   layer           = Σ output tiles + the first tile's loads + the last tile's store (fill and drain).
// Depth-wise engine: a tile is m ≤ Tm(d) channels of r × c outputs, nothing accumulates across tiles,
// so each tile costs max(compute, input, weight, output).
// Edge tiles are smaller (a layer of 16 channels on Tn = 12 has tiles of 12 and 4): their transfers shrink,
// but their compute still takes r·c·R·S cycles with idle lanes, which is where uneven tiling loses.

extension FPGADesign {
  /// Prices one layer: cycles from the tiled roofline above, energy from ``energy``.
  ///
  /// Non-MAC layers are priced through ``nonMACRule``. A kernel wider than the buffers' `max_kernel` (a 7×7
  /// stem on a design sized for 5×5, a global average pool) runs as several passes of sub-kernels whose
  /// partial sums accumulate in the output buffer. A stride beyond `max_stride`, or any layer of a design
  /// over its board's budget, is invalid.
  ///
  /// - Complexity: O(kernel pieces); each piece has at most two tile sizes per loop dimension.
  public func cost(of layer: Layer) -> LayerCost {
    if case .invalid(let why) = resourceValidity { return .invalid("design \(name) does not fit its board: \(why)") }
    guard let priced = nonMACRule.pricedLayer(for: layer) else { return .free }
    guard let shape = FPGATileShape(priced) else {
      return .invalid("the \(priced.r)×\(priced.s) kernel does not fit the \(priced.y)×\(priced.x) input")
    }
    if max(shape.strideY, shape.strideX) > tiling.maxStride {
      return .invalid("stride \(max(shape.strideY, shape.strideX)) exceeds the design's max_stride \(tiling.maxStride)")
    }
    var tally = FPGATally()
    for piece in shape.kernelPieces(maxExtent: tiling.maxKernel) {
      var part = piece.depthwise ? depthwiseTally(piece) : convolutionTally(piece)
      part.scale(by: piece.repeats)
      tally.add(part)
    }
    let cycles = tally.cycles
    let macs = priced.macs
    let lanes = shape.depthwise ? tiling.tmDepthwise : tiling.tm * tiling.tn
    let sums: [(FPGALayerMetrics.Bound, Int64)] = [
      (.compute, tally.compute), (.inputTransfer, tally.inputCycles), (.weightTransfer, tally.weightCycles),
      (.outputTransfer, tally.outputCycles),
    ]
    let bound = sums.max { $0.1 < $1.1 }!.0  // four entries, never empty
    let metrics = FPGALayerMetrics(
      engine: shape.depthwise ? .depthwise : .convolution, tiles: tally.tiles, computeCycles: tally.compute,
      inputTransferCycles: tally.inputCycles, weightTransferCycles: tally.weightCycles,
      outputTransferCycles: tally.outputCycles, inputElementsLoaded: tally.inputElements,
      weightElementsLoaded: tally.weightElements, outputElementsStored: tally.outputElements, bound: bound,
      macUtilization: cycles > 0 ? Double(macs) / (Double(cycles) * Double(lanes)) : 0, dataWidthBits: dataWidthBits)
    let latency = Double(cycles) / clockHertz
    return LayerCost(
      validity: .valid, runtimeCycles: cycles, latencySeconds: latency,
      energyPicojoules: energy.map { energyPicojoules($0, macs: macs, shape: shape, tally: tally, latency: latency) },
      macs: macs, detail: metrics)
  }

  // Dynamic energy: every MAC reads its weight; an input word is broadcast to the m output lanes and a
  // partial sum is read and written once per n-wide adder tree (convolution engine), or read once per
  // MAC and written once per kernel window (depth-wise engine); every off-chip element is also written
  // into, or read out of, its buffer once.
  func energyPicojoules(_ table: FPGAEnergyTable, macs: Int64, shape: FPGATileShape, tally: FPGATally,
                        latency: Double) -> Double {
    let m = Double(macs)
    let perMAC: Double
    if shape.depthwise {
      perMAC = 2 + 1 / Double(shape.r * shape.s)
    } else {
      let mLanes = Double(min(tiling.tm, shape.k)), nLanes = Double(min(tiling.tn, shape.c))
      perMAC = 1 + 1 / mLanes + 2 / nLanes
    }
    let moved = Double(tally.inputElements + tally.weightElements + tally.outputElements)
    let onChip = m * perMAC + moved
    let offChipBytes = moved * Double(dataWidthBits) / 8
    return m * table.macPicojoules + onChip * table.onChipWordPicojoules
      + offChipBytes * table.offChipBytePicojoules + table.staticWatts * latency * 1e12
  }

  /// Cycles to move `elements` through `ports` ports.
  @inline(__always) func transferCycles(_ elements: Int, ports: Int) -> Int64 {
    Int64(Self.ceilDiv(elements * dataWidthBits, ports * portWidthBits))
  }

  func convolutionTally(_ shape: FPGATileShape) -> FPGATally {
    var tally = FPGATally()
    var first: Int64? = nil
    var last: Int64 = 0
    let kernelArea = shape.r * shape.s
    for (mCount, m) in tileSizes(shape.k, tiling.tm) {
      for (rCount, r) in tileSizes(shape.outputRows, tiling.tileRows) {
        let rowsIn = shape.inputRows(forOutputRows: r)
        for (cCount, c) in tileSizes(shape.outputColumns, tiling.tileColumns) {
          let columnsIn = shape.inputColumns(forOutputColumns: c)
          let outputTiles = Int64(mCount * rCount * cCount)
          let compute = Int64(r * c * kernelArea)
          var accumulate: Int64 = 0
          for (nCount, n) in tileSizes(shape.c, tiling.tn) {
            let input = transferCycles(n * rowsIn * columnsIn, ports: ports.input)
            let weight = transferCycles(m * n * kernelArea, ports: ports.weight)
            accumulate += Int64(nCount) * max(compute, input, weight)
            let tiles = outputTiles * Int64(nCount)
            tally.tiles += tiles
            tally.compute += tiles * compute
            tally.inputCycles += tiles * input
            tally.weightCycles += tiles * weight
            tally.inputElements += tiles * Int64(n * rowsIn * columnsIn)
            tally.weightElements += tiles * Int64(m * n * kernelArea)
            if first == nil { first = max(input, weight) }
          }
          let output = transferCycles(m * r * c, ports: ports.output)
          tally.outputCycles += outputTiles * output
          tally.outputElements += outputTiles * Int64(m * r * c)
          tally.steady += outputTiles * max(accumulate, output)
          last = output
        }
      }
    }
    tally.fillAndDrain = (first ?? 0) + last
    return tally
  }

  func depthwiseTally(_ shape: FPGATileShape) -> FPGATally {
    var tally = FPGATally()
    var first: Int64? = nil
    var last: Int64 = 0
    let kernelArea = shape.r * shape.s
    for (mCount, m) in tileSizes(shape.c, tiling.tmDepthwise) {
      let weight = transferCycles(m * kernelArea, ports: ports.weight)
      for (rCount, r) in tileSizes(shape.outputRows, tiling.depthwiseTileRows) {
        let rowsIn = shape.inputRows(forOutputRows: r)
        for (cCount, c) in tileSizes(shape.outputColumns, tiling.depthwiseTileColumns) {
          let columnsIn = shape.inputColumns(forOutputColumns: c)
          let tiles = Int64(mCount * rCount * cCount)
          let compute = Int64(r * c * kernelArea)
          let input = transferCycles(m * rowsIn * columnsIn, ports: ports.input)
          let output = transferCycles(m * r * c, ports: ports.output)
          tally.tiles += tiles
          tally.compute += tiles * compute
          tally.inputCycles += tiles * input
          tally.weightCycles += tiles * weight
          tally.outputCycles += tiles * output
          tally.inputElements += tiles * Int64(m * rowsIn * columnsIn)
          tally.weightElements += tiles * Int64(m * kernelArea)
          tally.outputElements += tiles * Int64(m * r * c)
          tally.steady += tiles * max(compute, input, weight, output)
          if first == nil { first = max(input, weight) }
          last = output
        }
      }
    }
    tally.fillAndDrain = (first ?? 0) + last
    return tally
  }

  /// The tiles of one loop dimension as (count, size): ⌊total/tile⌋ full tiles and one remainder.
  func tileSizes(_ total: Int, _ tile: Int) -> [(count: Int, size: Int)] {
    var sizes: [(count: Int, size: Int)] = []
    if total / tile > 0 { sizes.append((total / tile, tile)) }
    if total % tile > 0 { sizes.append((1, total % tile)) }
    return sizes
  }
}

/// Running sums over a layer's tiles.
struct FPGATally {
  var tiles: Int64 = 0
  var compute: Int64 = 0
  var inputCycles: Int64 = 0
  var weightCycles: Int64 = 0
  var outputCycles: Int64 = 0
  var inputElements: Int64 = 0
  var weightElements: Int64 = 0
  var outputElements: Int64 = 0
  /// Σ of overlapped tile latencies.
  var steady: Int64 = 0
  /// The first tile's loads and the last tile's store, which nothing overlaps.
  var fillAndDrain: Int64 = 0

  var cycles: Int64 { steady + fillAndDrain }

  /// Adds another pass over the same layer (a kernel piece).
  mutating func add(_ other: FPGATally) {
    tiles += other.tiles; compute += other.compute; inputCycles += other.inputCycles
    weightCycles += other.weightCycles; outputCycles += other.outputCycles; inputElements += other.inputElements
    weightElements += other.weightElements; outputElements += other.outputElements; steady += other.steady
    fillAndDrain += other.fillAndDrain
  }

  /// Repeats the steady state (batch elements, groups) back to back; fill and drain happen once.
  mutating func scale(by repeats: Int) {
    let r = Int64(repeats)
    tiles *= r; compute *= r; inputCycles *= r; weightCycles *= r; outputCycles *= r
    inputElements *= r; weightElements *= r; outputElements *= r; steady *= r
  }
}

/// A MAC layer seen as the engines see it: one group of one batch element, repeated.
struct FPGATileShape {
  var depthwise: Bool
  /// Output and input channels of one group (equal for depth-wise).
  var k: Int
  var c: Int
  var r: Int
  var s: Int
  var outputRows: Int
  var outputColumns: Int
  var strideY: Int
  var strideX: Int
  var dilationY: Int
  var dilationX: Int
  /// Padded input size: a tile's halo never reaches past it.
  var paddedRows: Int
  var paddedColumns: Int
  /// Batch elements × groups.
  var repeats: Int

  /// `nil` when the layer has no output (kernel larger than the padded input).
  init?(_ layer: Layer) {
    depthwise = layer.kind == .depthwiseConvolution
    k = depthwise ? layer.c : layer.k
    c = layer.c
    r = layer.r; s = layer.s
    strideY = layer.strideY; strideX = layer.strideX
    dilationY = layer.dilationY; dilationX = layer.dilationX
    outputRows = layer.outputY; outputColumns = layer.outputX
    paddedRows = layer.y + 2 * layer.padY; paddedColumns = layer.x + 2 * layer.padX
    repeats = layer.n * (layer.kind == .groupedConvolution ? layer.g : 1)
    switch layer.kind {
    case .transposedConvolution:
      // Priced as the direct convolution with the same MAC count (every input pixel meets every tap):
      // output = input size, stride 1, the kernel's halo around the input.
      outputRows = layer.y; outputColumns = layer.x
      strideY = 1; strideX = 1; dilationY = 1; dilationX = 1
      paddedRows = layer.y + r - 1; paddedColumns = layer.x + s - 1
    case .gemm:
      // An (N·Y·X × C)·(C × K) product is a 1×1 convolution over a Y × X map.
      r = 1; s = 1; strideY = 1; strideX = 1; dilationY = 1; dilationX = 1
      outputRows = layer.y; outputColumns = layer.x; paddedRows = layer.y; paddedColumns = layer.x
    default:
      break
    }
    guard outputRows > 0, outputColumns > 0, k > 0, c > 0 else { return nil }
  }

  /// The kernel cut into passes whose (dilated) extent fits `maxExtent`: ⌈R / R'⌉ · ⌈S / S'⌉ pieces of at
  /// most R' × S' taps, each over the input window its taps read (no padding beyond the original's).
  /// A kernel that fits is its own single piece.
  func kernelPieces(maxExtent: Int) -> [FPGATileShape] {
    let rowTaps = (maxExtent - 1) / dilationY + 1, columnTaps = (maxExtent - 1) / dilationX + 1
    if r <= rowTaps && s <= columnTaps { return [self] }
    var pieces: [FPGATileShape] = []
    for rows in stride(from: 0, to: r, by: rowTaps) {
      for columns in stride(from: 0, to: s, by: columnTaps) {
        var piece = self
        piece.r = min(rowTaps, r - rows)
        piece.s = min(columnTaps, s - columns)
        piece.paddedRows = min(paddedRows, (outputRows - 1) * strideY + dilationY * (piece.r - 1) + 1)
        piece.paddedColumns = min(paddedColumns, (outputColumns - 1) * strideX + dilationX * (piece.s - 1) + 1)
        pieces.append(piece)
      }
    }
    return pieces
  }

  func inputRows(forOutputRows rows: Int) -> Int {
    min((rows - 1) * strideY + dilationY * (r - 1) + 1, paddedRows)
  }

  func inputColumns(forOutputColumns columns: Int) -> Int {
    min((columns - 1) * strideX + dilationX * (s - 1) + 1, paddedColumns)
  }
}
