import Foundation

/// A CSV file read into memory: a header and rows of fields, with positions for error messages.
///
/// Handles RFC 4180 quoting (`"a,b"`, doubled quotes), `\r\n` line ends and a trailing newline. Used for
/// accuracy tables, measured-device tables and reference data.
public struct CSVTable: Sendable {
  public let file: String
  public let header: [String]
  public let rows: [[String]]
  /// The 1-based file line of each row (rows can span lines when quoted fields hold newlines).
  public let lines: [Int]

  public init(text: String, file: String) throws(SpecError) {
    var records: [[String]] = []
    var recordLines: [Int] = []
    var field = ""
    var record: [String] = []
    var inQuotes = false
    var line = 1
    var recordLine = 1
    var iterator = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    func next() -> Unicode.Scalar? {
      if let p = pending { pending = nil; return p }
      return iterator.next()
    }
    while let c = next() {
      if inQuotes {
        if c == "\"" {
          if let n = next() {
            if n == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = n }
          } else { inQuotes = false }
        } else {
          if c == "\n" { line += 1 }
          field.unicodeScalars.append(c)
        }
        continue
      }
      switch c {
      case "\"" where field.isEmpty: inQuotes = true
      case ",": record.append(field); field = ""
      case "\r": continue
      case "\n":
        record.append(field); field = ""
        if !(record.count == 1 && record[0].isEmpty) { records.append(record); recordLines.append(recordLine) }
        record = []
        line += 1
        recordLine = line
      default: field.unicodeScalars.append(c)
      }
    }
    if inQuotes { throw SpecError(file: file, line: recordLine, problem: "unterminated quoted field") }
    if !field.isEmpty || !record.isEmpty {
      record.append(field)
      records.append(record)
      recordLines.append(recordLine)
    }
    guard let header = records.first else { throw SpecError(file: file, line: 1, problem: "the CSV file is empty") }
    self.file = file
    self.header = header
    self.rows = Array(records.dropFirst())
    self.lines = Array(recordLines.dropFirst())
    for (index, row) in rows.enumerated() where row.count != header.count {
      throw SpecError(file: file, line: lines[index],
                      problem: "expected \(header.count) fields as in the header, found \(row.count)")
    }
  }

  /// Reads a CSV file (plain, or gzip-compressed when the name ends in `.gz`).
  public init(path: String) throws(SpecError) {
    let data: Data
    do {
      if path.hasSuffix(".gz") {
        data = try Self.gunzip(path: path)
      } else {
        data = try Data(contentsOf: URL(fileURLWithPath: path))
      }
    } catch {
      throw SpecError(file: path, problem: FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw SpecError(file: path, problem: "this is not UTF-8 text")
    }
    try self.init(text: text, file: path)
  }

  /// The index of a column; a missing column is an error naming the columns present.
  public func column(_ name: String) throws(SpecError) -> Int {
    guard let index = header.firstIndex(of: name) else {
      var message = "missing column \"\(name)\""
      if let hint = nearestSpelling(to: name, among: header) { message += " (did you mean \"\(hint)\"?)" }
      throw SpecError(file: file, line: 1, problem: message)
    }
    return index
  }

  /// A numeric field; an unparsable value is an error naming row and column.
  public func double(row: Int, column: Int) throws(SpecError) -> Double {
    // Most fields have no surrounding blanks: parse them as they are (Foundation's trimming is slow).
    let field = rows[row][column]
    guard let value = Double(field) ?? Double(field.trimmingCharacters(in: .whitespaces)), value.isFinite else {
      throw SpecError(file: file, line: lines[row], keyPath: header[column],
                      problem: "expected a number, got \"\(rows[row][column])\"")
    }
    return value
  }

  // Decompression goes through the system's gzip so no zlib binding is needed; used for reference
  // tables in tests only (the product ships no compressed file).
  static func gunzip(path: String) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", "exec gzip -dc \"$0\"", path]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile) }
    return data
  }
}
