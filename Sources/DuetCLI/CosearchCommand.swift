import ArgumentParser

/// `duet cosearch`.
struct CosearchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "cosearch",
    abstract: "Run co-search",
    discussion: """
      Example:
         semi-decoupled against fully coupled and fully decoupled.:duet cosearch
      """
  )

  func run() async throws {
    throw UserError("`duet cosearch` is not available in this build yet")
  }
}
