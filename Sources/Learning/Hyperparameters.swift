import SeededRandom
import RealModule

/// One model's hyperparameters: named numbers (integers and choices are stored as whole numbers).
///
/// Values are kept sorted by name, so descriptions and encodings are deterministic.
public struct Hyperparameters: Hashable, Sendable, Codable, CustomStringConvertible {
  public struct Entry: Hashable, Sendable, Codable {
    public var name: String
    public var value: Double
  }

  /// The entries, sorted by name.
  public private(set) var entries: [Entry]

  public init(_ values: [String: Double] = [:]) {
    entries = values.map { Entry(name: $0.key, value: $0.value) }.sorted { $0.name < $1.name }
  }

  public subscript(name: String) -> Double? {
    get { entries.first { $0.name == name }?.value }
    set {
      entries.removeAll { $0.name == name }
      if let newValue {
        entries.append(Entry(name: name, value: newValue))
        entries.sort { $0.name < $1.name }
      }
    }
  }

  /// The value of `name`, or `fallback` when unset.
  public func value(_ name: String, default fallback: Double) -> Double { self[name] ?? fallback }

  /// The value of `name` as an integer (rounded), or `fallback` when unset.
  public func integer(_ name: String, default fallback: Int) -> Int {
    guard let value = self[name], value.isFinite else { return fallback }
    return Int(value.rounded())
  }

  /// `name=value` pairs, sorted by name (`k=5 weights=1`).
  public var description: String {
    entries.map { "\($0.name)=\(Self.format($0.value))" }.joined(separator: " ")
  }

  private static func format(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    self.init(try container.decode([String: Double].self))
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(Dictionary(uniqueKeysWithValues: entries.map { ($0.name, $0.value) }))
  }
}

/// Where a random search draws a model's hyperparameters from.
public struct HyperparameterSpace: Sendable {
  /// One hyperparameter's domain.
  public struct Dimension: Sendable {
    public enum Domain: Sendable {
      /// Uniform in `lower...upper`; `logarithmic` draws uniformly in log space (`lower > 0`).
      case real(lower: Double, upper: Double, logarithmic: Bool)
      /// A whole number in `lower...upper`; `logarithmic` as for reals.
      case integer(lower: Int, upper: Int, logarithmic: Bool)
      /// One of the listed values.
      case choice([Double])
    }

    public var name: String
    public var domain: Domain

    public init(_ name: String, _ domain: Domain) {
      self.name = name
      self.domain = domain
    }

    func sample(using generator: inout some RandomNumberGenerator) -> Double {
      switch domain {
      case .real(let lower, let upper, let logarithmic):
        let u = generator.unitDouble()
        return logarithmic ? Double.exp(Double.log(lower) + u * (Double.log(upper) - Double.log(lower)))
          : lower + u * (upper - lower)
      case .integer(let lower, let upper, let logarithmic):
        if logarithmic {
          let u = generator.unitDouble()
          let low = Double.log(Double(lower)), high = Double.log(Double(upper) + 1)
          return Double(min(upper, max(lower, Int(Double.exp(low + u * (high - low)).rounded(.down)))))
        }
        return Double(lower + generator.index(below: upper - lower + 1))
      case .choice(let values):
        return values[generator.index(below: values.count)]
      }
    }
  }

  public var dimensions: [Dimension]

  public init(_ dimensions: [Dimension]) { self.dimensions = dimensions }

  /// One draw of every dimension, in declaration order (so a seed fixes the whole sequence).
  public func sample(using generator: inout some RandomNumberGenerator) -> Hyperparameters {
    var drawn: [String: Double] = [:]
    for dimension in dimensions { drawn[dimension.name] = dimension.sample(using: &generator) }
    return Hyperparameters(drawn)
  }
}

extension Hyperparameters {
  /// The value of `name`, or `model`'s default, when finite and accepted by `valid`.
  func validated<R: Regressor>(
    _ name: String, of model: R.Type, _ valid: (Double) -> Bool
  ) throws(LearningError) -> Double {
    let value = self[name] ?? R.defaultHyperparameters[name] ?? .nan
    guard value.isFinite, valid(value) else { throw .invalidHyperparameter(model: R.name, name: name, value: value) }
    return value
  }
}
