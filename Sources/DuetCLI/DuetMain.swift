import ArgumentParser
import Foundation
import Reports
import SpecFiles

/// An error in how Duet was called or in what it was given: printed as one line, exit status 1. The
/// library throws the same type for requests it cannot meet.
typealias UserError = InputError

/// Runs `duet` with the given arguments and returns the process exit status.
///
/// Exit statuses: 0 success (also `--help`, `--version`); 1 user error (bad arguments, bad input file,
/// unwritable output; one message on stderr); 2 internal error (a bug in Duet; please report it).
public enum DuetMain {
  /// The arguments of the `duet` invocation being run (program name excluded). Task-local, so runs in
  /// one process (the tests) each record their own command line in their reports.
  @TaskLocal static var arguments: [String] = []

  /// The command line as reports record it: `duet` and the arguments.
  static var commandLine: [String] { ["duet"] + arguments }

  public static func run(_ arguments: [String]) async -> Int32 {
    await $arguments.withValue(arguments) { await execute(arguments) }
  }

  static func execute(_ arguments: [String]) async -> Int32 {
    let command: any ParsableCommand
    do {
      command = try Duet.parseAsRoot(arguments)
    } catch {
      let code = Duet.exitCode(for: error)
      let message = Duet.fullMessage(for: error)
      if code == .success {
        print(message)
        return 0
      }
      printError(message)
      return 1
    }
    do {
      if var asyncCommand = command as? any AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        var syncCommand = command
        try syncCommand.run()
      }
      return 0
    } catch let error as SpecError {
      printError("error: \(error)")
      return 1
    } catch let error as FileWriteError {
      printError("error: \(error)")
      return 1
    } catch let error as UserError {
      printError("error: \(error)")
      return 1
    } catch let error as ValidationError {
      printError("error: \(error.message)")
      return 1
    } catch let error as ExitCode {
      return error.rawValue
    } catch {
      // `--help` on a command group and `CleanExit` arrive here rather than from parsing.
      if Duet.exitCode(for: error) == .success {
        let message = Duet.fullMessage(for: error)
        if !message.isEmpty { print(message) }
        return 0
      }
      printError("internal error: \(error)\nThis is a bug in Duet; please report it with this command line: "
                 + commandLine.joined(separator: " "))
      return 2
    }
  }

  static func printError(_ message: String) {
    FileHandle.standardError.write(Data((message.hasSuffix("\n") ? message : message + "\n").utf8))
  }
}
