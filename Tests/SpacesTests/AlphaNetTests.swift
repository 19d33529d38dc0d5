import Foundation
import Spaces
import TestSupport
import Testing
import Workload

@Suite("AlphaNet: lowering and the semi-decoupled paper's FLOPs and parameters")
struct AlphaNetTests {
  /// spaces.md's worked example, config 1831 (MB2's depth 6 is built with 5 blocks): 238.80576 MFLOPs,
  /// 7.948208 M parameters.
  @Test func workedExampleConfig1831() throws {
    let space = try ShippedSpaces.alphanetSemidecoupled.get()
    let arch = try space.parse("192/6,3,4/4,7,4/3,7,5/3,5,4/3,3,4")
    let network = try space.lower(arch, dataset: space.defaultDataset)
    #expect(CountingConvention.alphanet.flops(of: network) == 238_805_760)
    #expect(CountingConvention.alphanet.parameters(of: network) == 7_948_208)
    #expect(network.layers.filter { $0.name.hasPrefix("MB2.b") && $0.name.hasSuffix(".dwconv") }.count == 5)
    #expect(space.inputSize(of: arch, dataset: space.defaultDataset) == 192)
  }

  /// The released models A0–A6 in the full space, counted the same way: 203.39 … 709.01 MFLOPs
  /// (the README rounds these to 203 … 709; A5-base, 594.79, is given as 596).
  @Test func releasedModels() throws {
    let space = try ShippedSpaces.alphanet.get()
    // resolution / first width / per stage width,depth,kernel[,expand] / last width
    let models: [(String, Int64)] = [
      ("192/16/16,1,3/24,3,3,4/32,3,3,4/64,3,3,4/112,3,3,4/192,3,3/216,1,3/1792", 203_390_000),
      ("224/16/16,1,3/24,3,3,4/32,3,3,4/64,3,5,4/112,3,3,4/192,3,5/216,1,3/1984", 279_240_000),
      ("224/16/16,1,3/24,3,3,4/32,3,3,5/64,3,3,4/112,3,3,4/200,4,5/224,1,3/1984", 316_730_000),
      ("224/16/16,2,3/24,3,3,4/32,3,3,4/64,4,5,4/112,3,3,4/208,5,3/224,1,3/1984", 356_520_000),
      ("256/16/16,1,3/24,3,3,4/32,3,3,4/64,4,5,5/112,3,3,4/192,5,5/216,1,3/1984", 443_530_000),
      ("256/16/16,1,3/24,3,3,4/32,3,3,4/64,4,3,5/112,4,3,4/208,5,5/216,1,3/1984", 491_480_000),
      ("288/16/16,2,3/24,3,3,4/32,4,5,4/64,3,5,4/112,3,3,5/200,5,3/216,1,3/1984", 594_790_000),
      ("288/16/16,1,3/24,3,3,4/32,3,3,6/64,4,3,5/112,4,3,4/216,6,5/224,1,3/1984", 709_010_000),
    ]
    for (text, published) in models {
      let network = try space.lower(try space.parse(text), dataset: space.defaultDataset)
      let flops = CountingConvention.alphanet.flops(of: network)
      #expect(abs(flops - published) <= 5_000, "\(text): \(flops)")
    }
  }

  /// The 9,999 configs of `accuracy/alphanet_predicted.csv`: `params_m` exactly and `mflops` within
  /// 64 MACs (the authors summed float32 per-layer counts).
  @Test(.enabled(if: TestPaths.shared != nil, "needs ../shared/reference"))
  func everyRowOfTheTable() throws {
    guard let path = TestPaths.shared("reference/accuracy/alphanet_predicted.csv") else { return }
    let space = try ShippedSpaces.alphanetSemidecoupled.get()
    let (header, rows) = try plainCSV(path)
    func column(_ name: String) throws -> Int { try #require(header.firstIndex(of: name)) }
    let resolution = try column("resolution"), width = try column("width"), depth = try column("depth")
    let kernel = try column("kernel_size"), expand = try column("expand_ratio")
    let mflops = try column("mflops"), params = try column("params_m")
    var flopsCount = MatchCount(label: "AlphaNet mflops"), paramsCount = MatchCount(label: "AlphaNet params_m")
    var bitExact = 0
    for row in rows {
      let d = row[depth].split(separator: ";"), k = row[kernel].split(separator: ";"), e = row[expand].split(separator: ";")
      // The variant fixes the widths, MB1 and MB7; the string lists resolution, then MB2–MB6.
      #expect(row[width] == "16;16;24;32;64;112;192;216;1792" && d[0] == "1" && k[0] == "3" && e[0] == "1"
              && d[6] == "1" && k[6] == "3" && e[6] == "6")
      let text = "\(row[resolution])/" + (1...5).map { "\(d[$0]),\(k[$0]),\(e[$0])" }.joined(separator: "/")
      let network = try space.lower(try space.parse(text), dataset: space.defaultDataset)
      let ours = CountingConvention.alphanet.flops(of: network)
      let published = try #require(Double(row[mflops]))
      if String(format: "%.6f", Double(ours) / 1e6) == String(row[mflops]) || Double(ours) / 1e6 == published { bitExact += 1 }
      flopsCount.add(text, ours: Double(ours) / 1e6, published: published, exactTolerance: 64e-6)
      paramsCount.add(text, ours: Double(CountingConvention.alphanet.parameters(of: network)) / 1e6,
                      published: try #require(Double(row[params])), exactTolerance: 0.5e-6)
    }
    TestPaths.note("\(flopsCount) (\(bitExact) bit-exact)")
    TestPaths.note(paramsCount.description)
    #expect(flopsCount.total == 9_999)
    #expect(flopsCount.exact == flopsCount.total, "\(flopsCount)")
    #expect(paramsCount.exact == paramsCount.total, "\(paramsCount)")
  }
}
