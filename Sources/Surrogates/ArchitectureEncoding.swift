public import Learning
public import Spaces
import Workload

/// How architectures become feature vectors: one or more parts joined (`onehot+layers`).
///
/// The parts that read only the genome come from `Spaces` (one-hot, adjacency one-hot, path, FCC);
/// two need the lowering: per-layer-kind totals (`layers`) and a cost model's estimate (`estimate`),
/// with which a predictor can learn what an analytical model misses on a real device.
public struct ArchitectureEncoding: Hashable, Sendable, Codable, CustomStringConvertible {
  public enum Part: String, Hashable, Sendable, Codable, CaseIterable {
    /// A 0/1 per choice of every decision ([Laube22]'s default; the lookup table needs it).
    case oneHot = "onehot"
    /// A 0/1 per candidate op of every possible cell edge ([Laube22] Appendix B.1).
    case adjacency
    /// Counts of paths through each sequence of ops, input to output (BANANAS).
    case path
    /// Feature-combination counts per stage ([Nasir24]).
    case fcc
    /// Per layer kind of the lowered network: layer count, MACs, parameters and activation bytes.
    case layers
    /// A cost model's estimate of the architecture (latency in seconds, or energy in joules).
    case estimate

    /// One line for help and reports.
    public var summary: String {
      switch self {
      case .oneHot: "one-hot: a 0/1 per choice of every decision"
      case .adjacency: "adjacency one-hot: a 0/1 per candidate op of every possible cell edge"
      case .path: "path: number of input-to-output paths per op sequence (BANANAS)"
      case .fcc: "FCC: feature-combination counts per stage [Nasir24]"
      case .layers: "layers: per layer kind, layer count, MACs, parameters, activation bytes (FP32)"
      case .estimate: "estimate: a cost model's latency for the architecture (--estimate-hardware)"
      }
    }

    /// Whether the part needs the architecture lowered to a network.
    public var needsLowering: Bool { self == .layers || self == .estimate }
  }

  public let parts: [Part]

  public init(_ parts: [Part]) {
    precondition(!parts.isEmpty, "an encoding needs at least one part")
    self.parts = parts
  }

  /// Parses `onehot`, `path`, `onehot+layers+estimate`.
  public init(parsing text: String) throws(EncodingError) {
    var parts: [Part] = []
    for piece in text.split(separator: "+", omittingEmptySubsequences: false).map({ String($0).trimmingCharacters(in: .whitespaces) }) {
      guard let part = Part(rawValue: piece) else {
        throw .unknownPart(piece, known: Part.allCases.map(\.rawValue))
      }
      guard !parts.contains(part) else { throw .repeatedPart(piece) }
      parts.append(part)
    }
    self.init(parts)
  }

  /// `onehot+layers`.
  public var name: String { parts.map(\.rawValue).joined(separator: "+") }
  public var description: String { name }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    do {
      try self.init(parsing: text)
    } catch {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
    }
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(name)
  }
}

/// Why an encoding cannot be built or applied.
public enum EncodingError: Error, Hashable, Sendable, CustomStringConvertible {
  case unknownPart(String, known: [String])
  case repeatedPart(String)
  /// The part does not apply to this space (path encoding of a space without cells, or too long).
  case notApplicable(part: String, space: String, reason: String)
  /// `estimate` without a cost model.
  case missingEstimateModel
  /// Lowering or pricing an architecture failed.
  case measurement(MeasurementError)

  public var description: String {
    switch self {
    case .unknownPart(let name, let known):
      "unknown encoding \"\(name)\" (known: \(known.joined(separator: ", ")); join several with +)"
    case .repeatedPart(let name): "encoding part \"\(name)\" given twice"
    case .notApplicable(let part, let space, let reason): "the \(part) encoding does not apply to \(space): \(reason)"
    case .missingEstimateModel: "the estimate encoding needs a hardware file to estimate with (--estimate-hardware)"
    case .measurement(let error): "\(error)"
    }
  }
}

/// An encoding made ready for one space: its feature names and categorical groups fixed, so that the
/// same architecture always gives the same row, whichever architectures are encoded with it.
public struct ArchitectureEncoder: Sendable {
  public let encoding: ArchitectureEncoding
  public let space: SearchSpace
  /// The dataset the lowering parts build networks for.
  public let dataset: Dataset
  /// The layer kinds of the `layers` part (empty without it).
  public let layerKinds: [String]
  /// The cost model of the `estimate` part.
  public let estimator: CostModelSource?
  public let featureNames: [String]
  /// Column ranges that one-hot encode one decision (or one cell edge) each.
  public let categoricalGroups: [Range<Int>]

  /// The longest path encoding accepted (DARTS's would have 11,200 features per architecture).
  public static let maximumPathFeatures = 4096

  /// - Parameters:
  ///   - layerKinds: the kinds the `layers` part reports, in order; `nil` takes every kind that occurs
  ///     in `architectures` (sorted by name). Kinds absent from an architecture give zeros.
  ///   - estimator: the cost model of the `estimate` part.
  ///   - architectures: what the `layers` part derives its kinds from when `layerKinds` is `nil`.
  public init(_ encoding: ArchitectureEncoding, space: SearchSpace, dataset: Dataset, layerKinds: [String]? = nil,
              estimator: CostModelSource? = nil, architectures: [Architecture] = []) throws(EncodingError) {
    self.encoding = encoding
    self.space = space
    self.dataset = dataset
    var names: [String] = []
    var groups: [Range<Int>] = []
    var kinds: [String] = []
    for part in encoding.parts {
      let offset = names.count
      switch part {
      case .oneHot:
        names += space.oneHotFeatureNames
        groups += space.oneHotGroups.map { ($0.lowerBound + offset)..<($0.upperBound + offset) }
      case .adjacency:
        names += space.adjacencyOneHotFeatureNames
        groups += space.adjacencyOneHotGroups.map { ($0.lowerBound + offset)..<($0.upperBound + offset) }
      case .path:
        guard space.isCellBased else {
          throw .notApplicable(part: part.rawValue, space: space.name, reason: "it has no cells; use onehot or fcc")
        }
        let length = space.pathEncodingLength
        guard length <= Self.maximumPathFeatures else {
          throw .notApplicable(part: part.rawValue, space: space.name,
                               reason: "it would have \(length) features (at most \(Self.maximumPathFeatures)); use adjacency")
        }
        names += space.pathEncodingFeatureNames
      case .fcc:
        names += space.featureCombinationCountNames
      case .layers:
        if let layerKinds { kinds = layerKinds } else { kinds = try Self.kinds(in: architectures, space: space, dataset: dataset) }
        names += kinds.flatMap { kind in LayerKindTotals.quantities.map { "\(kind).\($0)" } }
      case .estimate:
        guard let estimator else { throw .missingEstimateModel }
        names.append("estimate[\(estimator.name)]_\(estimator.metric.unit)")
      }
    }
    self.layerKinds = kinds
    self.estimator = encoding.parts.contains(.estimate) ? estimator : nil
    featureNames = names
    categoricalGroups = groups
  }

  /// Every layer kind that occurs in the architectures' networks, sorted by name.
  static func kinds(in architectures: [Architecture], space: SearchSpace, dataset: Dataset) throws(EncodingError) -> [String] {
    var kinds: Set<String> = []
    for architecture in architectures {
      for entry in try lower(architecture, space: space, dataset: dataset).layers { kinds.insert(entry.layer.kind.name) }
    }
    return kinds.sorted()
  }

  static func lower(_ architecture: Architecture, space: SearchSpace, dataset: Dataset) throws(EncodingError) -> Network {
    do {
      return try space.lower(architecture, dataset: dataset)
    } catch {
      throw .measurement(.failed(source: space.name, "lowering \(space.canonicalString(architecture)): \(error)"))
    }
  }

  /// The number of features.
  public var featureCount: Int { featureNames.count }

  /// One row per architecture.
  public func encode(_ architectures: [Architecture]) throws(EncodingError) -> FeatureMatrix {
    var estimates: [Double] = []
    if let estimator {
      do { estimates = try estimator.measure(architectures) } catch { throw .measurement(error) }
    }
    var values: [Double] = []
    values.reserveCapacity(architectures.count * featureCount)
    for (row, architecture) in architectures.enumerated() {
      for part in encoding.parts {
        switch part {
        case .oneHot: values += space.oneHot(architecture)
        case .adjacency: values += space.adjacencyOneHot(architecture)
        case .path: values += space.pathEncoding(architecture)
        case .fcc: values += space.featureCombinationCounts(architecture)
        case .layers:
          let network = try Self.lower(architecture, space: space, dataset: dataset)
          values += LayerKindTotals(network: network).features(kinds: layerKinds)
        case .estimate: values.append(estimates[row])
        }
      }
    }
    return FeatureMatrix(rowCount: architectures.count, columnCount: featureCount, values: values,
                         categoricalGroups: categoricalGroups)
  }
}

/// A network's totals per layer kind: what the `layers` encoding reports.
struct LayerKindTotals {
  /// The quantities per kind, in feature order.
  static let quantities = ["count", "macs", "params", "activation_bytes"]
  /// Bytes per activation element (FP32 inference, as HW-NAS-Bench's devices run).
  static let bytesPerElement = 4.0

  var totals: [String: [Double]] = [:]

  init(network: Network) {
    for entry in network.layers {
      let layer = entry.layer
      var row = totals[layer.kind.name] ?? [0, 0, 0, 0]
      row[0] += 1
      row[1] += Double(layer.macs)
      row[2] += Double(layer.parameters)
      row[3] += Double(layer.inputElements + layer.outputElements) * Self.bytesPerElement
      totals[layer.kind.name] = row
    }
  }

  func features(kinds: [String]) -> [Double] {
    kinds.flatMap { totals[$0] ?? [0, 0, 0, 0] }
  }
}
