public import SVGCharts

/// A self-contained HTML report: a title, a one-paragraph answer, sections of charts, tables and text,
/// what was run, and links to the data files beside it.
///
/// The page has inline CSS and inline SVG only: no scripts, no fonts or images fetched from anywhere, so
/// it opens offline in any browser. It is also well-formed XML (XHTML-compatible syntax), which the
/// tests check by parsing it. The same page value always gives the same bytes; nothing time-dependent
/// appears unless the caller passes it in (`RunDescription.startedAt`).
///
/// ```swift
/// let page = ReportPage(
///   title: "Co-search on NAS-Bench-201 (CIFAR-10)",
///   summary: "Semi-decoupled found the coupled optimum with 115× fewer evaluations.",
///   run: RunDescription(command: CommandLine.arguments, duetVersion: "0.1.0", seed: 2),
///   sections: [ReportSection("Accuracy against cost", blocks: [.chart(.xy(chart), howToRead: "…")])])
/// try RunFolder(path: "reports/cosearch").write(page: page, dataFiles: files)
/// ```
public struct ReportPage: Hashable, Sendable {
  public var title: String
  /// The answer at a glance: one short paragraph under the title.
  public var summary: String?
  public var run: RunDescription
  public var sections: [ReportSection]
  /// The data files beside the page; ``RunFolder`` fills this from the files it writes.
  public var files: [LinkedFile]

  public init(title: String, summary: String? = nil, run: RunDescription, sections: [ReportSection], files: [LinkedFile] = []) {
    self.title = title
    self.summary = summary
    self.run = run
    self.sections = sections
    self.files = files
  }
}

/// What produced a report: the exact command, Duet's version, the seed, what it ran on, and the
/// conventions every number depends on.
public struct RunDescription: Hashable, Sendable, Codable {
  /// The command line as run, program name first (shown shell-quoted, so it can be pasted back).
  public var command: [String]
  public var duetVersion: String
  public var seed: UInt64?
  /// What the run was about: space, accuracy source, hardware set, target, constraints.
  public var facts: [Fact]
  /// The conventions the numbers depend on (padding, how pooling is priced, energy definition, …).
  public var conventions: [Fact]
  /// When the run started, as the caller wants it shown; `nil` keeps the page free of timestamps.
  public var startedAt: String?

  public init(command: [String], duetVersion: String, seed: UInt64? = nil, facts: [Fact] = [], conventions: [Fact] = [], startedAt: String? = nil) {
    self.command = command
    self.duetVersion = duetVersion
    self.seed = seed
    self.facts = facts
    self.conventions = conventions
    self.startedAt = startedAt
  }

  /// The command line, shell-quoted.
  public var commandLine: String { command.map(ShellQuote.quote).joined(separator: " ") }
}

/// A named value shown as a definition (`Search space: NAS-Bench-201, 15,625 architectures`).
public struct Fact: Hashable, Sendable, Codable {
  public var name: String
  public var value: String

  public init(_ name: String, _ value: String) {
    self.name = name
    self.value = value
  }
}

/// A section of the page: a heading, an optional introduction, then blocks in order.
public struct ReportSection: Hashable, Sendable {
  public var heading: String
  public var introduction: String?
  public var blocks: [ReportBlock]

  public init(_ heading: String, introduction: String? = nil, blocks: [ReportBlock]) {
    self.heading = heading
    self.introduction = introduction
    self.blocks = blocks
  }
}

/// One piece of a section.
public enum ReportBlock: Hashable, Sendable {
  case paragraph(String)
  /// A key finding, set off from the text.
  case callout(String)
  /// A chart with one sentence on how to read it (required: a chart nobody can read is noise).
  case chart(Chart, howToRead: String)
  /// Small multiples side by side (e.g. one heatmap per dataflow), with one sentence for the group.
  case chartGrid([Chart], howToRead: String)
  case table(ReportTable)
  case facts([Fact])
}

/// A data file beside the page.
public struct LinkedFile: Hashable, Sendable, Codable {
  /// The path relative to the page (`result.json`, `csv/pairs.csv`).
  public var name: String
  /// What the file holds, one sentence with units.
  public var description: String
  public var byteCount: Int?

  public init(name: String, description: String, byteCount: Int? = nil) {
    self.name = name
    self.description = description
    self.byteCount = byteCount
  }
}

/// Quoting for POSIX shells, so a shown command can be pasted back.
public enum ShellQuote {
  /// `arg` unchanged when it holds only safe characters, else in single quotes.
  public static func quote(_ argument: String) -> String {
    let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_@%+=:,./-")
    if !argument.isEmpty && argument.allSatisfy({ safe.contains($0) }) { return argument }
    return "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
