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
    precondition(points.allSatisfy { $0.count == senses.count }, "every point needs one value per objective")
    if senses.isEmpty { return Array(points.indices) }  // no objective: nothing dominates anything
    return indices(flattened: points.flatMap { $0 }, senses: senses)
  }

  /// As ``indices(of:senses:)``, for points stored one after another in one array (point i's objectives
  /// at `i·d ..< (i+1)·d` for d = `senses.count`): no array per point, which is what a front over a whole
  /// space per proxy spends its time allocating otherwise.
  public static func indices(flattened points: [Double], senses: [ObjectiveSense]) -> [Int] {
    let d = senses.count
    precondition(d > 0 && points.count % d == 0, "every point needs one value per objective, and there is at least one")
    // Work on minimisation copies.
    var values = points
    for j in 0..<d where senses[j] == .maximize {
      for i in stride(from: j, to: values.count, by: d) { values[i] = -values[i] }
    }
    return values.withUnsafeBufferPointer { v -> [Int] in
      var order = (0..<(v.count / d)).filter { i in !(0..<d).contains { v[i * d + $0].isNaN } }
      order.sort { a, b in
        // Lexicographic order: a point can only be dominated by one before it.
        for j in 0..<d where v[a * d + j] != v[b * d + j] { return v[a * d + j] < v[b * d + j] }
        return a < b
      }
      var front: [Int] = []
      for i in order where !front.contains(where: { dominates(v, $0, i, d) }) { front.append(i) }
      return front.sorted()
    }
  }

  /// Whether point `a` dominates point `b` in a flattened minimisation buffer of `d` objectives.
  @inline(__always)
  static func dominates(_ v: UnsafeBufferPointer<Double>, _ a: Int, _ b: Int, _ d: Int) -> Bool {
    var strictly = false
    for j in 0..<d {
      let x = v[a * d + j], y = v[b * d + j]
      if x > y { return false }
      if x < y { strictly = true }
    }
    return strictly
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
