import ArgumentParser

/// `duet adapt`.
struct AdaptCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "adapt",
    abstract: "Adapt a proxy's latency predictor to a target device from a few measurements.",
    discussion: """
      Example:
        duet adapt --table devices.csv --proxy pixel3 --target raspi4
      """
  )

  func run() async throws {
    throw UserError("`duet adapt` is not available in this build yet")
  }
}
