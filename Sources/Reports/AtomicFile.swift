public import Foundation

/// Writes files so that a reader never sees a half-written one.
///
/// The bytes go to a temporary file in the same folder, which is then renamed over the target (a rename
/// within one file system is atomic on POSIX). An interrupted run leaves either the old file or none.
public enum AtomicFile {
  /// Writes `data` to `path`, creating parent folders as needed.
  public static func write(_ data: Data, to path: String) throws(FileWriteError) {
    let url = URL(fileURLWithPath: path)
    let folder = url.deletingLastPathComponent()
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    } catch {
      throw FileWriteError(path: path, reason: "cannot create the folder \(folder.path)")
    }
    let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
    guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
      try? FileManager.default.removeItem(at: temporary)  // a partly written temporary file, if any
      throw FileWriteError(path: path, reason: "cannot write in \(folder.path)")
    }
    if rename(temporary.path, url.path) != 0 {
      let reason = String(cString: strerror(errno))
      try? FileManager.default.removeItem(at: temporary)
      throw FileWriteError(path: path, reason: reason)
    }
  }

  /// Writes UTF-8 text to `path`.
  public static func write(_ text: String, to path: String) throws(FileWriteError) {
    try write(Data(text.utf8), to: path)
  }
}

/// A file could not be written; the message names the file.
public struct FileWriteError: Error, Hashable, Sendable, CustomStringConvertible {
  public var path: String
  public var reason: String
  public init(path: String, reason: String) {
    self.path = path
    self.reason = reason
  }
  public var description: String { "cannot write \(path): \(reason)" }
}
