import ArgumentParser
import CoDesign
import Foundation
import Reports
import Surrogates

/// `duet report`: draws a run folder's `index.html` again from the data beside it.
struct ReportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Regenerate the HTML report of a run folder from its data files.",
    discussion: """
      Reads the folder's run.json (what kind of run wrote it, its command, version, seed and conventions, \
      and the data files) and the data it names (result.json and timings.json for co-search, result.json \
      for monotonicity, sweep.json for a cost sweep), and writes index.html again. For unchanged data the \
      page is byte for byte the one the run wrote; use it after upgrading Duet, or when a run was \
      interrupted after its data files were written.

      Example:
        duet report reports/cosearch-nasbench201-cifar10-seed1
      """
  )

  @Argument(help: ArgumentHelp("A run folder (holding run.json).", valueName: "run-folder"))
  var folder: String

  func run() async throws {
    let record = try Self.read(RunRecord.self, RunRecord.fileName, in: folder)
    let page: ReportPage
    switch record.kind {
    case .cosearch:
      let result = try Self.read(CosearchResult.self, "result.json", in: folder)
      if let problem = result.inconsistency {
        throw UserError("\(URL(fileURLWithPath: folder).appendingPathComponent("result.json").path): inconsistent (\(problem)); was it edited?")
      }
      let timingsPath = URL(fileURLWithPath: folder).appendingPathComponent("timings.json").path
      let timings = FileManager.default.fileExists(atPath: timingsPath)
        ? try Self.read(CosearchTimings.self, "timings.json", in: folder) : nil
      page = CosearchReport.page(result: result, timings: timings, run: record.run, files: [])
    case .monotonicity:
      let result = try Self.read(MonotonicityResult.self, "result.json", in: folder)
      if let problem = result.inconsistency {
        throw UserError("\(URL(fileURLWithPath: folder).appendingPathComponent("result.json").path): inconsistent (\(problem)); was it edited?")
      }
      page = MonotonicityReport.page(result: result, title: record.title ?? "Monotonicity across hardware",
                                     run: record.run, files: [])
    case .costSweep:
      let sweep = try Self.read(CostSweep.self, "sweep.json", in: folder)
      page = SweepReport.page(sweep: sweep, run: record.run, files: [])
    case .predictorStudy:
      let result = try Self.read(PredictorStudyResult.self, "result.json", in: folder)
      let timingsPath = URL(fileURLWithPath: folder).appendingPathComponent("timings.json").path
      let timings = FileManager.default.fileExists(atPath: timingsPath)
        ? try Self.read(PredictorStudyTimings.self, "timings.json", in: folder) : nil
      page = PredictorStudyReport.page(result: result, timings: timings, run: record.run, files: [])
    }
    try RunFolder(path: folder).writePage(page, files: record.files)
    print("report: \(URL(fileURLWithPath: folder).appendingPathComponent(RunFolder.pageName).path)")
  }

  static let what = [RunRecord.fileName: "a run record", "result.json": "a run result", "timings.json": "run timings",
                     "sweep.json": "a cost sweep"]

  /// Decodes one JSON file of the folder, naming the file in any error.
  static func read<T: Decodable>(_ type: T.Type, _ name: String, in folder: String) throws -> T {
    let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
    guard let data = FileManager.default.contents(atPath: path) else {
      if name == RunRecord.fileName {
        throw UserError("\(path) not found: give a run folder written by duet cosearch, duet monotonicity or duet cost --report")
      }
      throw UserError("\(path) not found, but run.json lists it: the run folder is incomplete")
    }
    do {
      return try ReportJSON.decode(type, from: data)
    } catch let error as DecodingError {
      throw UserError("\(path): not a file this Duet can read as \(what[name] ?? "JSON") (\(Self.describe(error)))")
    }
  }

  static func describe(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
      let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
      return keys.isEmpty ? "" : "\(keys.hasPrefix(".") ? String(keys.dropFirst()) : keys): "
    }
    switch error {
    case .dataCorrupted(let c): return path(c) + c.debugDescription
    case .keyNotFound(let key, let c): return path(c) + "missing key \(key.stringValue)"
    case .typeMismatch(_, let c), .valueNotFound(_, let c): return path(c) + c.debugDescription
    @unknown default: return "\(error)"
    }
  }
}
