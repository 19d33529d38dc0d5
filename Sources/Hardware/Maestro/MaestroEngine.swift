// The MAESTRO-like dataflow analysis (Kwon et al., "Understanding Reuse, Performance, and Hardware Cost
// of DNN Dataflows: A Data-Centric Approach", MICRO 2019, §4–5), reproducing the MAESTRO tool at commit
// 4eb08d1 bit for bit. ../shared/design/maestro-model.md §6 describes every rule; docs/maestro.md says
// how each quantity is computed here. Section marks below (§6 …) refer to maestro-model.md.
//
// Speed: a level is analysed per class of iteration cases (a Cartesian product of a few states per
// directive); a case is a few bit masks over the level's directives, so every per-tensor volume is a short
// loop of table reads and mask tests. All storage is on the stack (sized by the number of levels, within
// the standard library's 1 KiB limit for temporary allocations), and sub-cluster analyses are memoised
// within one call. docs/maestro.md, "Speed", has the figures (instructions and evaluations per second).

/// The MAESTRO-like analysis of one layer under one dataflow on one accelerator.
public enum MaestroEngine {
  /// Analyses `layer` under `dataflow` on `hardware`.
  ///
  /// - Returns: MAESTRO's per-layer figures, or why the point cannot run (a cluster larger than the
  ///   array, a mapping MAESTRO rejects, counts beyond the integer width).
  /// - Complexity: O(cases × levels) with at most 3⁸ cases per level; typically tens of cases.
  public static func analyze(_ layer: MaestroLayer, dataflow: Dataflow, hardware: MaestroHardware)
    -> Result<MaestroLayerMetrics, MaestroInvalid>
  {
    if hardware.pes <= 0 || hardware.simdLanes <= 0 || hardware.nocBandwidth <= 0 || hardware.offchipBandwidth <= 0
      || hardware.nocHops < 0 || hardware.nocHopLatency < 0, let problem = hardware.problems.first
    {
      return .failure(.init(problem))
    }
    if min(layer.n, layer.g, layer.k, layer.c, layer.r, layer.s, layer.y, layer.x) <= 0 {
      for d in MaestroDimension.allCases where layer[d] <= 0 {
        return .failure(.init("\(d.letter) must be positive, got \(layer[d])"))
      }
    }
    if layer.strideY <= 0 || layer.strideX <= 0 { return .failure(.init("strides must be positive")) }
    if layer.y < layer.r || layer.x < layer.s {
      return .failure(.init("the kernel (\(layer.r)×\(layer.s)) is larger than the input (\(layer.y)×\(layer.x))"))
    }
    // Scratch storage sized by the number of levels: every piece of a one- or two-level dataflow (all the
    // presets) stays within the 1 KiB the standard library puts on the stack for a temporary allocation;
    // above that it calls malloc, which cost three malloc/free pairs per evaluation (≈ 6 % of it) when the
    // pieces were sized for four levels.
    let levelCapacity = min(max(dataflow.levels.count, 1), Dataflow.maxLevels)
    // The closures store the outcome rather than return it: a returned value is copied at every level of
    // the nesting (≈ 250 bytes, seven times). Not an optional: that one is destroyed through the runtime's
    // generic enum code.
    var outcome = Result<MaestroLayerMetrics, MaestroInvalid>.success(MaestroLayerMetrics())
    withUnsafeTemporaryAllocation(of: LevelPlan.self, capacity: levelCapacity) { levels in
      let levelBase = levels.baseAddress!
      let levelCount: Int
      switch Self.plan(dataflow, layer: layer, pes: hardware.pes, into: levelBase) {
      case .success(let count): levelCount = count
      case .failure(let why): outcome = .failure(why); return
      }
      withUnsafeTemporaryAllocation(of: DirectiveTables.self, capacity: levelCount * Dim.count) { tables in
        withUnsafeTemporaryAllocation(of: DirectiveStates.self, capacity: levelCount * Dim.count) { states in
          withUnsafeTemporaryAllocation(of: LevelStatics.self, capacity: levelCount) { statics in
            withUnsafeTemporaryAllocation(of: CachedRuntime.self, capacity: Analysis.cacheCapacity) { cache in
              withUnsafeTemporaryAllocation(of: CaseClass.self, capacity: Analysis.classCapacity) { classes in
                // Every entry is initialised before it is read (prepareStatics, computeStates, the counters).
                let scratch = AnalysisScratch(statics: statics.baseAddress!, cache: cache.baseAddress!,
                                              classes: classes.baseAddress!)
                var analysis = Analysis(layer: layer, levelCount: levelCount, levels: levelBase, tables: tables.baseAddress!,
                                        states: states.baseAddress!, scratch: scratch, hardware: hardware)
                outcome = analysis.run()
              }
            }
          }
        }
      }
    }
    return outcome
  }
}

/// Which tensors each dimension feeds (§6 "Coupled dims").
struct Coupling {
  var input = 0
  var filter = 0
  var output = 0

  init(_ type: MaestroLayer.LayerType) {
    // Bit masks over dimension indices (N 0, G 1, K 2, C 3, R 4, S 5, Y 6, X 7), written out: this runs
    // for every layer evaluation.
    let n = 1 << Dim.n, g = 1 << Dim.g, k = 1 << Dim.k, c = 1 << Dim.c
    let r = 1 << Dim.r, s = 1 << Dim.s, y = 1 << Dim.y, x = 1 << Dim.x
    switch type {
    case .conv:
      input = n | c | y | x; filter = k | c | r | s; output = n | k | y | x
    case .depthwise:
      input = n | c | y | x; filter = c | r | s; output = n | c | y | x
    case .grouped:
      input = n | g | c | y | x; filter = g | k | c | r | s; output = n | g | k | c | y | x
    }
  }
}

/// Iteration states, by kind.
enum IterState: UInt8 { case initial = 0, steady, edge }

/// Overflow-checked arithmetic: a wrapped product sets a flag and the point becomes invalid.
struct Checked {
  var overflow = false
  @inline(__always) mutating func mul(_ a: Int, _ b: Int) -> Int {
    let (r, o) = a.multipliedReportingOverflow(by: b)
    if o { overflow = true }
    return r
  }
  @inline(__always) mutating func add(_ a: Int, _ b: Int) -> Int {
    let (r, o) = a.addingReportingOverflow(b)
    if o { overflow = true }
    return r
  }
}

/// A sub-cluster analysis remembered within one call.
struct CachedRuntime {
  var level = -1
  /// Which directives of the level above handed down their edge size.
  var edgeMask = 0
  var dims = Vec8(repeating: 0)
  var runtime = 0
  var utilizedPEs = 0.0
}
