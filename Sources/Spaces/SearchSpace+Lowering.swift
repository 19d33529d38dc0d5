import Foundation
public import SpecFiles
public import Workload

extension SearchSpace {
  /// Builds the network of an architecture: every layer with its kind and shape, in execution order.
  ///
  /// Convolutions (dense, grouped, depth-wise, dilated), GEMMs, and also the layers that cost no MACs
  /// (batch-norm, activations, pools, residual adds, node sums, concatenations, identity skips) so that
  /// a published table's counting convention can be applied to the result (see ``CountingConvention``).
  /// Zero ops (`none`) produce no layer.
  ///
  /// Each op call's layers are cached by (call site, op, parameters, input shape), so lowering many
  /// architectures of a space costs little more than concatenating cached layer lists. Thread-safe.
  ///
  /// With `options.deadEdges == .prune`, cell edges whose result never reaches the cell output are left
  /// out, and a cell cut off from its inputs empties the network (see ``LoweringOptions``).
  ///
  /// With `options.recordsEdges`, every layer's ``NetworkLayer/inputs`` name what it reads (the cell DAG
  /// with its node sums and concatenations, residual adds, shortcuts), so the network exports with its
  /// real topology; the layers are the same either way.
  ///
  /// - Parameters:
  ///   - architecture: an architecture of this space (e.g. from ``parse(_:)`` or ``sample(count:distinct:using:)``).
  ///   - dataset: input size, classes and template variables; one of ``datasets``, or derived from one
  ///     with ``Dataset/resized(to:name:)``.
  ///   - options: what to do with dead cell edges (default: keep them, every edge is lowered).
  /// - Throws: ``SpecError`` when the space file's templates give an invalid layer for this
  ///   architecture (loading already lowers a set of architectures covering every choice, so the
  ///   shipped spaces never throw here).
  /// - Complexity: O(layers) once the cache is warm.
  public func lower(_ architecture: Architecture, dataset: Dataset,
                    options: LoweringOptions = LoweringOptions()) throws(SpecError) -> Network {
    precondition(architecture.count == decisions.count && decisions.indices.allSatisfy { Int(architecture.genome[$0]) < decisions[$0].count },
                 "\(architecture) is not an architecture of \(name); build architectures with parse, sample or architecture(choices:)")
    let genome = architecture.genome
    let datasetID = cache.id(of: dataset)
    var layers: [NetworkLayer] = []
    layers.reserveCapacity(cache.layerCountHint)
    var current = Tensor(c: dataset.channels, h: inputSize(of: architecture, dataset: dataset))
    // Outputs of the parts so far; a cell with k inputs reads the last k (DARTS's first cell reads the
    // stem's output twice).
    var history: [Tensor] = []
    // Under `.prune`: which tensors depend on the network's input, and what each piece of the network
    // (an op call, a block, a cell) reads and writes, for the final dead-code pass. Tensor 0 is the
    // network's input; `historyIDs` parallels `history`.
    let prune = options.deadEdges == .prune
    var varies: [Bool] = [true]
    var currentID = 0
    var historyIDs: [Int] = []
    var pieces: [LoweredPiece] = []
    // Under `recordsEdges`: the producer of the current tensor and of each history entry (a layer name,
    // the network's input, or nil for a constant).
    let edges = options.recordsEdges
    var currentProducer: String? = Network.inputName
    var historyProducers: [String?] = []
    /// Names what a segment's layers (appended at `start`) read, given the producer of the op's input;
    /// returns the producer of the segment's output.
    func connect(_ segment: Segment, at start: Int, input: String?) -> String? {
      for (j, sources) in segment.reads.enumerated() where start + j < layers.count {
        layers[start + j].inputs = sources.compactMap { source in
          switch source {
          case .opInput: input
          case .layer(let m): layers[start + m].name
          }
        }
      }
      switch segment.outputSource {
      case .opInput: return input
      case .layer(let m): return layers[start + m].name
      }
    }
    func produce(_ varying: Bool, reads: [Int], from start: Int) -> Int {
      varies.append(varying)
      if prune { pieces.append(LoweredPiece(layers: start..<layers.count, reads: reads, writes: varies.count - 1)) }
      return varies.count - 1
    }

    // A segment that reads the current tensor and whose output becomes current. An op on a tensor that
    // does not depend on the input is a constant: folded away.
    func advance(through segment: Segment) {
      let start = layers.count
      if varies[currentID] { layers.append(contentsOf: segment.layers) }
      if edges { currentProducer = varies[currentID] ? connect(segment, at: start, input: currentProducer) : nil }
      current = segment.output
      currentID = produce(varies[currentID], reads: [currentID], from: start)
    }

    func call(_ site: Int, op: Int, params: [(name: String, value: TemplateValue)], context: OpContext, prefix: @autoclosure () -> String) throws(SpecError) -> Segment {
      let key = SegmentKey(op: op, context: context, dataset: datasetID, params: params.map(\.value))
      let slot = site * (ops.count + 1) + op
      if let hit = cache.segment(slot, key) { return hit }
      let segment = try ops[op].instantiate(params: params, context: context, dataset: dataset, prefix: prefix())
      cache.store(segment, slot, key)
      return segment
    }
    // Node sums and cell concatenations, cached like op calls so their names are built once.
    func structural(_ site: Int, _ layer: Layer, name: @autoclosure () -> String) -> [NetworkLayer] {
      let context = OpContext(cIn: layer.c, hIn: layer.y, cOut: layer.k, stride: layer.operands)
      let key = SegmentKey(op: ops.count, context: context, dataset: datasetID, params: [])
      let slot = site * (ops.count + 1) + ops.count
      if let hit = cache.segment(slot, key) { return hit.layers }
      let layers = [NetworkLayer(name: name(), layer: layer)]
      cache.store(Segment(layers: layers, output: Tensor(c: layer.k, h: layer.y), isZero: false), slot, key)
      return layers
    }

    for (p, part) in parts.enumerated() {
      switch part {
      case .call(let c):
        let op = try opIndex(c.op, genome, dataset)
        let cOut = try c.cOut.map { (s) throws(SpecError) in try integer(s, genome, dataset) } ?? current.c
        let stride = try c.stride.map { (s) throws(SpecError) in try integer(s, genome, dataset) } ?? 1
        let params = try c.params.map { (p) throws(SpecError) in (p.name, try value(p.value, genome, dataset)) }
        let segment = try call(sites.call(p), op: op, params: params,
                               context: OpContext(cIn: current.c, hIn: current.h, cOut: cOut, stride: stride), prefix: c.name)
        advance(through: segment)
        history.append(current)
        historyIDs.append(currentID)
        if edges { historyProducers.append(currentProducer) }

      case .stage(let stage):
        let depth = min(try integer(stage.depth, genome, dataset), stage.depthCap)
        let cOut = try integer(stage.cOut, genome, dataset)
        let firstStride = try integer(stage.stride, genome, dataset)
        let stageOp = try opIndex(stage.op, genome, dataset)
        let shared = try stage.shared.map { (p) throws(SpecError) in (p.name, try value(p.value, genome, dataset)) }
        for b in 0..<depth {
          var op = stageOp
          var params = shared
          for (key, decision) in stage.perBlock[b] {
            switch decisions[decision].values[Int(genome[decision])] {
            case .op(let index) where key == "op": op = index
            case .value(let v): params.append((key, v))
            default: break
            }
          }
          let context = OpContext(cIn: current.c, hIn: current.h, cOut: cOut, stride: b == 0 ? firstStride : 1)
          let segment = try call(sites.block(p, b), op: op, params: params, context: context, prefix: "\(stage.name).b\(b)")
          advance(through: segment)
        }
        history.append(current)
        historyIDs.append(currentID)
        if edges { historyProducers.append(currentProducer) }

      case .cells(let stack):
        let cell = cellTypes[stack.cellType]
        let c = try integer(stack.c, genome, dataset)
        for i in 0..<stack.count {
          let index = stack.firstCell + i
          let available = history.isEmpty ? [current] : history
          let availableIDs = history.isEmpty ? [currentID] : historyIDs
          let last = available[available.count - 1]
          let inputIndices = (0..<cell.inputs).map { j in max(0, available.count - cell.inputs + j) }
          var inputs: [Tensor] = inputIndices.map { available[$0] }
          // Under `recordsEdges`: the producer of each cell node (inputs first) and of each edge's result.
          var nodeProducers: [String?] = edges ? inputIndices.map { historyProducers.isEmpty ? currentProducer : historyProducers[$0] } : []
          var edgeProducers: [String?] = []
          let inputIDs = inputIndices.map { availableIDs[$0] }
          let live = prune ? cellLiveness(cell, genome, inputsVary: inputIDs.map { varies[$0] }) : nil
          let start = layers.count
          let emits = !(live?.isCut ?? false)
          // Preprocessing brings every input to C channels at the latest input's size (DARTS: a 1×1
          // ReLU-conv-BN, or a factorized reduce when the older input is twice as large).
          for (j, op) in cell.preprocess.enumerated() {
            let t = inputs[j]
            let context = OpContext(cIn: t.c, hIn: t.h, cOut: c, stride: max(1, t.h / last.h))
            let segment = try call(sites.preprocess(p, cell: i, input: j), op: op, params: [], context: context, prefix: "cell\(index).pre\(j)")
            let start = layers.count
            if emits && live?.inputIsRead[j] ?? true {
              layers.append(contentsOf: segment.layers)
              if edges { nodeProducers[j] = connect(segment, at: start, input: nodeProducers[j]) }
            }
            inputs[j] = segment.output
          }
          let hOut = cell.reduction ? last.h / 2 : last.h
          var nodes = inputs
          func edge(from: Int, to: Int, decision: Int) throws(SpecError) -> Bool {
            guard case .op(let op) = decisions[decision].values[Int(genome[decision])] else { return false }
            if let live, !live.keeps(from: from, to: to) { return false }
            let source = nodes[from]
            let stride = cell.reduction && from < cell.inputs ? 2 : 1
            let context = OpContext(cIn: source.c, hIn: source.h, cOut: c, stride: stride)
            let segment = try call(sites.edge(p, cell: i, from: from, to: to), op: op, params: [], context: context,
                                   prefix: "cell\(index).e\(from)-\(to)")
            let start = layers.count
            layers.append(contentsOf: segment.layers)
            if edges && !segment.isZero { edgeProducers.append(connect(segment, at: start, input: nodeProducers[from])) }
            return !segment.isZero
          }
          func sum(node: Int, operands: Int) {
            if operands >= 2 && emits {
              let add = Layer(kind: .elementwise(.add), k: c, c: c, y: hOut, x: hOut, operands: operands)
              layers.append(contentsOf: structural(sites.sum(p, cell: i, node: node), add, name: "cell\(index).n\(node).add"))
            }
            nodes.append(Tensor(c: c, h: hOut))
            if edges {
              // A node with one edge is that edge's result; with none, a constant (zeros).
              if operands >= 2 && emits {
                layers[layers.count - 1].inputs = edgeProducers.compactMap { $0 }
                nodeProducers.append(layers[layers.count - 1].name)
              } else {
                nodeProducers.append(operands == 1 ? edgeProducers.last ?? nil : nil)
              }
              edgeProducers.removeAll()
            }
          }
          switch cell.topology {
          case .fixed(let edges):
            var e = 0
            for node in cell.inputs..<(cell.inputs + cell.nodes) {
              var operands = 0
              while e < edges.count, edges[e].to == node {
                if try edge(from: edges[e].from, to: node, decision: edges[e].decision) { operands += 1 }
                e += 1
              }
              sum(node: node, operands: operands)
            }
          case .chosen(_, let perNode):
            for (j, slot) in perNode.enumerated() {
              let node = cell.inputs + j
              guard case .inputs(let sources) = decisions[slot.inputs].values[Int(genome[slot.inputs])] else { continue }
              var operands = 0
              for (source, decision) in zip(sources, slot.ops) where try edge(from: source, to: node, decision: decision) {
                operands += 1
              }
              sum(node: node, operands: operands)
            }
          }
          switch cell.output {
          case .last:
            current = nodes[nodes.count - 1]
            if edges { currentProducer = nodeProducers[nodeProducers.count - 1] }
          case .concat:
            let concat = Layer(kind: .elementwise(.concat), k: c * cell.nodes, c: c, y: hOut, x: hOut, operands: cell.nodes)
            if emits { layers.append(contentsOf: structural(sites.concat(p, cell: i), concat, name: "cell\(index).concat")) }
            current = Tensor(c: c * cell.nodes, h: hOut)
            if edges {
              currentProducer = emits ? layers[layers.count - 1].name : nil
              if emits { layers[layers.count - 1].inputs = nodeProducers[cell.inputs...].compactMap { $0 } }
            }
          }
          let reads = zip(inputIDs, live?.inputIsRead ?? []).compactMap { $1 ? $0 : nil }
          currentID = produce(emits, reads: reads, from: start)
          history.append(current)
          historyIDs.append(currentID)
          if edges { historyProducers.append(currentProducer) }
        }
      }
    }
    cache.noteLayerCount(layers.count)
    if prune { layers = Self.deadCodeRemoved(layers, pieces: pieces, output: currentID, varies: varies) }
    if edges {
      // Edges that are the default (the previous layer; the input for the first) stay implicit.
      for j in layers.indices where layers[j].inputs == [j == 0 ? Network.inputName : layers[j - 1].name] {
        layers[j].inputs = nil
      }
    }
    return Network(name: "\(name) (\(dataset.name))", layers: layers)
  }

  /// Which edges of one cell reach its output, under `.prune` (see ``LoweringOptions``).
  ///
  /// - Parameter inputsVary: per input node, whether it depends on the network's input.
  func cellLiveness(_ cell: CellType, _ genome: [UInt8], inputsVary: [Bool]) -> CellLiveness {
    var edges: [(from: Int, to: Int)] = []  // non-zero edges, by ascending destination
    func isNonZero(_ decision: Int) -> Bool {
      if case .op(let op) = decisions[decision].values[Int(genome[decision])] { return ops[op].template != nil }
      return false
    }
    switch cell.topology {
    case .fixed(let all):
      for e in all where isNonZero(e.decision) { edges.append((e.from, e.to)) }
    case .chosen(_, let perNode):
      for (j, slot) in perNode.enumerated() {
        guard case .inputs(let sources) = decisions[slot.inputs].values[Int(genome[slot.inputs])] else { continue }
        for (source, decision) in zip(sources, slot.ops) where isNonZero(decision) { edges.append((source, cell.inputs + j)) }
      }
    }
    let count = cell.inputs + cell.nodes
    // Backwards from the output: a node is useful when its value reaches the output node(s).
    var useful = [Bool](repeating: false, count: count)
    switch cell.output {
    case .last: useful[count - 1] = true
    case .concat: for n in cell.inputs..<count { useful[n] = true }
    }
    for e in edges.reversed() where useful[e.to] { useful[e.from] = true }
    // Forwards from the inputs that depend on the network's input.
    var reached = inputsVary + [Bool](repeating: false, count: cell.nodes)
    for e in edges where reached[e.from] { reached[e.to] = true }
    let isCut = !(cell.inputs..<count).contains { useful[$0] && reached[$0] && (cell.output == .concat || $0 == count - 1) }
    var kept = [Bool](repeating: false, count: count * count)
    var inputIsRead = [Bool](repeating: false, count: cell.inputs)
    if !isCut {
      for e in edges where useful[e.to] {
        kept[e.from * count + e.to] = true
        if e.from < cell.inputs { inputIsRead[e.from] = true }
      }
    }
    return CellLiveness(kept: kept, nodeCount: count, inputIsRead: inputIsRead, isCut: isCut)
  }

  /// Drops the pieces whose output never reaches the network's output; everything when the output
  /// does not depend on the network's input.
  static func deadCodeRemoved(_ layers: [NetworkLayer], pieces: [LoweredPiece], output: Int, varies: [Bool]) -> [NetworkLayer] {
    guard varies[output] else { return [] }
    var needed: Set<Int> = [output]
    var dead: [Range<Int>] = []
    for piece in pieces.reversed() {
      if needed.contains(piece.writes) {
        needed.formUnion(piece.reads)
      } else if !piece.layers.isEmpty {
        dead.append(piece.layers)
      }
    }
    guard !dead.isEmpty else { return layers }
    var kept = layers
    for range in dead { kept.removeSubrange(range) }  // ranges are disjoint and in descending order
    return kept
  }

  /// The input resolution an architecture is built at for `dataset` (the space's resolution decision,
  /// if it has one, else the dataset's).
  public func inputSize(of architecture: Architecture, dataset: Dataset) -> Int {
    guard let resolution, let size = (try? fixedOrChosen(resolution, architecture.genome, dataset))?.intValue else {
      return dataset.inputSize
    }
    return size
  }

  // MARK: Reading sources

  func fixedOrChosen(_ source: Source, _ genome: [UInt8], _ dataset: Dataset) throws(SpecError) -> Choice {
    switch source {
    case .decision(let d):
      return decisions[d].values[Int(genome[d])]
    case .fixed(let e):
      do {
        return .value(try e.evaluate { name in
          if let v = dataset.variables[name] { return v }
          switch name {
          case "classes": return .int(dataset.classes)
          case "input_size": return .int(dataset.inputSize)
          default: return nil
          }
        })
      } catch {
        throw SpecError(file: file, problem: "\(error) (dataset \(dataset.name))")
      }
    }
  }

  func value(_ source: Source, _ genome: [UInt8], _ dataset: Dataset) throws(SpecError) -> TemplateValue {
    switch try fixedOrChosen(source, genome, dataset) {
    case .value(let v): return v
    default: throw SpecError(file: file, problem: "expected a number where an op or an input choice was given")
    }
  }

  func integer(_ source: Source, _ genome: [UInt8], _ dataset: Dataset) throws(SpecError) -> Int {
    do {
      return try value(source, genome, dataset).integer()
    } catch let error as TemplateEvaluationError {
      throw SpecError(file: file, problem: "\(error) (dataset \(dataset.name))")
    } catch {
      throw error as! SpecError  // the only other error `value` throws
    }
  }

  func opIndex(_ source: Source, _ genome: [UInt8], _ dataset: Dataset) throws(SpecError) -> Int {
    switch source {
    case .decision(let d):
      if case .op(let index) = decisions[d].values[Int(genome[d])] { return index }
    case .fixed(.variable(let name)):
      if let index = ops.firstIndex(where: { $0.name == name }) { return index }
    default: break
    }
    throw SpecError(file: file, problem: "expected an op")
  }
}

// MARK: - Dead edges

/// How ``SearchSpace/lower(_:dataset:options:)`` builds a network.
public struct LoweringOptions: Hashable, Sendable {
  /// What happens to cell edges whose result cannot reach the cell's output.
  public enum DeadEdges: String, Hashable, Sendable, Codable, CaseIterable {
    /// Every edge whose op is not a zero op is lowered, whether or not its result reaches the cell's
    /// output; node sums count every such edge. What the network definition executes (PyTorch runs
    /// every edge) and how HW-NAS-Bench's Eyeriss and FPGA simulators price NAS-Bench-201.
    case keep
    /// What a graph converter leaves of the network (TFLite, as HW-NAS-Bench measured its phones):
    ///
    /// - an edge is dropped when its destination node cannot reach the cell's output (the last node,
    ///   or under `output: concat` any intermediate node) through non-zero edges: its result is never
    ///   used. Node sums count only the kept edges, and an input node none of whose edges is kept is
    ///   not preprocessed;
    /// - an edge whose destination does reach the output is kept even when its source is a node that
    ///   only zero ops feed: the converter does not fold those (HW-NAS-Bench's measured phones charge
    ///   them);
    /// - a cell is **cut** when no path of non-zero edges joins an input that depends on the network's
    ///   input to its output. Its output is then a constant: the cell, everything computed from it
    ///   alone, and everything that then feeds nothing (dead code) vanish. In a chain of one-input
    ///   cells (NAS-Bench-201) that is the whole network: it lowers to no layers (HW-NAS-Bench's phones
    ///   measure ≈ 0 ms for all 341 such NAS-Bench-201 architectures).
    ///
    /// Spaces without zero ops (DARTS picks two real ops per node, and every node feeds the concatenated
    /// output) lower as under `keep`, except that a cell input no node reads loses its preprocessing.
    case prune
  }

  public var deadEdges: DeadEdges
  /// Whether the lowered network names every layer's inputs (see ``NetworkLayer/inputs``): what an ONNX
  /// export needs. Off for pricing, which needs only the layers.
  public var recordsEdges: Bool

  public init(deadEdges: DeadEdges = .keep, recordsEdges: Bool = false) {
    self.deadEdges = deadEdges
    self.recordsEdges = recordsEdges
  }
}

/// The edges of one cell that `.prune` keeps.
struct CellLiveness {
  /// Whether edge from → to is kept, at from · nodeCount + to.
  var kept: [Bool]
  var nodeCount: Int
  /// Per input node: whether a kept edge leaves it.
  var inputIsRead: [Bool]
  /// No path joins an input that depends on the network's input to the cell's output.
  var isCut: Bool

  func keeps(from: Int, to: Int) -> Bool { kept[from * nodeCount + to] }
}

/// A part of a lowered network (an op call, a block, a cell): its layers and the tensors it reads and
/// writes, for removing dead code under `.prune`.
struct LoweredPiece {
  var layers: Range<Int>
  var reads: [Int]
  var writes: Int
}

// MARK: - The lowering cache

/// Numbers every place in the skeleton where an op is called (a part, a block, a cell's preprocessing,
/// edge, node sum or concatenation), so the lowering cache is an array indexed by (place, op) rather
/// than a hash table: lowering looks up hundreds of op calls per architecture.
struct SiteLayout: Sendable {
  /// First site of each part, and sites per cell of a cell stack.
  private var base: [Int] = []
  private var perCell: [Int] = []
  private var cellShape: [(inputs: Int, nodes: Int)] = []
  private(set) var count = 0

  init(parts: [Part], cellTypes: [CellType]) {
    for part in parts {
      base.append(count)
      switch part {
      case .call:
        perCell.append(0); cellShape.append((0, 0))
        count += 1
      case .stage(let stage):
        perCell.append(0); cellShape.append((0, 0))
        count += stage.slots
      case .cells(let stack):
        let cell = cellTypes[stack.cellType]
        let n = cell.inputs + cell.nodes
        // preprocessing per input, an edge per node pair, a sum per node, the concatenation
        let per = cell.inputs + n * (n - 1) / 2 + cell.nodes + 1
        perCell.append(per); cellShape.append((cell.inputs, cell.nodes))
        count += stack.count * per
      }
    }
  }

  func call(_ part: Int) -> Int { base[part] }
  func block(_ part: Int, _ b: Int) -> Int { base[part] + b }
  func preprocess(_ part: Int, cell: Int, input: Int) -> Int { base[part] + cell * perCell[part] + input }
  func edge(_ part: Int, cell: Int, from: Int, to: Int) -> Int {
    base[part] + cell * perCell[part] + cellShape[part].inputs + to * (to - 1) / 2 + from
  }
  func sum(_ part: Int, cell: Int, node: Int) -> Int {
    let (inputs, nodes) = cellShape[part]
    let n = inputs + nodes
    return base[part] + cell * perCell[part] + inputs + n * (n - 1) / 2 + (node - inputs)
  }
  func concat(_ part: Int, cell: Int) -> Int { base[part] + (cell + 1) * perCell[part] - 1 }
}

/// What distinguishes two calls at one (site, op): the input shape, the dataset and the parameters.
struct SegmentKey: Hashable, Sendable {
  /// C_in (24 bits) | C_out (24) | stride (16).
  var channels: UInt64
  /// H_in (32) | op (16) | dataset (16).
  var rest: UInt64
  var params: [TemplateValue]

  init(op: Int, context: OpContext, dataset: Int32, params: [TemplateValue]) {
    channels = UInt64(context.cIn & 0xFF_FFFF) << 40 | UInt64(context.cOut & 0xFF_FFFF) << 16 | UInt64(context.stride & 0xFFFF)
    rest = UInt64(context.hIn & 0xFFFF_FFFF) << 32 | UInt64(op & 0xFFFF) << 16 | UInt64(UInt16(truncatingIfNeeded: dataset))
    self.params = params
  }

  static func == (a: SegmentKey, b: SegmentKey) -> Bool {
    a.channels == b.channels && a.rest == b.rest && (a.params.isEmpty ? b.params.isEmpty : a.params == b.params)
  }
}

/// The layers of every op call lowered so far, shared by all copies of a space (a class so that a
/// `SearchSpace` value stays cheap to copy). Guarded by a lock: lowering may run on many threads.
final class LoweringCache: @unchecked Sendable {
  private let lock = NSLock()
  /// Per (site, op): the calls seen there, usually one per dataset (more when shapes or parameters
  /// vary with earlier choices, e.g. AlphaNet's widths and resolutions).
  private var slots: [[(key: SegmentKey, segment: Segment)]]
  private var datasetIDs: [Dataset: Int32] = [:]
  private var layerCount = 64

  init(slots: Int) {
    self.slots = Array(repeating: [], count: slots)
  }

  func id(of dataset: Dataset) -> Int32 {
    lock.lock()
    defer { lock.unlock() }
    if let id = datasetIDs[dataset] { return id }
    let id = Int32(datasetIDs.count)
    datasetIDs[dataset] = id
    return id
  }

  func segment(_ slot: Int, _ key: SegmentKey) -> Segment? {
    lock.lock()
    defer { lock.unlock() }
    for entry in slots[slot] where entry.key == key { return entry.segment }
    return nil
  }

  func store(_ segment: Segment, _ slot: Int, _ key: SegmentKey) {
    lock.lock()
    if !slots[slot].contains(where: { $0.key == key }) { slots[slot].append((key, segment)) }
    lock.unlock()
  }

  var layerCountHint: Int {
    lock.lock()
    defer { lock.unlock() }
    return layerCount
  }

  func noteLayerCount(_ n: Int) {
    lock.lock()
    layerCount = max(layerCount, n)
    lock.unlock()
  }
}
