public import Learning
public import Spaces
public import Foundation
import SpecFiles

/// A device known only through a fitted predictor: a hardware file of its own kind
/// (`kind: predicted-device`, JSON) that prices whole architectures of one space, as a measured table
/// does, but for every architecture of the space, not only the measured ones.
///
/// It holds what pricing needs (the encoding and the ``FittedPredictor``) and what tells a reader where
/// it came from (the training set's size, source and SHA-256 digest; the command that made it). See
/// docs/predictors.md for the format.
public struct PredictedDevice: Sendable {
  /// The `kind:` of the file.
  public static let kind = "predicted-device"

  public var name: String
  public var metric: MeasuredMetric
  /// The space as the fit named it (a shipped name or a path) and its name.
  public var space: SearchSpace
  public var encoder: ArchitectureEncoder
  public var predictor: FittedPredictor
  public var training: TrainingRecord
  /// Held-out figures measured when the predictor was fitted, if it was validated.
  public var validation: ValidationRecord?
  /// The command line that fitted it.
  public var command: [String]

  /// Where the training set came from, and its digest.
  public struct TrainingRecord: Hashable, Sendable, Codable {
    public var architectures: Int
    /// What measured them (`help_nb201_latency.csv, column pixel3`).
    public var source: String
    /// SHA-256 over the training set's canonical architecture strings and measurements (see
    /// ``PredictedDevice/digest(architectures:values:space:)``).
    public var sha256: String

    public init(architectures: Int, source: String, sha256: String) {
      self.architectures = architectures
      self.source = source
      self.sha256 = sha256
    }
  }

  /// Ranking figures on architectures the fit never saw.
  public struct ValidationRecord: Hashable, Sendable, Codable {
    public var architectures: Int
    public var kendallTau: Double
    public var spearmanRho: Double
    public var meanAbsoluteError: Double
    public var maeUnit: String

    public init(architectures: Int, metrics: RankingMetrics, maeUnit: String) {
      self.architectures = architectures
      kendallTau = metrics.kendallTau
      spearmanRho = metrics.spearmanRho
      meanAbsoluteError = metrics.meanAbsoluteError
      self.maeUnit = maeUnit
    }

    enum CodingKeys: String, CodingKey {
      case architectures, kendallTau = "kendall_tau", spearmanRho = "spearman_rho", meanAbsoluteError = "mae"
      case maeUnit = "mae_unit"
    }
  }

  public init(name: String, metric: MeasuredMetric, space: SearchSpace, encoder: ArchitectureEncoder,
              predictor: FittedPredictor, training: TrainingRecord, validation: ValidationRecord?, command: [String]) {
    self.name = name
    self.metric = metric
    self.space = space
    self.encoder = encoder
    self.predictor = predictor
    self.training = training
    self.validation = validation
    self.command = command
  }

  /// Predicted metric (seconds or joules) per architecture; never below zero.
  public func predict(_ architectures: [Architecture]) throws(EncodingError) -> [Double] {
    predictor.predict(try encoder.encode(architectures)).map { max(0, $0) }
  }

  /// The training-set digest: SHA-256 over one line per architecture, sorted, `canonical string,value`
  /// with the value in the metric's SI unit in shortest round-trip form.
  public static func digest(architectures: [Architecture], values: [Double], space: SearchSpace) -> String {
    var hash = SHA256()
    for line in zip(architectures, values).map({ "\(space.canonicalString($0)),\($1)\n" }).sorted() { hash.update(line) }
    return hash.hexDigest()
  }

  /// A fingerprint of the space's decisions (names and choices), so a predictor is never applied to a
  /// space whose genome means something else.
  public static func fingerprint(_ space: SearchSpace) -> String {
    var hash = SHA256()
    for decision in space.decisions { hash.update("\(decision.name)=\(decision.labels.joined(separator: "|"))\n") }
    return String(hash.hexDigest().prefix(16))
  }
}

// MARK: - The file

/// The JSON of a `predicted-device` file.
struct PredictedDeviceFile: Codable {
  var schema: String
  var kind: String
  var name: String
  var metric: MeasuredMetric
  var space: String
  var spaceFingerprint: String
  var dataset: String
  var encoding: EncodingRecord
  var predictor: FittedPredictor
  var training: PredictedDevice.TrainingRecord
  var validation: PredictedDevice.ValidationRecord?
  var command: [String]
  var duetVersion: String

  struct EncodingRecord: Codable {
    var name: ArchitectureEncoding
    var layerKinds: [String]?
    /// The estimate part's hardware (a file as given, `FILE` or `FILE@POINT`) and its point's label.
    var estimateHardware: String?
    var estimatePoint: String?

    enum CodingKeys: String, CodingKey {
      case name, layerKinds = "layer_kinds", estimateHardware = "estimate_hardware", estimatePoint = "estimate_point"
    }
  }

  enum CodingKeys: String, CodingKey {
    case schema, kind, name, metric, space, spaceFingerprint = "space_fingerprint", dataset, encoding, predictor, training
    case validation, command, duetVersion = "duet_version"
  }
}

extension PredictedDevice {
  /// The file's bytes (pretty JSON, keys sorted).
  ///
  /// - Parameters:
  ///   - spaceReference: how the space is named for loading it again (a shipped name or a path).
  ///   - estimateHardware: how the estimate part's hardware is named for loading it again, if any.
  public func fileContents(spaceReference: String, estimateHardware: String?, duetVersion: String) throws -> Data {
    let record = PredictedDeviceFile(
      schema: "duet/v1", kind: Self.kind, name: name, metric: metric, space: spaceReference,
      spaceFingerprint: Self.fingerprint(space), dataset: encoder.dataset.name,
      encoding: .init(name: encoder.encoding, layerKinds: encoder.encoding.parts.contains(.layers) ? encoder.layerKinds : nil,
                      estimateHardware: encoder.estimator == nil ? nil : estimateHardware,
                      estimatePoint: encoder.estimator?.name),
      predictor: predictor, training: training, validation: validation, command: command, duetVersion: duetVersion)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(record)
  }

  /// Whether the file at `path` is JSON whose `kind` is predicted-device, so hardware loading can send
  /// it here rather than read it as YAML.
  public static func isPredictedDevice(path: String) -> Bool {
    struct Header: Decodable { var kind: String? }
    guard let data = FileManager.default.contents(atPath: path), data.first == UInt8(ascii: "{") else { return false }
    return (try? JSONDecoder().decode(Header.self, from: data))?.kind == kind
  }

  /// Loads a predicted-device file.
  ///
  /// - Parameters:
  ///   - loadSpace: the space the file names (a shipped name or a path), as the caller resolves names.
  ///   - loadEstimator: the estimate part's cost model from the hardware the file names and the point's label.
  /// - Throws: ``SpecError`` naming the file (and the key, for a malformed file; the space's
  ///   fingerprint when the space's decisions changed since the fit).
  public static func load(
    path: String, loadSpace: (String) throws -> SearchSpace,
    loadEstimator: (_ hardware: String, _ point: String, _ space: SearchSpace, _ dataset: Dataset) throws -> CostModelSource
  ) throws -> PredictedDevice {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw SpecError(file: path, problem: "cannot read the file")
    }
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let file: PredictedDeviceFile
    do {
      file = try decoder.decode(PredictedDeviceFile.self, from: data)
    } catch let error as DecodingError {
      throw SpecError(file: path, keyPath: Self.keyPath(error), problem: "not a predicted-device file Duet can read (\(Self.problem(error)))")
    }
    guard file.kind == kind else { throw SpecError(file: path, keyPath: "kind", problem: "expected \(kind), got \(file.kind)") }
    guard file.schema == "duet/v1" else { throw SpecError(file: path, keyPath: "schema", problem: "expected duet/v1, got \(file.schema)") }
    let space = try loadSpace(file.space)
    guard fingerprint(space) == file.spaceFingerprint else {
      throw SpecError(file: path, keyPath: "space_fingerprint",
                      problem: "the space \(file.space) has other decisions than when this predictor was fitted; fit it again")
    }
    guard let dataset = space.dataset(named: file.dataset) else {
      throw SpecError(file: path, keyPath: "dataset", problem: "\(space.name) has no dataset \(file.dataset)")
    }
    var estimator: CostModelSource?
    if file.encoding.name.parts.contains(.estimate) {
      guard let hardware = file.encoding.estimateHardware, let point = file.encoding.estimatePoint else {
        throw SpecError(file: path, keyPath: "encoding.estimate_hardware", problem: "the estimate encoding needs its hardware")
      }
      estimator = try loadEstimator(hardware, point, space, dataset)
    }
    let encoder: ArchitectureEncoder
    do {
      encoder = try ArchitectureEncoder(file.encoding.name, space: space, dataset: dataset, layerKinds: file.encoding.layerKinds ?? [],
                                        estimator: estimator)
    } catch {
      throw SpecError(file: path, keyPath: "encoding", problem: "\(error)")
    }
    guard encoder.featureCount == file.predictor.featureCount else {
      throw SpecError(file: path, keyPath: "predictor.feature_count",
                      problem: "the predictor takes \(file.predictor.featureCount) features, the encoding gives \(encoder.featureCount)")
    }
    return PredictedDevice(name: file.name, metric: file.metric, space: space, encoder: encoder, predictor: file.predictor,
                           training: file.training, validation: file.validation, command: file.command)
  }

  static func keyPath(_ error: DecodingError) -> String {
    let context: DecodingError.Context? = switch error {
    case .dataCorrupted(let c), .keyNotFound(_, let c), .typeMismatch(_, let c), .valueNotFound(_, let c): c
    @unknown default: nil
    }
    var path = context?.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined() ?? ""
    if case .keyNotFound(let key, _) = error { path += ".\(key.stringValue)" }
    return path.hasPrefix(".") ? String(path.dropFirst()) : path
  }

  static func problem(_ error: DecodingError) -> String {
    switch error {
    case .dataCorrupted(let c): c.debugDescription
    case .keyNotFound(let key, _): "missing key \(key.stringValue)"
    case .typeMismatch(_, let c), .valueNotFound(_, let c): c.debugDescription
    @unknown default: "\(error)"
    }
  }
}

extension PredictedDevice: MeasurementSource {
  public var knownArchitectures: [Architecture]? { nil }

  public func measure(_ architectures: [Architecture]) throws(MeasurementError) -> [Double] {
    do { return try predict(architectures) } catch {
      throw .failed(source: name, "\(error)")
    }
  }
}
