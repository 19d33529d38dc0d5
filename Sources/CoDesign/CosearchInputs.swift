public import Hardware
public import Spaces
import SpecFiles
import Foundation

/// Where a co-search's architectures and their accuracies come from.
public enum CandidateSource: Hashable, Sendable {
  /// A CSV file with columns `arch` (the space's canonical string) and `accuracy` (%).
  case list(path: String)
  /// A seeded sample of this many distinct architectures, with accuracies from the space's source.
  case sample(count: Int, seed: UInt64)
  /// Every architecture of the space (at most ``CosearchInputs/enumerationLimit``), with accuracies
  /// from the space's source.
  case wholeSpace
}

/// What `duet cosearch` and `duet monotonicity` price: a space's architectures with accuracies, each
/// lowered once, and the hardware points they run on, with the target and the latency unit.
public struct CosearchInputs: Sendable {
  public var space: SearchSpace
  public var dataset: Dataset
  public var candidates: CandidateSet
  public var architectures: [Architecture]
  /// Where the accuracies came from, for the run's conventions.
  public var accuracyDescription: String
  /// The hardware files' names (`semi-decoupled-grid`, or several joined by ` + `).
  public var hardwareName: String
  public var points: [HardwarePoint]
  public var hardware: HardwareSet
  /// The target point (caps are taken on its front), when one is named.
  public var target: Int?
  public var latencyUnit: CostTable.LatencyUnit

  /// The largest space a run enumerates whole; larger ones need a sample or a candidate list.
  public static let enumerationLimit = 1_000_000

  /// The MAESTRO-like accelerators among the points.
  public var accelerators: [Accelerator] { points.compactMap(\.accelerator) }

  /// Lowers the candidates and gathers the hardware.
  ///
  /// - Parameters:
  ///   - files: the hardware files, in order; their points are concatenated.
  ///   - hardwareArgument: how the user named the files (for messages).
  ///   - target: the target point's label; default: the first file's target.
  ///   - requireTarget: refuse a run without a target (co-search takes caps on its front).
  ///   - requireAccuracy: refuse a space without an accuracy source (co-search maximises accuracy);
  ///     without it, accuracies are NaN.
  /// - Throws: ``SpecError`` for a malformed candidate list; ``InputError`` for a request the inputs
  ///   cannot meet (no accuracy, a space too large to enumerate, an unknown or unusable target, two
  ///   points with one label).
  public init(space: SearchSpace, dataset: Dataset, candidates source: CandidateSource, files: [HardwareFile],
              hardwareArgument: String, target targetName: String?, requireTarget: Bool = true,
              requireAccuracy: Bool = true) throws {
    let (architectures, accuracies, accuracyDescription) = try Self.architectures(
      space: space, dataset: dataset, source: source, requireAccuracy: requireAccuracy)
    var candidates = CandidateSet()
    for (architecture, accuracy) in zip(architectures, accuracies) {
      candidates.append(name: space.canonicalString(architecture), accuracy: accuracy,
                        network: try space.lower(architecture, dataset: dataset))
    }

    let points = files.flatMap(\.points)
    guard Set(points.map(\.label)).count == points.count else {
      throw InputError("two hardware points share a label; give the points distinct names")
    }
    var target: Int? = nil
    if let wanted = targetName ?? files.lazy.compactMap(\.target).first {
      guard let found = points.firstIndex(where: { $0.label == wanted }) else {
        var message = "no hardware point named \"\(wanted)\" in \(hardwareArgument)"
        if let hint = nearestSpelling(to: wanted, among: points.map(\.label)) { message += " (did you mean \"\(hint)\"?)" }
        throw InputError(message)
      }
      // A target that cannot run the space has no front to take caps on.
      for layer in candidates.distinctLayers {
        if case .invalid(let why) = points[found].model.cost(of: layer).validity {
          throw InputError("the target \(wanted) cannot run \(space.name): \(why); choose another with --target")
        }
      }
      target = found
    } else if requireTarget {
      throw InputError("\(hardwareArgument) names no target; pass --target NAME (a point's name)")
    }
    self.space = space
    self.dataset = dataset
    self.candidates = candidates
    self.architectures = architectures
    self.accuracyDescription = accuracyDescription
    hardwareName = files.map(\.name).joined(separator: " + ")
    self.points = points
    hardware = HardwareSet(points)
    self.target = target
    latencyUnit = .common(to: points.map(\.model))
  }

  /// The architectures and their accuracies (NaN where none is needed), and where the accuracies came from.
  static func architectures(space: SearchSpace, dataset: Dataset, source: CandidateSource, requireAccuracy: Bool)
    throws -> ([Architecture], [Double], String)
  {
    if case .list(let path) = source {
      let (architectures, accuracies) = try readList(path: path, space: space)
      return (architectures, accuracies, "accuracies from \(path) (\(architectures.count) architectures)")
    }
    let loaded = try space.accuracySource(for: dataset)
    let accuracySource = loaded?.spec.isProxy == true ? nil : loaded
    if requireAccuracy && accuracySource == nil {
      throw InputError("""
        \(space.name) has no accuracy table or predictor for \(dataset.name); co-search maximises accuracy, so \
        pass --candidates F.csv (columns arch, accuracy)
        """)
    }
    let architectures: [Architecture]
    if case .sample(let count, let seed) = source {
      architectures = try space.seededSample(count, distinct: true, seed: seed)
    } else {
      guard let size = space.size.exactInt, size <= enumerationLimit else {
        throw InputError("\(space.name) has \(space.size.approximateDescription) architectures; pass --sample N or --candidates F.csv")
      }
      architectures = Array(space.enumerate())
    }
    var accuracies: [Double] = []
    accuracies.reserveCapacity(architectures.count)
    for architecture in architectures {
      guard let accuracySource else {
        accuracies.append(.nan)
        continue
      }
      guard let estimate = accuracySource.estimate(architecture) else {
        throw InputError("the accuracy source of \(space.name) has no value for \(space.canonicalString(architecture))")
      }
      accuracies.append(estimate.value)
    }
    let description = accuracySource.map { "\($0.spec.kindName): \($0.spec.metric)" } ?? "none (not needed here)"
    return (architectures, accuracies, description)
  }

  /// A candidate list: columns `arch` and `accuracy` (%), each architecture once, at least two.
  static func readList(path: String, space: SearchSpace) throws -> ([Architecture], [Double]) {
    let table = try CSVTable(path: path)
    let archColumn = try table.column("arch"), accuracyColumn = try table.column("accuracy")
    var architectures: [Architecture] = []
    var accuracies: [Double] = []
    var firstLine: [Architecture: Int] = [:]
    for (row, fields) in table.rows.enumerated() {
      let architecture: Architecture
      do {
        architecture = try space.parse(fields[archColumn])
      } catch {
        throw SpecError(file: path, line: table.lines[row], keyPath: "arch", problem: "\(error)")
      }
      if let line = firstLine[architecture] {
        throw SpecError(file: path, line: table.lines[row], keyPath: "arch",
                        problem: "\(space.canonicalString(architecture)) is listed twice (first on line \(line))")
      }
      firstLine[architecture] = table.lines[row]
      let accuracy = try table.double(row: row, column: accuracyColumn)
      guard (0...100).contains(accuracy) else {
        throw SpecError(file: path, line: table.lines[row], keyPath: "accuracy",
                        problem: "expected an accuracy in percent (0…100), got \(accuracy)")
      }
      architectures.append(architecture)
      accuracies.append(accuracy)
    }
    guard architectures.count >= 2 else {
      throw SpecError(file: path, problem: "a co-search needs at least 2 candidate architectures")
    }
    return (architectures, accuracies)
  }
}

extension CostTable.LatencyUnit {
  /// The unit a set of hardware is compared in: cycles only among MAESTRO-like accelerators that share
  /// one clock; any other mix (FPGAs, devices, or accelerators with different clocks) in seconds.
  public static func common(to models: [any CostModel]) -> Self {
    var clocks = Set<Double>()
    for model in models {
      guard let accelerator = model as? Accelerator else { return .seconds }
      clocks.insert(accelerator.clockHertz)
    }
    return clocks.count == 1 ? .cycles : .seconds
  }
}
