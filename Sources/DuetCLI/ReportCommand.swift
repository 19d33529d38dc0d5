import ArgumentParser

/// `duet report`.
struct ReportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Regenerate the HTML report of a run folder.",
    discussion: """
      Example:
        duet report reports/cosearch-nasbench201
      """
  )

  func run() async throws {
    throw UserError("`duet report` is not available in this build yet")
  }
}
