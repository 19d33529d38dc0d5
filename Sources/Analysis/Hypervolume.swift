/// The hypervolume indicator: the volume of objective space dominated by a set of points and bounded by
/// a reference point (Zitzler & Thiele, 1998). Larger is better; it grows (weakly) when points are added.
///
/// All objectives are minimised here: negate maximised objectives (e.g. accuracy) first, and choose a
/// reference point worse than every point of interest in every objective. Points that do not strictly
/// dominate the reference contribute nothing.
public enum Hypervolume {
  /// Exact hypervolume in two objectives.
  ///
  /// - Complexity: O(n log n).
  public static func of2D(_ points: [(Double, Double)], reference: (Double, Double)) -> Double {
    let inside = points.filter { $0.0 < reference.0 && $0.1 < reference.1 && !$0.0.isNaN && !$0.1.isNaN }
      .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    var volume = 0.0
    var bestY = reference.1
    // Sweep in increasing x: each point adds the strip between its y and the best y so far.
    for point in inside where point.1 < bestY {
      volume += (reference.0 - point.0) * (bestY - point.1)
      bestY = point.1
    }
    return volume
  }

  /// Exact hypervolume in three objectives by slicing along the third: between consecutive third-objective
  /// values the dominated region is a 2-D staircase.
  ///
  /// - Complexity: O(n² log n); fine for fronts of thousands of points.
  public static func of3D(_ points: [(Double, Double, Double)], reference: (Double, Double, Double)) -> Double {
    let inside = points.filter {
      $0.0 < reference.0 && $0.1 < reference.1 && $0.2 < reference.2 && !$0.0.isNaN && !$0.1.isNaN && !$0.2.isNaN
    }.sorted { $0.2 < $1.2 }
    var volume = 0.0
    var slice: [(Double, Double)] = []
    for (index, point) in inside.enumerated() {
      slice.append((point.0, point.1))
      let nextZ = index + 1 < inside.count ? inside[index + 1].2 : reference.2
      let depth = nextZ - point.2
      if depth > 0 { volume += depth * of2D(slice, reference: (reference.0, reference.1)) }
    }
    return volume
  }

  /// Hypervolume for any number of objectives (2 or 3), in minimisation form.
  public static func of(_ points: [[Double]], reference: [Double]) -> Double {
    switch reference.count {
    case 2: return of2D(points.map { ($0[0], $0[1]) }, reference: (reference[0], reference[1]))
    case 3: return of3D(points.map { ($0[0], $0[1], $0[2]) }, reference: (reference[0], reference[1], reference[2]))
    case 1: return max(0, reference[0] - (points.map { $0[0] }.filter { !$0.isNaN }.min() ?? reference[0]))
    default: preconditionFailure("hypervolume is implemented for 1 to 3 objectives")
    }
  }
}
