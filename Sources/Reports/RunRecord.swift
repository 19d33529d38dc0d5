public import Foundation

/// `run.json` in a run folder: what kind of run wrote it, how it was run, and the data files beside it,
/// so that `duet report <run>` can draw `index.html` again from the folder alone.
///
/// Regenerating gives the same page bytes as the original run: the page is a pure function of the
/// data files (read back exactly: JSON numbers in shortest round-trip form), this record, and the files'
/// sizes on disk.
public struct RunRecord: Hashable, Sendable, Codable {
  /// The kinds of page `duet report` can draw.
  public enum Kind: String, Hashable, Sendable, Codable {
    /// `duet cosearch`: `result.json` (a `CosearchResult`) and `timings.json` (`CosearchTimings`).
    case cosearch
    /// `duet monotonicity`: `result.json` (a `MonotonicityResult`).
    case monotonicity
    /// `duet cost --report`: `sweep.json` (a ``CostSweep``).
    case costSweep = "cost-sweep"
    /// `duet predictors study`: `result.json` (a `PredictorStudyResult`) and `timings.json`.
    case predictorStudy = "predictor-study"
  }

  /// One data file: its name relative to the folder and its one-sentence description.
  public struct File: Hashable, Sendable, Codable {
    public var name: String
    public var description: String

    public init(name: String, description: String) {
      self.name = name
      self.description = description
    }
  }

  /// The record's own file name.
  public static let fileName = "run.json"

  public var kind: Kind
  /// The page title, for kinds whose title the caller chooses.
  public var title: String?
  public var run: RunDescription
  /// Every data file of the folder in page order, this record included.
  public var files: [File]

  public init(kind: Kind, title: String? = nil, run: RunDescription, files: [File]) {
    self.kind = kind
    self.title = title
    self.run = run
    self.files = files
  }

  /// The record as a data file, listing `dataFiles` and then itself (described once, here).
  public static func dataFile(kind: Kind, title: String? = nil, run: RunDescription, dataFiles: [DataFile]) throws
    -> DataFile
  {
    let own = File(name: fileName, description: "how this run was made (command, version, seed, conventions), for `duet report`")
    let record = RunRecord(kind: kind, title: title, run: run,
                           files: dataFiles.map { File(name: $0.name, description: $0.description) } + [own])
    return DataFile(name: fileName, contents: try ReportJSON.encode(record, pretty: true), description: own.description)
  }
}

/// JSON as Duet's run folders write it: keys sorted, non-finite numbers spelled `nan`, `inf`, `-inf`
/// (as strings), doubles in shortest round-trip form, so reading a file back gives the same values and
/// writing them again the same bytes.
public enum ReportJSON {
  public static func encode<T: Encodable>(_ value: T, pretty: Bool) throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                   nan: "nan")
    return try encoder.encode(value)
  }

  public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf",
                                                                     nan: "nan")
    return try decoder.decode(type, from: data)
  }
}
