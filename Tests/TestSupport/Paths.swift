public import Foundation

/// Where the project and the shared reference data are, for tests.
public enum TestPaths {
  /// The package root (the folder holding Package.swift).
  public static let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }  // Tests/TestSupport/Paths.swift → root
    return url
  }()

  /// A path inside the package.
  public static func project(_ relative: String) -> String {
    packageRoot.appendingPathComponent(relative).path
  }

  /// The shared reference folder: `$DUET_SHARED_DIR`, else `../shared` beside the checkout. `nil` when
  /// absent (a user's fresh clone): tests that need it skip with a visible note.
  public static let shared: URL? = {
    if let env = ProcessInfo.processInfo.environment["DUET_SHARED_DIR"], !env.isEmpty {
      let url = URL(fileURLWithPath: env)
      return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }
    let url = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: url.appendingPathComponent("reference").path) ? url : nil
  }()

  /// A path inside `../shared`, or `nil` (with a note on stderr) when the reference data is absent.
  public static func shared(_ relative: String) -> String? {
    guard let shared else {
      note("../shared is absent: skipping the check that reads \(relative)")
      return nil
    }
    let path = shared.appendingPathComponent(relative).path
    guard FileManager.default.fileExists(atPath: path) else {
      note("\(path) is absent: skipping the check that reads it")
      return nil
    }
    return path
  }

  /// Prints a note that shows in the test log.
  public static func note(_ text: String) {
    FileHandle.standardError.write(Data("note: \(text)\n".utf8))
  }
}
