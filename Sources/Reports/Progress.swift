import SVGCharts
import Foundation

/// Progress of a long run, on standard error only, so standard output (`--format json`) stays clean.
///
/// On a terminal it redraws one line with a bar, a percentage, counts and an estimate of the time
/// left; otherwise (a log file, CI) it prints a plain line every `interval`. Safe to call from several
/// threads: updates are serialised by a lock.
///
/// ```swift
/// let progress = ProgressReporter(label: "coupled search", total: pairs)
/// for chunk in chunks { …; progress.advance(by: chunk.count) }
/// progress.finish()
/// ```
public final class ProgressReporter: @unchecked Sendable {
  // @unchecked: every mutable field is read and written under `lock`.
  public enum Style: Sendable {
    /// A redrawn bar when standard error is a terminal, plain periodic lines otherwise.
    case automatic
    case bar
    case lines
    /// Nothing at all (`--quiet`, tests).
    case silent
  }

  private let label: String
  private let total: Int?
  private let style: Style
  private let interval: Duration
  private let write: @Sendable (String) -> Void
  private let elapsed: @Sendable () -> Duration
  private let lock = NSLock()
  private var completed = 0
  private var lastOutput: Duration = .zero
  private var lastPercent = -1
  private var finished = false
  private var step = ""

  /// - Parameters:
  ///   - label: what is being done, e.g. `coupled search`.
  ///   - total: the number of steps, when known.
  ///   - interval: the spacing of plain lines (a bar redraws at most ten times a second).
  ///   - write: where text goes; standard error by default (tests pass a collector).
  ///   - elapsed: time since the start; a monotonic clock by default (tests pass a fake).
  public init(
    label: String, total: Int?, style: Style = .automatic, interval: Duration = .seconds(5),
    write: (@Sendable (String) -> Void)? = nil, elapsed: (@Sendable () -> Duration)? = nil
  ) {
    self.label = label
    self.total = total.map { max(0, $0) }
    switch style {
    case .automatic: self.style = isatty(STDERR_FILENO) == 1 ? .bar : .lines
    default: self.style = style
    }
    self.interval = interval
    self.write = write ?? { text in FileHandle.standardError.write(Data(text.utf8)) }
    if let elapsed {
      self.elapsed = elapsed
    } else {
      let clock = ContinuousClock(), start = clock.now
      self.elapsed = { clock.now - start }
    }
  }

  /// Records `steps` more steps done.
  public func advance(by steps: Int = 1) {
    lock.lock()
    defer { lock.unlock() }
    guard !finished else { return }
    completed += steps
    report(final: false)
  }

  /// Names the step now under way (shown after the counts).
  public func update(_ step: String) {
    lock.lock()
    defer { lock.unlock() }
    guard !finished else { return }
    self.step = step
    report(final: false)
  }

  /// Ends the report with a closing line (the bar's line is completed, not left half-drawn).
  public func finish() {
    lock.lock()
    defer { lock.unlock() }
    guard !finished else { return }
    finished = true
    report(final: true)
  }

  private func report(final: Bool) {
    let now = elapsed()
    switch style {
    case .silent, .automatic:
      return
    case .bar:
      let percent = total.map { $0 > 0 ? min(100, completed * 100 / $0) : 100 } ?? -1
      guard final || percent != lastPercent || now - lastOutput >= .milliseconds(100) else { return }
      lastPercent = percent
      lastOutput = now
      write("\r\u{1B}[2K" + barLine(now) + (final ? "\n" : ""))
    case .lines:
      guard final || now - lastOutput >= interval else { return }
      lastOutput = now
      write(plainLine(now, final: final) + "\n")
    }
  }

  private func barLine(_ now: Duration) -> String {
    var line = label + "  "
    if let total, total > 0 {
      let width = 30
      let filled = min(width, completed * width / total)
      line += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled) + "] "
      line += "\(min(100, completed * 100 / total))%  \(Self.count(completed))/\(Self.count(total))"
    } else {
      line += Self.count(completed)
    }
    line += "  " + Self.seconds(now)
    if let left = remaining(now) { line += ", ~" + Self.seconds(left) + " left" }
    if !step.isEmpty { line += "  " + step }
    return line
  }

  private func plainLine(_ now: Duration, final: Bool) -> String {
    if final {
      return "\(label): \(Self.count(completed))\(total.map { " of \(Self.count($0))" } ?? "") done in \(Self.seconds(now))"
    }
    var line = "\(label): \(Self.count(completed))"
    if let total, total > 0 { line += " of \(Self.count(total)) (\(min(100, completed * 100 / total)) %)" }
    line += ", \(Self.seconds(now)) elapsed"
    if let left = remaining(now) { line += ", about \(Self.seconds(left)) left" }
    if !step.isEmpty { line += ": " + step }
    return line
  }

  /// Linear extrapolation from the rate so far; `nil` until there is a rate to extrapolate.
  private func remaining(_ now: Duration) -> Duration? {
    guard let total, completed > 0, completed < total else { return nil }
    return now * (Double(total - completed) / Double(completed))
  }

  static func count(_ n: Int) -> String { ValueFormat.grouped(Int64(n)) }

  static func seconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    let value = Double(seconds) + Double(attoseconds) / 1e18
    return value < 10 ? ValueFormat.fixed(1).string(value) + " s" : ValueFormat.grouped(Int64(value.rounded())) + " s"
  }
}
