/// Reducing very large point sets to what a screen can show, without changing what the reader sees.
enum Thinning {
  /// Indices (in input order) of the points kept when each square pixel cell keeps only its first point,
  /// and the cell side used. The side starts at 1 px and grows by half until at most `limit` points
  /// remain, so a cloud's shape and its outliers survive while overplotted markers merge.
  ///
  /// - Complexity: O(n) per attempt; the side grows geometrically, so O(n log(n / limit)) in all.
  static func byCell(_ pixels: [(x: Double, y: Double)], limit: Int) -> (kept: [Int], cell: Double) {
    guard pixels.count > limit, limit > 0 else { return (Array(pixels.indices), 0) }
    var cell = 1.0
    while true {
      var seen = Set<Int>()
      seen.reserveCapacity(min(pixels.count, limit * 2))
      var kept: [Int] = []
      for (index, p) in pixels.enumerated() {
        // Plot coordinates are a few thousand pixels at most, so 2^31 cells per side cannot collide.
        let key = Int((p.x / cell).rounded(.down)) << 32 ^ Int((p.y / cell).rounded(.down))
        if seen.insert(key).inserted { kept.append(index) }
      }
      if kept.count <= limit { return (kept, cell) }
      cell *= 1.5
    }
  }

  /// Indices kept when a polyline is reduced to the first, last, lowest and highest point of each pixel
  /// column (M4; Jugel et al., VLDB 2014), which draws the same picture at one pixel's resolution.
  static func decimateLine(_ pixels: [(x: Double, y: Double)]) -> [Int] {
    guard pixels.count > 4 else { return Array(pixels.indices) }
    var kept: [Int] = []
    var start = 0
    while start < pixels.count {
      let column = pixels[start].x.rounded(.down)
      var end = start
      var low = start, high = start
      while end + 1 < pixels.count && pixels[end + 1].x.rounded(.down) == column {
        end += 1
        if pixels[end].y < pixels[low].y { low = end }
        if pixels[end].y > pixels[high].y { high = end }
      }
      for index in Set([start, low, high, end]).sorted() { kept.append(index) }
      start = end + 1
    }
    return kept
  }
}
