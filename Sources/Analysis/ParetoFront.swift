/// Whether an objective is to be made small or large.
public enum ObjectiveSense: String, Hashable, Sendable, Codable {
  case minimize, maximize
}

/// Pareto fronts of points with any number of objectives.
///
/// A point *dominates* another when it is no worse in every objective and strictly better in at least
/// one. The front is the set of points no other point dominates. Points with identical objective values
/// do not dominate each other, so duplicates are all kept (callers that want one representative per
/// value deduplicate first).
public enum ParetoFront {
  /// Indices (ascending) of the non-dominated points.
  ///
  /// - Parameters:
  ///   - points: one array of objective values per point (all the same length); points with a NaN in
  ///     any objective are never on the front.
  ///   - senses: the direction of each objective.
  /// - Complexity: O(n log n + n·f·d) for n points, f points on the front and d objectives: points are
  ///   visited best-first in the first objective, so each is compared only with front members.
  public static func indices(of points: [[Double]], senses: [ObjectiveSense]) -> [Int] {
    let d = senses.count
    precondition(points.allSatisfy { $0.count == d }, "every point needs one value per objective")
    // Work on minimisation copies.
    let values: [[Double]] = points.map { p in (0..<d).map { senses[$0] == .minimize ? p[$0] : -p[$0] } }
    let order = values.indices.filter { i in !values[i].contains(where: \.isNaN) }.sorted { a, b in
      // Lexicographic order: a point can only be dominated by one before it.
      for j in 0..<d where values[a][j] != values[b][j] { return values[a][j] < values[b][j] }
      return a < b
    }
    var front: [Int] = []
    for i in order where !front.contains(where: { dominates(values[$0], values[i]) }) {
      front.append(i)
    }
    return front.sorted()
  }

  /// Whether `a` dominates `b`, both in minimisation form.
  public static func dominates(_ a: [Double], _ b: [Double]) -> Bool {
    var strictly = false
    for j in a.indices {
      if a[j] > b[j] { return false }
      if a[j] < b[j] { strictly = true }
    }
    return strictly
  }

  /// Whether `a` dominates `b` under the given senses.
  public static func dominates(_ a: [Double], _ b: [Double], senses: [ObjectiveSense]) -> Bool {
    dominates(zip(a, senses).map { $1 == .minimize ? $0 : -$0 }, zip(b, senses).map { $1 == .minimize ? $0 : -$0 })
  }
}
