import Foundation
import Testing
@testable import Reports

@Suite("Atomic writes and CSV text")
struct AtomicFileTests {
  @Test func writeReplacesWholeFile() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("duet-atomic-\(UInt64.random(in: 0...UInt64.max))")
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("sub/out.csv").path
    try AtomicFile.write("a,b\n1,2\n", to: path)
    try AtomicFile.write("a\n", to: path)
    #expect(try String(contentsOfFile: path, encoding: .utf8) == "a\n")
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("sub").path)
    #expect(leftovers == ["out.csv"])
  }

  @Test func unwritableFolderIsAnError() {
    #expect(throws: FileWriteError.self) { try AtomicFile.write("x", to: "/proc/duet-cannot-write/x.csv") }
  }

  @Test func csvEscaping() {
    var csv = CSVWriter(header: ["name", "value"])
    csv.append(["a,b", "say \"hi\""])
    csv.append(["plain", "1"])
    #expect(csv.text == "name,value\n\"a,b\",\"say \"\"hi\"\"\"\nplain,1\n")
  }

  @Test func numbers() {
    #expect(NumberFormat.exact(3) == "3")
    #expect(NumberFormat.exact(0.1) == "0.1")
    #expect(NumberFormat.exact(.nan) == "nan")
    #expect(NumberFormat.exact(1e20) == "1e+20")
  }
}
