import Testing
@testable import SpecFiles

@Suite("CSV tables")
struct CSVTableTests {
  @Test func quotingAndLineEnds() throws {
    let table = try CSVTable(text: "a,b,c\r\n1,\"x,y\",\"he said \"\"hi\"\"\"\r\n2,,3\n", file: "t.csv")
    #expect(table.header == ["a", "b", "c"])
    #expect(table.rows == [["1", "x,y", "he said \"hi\""], ["2", "", "3"]])
    #expect(table.lines == [2, 3])
    #expect(try table.double(row: 1, column: 2) == 3)
  }

  @Test func numbersWithSurroundingBlanksAndNonFiniteValues() throws {
    let table = try CSVTable(text: "a,b,c,d\n 2.5 ,1e-3,inf,nan\n", file: "t.csv")
    #expect(try table.double(row: 0, column: 0) == 2.5)
    #expect(try table.double(row: 0, column: 1) == 1e-3)
    for column in [2, 3] {
      #expect(throws: SpecError.self) { try table.double(row: 0, column: column) }
    }
  }

  @Test func errors() {
    #expect(throws: SpecError(file: "t.csv", line: 3, problem: "expected 2 fields as in the header, found 3")) {
      try CSVTable(text: "a,b\n1,2\n1,2,3\n", file: "t.csv")
    }
    #expect(throws: SpecError(file: "t.csv", line: 1, problem: "the CSV file is empty")) {
      try CSVTable(text: "", file: "t.csv")
    }
    #expect(throws: SpecError(file: "t.csv", line: 2, keyPath: "b", problem: "expected a number, got \"x\"")) {
      let t = try CSVTable(text: "a,b\n1,x\n", file: "t.csv")
      _ = try t.double(row: 0, column: 1)
    }
    #expect(throws: SpecError(file: "t.csv", line: 1, problem: "missing column \"bb\" (did you mean \"b\"?)")) {
      let t = try CSVTable(text: "a,b\n1,x\n", file: "t.csv")
      _ = try t.column("bb")
    }
  }
}
