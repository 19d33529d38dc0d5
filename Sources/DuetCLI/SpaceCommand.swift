import ArgumentParser

/// `duet space`.
struct SpaceCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "space",
    abstract: "Describe, sample, lower and export search spaces.",
    discussion: """
      Example:
        duet space list
      """
  )

  func run() async throws {
    throw UserError("`duet space` is not available in this build yet")
  }
}
