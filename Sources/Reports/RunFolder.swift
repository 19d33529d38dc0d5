public import Foundation

/// A run's report folder: the data files and `index.html` drawn from them.
///
/// Writing order is what makes an interrupted report safe: any old `index.html` is removed first, the
/// data files are written (each atomically), and `index.html` is written last (atomically). So if an
/// `index.html` exists, it is complete and matches the files beside it; an interruption leaves at
/// worst data files without a page, which `duet report <run>` can regenerate.
public struct RunFolder: Sendable {
  public let path: String

  public init(path: String) { self.path = path }

  /// The page's file name.
  public static let pageName = "index.html"

  /// Files whose contents vary between runs of the same command (wall times): the page shows no size
  /// for them, so it stays byte-identical apart from the wall times themselves.
  public static let machineDependentFiles: Set<String> = ["timings.json", "timings.csv"]

  static func shownSize(_ name: String, _ bytes: Int) -> Int? { machineDependentFiles.contains(name) ? nil : bytes }

  /// Writes `dataFiles`, then the page (with its data-file list filled from `dataFiles`).
  ///
  /// - Throws: `FileWriteError` naming the file, when a name is unsafe (absolute, `..`, empty, or the
  ///   page's own name) or a write fails; files written before the failure stay, `index.html` does not.
  public func write(page: ReportPage, dataFiles: [DataFile]) throws(FileWriteError) {
    for file in dataFiles { try Self.checkName(file.name) }
    let folder = URL(fileURLWithPath: path)
    let pagePath = folder.appendingPathComponent(Self.pageName).path
    if FileManager.default.fileExists(atPath: pagePath) {
      do { try FileManager.default.removeItem(atPath: pagePath) } catch {
        throw FileWriteError(path: pagePath, reason: "cannot remove the previous page")
      }
    }
    // A previous run in the same folder: remove the data files it listed that this run does not write,
    // so no stale file sits beside the new page. Only files the old run.json names are touched.
    let recordPath = folder.appendingPathComponent(RunRecord.fileName).path
    if let data = FileManager.default.contents(atPath: recordPath),
      let previous = try? ReportJSON.decode(RunRecord.self, from: data)
    {
      let keep = Set(dataFiles.map(\.name))
      for old in previous.files where !keep.contains(old.name) {
        guard (try? Self.checkName(old.name)) != nil else { continue }
        try? FileManager.default.removeItem(atPath: folder.appendingPathComponent(old.name).path)
      }
    }
    for file in dataFiles {
      try AtomicFile.write(file.contents, to: folder.appendingPathComponent(file.name).path)
    }
    var page = page
    page.files = dataFiles.map { LinkedFile(name: $0.name, description: $0.description, byteCount: Self.shownSize($0.name, $0.contents.count)) }
    try AtomicFile.write(page.html(), to: pagePath)
  }

  /// Writes only the page, for data files already in the folder (`duet report <run>`): the page lists
  /// `files` with their sizes on disk, as ``write(page:dataFiles:)`` listed them when it wrote them.
  ///
  /// - Throws: `FileWriteError` when a listed file is missing or unsafe, or the page cannot be written.
  public func writePage(_ page: ReportPage, files: [RunRecord.File]) throws(FileWriteError) {
    let folder = URL(fileURLWithPath: path)
    var page = page
    page.files = []
    for file in files {
      try Self.checkName(file.name)
      let filePath = folder.appendingPathComponent(file.name).path
      guard let size = (try? FileManager.default.attributesOfItem(atPath: filePath))?[.size] as? NSNumber else {
        throw FileWriteError(path: filePath, reason: "a data file the run lists is missing; the page would link to nothing")
      }
      page.files.append(LinkedFile(name: file.name, description: file.description, byteCount: Self.shownSize(file.name, size.intValue)))
    }
    try AtomicFile.write(page.html(), to: folder.appendingPathComponent(Self.pageName).path)
  }

  static func checkName(_ name: String) throws(FileWriteError) {
    let parts = name.split(separator: "/", omittingEmptySubsequences: false)
    if name.isEmpty || name.hasPrefix("/") || parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
      throw FileWriteError(path: name, reason: "a data file needs a relative path inside the run folder")
    }
    if name == pageName {
      throw FileWriteError(path: name, reason: "\(pageName) is the report page itself")
    }
  }
}

/// A file written beside the page: its path relative to the run folder, its bytes, and one sentence
/// (with units) on what it holds, shown in the page's list of data files.
public struct DataFile: Hashable, Sendable {
  public var name: String
  public var contents: Data
  public var description: String

  public init(name: String, contents: Data, description: String) {
    self.name = name
    self.contents = contents
    self.description = description
  }

  public init(name: String, text: String, description: String) {
    self.init(name: name, contents: Data(text.utf8), description: description)
  }
}
