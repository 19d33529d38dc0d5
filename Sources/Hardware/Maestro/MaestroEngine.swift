// The MAESTRO-like dataflow analysis (Kwon et al., "Understanding Reuse, Performance, and Hardware Cost
// of DNN Dataflows: A Data-Centric Approach", MICRO 2019, §4–5), reproducing the MAESTRO tool at commit
// 4eb08d1 bit for bit. ../shared/design/maestro-model.md §6 describes every rule; docs/maestro.md says
// how each quantity is computed here. Section marks below (§6 …) refer to maestro-model.md.
//
// Speed: a level is analysed per iteration case (a Cartesian product of a few states per directive).
// Everything lives in fixed-size storage; sub-cluster analyses are memoised per tile within one call.

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
    return withUnsafeTemporaryAllocation(of: LevelPlan.self, capacity: Dataflow.maxLevels) { levels in
      let levelBase = levels.baseAddress!
      let levelCount: Int
      switch Self.plan(dataflow, layer: layer, pes: hardware.pes, into: levelBase) {
      case .success(let count): levelCount = count
      case .failure(let why): return .failure(why)
      }
      return withUnsafeTemporaryAllocation(of: DirectiveTables.self, capacity: Dataflow.maxLevels * Dim.count) { tables in
        withUnsafeTemporaryAllocation(of: DirectiveStates.self, capacity: Dataflow.maxLevels * Dim.count) { states in
          withUnsafeTemporaryAllocation(of: LevelStatics.self, capacity: Dataflow.maxLevels) { statics in
            withUnsafeTemporaryAllocation(of: CachedRuntime.self, capacity: Analysis.cacheCapacity) { cache in
              withUnsafeTemporaryAllocation(of: CaseClass.self, capacity: Analysis.classCapacity) { classes in
                // Every entry is initialised before it is read (prepareStatics, computeStates, the counters).
                let scratch = AnalysisScratch(statics: statics.baseAddress!, cache: cache.baseAddress!,
                                              classes: classes.baseAddress!)
                var analysis = Analysis(layer: layer, levelCount: levelCount, levels: levelBase, tables: tables.baseAddress!,
                                        states: states.baseAddress!, scratch: scratch, hardware: hardware)
                return analysis.run()
              }
            }
          }
        }
      }
    }
  }
}

/// Which tensors each dimension feeds (§6 "Coupled dims").
struct Coupling {
  var input = 0
  var filter = 0
  var output = 0

  init(_ type: MaestroLayer.LayerType) {
    func mask(_ dims: Int...) -> Int { dims.reduce(0) { $0 | (1 << $1) } }
    switch type {
    case .conv:
      input = mask(Dim.n, Dim.c, Dim.y, Dim.x); filter = mask(Dim.k, Dim.c, Dim.r, Dim.s)
      output = mask(Dim.n, Dim.k, Dim.y, Dim.x)
    case .depthwise:
      input = mask(Dim.n, Dim.c, Dim.y, Dim.x); filter = mask(Dim.c, Dim.r, Dim.s)
      output = mask(Dim.n, Dim.c, Dim.y, Dim.x)
    case .grouped:
      input = mask(Dim.n, Dim.g, Dim.c, Dim.y, Dim.x); filter = mask(Dim.g, Dim.k, Dim.c, Dim.r, Dim.s)
      output = mask(Dim.n, Dim.g, Dim.k, Dim.c, Dim.y, Dim.x)
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
  var dims = Vec8(repeating: 0)
  var runtime = 0
  var utilizedPEs = 0.0
}
