import Foundation
import Spaces
import TestSupport

/// The shipped spaces, loaded once per test process (loading probes every choice, so it is not free).
enum ShippedSpaces {
  static func load(_ name: String) throws -> SearchSpace {
    try SearchSpace.load(path: TestPaths.project("spaces/\(name).yaml"))
  }

  static let nasbench201 = Result { try load("nasbench201") }
  static let darts = Result { try load("darts") }
  static let fbnet = Result { try load("fbnet") }
  static let alphanet = Result { try load("alphanet") }
  static let alphanetSemidecoupled = Result { try load("alphanet-semidecoupled") }
  static let mobilenetv2 = Result { try load("mobilenetv2") }
  static let nasbenchMacro = Result { try load("nasbench-macro") }

  static let all: [(String, Result<SearchSpace, any Error>)] = [
    ("nasbench201", nasbench201), ("darts", darts), ("fbnet", fbnet), ("alphanet", alphanet),
    ("alphanet-semidecoupled", alphanetSemidecoupled), ("mobilenetv2", mobilenetv2), ("nasbench-macro", nasbenchMacro),
  ]
}

/// Reads a reference CSV of plain fields (no quotes) fast: the header and the rows split on commas.
func plainCSV(_ path: String) throws -> (header: [String], rows: [[Substring]]) {
  let text = try String(contentsOfFile: path, encoding: .utf8)
  var lines = text.split(whereSeparator: \.isNewline)  // "\r\n" is one Character
  let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
  return (header, lines.map { $0.split(separator: ",", omittingEmptySubsequences: false) })
}

/// Match statistics of a reference comparison, printed so the test log records the rates.
struct MatchCount: CustomStringConvertible {
  var label: String
  var total = 0
  var exact = 0
  var withinOnePercent = 0
  var worst: (String, Double)? = nil

  mutating func add(_ key: String, ours: Double, published: Double, exactTolerance: Double) {
    total += 1
    let diff = abs(ours - published)
    if diff <= exactTolerance { exact += 1 }
    let relative = published == 0 ? (ours == 0 ? 0 : 1) : diff / abs(published)
    if relative <= 0.01 { withinOnePercent += 1 }
    if relative > (worst?.1 ?? -1) { worst = ("\(key): ours \(ours), published \(published)", relative) }
  }

  var description: String {
    "\(label): \(exact)/\(total) exact, \(withinOnePercent)/\(total) within 1 %" + (worst.map { "; worst \($0.0) (\($0.1 * 100) %)" } ?? "")
  }
}
