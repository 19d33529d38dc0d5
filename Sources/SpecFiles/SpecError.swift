/// An error in a user's input file, with the place it was found.
///
/// Every file kind Duet reads (networks, accelerators, sweeps, spaces, devices) reports problems
/// through this one type, so every message has the same shape:
/// `accelerators/x.yaml:12:5: noc_bw: expected a positive number, got "fast"`.
public struct SpecError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file as the user named it.
  public var file: String
  /// 1-based line, or `nil` when the problem is not tied to a position (e.g. an unreadable file).
  public var line: Int?
  /// 1-based column (in Unicode scalars, as LibYAML counts them), or `nil`.
  public var column: Int?
  /// Dotted key path inside the document (`dataflow.levels[1].directives[0]`), empty at the root.
  public var keyPath: String
  /// What is wrong, and where it helps, what to do.
  public var problem: String

  public init(file: String, line: Int? = nil, column: Int? = nil, keyPath: String = "", problem: String) {
    self.file = file
    self.line = line
    self.column = column
    self.keyPath = keyPath
    self.problem = problem
  }

  public var description: String {
    var place = file
    if let line {
      place += ":\(line)"
      if let column { place += ":\(column)" }
    }
    return keyPath.isEmpty ? "\(place): \(problem)" : "\(place): \(keyPath): \(problem)"
  }
}

/// Nearest candidate by edit distance, for "did you mean" hints; `nil` when nothing is close.
public func nearestSpelling(to word: String, among candidates: some Sequence<String>) -> String? {
  var best: (String, Int)?
  let limit = max(2, word.count / 3)
  for candidate in candidates {
    let distance = editDistance(word.lowercased(), candidate.lowercased())
    // Ties go to the alphabetically first candidate, so a hint never depends on iteration order.
    if distance <= limit, best == nil || distance < best!.1 || (distance == best!.1 && candidate < best!.0) {
      best = (candidate, distance)
    }
  }
  return best?.0
}

/// Levenshtein distance (insertions, deletions, substitutions each cost 1).
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a), b = Array(b)
  if a.isEmpty { return b.count }
  if b.isEmpty { return a.count }
  var previous = Array(0...b.count)
  var current = [Int](repeating: 0, count: b.count + 1)
  for i in 1...a.count {
    current[0] = i
    for j in 1...b.count {
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}

/// An error in what a run was asked to do, not tied to a place in a file: a dataset a space lacks, a
/// hardware point no file names, a sample larger than the space. The library throws it; the command line
/// prints it as one line and exits with status 1, as for ``SpecError``.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
  public var description: String
  public init(_ message: String) { description = message }
}
