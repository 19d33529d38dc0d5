import Foundation
import Hardware
import SpecFiles
import Testing
import TestSupport

@Suite("Measured devices")
struct MeasuredDeviceTests {
  static let table = """
    index,arch,phone,phone_energy
    0,a|b,3.5,12
    1,"c,d",10,
    2,e,,4

    """

  func device(_ text: String = table, energy: String? = "phone_energy") throws(SpecError) -> MeasuredDevice {
    try MeasuredDevice(table: try CSVTable(text: text, file: "m.csv"), keyColumn: "arch", latencyColumn: "phone",
                       energyColumn: energy)
  }

  @Test func lookupsConvertUnitsAndSkipBlanks() throws {
    let d = try device()
    #expect(d.name == "phone")
    #expect(d.latencySeconds(of: "a|b") == 3.5e-3)
    #expect(d.latencySeconds(of: "c,d") == 10e-3)
    #expect(d.latencySeconds(of: "e") == nil)  // blank: not measured
    #expect(d.latencySeconds(of: "zzz") == nil)
    #expect(d.energyJoules(of: "a|b") == 12e-3)
    #expect(d.energyJoules(of: "c,d") == nil)
    #expect(d.energyJoules(of: "e") == 4e-3)
    #expect(d.architectureCount == 2)
    #expect(d.architectures == ["a|b", "c,d"])
    #expect(d.hasEnergy)
    let seconds = try MeasuredDevice(table: try CSVTable(text: Self.table, file: "m.csv"), name: "p", keyColumn: "arch",
                                     latencyColumn: "phone", latencyUnit: .s)
    #expect(seconds.latencySeconds(of: "a|b") == 3.5)
    #expect(!seconds.hasEnergy)
  }

  @Test func badTablesArePositioned() {
    func message(_ text: String, energy: String? = nil) -> String {
      do { _ = try device(text, energy: energy); return "no error" } catch { return error.description }
    }
    #expect(message(Self.table + "3,a|b,4,1\n") == "m.csv:5: arch: architecture \"a|b\" appears again (first on line 2)")
    #expect(message(Self.table + "3,f,fast,1\n") == "m.csv:5: phone: expected a number, got \"fast\"")
    #expect(message(Self.table + "3,f,-2,1\n") == "m.csv:5: phone: expected a non-negative measurement, got -2.0")
    #expect(message(Self.table + "3,,2,1\n") == "m.csv:5: arch: empty architecture key")
    #expect(message(Self.table, energy: "phone_enrgy") == "m.csv:1: missing column \"phone_enrgy\" (did you mean \"phone_energy\"?)")
  }

  @Test func manyDevicesFromOneTable() throws {
    let devices = try MeasuredDevice.devices(in: try CSVTable(text: Self.table, file: "m.csv"), keyColumn: "arch",
                                             excluding: ["index"])
    #expect(devices.map(\.name) == ["phone", "phone_energy"])
    #expect(devices[1].latencySeconds(of: "e") == 4e-3)
    // The same table column by column, rows in file order, blanks as nil.
    let columns = try MeasuredColumns(table: try CSVTable(text: Self.table, file: "m.csv"), keyColumn: "arch",
                                      excluding: ["index"])
    #expect(columns.keyColumn == 1)
    #expect(columns.devices == ["phone", "phone_energy"])
    #expect(columns.latencySeconds == [[3.5e-3, 10e-3, nil], [12e-3, nil, 4e-3]])
    #expect(throws: SpecError(file: "m.csv", line: 5, keyPath: "arch", problem: "architecture \"e\" appears again (first on line 4)")) {
      try MeasuredColumns(table: try CSVTable(text: Self.table + "3,e,1,1\n", file: "m.csv"), keyColumn: "arch")
    }
  }

  @Test func yamlFileFindsItsTableBesideIt() throws {
    let folder = UUID().uuidString
    _ = writeTemporaryFile(Self.table, name: "m.csv", folder: folder)
    let yaml = """
      schema: duet/v1
      kind: measured-device
      name: my-phone
      table: m.csv
      key: arch
      latency: {column: phone, unit: us}
      energy: {column: phone_energy, unit: J}

      """
    let d = try MeasuredDevice.load(path: writeTemporaryFile(yaml, name: "phone.yaml", folder: folder))
    #expect(d.name == "my-phone")
    #expect(d.latencySeconds(of: "a|b") == 3.5e-6)
    #expect(d.energyJoules(of: "a|b") == 12)

    func message(_ text: String) -> String {
      do {
        _ = try MeasuredDevice.load(path: writeTemporaryFile(text, name: "phone.yaml", folder: folder))
        return "no error"
      } catch {
        return error.description.replacingOccurrences(of: #"/[^ :]*/"#, with: "", options: .regularExpression)
      }
    }
    #expect(message(yaml.replacingOccurrences(of: "column: phone,", with: "column: phnoe,"))
            == "phone.yaml:6:19: latency.column: no column \"phnoe\" in m.csv (did you mean \"phone\"?)")
    #expect(message(yaml.replacingOccurrences(of: "table: m.csv", with: "table: missing.csv"))
            == "phone.yaml:4:8: table: no such file: missing.csv")
    #expect(message(yaml.replacingOccurrences(of: "unit: us", with: "unit: minutes"))
            == "phone.yaml:6:32: latency.unit: expected one of \"s\", \"ms\", \"us\", got \"minutes\"")
  }

  /// HW-NAS-Bench / HELP: 15,625 NB201 architectures on 27 devices, keyed by the NB201 string.
  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared")) func helpTable() throws {
    let path = try #require(TestPaths.shared("reference/devices/help_nb201_latency.csv"))
    let devices = try MeasuredDevice.devices(in: try CSVTable(path: path), keyColumn: "arch_str", excluding: ["index"])
    #expect(devices.count == 27)
    let pixel3 = try #require(devices.first { $0.name == "pixel3" })
    #expect(pixel3.architectureCount == 15_625)
    let first = "|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|"
    #expect(abs(try #require(pixel3.latencySeconds(of: first)) - 3.60585e-3) < 1e-15)
    #expect(abs(try #require(devices.first { $0.name == "fpga" }?.latencySeconds(of: first)) - 2.57296e-3) < 1e-15)
    // The rank tests' reader: the same values through one-column devices.
    let data = try #require(HELPTable.data)
    #expect(data.devices["fpga"]?.latencySeconds(of: first) == devices.first { $0.name == "fpga" }?.latencySeconds(of: first))
  }
}
