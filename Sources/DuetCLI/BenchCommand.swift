import ArgumentParser

/// `duet bench`.
struct BenchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Print speed figures of Duet's hot paths (release build, one core).",
    discussion: """
      Example:
        duet bench cost-model
      """
  )

  func run() async throws {
    throw UserError("`duet bench` is not available in this build yet")
  }
}
