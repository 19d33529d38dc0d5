import Foundation
import SpecFiles

// The small arithmetic language of space files: layer templates say `K: "C_in * expand"` or
// `when: "stride == 1 and C_in == C_out"`. Python-like so that formulas read as in the papers' code:
// `//` floors, `/` divides exactly (a fractional channel count is an error, never silently truncated),
// `round` rounds halves to even as Python 3 does (OFA computes `round(C_in * expand)`).

/// A value in a template expression: an integer, a real number or a truth value.
enum TemplateValue: Hashable, Sendable, Codable, CustomStringConvertible {
  case int(Int)
  case double(Double)
  case bool(Bool)

  var description: String {
    switch self {
    case .int(let v): "\(v)"
    case .double(let v): "\(v)"
    case .bool(let v): v ? "true" : "false"
    }
  }

  /// The value as a real number, or `nil` for a truth value.
  var real: Double? {
    switch self {
    case .int(let v): Double(v)
    case .double(let v): v
    case .bool: nil
    }
  }
}

/// Why an expression could not be evaluated; the caller adds the file position.
struct TemplateEvaluationError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// A parsed expression.
indirect enum TemplateExpression: Sendable, Hashable {
  case literal(TemplateValue)
  case variable(String)
  case negate(TemplateExpression)
  case not(TemplateExpression)
  case binary(BinaryOperator, TemplateExpression, TemplateExpression)
  case call(Function, [TemplateExpression])

  enum BinaryOperator: String, Sendable, Hashable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", floorDivide = "//", remainder = "%"
    case equal = "==", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case and, or
  }

  /// The built-in functions.
  enum Function: String, Sendable, Hashable, CaseIterable {
    /// `make_divisible(v, d)`: nearest multiple of d (halves up, at least d), plus d if that lost
    /// more than 10 % (MobileNet / OFA / AttentiveNAS channel rounding).
    case makeDivisible = "make_divisible"
    /// Python 3 `round`: to the nearest integer, halves to even.
    case round
    case ceil, floor, min, max, abs
    /// `int(x)`: truncate toward zero, as Python's `int`.
    case int
    /// `if(condition, a, b)`.
    case `if`

    var arity: ClosedRange<Int> {
      switch self {
      case .makeDivisible: 2...2
      case .round, .ceil, .floor, .abs, .int: 1...1
      case .min, .max: 2...8
      case .if: 3...3
      }
    }
  }

  /// Every variable the expression reads.
  var variables: [String] {
    switch self {
    case .literal: []
    case .variable(let name): [name]
    case .negate(let e), .not(let e): e.variables
    case .binary(_, let a, let b): a.variables + b.variables
    case .call(_, let args): args.flatMap(\.variables)
    }
  }

  /// Evaluates the expression; `lookup` returns a variable's value or `nil` when it is unknown.
  func evaluate(_ lookup: (String) -> TemplateValue?) throws(TemplateEvaluationError) -> TemplateValue {
    switch self {
    case .literal(let v):
      return v
    case .variable(let name):
      guard let v = lookup(name) else { throw TemplateEvaluationError("unknown name \"\(name)\"") }
      return v
    case .negate(let e):
      switch try e.evaluate(lookup) {
      case .int(let v): return .int(-v)
      case .double(let v): return .double(-v)
      case .bool: throw TemplateEvaluationError("cannot negate a truth value")
      }
    case .not(let e):
      return .bool(!(try e.evaluate(lookup).truth()))
    case .binary(let op, let a, let b):
      if op == .and || op == .or {
        // Short-circuit, as Python: `b` is only evaluated when `a` does not decide.
        let left = try a.evaluate(lookup).truth()
        if left == (op == .or) { return .bool(left) }
        return .bool(try b.evaluate(lookup).truth())
      }
      return try Self.apply(op, try a.evaluate(lookup), try b.evaluate(lookup))
    case .call(let function, let args):
      var values: [TemplateValue] = []
      for arg in args { values.append(try arg.evaluate(lookup)) }
      return try Self.call(function, values)
    }
  }

  static func apply(_ op: BinaryOperator, _ a: TemplateValue, _ b: TemplateValue) throws(TemplateEvaluationError) -> TemplateValue {
    switch op {
    case .equal, .notEqual:
      let same: Bool
      switch (a, b) {
      case (.bool(let x), .bool(let y)): same = x == y
      case (.bool, _), (_, .bool): throw TemplateEvaluationError("cannot compare a truth value with a number")
      default: same = a.real! == b.real!
      }
      return .bool(op == .equal ? same : !same)
    default: break
    }
    if case .int(let x) = a, case .int(let y) = b {
      switch op {
      case .add: return .int(x + y)
      case .subtract: return .int(x - y)
      case .multiply: return .int(x * y)
      case .floorDivide, .remainder:
        guard y != 0 else { throw TemplateEvaluationError("division by zero") }
        let q = Int((Double(x) / Double(y)).rounded(.down))
        return .int(op == .floorDivide ? q : x - q * y)
      case .divide:
        guard y != 0 else { throw TemplateEvaluationError("division by zero") }
        return x % y == 0 ? .int(x / y) : .double(Double(x) / Double(y))
      case .less: return .bool(x < y)
      case .lessOrEqual: return .bool(x <= y)
      case .greater: return .bool(x > y)
      case .greaterOrEqual: return .bool(x >= y)
      case .equal, .notEqual, .and, .or: break
      }
    }
    guard let x = a.real, let y = b.real else {
      throw TemplateEvaluationError("`\(op.rawValue)` needs numbers, not truth values")
    }
    switch op {
    case .add: return .double(x + y)
    case .subtract: return .double(x - y)
    case .multiply: return .double(x * y)
    case .divide:
      guard y != 0 else { throw TemplateEvaluationError("division by zero") }
      return .double(x / y)
    case .floorDivide:
      guard y != 0 else { throw TemplateEvaluationError("division by zero") }
      return .int(Int((x / y).rounded(.down)))
    case .remainder:
      guard y != 0 else { throw TemplateEvaluationError("division by zero") }
      return .double(x - (x / y).rounded(.down) * y)
    case .less: return .bool(x < y)
    case .lessOrEqual: return .bool(x <= y)
    case .greater: return .bool(x > y)
    case .greaterOrEqual: return .bool(x >= y)
    case .equal, .notEqual, .and, .or: fatalError("handled above")
    }
  }

  static func call(_ function: Function, _ values: [TemplateValue]) throws(TemplateEvaluationError) -> TemplateValue {
    func number(_ i: Int) throws(TemplateEvaluationError) -> Double {
      guard let v = values[i].real else { throw TemplateEvaluationError("\(function.rawValue) needs numbers") }
      return v
    }
    func integral(_ x: Double) -> TemplateValue { .int(Int(x)) }
    switch function {
    case .makeDivisible:
      let v = try number(0), d = try number(1)
      guard d > 0 else { throw TemplateEvaluationError("make_divisible needs a positive divisor") }
      var result = Swift.max(d, ((v + d / 2) / d).rounded(.down) * d)
      if result < 0.9 * v { result += d }
      return integral(result)
    case .round:
      return integral(try number(0).rounded(.toNearestOrEven))
    case .ceil:
      return integral(try number(0).rounded(.up))
    case .floor:
      return integral(try number(0).rounded(.down))
    case .int:
      return integral(try number(0).rounded(.towardZero))
    case .abs:
      if case .int(let v) = values[0] { return .int(Swift.abs(v)) }
      return .double(Swift.abs(try number(0)))
    case .min, .max:
      var best = values[0]
      for i in 0..<values.count {
        let v = try number(i)
        let b = best.real ?? v
        if function == .min ? v < b : v > b { best = values[i] }
      }
      return best
    case .if:
      return try values[0].truth() ? values[1] : values[2]
    }
  }
}

extension TemplateValue {
  func truth() throws(TemplateEvaluationError) -> Bool {
    guard case .bool(let v) = self else { throw TemplateEvaluationError("expected true or false, got \(self)") }
    return v
  }

  /// The value as an exact integer; a fractional value is an error (e.g. an odd channel count halved).
  func integer() throws(TemplateEvaluationError) -> Int {
    switch self {
    case .int(let v): return v
    case .double(let v):
      guard v == v.rounded(), v.isFinite, Swift.abs(v) < 1e15 else {
        throw TemplateEvaluationError("expected a whole number, got \(v)")
      }
      return Int(v)
    case .bool: throw TemplateEvaluationError("expected a number, got \(self)")
    }
  }
}

// MARK: - Parsing

/// Why text is not an expression, with the 0-based character offset of the problem.
struct TemplateSyntaxError: Error {
  var offset: Int
  var problem: String
}

extension TemplateExpression {
  /// Parses expression text (`C_in * expand`, `make_divisible(C // 4, 8)`, `stride == 1 and C_in == C_out`).
  init(parsing text: String) throws(TemplateSyntaxError) {
    var parser = ExpressionParser(text: text)
    self = try parser.parseWhole()
  }
}

private struct ExpressionParser {
  enum Token: Equatable {
    case number(TemplateValue)
    case name(String)
    case symbol(String)
    case end
  }

  let characters: [Character]
  var tokens: [(token: Token, offset: Int)] = []
  var position = 0

  init(text: String) { characters = Array(text) }

  mutating func tokenize() throws(TemplateSyntaxError) {
    var i = 0
    let symbols = ["//", "==", "!=", "<=", ">=", "&&", "||", "+", "-", "*", "/", "%", "<", ">", "(", ")", ",", "!"]
    while i < characters.count {
      let c = characters[i]
      if c == " " || c == "\t" { i += 1; continue }
      if c.isNumber {
        let start = i
        while i < characters.count, characters[i].isNumber || characters[i] == "." { i += 1 }
        let text = String(characters[start..<i])
        if let v = Int(text) {
          tokens.append((.number(.int(v)), start))
        } else if let v = Double(text) {
          tokens.append((.number(.double(v)), start))
        } else {
          throw TemplateSyntaxError(offset: start, problem: "\"\(text)\" is not a number")
        }
        continue
      }
      if c.isLetter || c == "_" {
        let start = i
        while i < characters.count, characters[i].isLetter || characters[i].isNumber || characters[i] == "_" { i += 1 }
        tokens.append((.name(String(characters[start..<i])), start))
        continue
      }
      if let symbol = symbols.first(where: { s in
        let chars = Array(s)
        return i + chars.count <= characters.count && Array(characters[i..<i + chars.count]) == chars
      }) {
        tokens.append((.symbol(symbol), i))
        i += symbol.count
        continue
      }
      throw TemplateSyntaxError(offset: i, problem: "unexpected character \"\(c)\"")
    }
    tokens.append((.end, characters.count))
  }

  var current: Token { tokens[position].token }
  var offset: Int { tokens[position].offset }

  mutating func parseWhole() throws(TemplateSyntaxError) -> TemplateExpression {
    try tokenize()
    if current == .end { throw TemplateSyntaxError(offset: 0, problem: "empty expression") }
    let e = try parseOr()
    guard current == .end else { throw TemplateSyntaxError(offset: offset, problem: "unexpected \(describe(current))") }
    return e
  }

  func describe(_ token: Token) -> String {
    switch token {
    case .number(let v): "number \(v)"
    case .name(let n): "\"\(n)\""
    case .symbol(let s): "\"\(s)\""
    case .end: "end of expression"
    }
  }

  mutating func accept(_ symbol: String) -> Bool {
    if current == .symbol(symbol) || current == .name(symbol) { position += 1; return true }
    return false
  }

  mutating func parseOr() throws(TemplateSyntaxError) -> TemplateExpression {
    var e = try parseAnd()
    while accept("or") || accept("||") { e = .binary(.or, e, try parseAnd()) }
    return e
  }

  mutating func parseAnd() throws(TemplateSyntaxError) -> TemplateExpression {
    var e = try parseNot()
    while accept("and") || accept("&&") { e = .binary(.and, e, try parseNot()) }
    return e
  }

  mutating func parseNot() throws(TemplateSyntaxError) -> TemplateExpression {
    if accept("not") || accept("!") { return .not(try parseNot()) }
    return try parseComparison()
  }

  mutating func parseComparison() throws(TemplateSyntaxError) -> TemplateExpression {
    let e = try parseSum()
    let ops: [(String, TemplateExpression.BinaryOperator)] =
      [("==", .equal), ("!=", .notEqual), ("<=", .lessOrEqual), (">=", .greaterOrEqual), ("<", .less), (">", .greater)]
    for (symbol, op) in ops where accept(symbol) {
      return .binary(op, e, try parseSum())
    }
    return e
  }

  mutating func parseSum() throws(TemplateSyntaxError) -> TemplateExpression {
    var e = try parseProduct()
    while true {
      if accept("+") { e = .binary(.add, e, try parseProduct()) } else if accept("-") {
        e = .binary(.subtract, e, try parseProduct())
      } else { return e }
    }
  }

  mutating func parseProduct() throws(TemplateSyntaxError) -> TemplateExpression {
    var e = try parseUnary()
    while true {
      if accept("*") { e = .binary(.multiply, e, try parseUnary()) } else if accept("//") {
        e = .binary(.floorDivide, e, try parseUnary())
      } else if accept("/") { e = .binary(.divide, e, try parseUnary()) } else if accept("%") {
        e = .binary(.remainder, e, try parseUnary())
      } else { return e }
    }
  }

  mutating func parseUnary() throws(TemplateSyntaxError) -> TemplateExpression {
    if accept("-") { return .negate(try parseUnary()) }
    return try parsePrimary()
  }

  mutating func parsePrimary() throws(TemplateSyntaxError) -> TemplateExpression {
    let start = offset
    switch current {
    case .number(let v):
      position += 1
      return .literal(v)
    case .name(let name):
      position += 1
      if name == "true" { return .literal(.bool(true)) }
      if name == "false" { return .literal(.bool(false)) }
      guard accept("(") else { return .variable(name) }
      guard let function = TemplateExpression.Function(rawValue: name) else {
        var problem = "unknown function \"\(name)\"; known: " + TemplateExpression.Function.allCases.map(\.rawValue).joined(separator: ", ")
        if let hint = nearestSpelling(to: name, among: TemplateExpression.Function.allCases.map(\.rawValue)) {
          problem = "unknown function \"\(name)\" (did you mean \"\(hint)\"?)"
        }
        throw TemplateSyntaxError(offset: start, problem: problem)
      }
      var args: [TemplateExpression] = []
      if !accept(")") {
        repeat { args.append(try parseOr()) } while accept(",")
        guard accept(")") else { throw TemplateSyntaxError(offset: offset, problem: "expected \")\" or \",\", got \(describe(current))") }
      }
      guard function.arity.contains(args.count) else {
        let n = function.arity.lowerBound == function.arity.upperBound ? "\(function.arity.lowerBound)" : "\(function.arity.lowerBound)…\(function.arity.upperBound)"
        throw TemplateSyntaxError(offset: start, problem: "\(name) takes \(n) arguments, got \(args.count)")
      }
      return .call(function, args)
    case .symbol("("):
      position += 1
      let e = try parseOr()
      guard accept(")") else { throw TemplateSyntaxError(offset: offset, problem: "expected \")\", got \(describe(current))") }
      return e
    default:
      throw TemplateSyntaxError(offset: start, problem: "expected a number, a name or \"(\", got \(describe(current))")
    }
  }
}
