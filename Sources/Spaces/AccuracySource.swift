import Foundation
public import SpecFiles

/// Where a space's accuracies come from, as written in its file (`accuracy:`, per dataset).
///
/// ```yaml
/// accuracy:
///   cifar10: {table: data/nb201_accuracy.csv, key: arch, column: cifar10, metric: "test accuracy (%), 200 epochs"}
///   imagenet: {proxy: macs}
/// ```
public struct AccuracySourceSpec: Hashable, Sendable {
  public enum Kind: Hashable, Sendable {
    /// Measured accuracies: a CSV keyed by architecture (canonical strings, or choice indices).
    case table(path: String, keyColumn: String, valueColumn: String, keyFormat: KeyFormat)
    /// A linear model over an encoding, weights in a CSV (`feature,weight`, plus an `intercept` row).
    case predictor(path: String, encoding: Encoding)
    /// A stand-in that is *not* an accuracy: a size measure assumed to rank like accuracy.
    case proxy(ProxyMeasure)
  }

  public enum KeyFormat: String, Hashable, Sendable, CaseIterable {
    /// ``SearchSpace/canonicalString(_:)`` or any string ``SearchSpace/parse(_:)`` reads.
    case canonical
    /// Choice indices (``SearchSpace/parse(choiceIndices:)``), e.g. NAS-Bench-Macro's `02012100`.
    case indices
  }

  public enum Encoding: String, Hashable, Sendable, CaseIterable {
    case oneHot = "one-hot"
    case fcc
  }

  public enum ProxyMeasure: String, Hashable, Sendable, CaseIterable {
    /// Millions of MACs on the dataset: larger networks of one space tend to be more accurate.
    case macs
    /// Millions of parameters.
    case parameters
  }

  public var kind: Kind
  /// What the numbers are (`top-1 test accuracy (%) after 200 epochs`).
  public var metric: String

  init(_ node: SpecNode, directory: String) throws(SpecError) {
    let m = try node.mapping(allowedKeys: ["table", "key", "column", "key_format", "predictor", "encoding", "proxy", "metric"])
    func path(_ n: SpecNode) throws(SpecError) -> String {
      let p = try n.string()
      return p.hasPrefix("/") ? p : URL(fileURLWithPath: directory).appendingPathComponent(p).standardized.path
    }
    switch (m.optional("table"), m.optional("predictor"), m.optional("proxy")) {
    case (let t?, nil, nil):
      kind = .table(
        path: try path(t), keyColumn: try m.required("key").string(), valueColumn: try m.required("column").string(),
        keyFormat: try m.optional("key_format")?.enum(KeyFormat.self) ?? .canonical)
      metric = try m.optional("metric")?.string() ?? "accuracy (%)"
    case (nil, let p?, nil):
      kind = .predictor(path: try path(p), encoding: try m.optional("encoding")?.enum(Encoding.self) ?? .oneHot)
      metric = try m.optional("metric")?.string() ?? "predicted accuracy (%)"
    case (nil, nil, let p?):
      let measure = try p.enum(ProxyMeasure.self)
      kind = .proxy(measure)
      metric = try m.optional("metric")?.string() ?? "PROXY, not an accuracy: \(measure == .macs ? "millions of MACs" : "millions of parameters")"
    default:
      throw m.error("give exactly one of `table:`, `predictor:` or `proxy:`")
    }
  }

  /// Whether this is a stand-in (a size measure) rather than an accuracy: a search may rank by it, but no
  /// table or column should present it as an accuracy.
  public var isProxy: Bool {
    if case .proxy = kind { return true }
    return false
  }

  public var kindName: String {
    switch kind {
    case .table: "table"
    case .predictor: "predictor"
    case .proxy: "proxy"
    }
  }
}

/// An accuracy looked up, predicted, or stood in for, labelled with where it came from.
public struct AccuracyEstimate: Hashable, Sendable {
  public enum Origin: String, Hashable, Sendable {
    case table, predictor, proxy
  }

  public var value: Double
  public var origin: Origin

  public init(value: Double, origin: Origin) {
    self.value = value
    self.origin = origin
  }
}

/// A loaded accuracy source for one dataset of a space.
public struct AccuracySource: Sendable {
  public let spec: AccuracySourceSpec
  public let dataset: Dataset
  let space: SearchSpace
  let table: [Architecture: Double]
  let predictor: LinearPredictor?

  /// Number of architectures in a table source (0 for the others).
  public var tableCount: Int { table.count }

  /// The accuracy of an architecture, or `nil` when a table does not list it.
  public func estimate(_ architecture: Architecture) -> AccuracyEstimate? {
    switch spec.kind {
    case .table:
      return table[architecture].map { AccuracyEstimate(value: $0, origin: .table) }
    case .predictor:
      return predictor.map { AccuracyEstimate(value: $0.predict(architecture, in: space), origin: .predictor) }
    case .proxy(let measure):
      guard let network = try? space.lower(architecture, dataset: dataset) else { return nil }
      let value = Double(measure == .macs ? network.macs : network.parameters) / 1e6
      return AccuracyEstimate(value: value, origin: .proxy)
    }
  }
}

extension SearchSpace {
  /// Loads the accuracy source the space names for `dataset`, or `nil` when it names none.
  ///
  /// - Throws: ``SpecError`` for a missing or malformed table or weights file, or a table row whose
  ///   key is not an architecture of the space (with its line).
  public func accuracySource(for dataset: Dataset) throws(SpecError) -> AccuracySource? {
    guard let spec = accuracySources[dataset.name] else { return nil }
    switch spec.kind {
    case .table(let path, let keyColumn, let valueColumn, let format):
      let csv = try CSVTable(path: path)
      let key = try csv.column(keyColumn)
      let value = try csv.column(valueColumn)
      var table: [Architecture: Double] = [:]
      table.reserveCapacity(csv.rows.count)
      for (row, fields) in csv.rows.enumerated() {
        let arch: Architecture
        do {
          arch = format == .canonical ? try parse(fields[key]) : try parse(choiceIndices: fields[key])
        } catch {
          throw SpecError(file: path, line: csv.lines[row], keyPath: keyColumn, problem: "\"\(fields[key])\": \(error)")
        }
        let v = try csv.double(row: row, column: value)
        if let previous = table[arch], previous != v {
          throw SpecError(file: path, line: csv.lines[row], keyPath: keyColumn,
                          problem: "\(canonicalString(arch)) is listed twice with different values (\(previous), \(v))")
        }
        table[arch] = v
      }
      return AccuracySource(spec: spec, dataset: dataset, space: self, table: table, predictor: nil)
    case .predictor(let path, let encoding):
      let predictor = try LinearPredictor(path: path, encoding: encoding, space: self)
      return AccuracySource(spec: spec, dataset: dataset, space: self, table: [:], predictor: predictor)
    case .proxy:
      return AccuracySource(spec: spec, dataset: dataset, space: self, table: [:], predictor: nil)
    }
  }
}
