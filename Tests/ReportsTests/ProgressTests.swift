import Foundation
import Testing
@testable import Reports

/// Collects what a reporter writes, and plays a clock the test moves by hand.
final class ProgressProbe: @unchecked Sendable {
  private let lock = NSLock()
  private var text = ""
  private var now: Duration = .zero

  var output: String { lock.withLock { text } }
  func write(_ s: String) { lock.withLock { text += s } }
  func elapsed() -> Duration { lock.withLock { now } }
  func advanceClock(_ d: Duration) { lock.withLock { now += d } }

  func reporter(total: Int?, style: ProgressReporter.Style) -> ProgressReporter {
    ProgressReporter(label: "coupled search", total: total, style: style, interval: .seconds(5),
                     write: { self.write($0) }, elapsed: { self.elapsed() })
  }
}

@Suite("Progress on standard error")
struct ProgressTests {
  @Test func plainLinesEveryInterval() {
    let probe = ProgressProbe()
    let progress = probe.reporter(total: 1000, style: .lines)
    probe.advanceClock(.seconds(1))
    progress.advance(by: 100)  // before the interval: silent
    #expect(probe.output.isEmpty)
    probe.advanceClock(.seconds(4))
    progress.advance(by: 150)
    #expect(probe.output == "coupled search: 250 of 1,000 (25 %), 5.0 s elapsed, about 15 s left\n")
    probe.advanceClock(.seconds(2))
    progress.advance(by: 750)
    progress.finish()
    progress.finish()  // once only
    #expect(probe.output.hasSuffix("coupled search: 1,000 of 1,000 done in 7.0 s\n"))
    #expect(probe.output.split(separator: "\n").count == 2)
    #expect(!probe.output.contains("\r"))
  }

  @Test func barRedrawsOneLine() {
    let probe = ProgressProbe()
    let progress = probe.reporter(total: 200, style: .bar)
    probe.advanceClock(.seconds(2))
    progress.advance(by: 100)
    #expect(probe.output == "\r\u{1B}[2Kcoupled search  [###############...............] 50%  100/200  2.0 s, ~2.0 s left")
    progress.advance(by: 0)  // same percentage, within 0.1 s: no redraw
    #expect(probe.output.components(separatedBy: "\r").count == 2)
    probe.advanceClock(.seconds(2))
    progress.advance(by: 100)
    progress.finish()
    #expect(probe.output.hasSuffix("[##############################] 100%  200/200  4.0 s\n"))
  }

  @Test func unknownTotalAndSilence() {
    let probe = ProgressProbe()
    let progress = probe.reporter(total: nil, style: .lines)
    probe.advanceClock(.seconds(6))
    progress.advance(by: 42)
    #expect(probe.output == "coupled search: 42, 6.0 s elapsed\n")
    let quiet = ProgressProbe()
    let silent = quiet.reporter(total: 10, style: .silent)
    silent.advance(by: 10)
    silent.finish()
    #expect(quiet.output.isEmpty)
  }

  @Test func concurrentUpdatesAreCounted() async {
    let probe = ProgressProbe()
    let progress = probe.reporter(total: 8000, style: .lines)
    await withTaskGroup(of: Void.self) { group in
      for _ in 0..<8 { group.addTask { for _ in 0..<1000 { progress.advance() } } }
    }
    progress.finish()
    #expect(probe.output.hasSuffix("coupled search: 8,000 of 8,000 done in 0.0 s\n"))
  }
}
