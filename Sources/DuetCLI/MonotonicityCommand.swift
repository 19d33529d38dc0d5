import ArgumentParser

/// `duet monotonicity`.
struct MonotonicityCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "monotonicity",
    abstract: "Measure latency and energy rank correlation across hardware.",
    discussion: """
      Example:
        duet monotonicity --space nasbench201 --accelerators semi-decoupled-grid
      """
  )

  func run() async throws {
    throw UserError("`duet monotonicity` is not available in this build yet")
  }
}
