import Foundation
import Testing
@testable import SpecFiles

@Suite("YAML loading errors carry file, line, column and key path")
struct SpecDocumentTests {
  func errorText(_ text: String, kinds: [String] = ["accelerator"]) -> String? {
    do {
      let (_, root) = try SpecDocument.header(of: try SpecDocument.parse(text, file: "accelerators/x.yaml"), kinds: kinds)
      let noc = try root.required("noc_bw")
      _ = try noc.positiveDouble()
      try root.rejectUnknownKeys(allowed: ["schema", "kind", "noc_bw", "offchip_bw"])
      return nil
    } catch {
      return error.description
    }
  }

  @Test func wrongType() {
    #expect(errorText("schema: duet/v1\nkind: accelerator\nnoc_bw: fast\n")
      == "accelerators/x.yaml:3:9: noc_bw: expected a positive number, got fast")
    #expect(errorText("schema: duet/v1\nkind: accelerator\nnoc_bw: \"300\"\n")
      == "accelerators/x.yaml:3:9: noc_bw: expected a positive number, got \"300\"")
    #expect(errorText("schema: duet/v1\nkind: accelerator\nnoc_bw: -2\n")
      == "accelerators/x.yaml:3:9: noc_bw: expected a positive number, got -2")
    #expect(errorText("schema: duet/v1\nkind: accelerator\nnoc_bw: .nan\n")
      == "accelerators/x.yaml:3:9: noc_bw: expected a positive number, got .nan")
  }

  @Test func missingKey() {
    #expect(errorText("schema: duet/v1\nkind: accelerator\noffchip_bw: 50\n")
      == "accelerators/x.yaml:1:1: noc_bw: missing required key")
    #expect(errorText("kind: accelerator\n") == "accelerators/x.yaml:1:1: schema: missing required key")
  }

  @Test func unknownKeyWithSuggestion() {
    #expect(errorText("schema: duet/v1\nkind: accelerator\nnoc_bw: 300\nofchip_bw: 50\n")
      == "accelerators/x.yaml:4:1: ofchip_bw: unknown key (did you mean \"offchip_bw\"?)")
    #expect(errorText("schema: duet/v1\nkind: accelerator\nnoc_bw: 300\nzzz: 50\n")
      == "accelerators/x.yaml:4:1: zzz: unknown key; allowed keys here: schema, kind, noc_bw, offchip_bw")
  }

  @Test func schemaAndKind() {
    #expect(errorText("schema: duet/v2\nkind: accelerator\nnoc_bw: 3\n")
      == "accelerators/x.yaml:1:9: schema: unsupported schema \"duet/v2\"; this version of Duet reads \"duet/v1\"")
    #expect(errorText("schema: duet/v1\nkind: acelerator\nnoc_bw: 3\n")
      == "accelerators/x.yaml:2:7: kind: expected \"accelerator\", got \"acelerator\" (did you mean \"accelerator\"?)")
  }

  @Test func badIndentation() {
    let message = errorText("schema: duet/v1\nkind: accelerator\nnoc_bw:\n  a: 1\n b: 2\n")
    #expect(message?.hasPrefix("accelerators/x.yaml:5:2: invalid YAML: ") == true, "\(message ?? "nil")")
  }

  @Test func emptyFile() {
    #expect(errorText("") == "accelerators/x.yaml:1:1: the file is empty; expected a YAML mapping starting with `schema: duet/v1`")
    #expect(errorText("# only a comment\n") == "accelerators/x.yaml:1:1: the file is empty; expected a YAML mapping starting with `schema: duet/v1`")
  }

  @Test func notAMapping() {
    #expect(errorText("- 1\n- 2\n") == "accelerators/x.yaml:1:1: expected a mapping (key: value lines), got a list")
  }

  @Test func duplicateKey() {
    let message = errorText("schema: duet/v1\nkind: accelerator\nnoc_bw: 3\nnoc_bw: 4\n")
    #expect(message?.contains("duplicate key") == true, "\(message ?? "nil")")
    #expect(message?.hasPrefix("accelerators/x.yaml:") == true)
  }

  @Test func binaryGarbage() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("duet-spec-\(UInt64.random(in: 0...UInt64.max))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let invalidUTF8 = dir.appendingPathComponent("garbage.yaml")
    try Data([0xFF, 0xFE, 0x00, 0x81, 0xC3, 0x28, 0x9F]).write(to: invalidUTF8)
    #expect(throws: SpecError(file: invalidUTF8.path, problem: "this is not UTF-8 text (binary data?); expected YAML")) {
      try SpecDocument.load(path: invalidUTF8.path)
    }
    let nul = dir.appendingPathComponent("nul.yaml")
    try Data([0x61, 0x3A, 0x00, 0x62]).write(to: nul)
    #expect(throws: SpecError(file: nul.path, problem: "this is not a text file (it contains NUL bytes); expected YAML")) {
      try SpecDocument.load(path: nul.path)
    }
    #expect(throws: SpecError(file: dir.appendingPathComponent("missing.yaml").path, problem: "no such file")) {
      try SpecDocument.load(path: dir.appendingPathComponent("missing.yaml").path)
    }
  }

  @Test func controlCharacters() {
    // LibYAML rejects non-printable characters; the message keeps a position.
    let message = errorText("schema: duet/v1\nkind: accelerator\nnoc_bw: \u{07}\n")
    #expect(message?.hasPrefix("accelerators/x.yaml") == true)
  }

  @Test func integers() throws {
    let root = try SpecDocument.parse("a: 64\nb: 64.5\nc: 99999999999999999999999\nd: true\n", file: "f").mapping()
    #expect(try root.required("a").int() == 64)
    #expect(throws: SpecError(file: "f", line: 2, column: 4, keyPath: "b", problem: "expected an integer, got 64.5")) {
      try root.required("b").int()
    }
    #expect(throws: SpecError.self) { try root.required("c").int() }
    #expect(try root.required("d").bool() == true)
    #expect(throws: SpecError(file: "f", line: 1, column: 4, keyPath: "a", problem: "expected a string, got 64")) {
      try root.required("a").string()
    }
  }

  @Test func suggestions() {
    #expect(nearestSpelling(to: "nocbw", among: ["noc_bw", "offchip_bw"]) == "noc_bw")
    #expect(nearestSpelling(to: "zzzzzz", among: ["noc_bw"]) == nil)
    #expect(editDistance("kitten", "sitting") == 3)
  }
}
