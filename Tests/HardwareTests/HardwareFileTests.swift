import Foundation
import SpecFiles
import TestSupport
import Testing
import Workload
@testable import Hardware

/// `HardwareFile`: one entry point for every hardware kind.
@Suite("Hardware files of every kind")
struct HardwareFileTests {
  @Test func everyShippedHardwareFileLoadsAsCostModels() throws {
    let conv = Layer.convolution(in: 32, out: 32, kernel: 3, input: 16)
    var kinds: [HardwareKind: Int] = [:]
    for folder in ["accelerators", "accelerators/fpga", "accelerators/devices"] {
      let directory = TestPaths.project(folder)
      for name in try FileManager.default.contentsOfDirectory(atPath: directory) where name.hasSuffix(".yaml") {
        let file = try HardwareFile.loadCostModels(path: directory + "/" + name)
        kinds[file.kind, default: 0] += 1
        #expect(!file.points.isEmpty, "\(name)")
        for point in file.points {
          #expect(point.kind == file.kind)
          #expect(point.model.label == point.label)
          #expect(point.model.cost(of: conv).macs == conv.macs || point.kind == .accelerator || point.kind == .sweep)
        }
      }
    }
    #expect(kinds[.fpga] == 9)
    #expect(kinds[.device] == 8)
    #expect(kinds[.accelerator, default: 0] >= 1 && kinds[.sweep, default: 0] >= 2)
  }

  @Test func eachKindGivesItsModel() throws {
    let fpga = try HardwareFile.load(path: TestPaths.project("accelerators/fpga/zcu102-d7.yaml"))
    #expect(fpga.points.count == 1 && fpga.points[0].model is FPGADesign && fpga.accelerators.isEmpty)
    let device = try HardwareFile.load(path: TestPaths.project("accelerators/devices/taba.yaml"))
    #expect(device.points[0].model is RooflineDevice && device.name == "taba")
    let sweep = try HardwareFile.load(path: TestPaths.project("accelerators/semi-decoupled-grid.yaml"))
    #expect(sweep.points.count == 150 && sweep.accelerators.count == 150 && sweep.target == "kcp_ws_19")
    #expect(sweep.points.map(\.label) == (try AcceleratorFile.load(path: TestPaths.project("accelerators/semi-decoupled-grid.yaml"))).accelerators.map(\.label))
  }

  @Test func unknownKindsListTheKnownOnes() {
    let path = writeTemporaryFile("schema: duet/v1\nkind: fgpa\nname: x\n")
    do {
      _ = try HardwareFile.load(path: path)
      Issue.record("an unknown kind was accepted")
    } catch {
      #expect(error.description.contains(":2:7: kind: expected one of \"accelerator\", \"sweep\", \"fpga\", \"device\", \"measured-device\", got \"fgpa\" (did you mean \"fpga\"?)"), "\(error)")
    }
  }
}
