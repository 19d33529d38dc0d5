import Foundation
import Testing
import TestSupport

/// Golden files under `Tests/SVGChartsTests/Golden/`.
///
/// A missing or different golden file fails the test and nothing is written into the source tree; the
/// actual text goes to the temporary folder, and the message gives the command that records it:
/// `DUET_RECORD_GOLDEN=1 swift test --filter <suite>` writes the golden file (and still fails, so no run
/// passes by recording); review the new file, then run the tests again.
enum Golden {
  static let folder = "Tests/SVGChartsTests/Golden"

  static func check(_ name: String, _ actual: String, suite: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let path = TestPaths.project("\(folder)/\(name)")
    let regenerate = "DUET_RECORD_GOLDEN=1 swift test --filter \(suite)"
    if ProcessInfo.processInfo.environment["DUET_RECORD_GOLDEN"] == "1" {
      try? actual.write(toFile: path, atomically: true, encoding: .utf8)
      Issue.record("recorded golden file \(path); review it and run the tests again", sourceLocation: sourceLocation)
      return
    }
    let actualPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(name).actual").path
    guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
      try? actual.write(toFile: actualPath, atomically: true, encoding: .utf8)
      Issue.record("no golden file \(folder)/\(name) (actual written to \(actualPath)); record it with `\(regenerate)` and review it",
                   sourceLocation: sourceLocation)
      return
    }
    if expected != actual {
      try? actual.write(toFile: actualPath, atomically: true, encoding: .utf8)
      let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
      let line = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
      let want = line < a.count ? String(a[line]) : "<end>"
      let got = line < b.count ? String(b[line]) : "<end>"
      Issue.record("\(name) differs from its golden file at line \(line + 1):\n  golden: \(want)\n  actual: \(got)\n(actual written to \(actualPath); if the change is intended, re-record with `\(regenerate)` and review the diff)", sourceLocation: sourceLocation)
    }
  }
}
