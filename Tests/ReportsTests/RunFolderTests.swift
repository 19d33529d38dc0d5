import Foundation
import Testing
import TestSupport
@testable import Reports

@Suite("Run folders: data first, page last, each atomic")
struct RunFolderTests {
  static func page() -> ReportPage {
    ReportPage(title: "Run", run: RunDescription(command: ["duet", "cosearch"], duetVersion: "0.1.0", seed: 1),
               sections: [ReportSection("Only", blocks: [.paragraph("Hello.")])])
  }

  @Test func writesDataFilesAndAPageListingThem() throws {
    let folder = temporaryFolder("run-folder")
    defer { try? FileManager.default.removeItem(at: folder) }
    let files = [DataFile(name: "result.json", text: "{\"seed\": 1}\n", description: "the result"),
                 DataFile(name: "csv/pairs.csv", text: "a,b\n1,2\n", description: "every pair")]
    try RunFolder(path: folder.path).write(page: Self.page(), dataFiles: files)
    #expect(try String(contentsOf: folder.appendingPathComponent("csv/pairs.csv"), encoding: .utf8) == "a,b\n1,2\n")
    let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
    let doc = try parseXML(html)
    #expect(doc.strings("//ul[@class='files']/li/a/@href") == ["result.json", "csv/pairs.csv"])
    #expect(doc.strings("//ul[@class='files']/li/span[@class='size']") == ["(12 B)", "(8 B)"])
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(names == ["csv", "index.html", "result.json"], "no temporary files left: \(names)")
  }

  /// A failure while writing the data leaves no index.html, not even the previous run's, so a page
  /// that exists always matches the files beside it.
  @Test func interruptedWriteLeavesNoPage() throws {
    let folder = temporaryFolder("run-folder-fail")
    defer { try? FileManager.default.removeItem(at: folder) }
    let runFolder = RunFolder(path: folder.path)
    try runFolder.write(page: Self.page(), dataFiles: [DataFile(name: "result.json", text: "{}", description: "r")])
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("index.html").path))
    // A folder where a data file should go makes its rename fail midway through the run.
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("blocked.csv/inside"), withIntermediateDirectories: true)
    #expect(throws: FileWriteError.self) {
      try runFolder.write(page: Self.page(), dataFiles: [DataFile(name: "result.json", text: "{\"new\": 1}", description: "r"),
                                                         DataFile(name: "blocked.csv", text: "x", description: "b")])
    }
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("index.html").path))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".tmp") }
    #expect(leftovers.isEmpty, "\(leftovers)")
  }

  @Test(arguments: ["", "/etc/passwd", "../escape.csv", "a/../../b", "a//b", "./x", "index.html"])
  func unsafeNamesAreRefusedBeforeAnythingIsWritten(name: String) {
    let folder = temporaryFolder("run-folder-names")
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(throws: FileWriteError.self) {
      try RunFolder(path: folder.path).write(page: Self.page(), dataFiles: [DataFile(name: name, text: "x", description: "x")])
    }
    #expect(!FileManager.default.fileExists(atPath: folder.path))
  }
}
