import Foundation
import SpecFiles
import TestSupport
import Testing
@testable import DuetCLI

/// `duet predictors study` end to end on a reduced run: a cost model as the measurement (no ../shared).
@Suite("duet predictors")
struct PredictorsCommandTests {
  func folder(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("duet-predictors-\(UUID().uuidString)-\(name)").path
  }

  func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

  static let reduced = ["predictors", "study", "--hardware", "s5e", "--models", "knn", "--encodings", "onehot,fcc",
                        "--train-sizes", "10,30", "--seeds", "2", "--test-size", "40", "--tuning-trials", "2"]

  /// --jobs 1 and --jobs 2 write the same bytes in every file but the wall times; the CSV files parse
  /// strictly; the page's numbers are result.json's; duet report draws the same page again.
  @Test func studyIsDeterministicAndConsistent() async throws {
    let one = folder("one"), two = folder("two")
    defer {
      try? FileManager.default.removeItem(atPath: one)
      try? FileManager.default.removeItem(atPath: two)
    }
    #expect(await DuetMain.run(Self.reduced + ["--jobs", "1", "--out", one]) == 0)
    #expect(await DuetMain.run(Self.reduced + ["--jobs", "2", "--out", two]) == 0)
    let files = try FileManager.default.contentsOfDirectory(atPath: one).sorted()
    let expected = ["cells.csv", "index.html", "lookup_table.csv", "result.json", "run.json", "summary.csv", "timings.csv",
                    "timings.json"]
    #expect(files == expected)
    for name in files where !["index.html", "timings.csv", "timings.json", "run.json"].contains(name) {
      #expect(try read("\(one)/\(name)") == read("\(two)/\(name)"), "\(name) differs between --jobs 1 and 2")
    }
    // run.json differs only in the command line's --jobs and --out.
    func record(_ folder: String) throws -> String {
      let data = try Data(contentsOf: URL(fileURLWithPath: "\(folder)/run.json"))
      var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      var run = try #require(object["run"] as? [String: Any])
      let command = try #require(run["command"] as? [String])
      run["command"] = Array(command.prefix(command.count - 4))  // … --jobs N --out FOLDER
      object["run"] = run
      return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
    #expect(try record(one) == record(two))

    // CSV: strictly parsable, one row per cell and per summary row.
    let cells = try CSVTable(path: "\(one)/cells.csv")
    #expect(cells.rows.count == 8)  // 1 model × 2 encodings × 1 target × 2 sizes × 2 seeds
    let header = Array(cells.header.prefix(6))
    #expect(header == ["model", "encoding", "target", "train_size", "seed", "kendall_tau"])
    let tau = try cells.column("kendall_tau")
    for row in cells.rows.indices { _ = try cells.double(row: row, column: tau) }
    let summary = try CSVTable(path: "\(one)/summary.csv")
    #expect(summary.rows.count == 4)

    // JSON: parsable; the page's per-target table shows its summary means exactly.
    let data = try Data(contentsOf: URL(fileURLWithPath: "\(one)/result.json"))
    let result = try JSONDecoder().decode(SummaryOnly.self, from: data)
    #expect(result.summary.count == 4)
    let page = try read("\(one)/index.html")
    let shown = tableValues(page, caption: "mean Kendall τ on the held-out architectures")
    #expect(shown.count == 3)  // (knn, onehot), (knn, fcc) and the lookup table
    for row in result.summary {
      let key = "\(row.model)|\(row.encoding)"
      let column = row.train_size == 10 ? 0 : 1
      #expect(shown[key]?[column] == row.kendall_tau_mean, "\(key) n=\(row.train_size): page \(shown[key] ?? [])")
    }
    let lookup = try #require(result.lookup_table.first)
    #expect(lookup.measured == 25)
    #expect(shown["lookup table|onehot"]?.first == lookup.kendall_tau)
    #expect(await DuetMain.run(["report", one]) == 0)
    #expect(try read("\(one)/index.html") == page)
  }

  /// A saved predictor is a hardware file of its own kind: duet cost prices architectures with it,
  /// co-search targets it (latency caps on its front, no energy cap), monotonicity ranks with it.
  @Test func predictedDeviceAsHardware() async throws {
    let work = folder("device")
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: work) }
    let device = "\(work)/s5e-ridge.json"
    #expect(await DuetMain.run(["predictors", "fit", "--hardware", "s5e", "--model", "ridge", "--train-size", "60",
                                "--validation", "40", "--tuning-trials", "2", "--name", "s5e-ridge", "--out", device]) == 0)
    let saved = try read(device)
    #expect(saved.contains("\"kind\" : \"predicted-device\"") && saved.contains("\"sha256\""))

    let archs = "|nor_conv_3x3~0|+|none~0|skip_connect~1|+|none~0|none~1|nor_conv_1x1~2|,|none~0|+|none~0|none~1|+|none~0|none~1|skip_connect~2|"
    #expect(await DuetMain.run(["cost", "--architectures", archs, "--accelerators", "\(device),s5e", "--out", "\(work)/rows.csv"]) == 0)
    let rows = try CSVTable(path: "\(work)/rows.csv")
    #expect(rows.rows.count == 4)
    let latency = try rows.column("latency_s"), hardware = try rows.column("hardware")
    var byHardware: [String: [Double]] = [:]
    for row in rows.rows.indices { byHardware[rows.rows[row][hardware], default: []].append(try rows.double(row: row, column: latency)) }
    // Ridge on one-hot learns the roofline's additive structure: the same order, close values.
    let predicted = try #require(byHardware["s5e-ridge"]), priced = try #require(byHardware["s5e"])
    #expect((predicted[0] > predicted[1]) == (priced[0] > priced[1]))
    #expect(abs(predicted[0] - priced[0]) < 0.2 * priced[0])

    #expect(await DuetMain.run(["cosearch", "--sample", "40", "--no-analyses", "--accelerators", "semi-decoupled-grid,\(device)",
                                "--target", "s5e-ridge", "--out", "\(work)/cosearch"]) == 0)
    let caps = try read("\(work)/cosearch/run.json")
    #expect(caps.contains("no energy cap (the target has no energy figure)"))
    #expect(await DuetMain.run(["monotonicity", "--sample", "40", "--accelerators", "s5e,\(device),lenovo",
                                "--out", "\(work)/mono"]) == 0)
    let files = try FileManager.default.contentsOfDirectory(atPath: "\(work)/mono")
    #expect(files.contains("rho_latency.csv") && !files.contains("rho_energy.csv"))
    // A predictor of another space is refused.
    #expect(await DuetMain.run(["monotonicity", "--space", "fbnet", "--sample", "10", "--accelerators", "s5e,\(device)"]) == 1)
  }

  /// Bad options are user errors.
  @Test func userErrors() async throws {
    #expect(await DuetMain.run(["predictors", "study", "--models", "knn"]) == 1)  // no measurements
    #expect(await DuetMain.run(["predictors", "study", "--hardware", "s5e", "--models", "kn"]) == 1)
    #expect(await DuetMain.run(["predictors", "study", "--hardware", "s5e", "--encodings", "onehot,bogus"]) == 1)
    #expect(await DuetMain.run(["predictors", "study", "--hardware", "s5e", "--train-sizes", "10,0"]) == 1)
    #expect(await DuetMain.run(["predictors", "study", "--hardware", "s5e", "--models", "knn", "--encodings", "estimate",
                                "--train-sizes", "10", "--seeds", "1", "--test-size", "10"]) == 1)  // no --estimate-hardware
    #expect(await DuetMain.run(["predictors", "study", "--hardware", "s5e", "--models", "knn", "--train-sizes", "20000"]) == 1)
  }

  struct SummaryOnly: Decodable {
    struct Row: Decodable {
      var model: String
      var encoding: String
      var train_size: Int
      var kendall_tau_mean: Double
    }
    struct Lookup: Decodable {
      var measured: Int
      var kendall_tau: Double
    }
    var summary: [Row]
    var lookup_table: [Lookup]
  }

  /// The numeric cells of the page's tables whose caption ends with `caption`, keyed by their first two
  /// cells (model|encoding).
  func tableValues(_ page: String, caption: String) -> [String: [Double]] {
    var values: [String: [Double]] = [:]
    for table in page.components(separatedBy: "<table>").dropFirst() {
      guard let end = table.range(of: "</caption>"), table[..<end.lowerBound].hasSuffix(caption) else { continue }
      for row in table.components(separatedBy: "<tr").dropFirst() where row.contains("<td") {
        let cells = row.components(separatedBy: "<td").dropFirst()
        let texts = cells.map { cell in cell[cell.index(after: cell.firstIndex(of: ">")!)...].components(separatedBy: "</td>")[0] }
        guard texts.count > 2 else { continue }
        let numbers = cells.dropFirst(2).compactMap { cell -> Double? in
          guard let start = cell.range(of: "data-value=\"") else { return nil }
          return Double(cell[start.upperBound...].prefix { $0 != "\"" })
        }
        values["\(texts[0])|\(texts[1])", default: []] += numbers
      }
    }
    return values
  }
}
