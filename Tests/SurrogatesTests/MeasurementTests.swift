import Hardware
import Spaces
import SpecFiles
import Surrogates
import TestSupport
import Testing

@Suite("Measurement sources")
struct MeasurementTests {
  /// The cache asks the source for each architecture once, however often and in whatever batches it is asked.
  @Test func cacheNeverMeasuresTwice() throws {
    let space = try TestSpaces.nasbench201.get()
    let source = FunctionSource(name: "additive", value: additiveLatency)
    var cache = MeasurementCache(source: source)
    var generator = TestRandom(seed: 1)
    let architectures = space.sample(count: 40, distinct: true, using: &generator)
    let first = try cache.measure(Array(architectures[0..<30]) + Array(architectures[0..<5]))
    let second = try cache.measure(Array(architectures[20..<40]))
    #expect(first == (Array(architectures[0..<30]) + Array(architectures[0..<5])).map(additiveLatency))
    #expect(second == architectures[20..<40].map(additiveLatency))
    #expect(cache.requestCount == 55)
    #expect(cache.measuredCount == 40)
    #expect(source.measured.count == 40)
    #expect(Set(source.measured) == Set(architectures))
  }

  /// A table column measures exactly the table's rows; anything else is an error naming the architecture.
  @Test func tableColumn() throws {
    let space = try TestSpaces.nasbench201.get()
    let text = """
      index,arch_str,fast,slow
      0,|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|,1.5,30
      1,|none~0|+|none~0|none~1|+|none~0|none~1|skip_connect~2|,0.5,
      2,|skip_connect~0|+|none~0|none~1|+|none~0|none~1|skip_connect~2|,0.25,4
      """
    let table = try MeasuredArchitectureTable.read(try CSVTable(text: text, file: "t.csv"), space: space, keyColumn: "arch_str",
                                                   columns: ["slow", "fast"], excluding: ["index"])
    #expect(table.columns == ["slow", "fast"])
    #expect(table.architectures.count == 2)  // row 1 lacks "slow"
    #expect(table.incompleteRows == 1)
    #expect(table.latencySeconds[1] == [1.5e-3, 0.25e-3])
    let fast = table.source("fast")
    #expect(fast.knownArchitectures == table.architectures)
    #expect(try fast.measure([table.architectures[1]]) == [0.25e-3])
    let missing = try space.parse("|none~0|+|none~0|none~1|+|none~0|none~1|skip_connect~2|")
    #expect(throws: MeasurementError.notMeasured(source: "fast", architecture: space.canonicalString(missing))) {
      try fast.measure([missing])
    }
    // A misspelt column names the file and suggests the right one.
    #expect {
      _ = try MeasuredArchitectureTable.read(try CSVTable(text: text, file: "t.csv"), space: space, keyColumn: "arch_str",
                                             columns: ["fats"], excluding: ["index"])
    } throws: { error in
      "\(error)".contains("t.csv:1") && "\(error)".contains("did you mean \"fast\"")
    }
  }

  /// A cost model as the measurement: the sum of its layer costs, and the estimate encoding reads the same.
  @Test func costModelSource() throws {
    let space = try TestSpaces.nasbench201.get()
    let device = try HardwareFile.loadCostModels(path: TestPaths.project("accelerators/devices/s5e.yaml")).points[0].model
    let source = CostModelSource(model: device, space: space, dataset: space.defaultDataset)
    var generator = TestRandom(seed: 3)
    let architectures = space.sample(count: 10, using: &generator)
    let measured = try source.measure(architectures)
    for (architecture, value) in zip(architectures, measured) {
      let network = try space.lower(architecture, dataset: space.defaultDataset)
      #expect(abs(value - device.cost(of: network).latencySeconds) <= 1e-12 * value)
      #expect(value > 0)
    }
    let encoder = try ArchitectureEncoder(ArchitectureEncoding(parsing: "onehot+estimate"), space: space,
                                          dataset: space.defaultDataset, estimator: source)
    let features = try encoder.encode(architectures)
    #expect(features.columnCount == 31)
    #expect(features.column(30) == measured)
    #expect(encoder.featureNames.last == "estimate[\(device.label)]_s")
  }
}
