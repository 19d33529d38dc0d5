public import Spaces

/// What a measurement source measures, in SI units.
public enum MeasuredMetric: String, Hashable, Sendable, Codable, CaseIterable {
  case latency
  case energy

  /// The unit measurements come in.
  public var unit: String { self == .latency ? "s" : "J" }
  /// The unit reports show (a thousandth of ``unit``), and its factor.
  public var displayUnit: String { self == .latency ? "ms" : "mJ" }
  public var displayScale: Double { 1e3 }
}

/// Where measurements of architectures come from: a column of a measured table, a Duet cost model
/// (the model's estimate is the measurement), or a command that measures on a real device.
///
/// A source is a value; measuring may be slow (a device) or fail (an architecture the table lacks, a
/// layer the hardware cannot run), so callers measure through a ``MeasurementCache``, which asks the
/// source for each architecture at most once and counts what was measured.
///
/// An external measuring command (export each architecture, run the command, read its latency) is a
/// third kind of source: it conforms here and needs nothing else from the rest of Surrogates.
public protocol MeasurementSource: Sendable {
  /// A short name for tables and reports (`pixel3`, `kc-p/256pe/noc300/off50`).
  var name: String { get }
  var metric: MeasuredMetric { get }
  /// Every architecture the source holds a measurement for, when it is a finite table; `nil` when it
  /// can measure any architecture of the space.
  var knownArchitectures: [Architecture]? { get }
  /// One measurement per architecture, in ``metric``'s SI unit, in the order asked. A batch, so a
  /// slow source can measure many architectures in one go.
  func measure(_ architectures: [Architecture]) throws(MeasurementError) -> [Double]
}

/// Why an architecture could not be measured.
public enum MeasurementError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The source is a table without this architecture.
  case notMeasured(source: String, architecture: String)
  /// The hardware cannot run the architecture (a cost model's invalid layer).
  case cannotRun(source: String, architecture: String, reason: String)
  /// The source failed (a lowering error, a measuring command's failure).
  case failed(source: String, String)

  public var description: String {
    switch self {
    case .notMeasured(let source, let architecture): "\(source) has no measurement of \(architecture)"
    case .cannotRun(let source, let architecture, let reason): "\(source) cannot run \(architecture): \(reason)"
    case .failed(let source, let message): "\(source): \(message)"
    }
  }
}

/// A source behind a cache: each architecture is measured at most once, and the counts say how many
/// were asked for and how many reached the source.
///
/// A value: copies share nothing, so a study keeps one cache per target and measures through it from
/// one thread (measurements happen before the parallel part of a study).
public struct MeasurementCache: Sendable {
  public let source: any MeasurementSource
  private var values: [Architecture: Double] = [:]
  /// Architectures asked for, repeats included.
  public private(set) var requestCount = 0
  /// Architectures the source measured (each once).
  public private(set) var measuredCount = 0

  public init(source: any MeasurementSource) { self.source = source }

  /// The measurement of every architecture, measuring (in one batch) only those never measured.
  public mutating func measure(_ architectures: [Architecture]) throws(MeasurementError) -> [Double] {
    requestCount += architectures.count
    var missing: [Architecture] = []
    var queued: Set<Architecture> = []
    for architecture in architectures where values[architecture] == nil && queued.insert(architecture).inserted {
      missing.append(architecture)
    }
    if !missing.isEmpty {
      let measured = try source.measure(missing)
      guard measured.count == missing.count else {
        throw .failed(source: source.name, "returned \(measured.count) measurements for \(missing.count) architectures")
      }
      for (architecture, value) in zip(missing, measured) { values[architecture] = value }
      measuredCount += missing.count
    }
    return architectures.map { values[$0]! }
  }

  /// The cached measurement of an architecture, without measuring.
  public func cached(_ architecture: Architecture) -> Double? { values[architecture] }
}
