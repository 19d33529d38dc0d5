import Foundation
import TestSupport
import Testing
@testable import DuetCLI

@Suite("duet exit codes and help")
struct ExitCodeTests {
  @Test func helpAndVersionSucceed() async {
    #expect(await DuetMain.run(["--help"]) == 0)
    #expect(await DuetMain.run(["--version"]) == 0)
    for sub in ["cost", "space", "cosearch", "monotonicity", "adapt", "report", "bench"] {
      #expect(await DuetMain.run([sub, "--help"]) == 0, "\(sub) --help")
    }
  }

  @Test func everySubcommandHelpHasAnExample() {
    for command in Duet.configuration.subcommands {
      #expect(command.configuration.discussion.contains("duet \(command._commandName)"),
              "\(command._commandName) help has no worked example")
    }
  }

  @Test func userErrorsExitWithOne() async {
    #expect(await DuetMain.run(["no-such-command"]) == 1)
    #expect(await DuetMain.run(["cost", "--workload", "/no/such/file.yaml"]) == 1)
    #expect(await DuetMain.run(["cost"]) == 1)  // missing --workload
  }

  @Test func costPricesAShippedWorkload() async {
    #expect(await DuetMain.run(["cost", "--workload", TestPaths.project("workloads/mobilenetv2.yaml")]) == 0)
  }
}
