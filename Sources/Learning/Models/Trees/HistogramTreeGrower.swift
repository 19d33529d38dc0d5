import SeededRandom

/// Grows regression trees on pre-binned features from per-row gradients and hessians, the histogram
/// algorithm of LightGBM and XGBoost `hist`: per node, per feature, the gradient and hessian totals of
/// each bin; a split is the bin boundary that maximises the second-order gain
/// `G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)`, and a leaf predicts `−G/(H+λ)`.
///
/// Both tree ensembles of the zoo use it. Gradient boosting on squared error has `g = prediction − y`
/// and `h = 1` per row; a random forest's variance-reduction split is the same gain with `g = −w·y`,
/// `h = w` (the row's bootstrap count) and `λ = 0`, its leaf the weighted mean. So hessians are whole
/// numbers here: a node's hessian total is its (weighted) row count, histograms count in `UInt32`, and
/// the gain reads `1/(H + λ)` from a table instead of dividing (as LightGBM does for constant hessians).
///
/// Bins are stored row-major, so summing a node walks its rows once and adds each row's gradient and
/// hessian to one bin of every feature (bins interleave gradient and hessian, one cache line per
/// update). Large nodes keep a full histogram of every feature in a slot of one flat buffer; a child's
/// is its parent's minus its sibling's (the subtraction trick), so only the smaller child is summed.
/// Small nodes (fewer rows than a feature has bins on average) would spend their time scanning empty
/// bins, so they are summed into a scratch slot that notes occupied bins in a bitmap per feature, and
/// only those are scanned (and zeroed again). Every buffer is allocated once per grower; growing a tree
/// allocates only the nodes it appends.
final class HistogramTreeGrower {
  struct Settings {
    /// Depth of the deepest split (`Int.max`: grow until nodes cannot split).
    var maxDepth: Int
    /// Least hessian total (weighted rows) in either child of a split.
    var minChildWeight: UInt32
    /// Least hessian total in a node for it to be split at all.
    var minSplitWeight: UInt32
    /// L2 penalty on leaf values.
    var lambda: Double
    /// Least gain for a split to be made.
    var gamma: Double
    /// Features examined per node, drawn afresh at each node (nil: every feature of the tree).
    var featuresPerNode: Int?
    /// Factor on every leaf value (the boosting shrinkage; 1 for a forest).
    var leafScale: Double
  }

  /// Rows of the binned data.
  let rowCount: Int
  private let featureCount: Int
  private let binCounts: [Int]
  private let binOffsets: [Int]
  private let totalBins: Int
  private let edges: [[Double]]
  /// Nodes with at least this many rows keep full histograms.
  private let denseRows: Int
  /// Row-major bins: row `r`, feature `f` at `r * featureCount + f`.
  private let rowBins: UnsafeMutableBufferPointer<UInt8>
  private let order: UnsafeMutableBufferPointer<Int32>
  private let scratch: UnsafeMutableBufferPointer<Int32>
  /// `1 / (w + λ)` for every hessian total `w` up to the largest a tree can see.
  private let reciprocal: UnsafeMutableBufferPointer<Double>
  private var reciprocalLambda = Double.nan
  /// Histogram slots, `totalBins` bins each. Slot 0 is the small nodes' scratch, all zero between
  /// uses; a large node in slot `s` puts its smaller child in `s + 1`.
  private var histograms: UnsafeMutableBufferPointer<HistogramBin>
  private var slotCount = 0
  /// Occupied bins of the scratch slot: four words (256 bits) per feature, all zero between uses.
  private let occupied: UnsafeMutableBufferPointer<UInt64>
  private var nodeFeatures: [Int] = []

  struct HistogramBin {
    var gradient: Double
    var hessian: UInt32
  }

  /// A grower over `binned` (column-major bins of `rowCount` rows, binned by `binning`) whose trees see
  /// hessian totals of at most `maxWeight`.
  init(binning: FeatureBinning, binned: [UInt8], rowCount: Int, maxWeight: Int) {
    precondition(binned.count == rowCount * binning.edges.count, "HistogramTreeGrower: bins of another shape")
    self.rowCount = rowCount
    featureCount = binning.edges.count
    edges = binning.edges
    binCounts = binning.binCounts
    var offsets: [Int] = []
    var total = 0
    for count in binCounts {
      offsets.append(total)
      total += count
    }
    binOffsets = offsets
    totalBins = total
    denseRows = max(2, total / max(featureCount, 1))
    rowBins = .allocate(capacity: max(binned.count, 1))
    for r in 0..<rowCount {
      for f in 0..<featureCount { rowBins[r * featureCount + f] = binned[f * rowCount + r] }
    }
    order = .allocate(capacity: max(rowCount, 1))
    scratch = .allocate(capacity: max(rowCount, 1))
    reciprocal = .allocate(capacity: maxWeight + 1)
    histograms = .allocate(capacity: 0)
    occupied = .allocate(capacity: max(featureCount * 4, 1))
    occupied.initialize(repeating: 0)
    reserveSlots(2)
  }

  deinit {
    rowBins.deallocate()
    order.deallocate()
    scratch.deallocate()
    reciprocal.deallocate()
    histograms.deallocate()
    occupied.deallocate()
  }

  /// Makes room for `count` histogram slots (kept between trees; new ones start zeroed).
  private func reserveSlots(_ count: Int) {
    guard count > slotCount else { return }
    let grown = max(count, slotCount * 2)
    let larger = UnsafeMutableBufferPointer<HistogramBin>.allocate(capacity: grown * totalBins)
    larger.initialize(repeating: HistogramBin(gradient: 0, hessian: 0))
    if slotCount > 0 { _ = larger.update(fromContentsOf: histograms) }
    histograms.deallocate()
    histograms = larger
    slotCount = grown
  }

  /// Grows one tree into `ensemble` from rows with `hessians[i] > 0` (a row's gradient and hessian are
  /// its totals, already multiplied by its weight), splitting on `treeFeatures` (ascending).
  /// `splitBins` receives, per node of `ensemble`, the bin a split sends left at or below. When
  /// `leafSums` is given, each row of the tree gets its leaf's value added there (the rows' routes are
  /// known from the partition, so no walk is needed).
  func grow(
    gradients: UnsafeBufferPointer<Double>, hessians: UnsafeBufferPointer<UInt32>, treeFeatures: [Int],
    settings: Settings, generator: inout SplitMix64, into ensemble: inout TreeEnsemble, splitBins: inout [UInt8],
    leafSums: UnsafeMutablePointer<Double>? = nil
  ) {
    precondition(gradients.count == rowCount && hessians.count == rowCount)
    var count = 0
    var totalGradient = 0.0
    var totalHessian: UInt32 = 0
    for i in 0..<rowCount where hessians[i] > 0 {
      order[count] = Int32(i)
      count += 1
      totalGradient += gradients[i]
      totalHessian += hessians[i]
    }
    precondition(Int(totalHessian) < reciprocal.count, "HistogramTreeGrower: hessian total above maxWeight")
    if reciprocalLambda != settings.lambda {
      for w in 0..<reciprocal.count { reciprocal[w] = 1 / (Double(w) + settings.lambda) }
      reciprocalLambda = settings.lambda
    }
    ensemble.beginTree()
    let root = ensemble.appendLeaf(value: 0)
    splitBins.append(0)
    let context = GrowContext(
      gradients: gradients, hessians: hessians, treeFeatures: treeFeatures, settings: settings,
      perNode: settings.featuresPerNode.map { $0 < treeFeatures.count } ?? false,
      allFeatures: treeFeatures.count == featureCount, leafSums: leafSums)
    var rootSlot: Int?
    if !context.perNode && count >= denseRows && splittable(hessian: totalHessian, depth: 0, settings) {
      buildHistogram(slot: 1, range: 0..<count, context)
      rootSlot = 1
    }
    split(node: root, range: 0..<count, depth: 0, slot: rootSlot, gradient: totalGradient, hessian: totalHessian,
          context: context, generator: &generator, ensemble: &ensemble, splitBins: &splitBins)
  }

  private struct GrowContext {
    let gradients: UnsafeBufferPointer<Double>
    let hessians: UnsafeBufferPointer<UInt32>
    let treeFeatures: [Int]
    let settings: Settings
    /// Whether each node draws its own features (no histogram reuse between nodes then).
    let perNode: Bool
    /// Whether the tree splits on every feature (`treeFeatures` is `0..<featureCount`).
    let allFeatures: Bool
    let leafSums: UnsafeMutablePointer<Double>?
  }

  private struct Candidate {
    var score = -Double.infinity
    var feature = -1
    var bin = 0
    var leftGradient = 0.0
    var leftHessian: UInt32 = 0
  }

  private func splittable(hessian: UInt32, depth: Int, _ settings: Settings) -> Bool {
    depth < settings.maxDepth && hessian >= settings.minSplitWeight && hessian >= 2 * settings.minChildWeight
  }

  /// Makes `node` a leaf, or splits it and recurses. `slot` holds the node's full histogram, if it has one.
  private func split(
    node: Int, range: Range<Int>, depth: Int, slot: Int?, gradient: Double, hessian: UInt32,
    context: GrowContext, generator: inout SplitMix64, ensemble: inout TreeEnsemble, splitBins: inout [UInt8]
  ) {
    let settings = context.settings
    let value = -gradient * reciprocal[Int(hessian)] * settings.leafScale
    ensemble.setValue(node, value)
    func settleLeaf() {
      guard let sums = context.leafSums else { return }
      for position in range { sums[Int(order[position])] += value }
    }
    guard splittable(hessian: hessian, depth: depth, settings) else { return settleLeaf() }
    let best: Candidate
    if context.perNode {
      best = bestSplitDrawingFeatures(range: range, gradient: gradient, hessian: hessian, context, &generator)
    } else if let slot {
      best = bestSplit(slot: slot, features: context.treeFeatures, gradient: gradient, hessian: hessian, settings)
    } else {
      best = bestSplitOfSmallNode(range: range, gradient: gradient, hessian: hessian, context)
    }
    let gain = best.score - gradient * gradient * reciprocal[Int(hessian)]
    // The floor keeps rounding noise from splitting a node whose rows all agree.
    guard best.feature >= 0, gain > settings.gamma, gain > 1e-12 else { return settleLeaf() }
    let middle = partition(range: range, feature: best.feature, bin: best.bin)
    let child = ensemble.makeSplit(node, feature: best.feature, threshold: edges[best.feature][best.bin])
    splitBins[node] = UInt8(best.bin)
    splitBins.append(0)
    splitBins.append(0)
    let leftRange = range.lowerBound..<middle, rightRange = middle..<range.upperBound
    let leftHessian = best.leftHessian, rightHessian = hessian - best.leftHessian
    // Full histograms for the children that are large and will be split: the smaller child's summed into
    // the next slot, the larger's by subtraction in this node's slot.
    var leftSlot: Int?, rightSlot: Int?
    if let slot {
      let leftIsSmaller = leftRange.count <= rightRange.count
      let smaller = leftIsSmaller ? leftRange : rightRange, larger = leftIsSmaller ? rightRange : leftRange
      let smallerDense = smaller.count >= denseRows
        && splittable(hessian: leftIsSmaller ? leftHessian : rightHessian, depth: depth + 1, settings)
      let largerDense = larger.count >= denseRows
        && splittable(hessian: leftIsSmaller ? rightHessian : leftHessian, depth: depth + 1, settings)
      if largerDense || smallerDense {
        reserveSlots(slot + 2)
        buildHistogram(slot: slot + 1, range: smaller, context)
        if largerDense { subtractHistogram(slot + 1, from: slot, features: context.treeFeatures) }
      }
      if leftIsSmaller {
        leftSlot = smallerDense ? slot + 1 : nil
        rightSlot = largerDense ? slot : nil
      } else {
        leftSlot = largerDense ? slot : nil
        rightSlot = smallerDense ? slot + 1 : nil
      }
    }
    func descend(left: Bool) {
      split(node: left ? child : child + 1, range: left ? leftRange : rightRange, depth: depth + 1,
            slot: left ? leftSlot : rightSlot, gradient: left ? best.leftGradient : gradient - best.leftGradient,
            hessian: left ? leftHessian : rightHessian, context: context, generator: &generator,
            ensemble: &ensemble, splitBins: &splitBins)
    }
    // A child in the next slot goes first: its subtree uses the slots above, leaving this node's intact
    // for its sibling.
    let rightFirst = slot != nil && rightSlot == slot! + 1
    descend(left: !rightFirst)
    descend(left: rightFirst)
  }

  /// Sums the rows of `range` into `slot` for the tree's features.
  private func buildHistogram(slot: Int, range: Range<Int>, _ context: GrowContext) {
    let bins = histograms.baseAddress! + slot * totalBins
    for feature in context.treeFeatures {
      (bins + binOffsets[feature]).update(repeating: HistogramBin(gradient: 0, hessian: 0), count: binCounts[feature])
    }
    sumRows(range, into: bins, marking: nil, context)
  }

  /// Adds each row of `range` to its bin of every tree feature in `bins`, and marks the bins in `bits`
  /// when given (four words per feature).
  private func sumRows(_ range: Range<Int>, into bins: UnsafeMutablePointer<HistogramBin>,
                       marking bits: UnsafeMutablePointer<UInt64>?, _ context: GrowContext) {
    if context.allFeatures {
      sumRows(range, features: 0..<featureCount, into: bins, marking: bits, context)
    } else {
      context.treeFeatures.withUnsafeBufferPointer { sumRows(range, features: $0, into: bins, marking: bits, context) }
    }
  }

  /// The loop of ``sumRows(_:into:marking:_:)``, specialised for a range of features or a list.
  @inline(__always)
  private func sumRows<Features: Sequence<Int>>(
    _ range: Range<Int>, features: Features, into bins: UnsafeMutablePointer<HistogramBin>,
    marking bits: UnsafeMutablePointer<UInt64>?, _ context: GrowContext
  ) {
    let gradients = context.gradients.baseAddress!, hessians = context.hessians.baseAddress!
    let rows = order.baseAddress!, width = featureCount
    binOffsets.withUnsafeBufferPointer { offsets in
      for position in range {
        let row = Int(rows[position])
        let gradient = gradients[row], hessian = hessians[row]
        let rowStart = rowBins.baseAddress! + row * width
        for feature in features {
          let b = Int(rowStart[feature])
          let bin = bins + offsets[feature] + b
          bin.pointee.gradient += gradient
          bin.pointee.hessian &+= hessian
          if let bits { bits[feature &* 4 &+ b &>> 6] |= 1 &<< UInt64(b & 63) }
        }
      }
    }
  }

  private func subtractHistogram(_ child: Int, from parent: Int, features: [Int]) {
    for feature in features {
      let parentBins = histograms.baseAddress! + parent * totalBins + binOffsets[feature]
      let childBins = histograms.baseAddress! + child * totalBins + binOffsets[feature]
      for b in 0..<binCounts[feature] {
        parentBins[b].gradient -= childBins[b].gradient
        parentBins[b].hessian &-= childBins[b].hessian
      }
    }
  }

  /// The best split over `features` of the full histogram in `slot`; ties keep the earlier feature and bin.
  private func bestSplit(slot: Int, features: [Int], gradient: Double, hessian: UInt32, _ settings: Settings)
    -> Candidate
  {
    let minChild = max(settings.minChildWeight, 1)
    var best = Candidate()
    for feature in features {
      let bins = histograms.baseAddress! + slot * totalBins + binOffsets[feature]
      var leftGradient = 0.0
      var leftHessian: UInt32 = 0
      // Empty bins are not skipped: the split after one moves no row, scores the same as the split
      // before it and so never wins over it (ties keep the earlier bin), and not branching on them is
      // faster where most bins are filled.
      for b in 0..<(binCounts[feature] - 1) {
        leftGradient += bins[b].gradient
        leftHessian += bins[b].hessian
        if leftHessian < minChild { continue }
        let rightHessian = hessian - leftHessian
        if rightHessian < minChild { break }
        let rightGradient = gradient - leftGradient
        let score = leftGradient * leftGradient * reciprocal[Int(leftHessian)]
          + rightGradient * rightGradient * reciprocal[Int(rightHessian)]
        if score > best.score {
          best = Candidate(score: score, feature: feature, bin: b, leftGradient: leftGradient, leftHessian: leftHessian)
        }
      }
    }
    return best
  }

  /// A small node's split search over the tree's features: its rows summed into the scratch slot, then
  /// each feature's occupied bins scanned.
  private func bestSplitOfSmallNode(range: Range<Int>, gradient: Double, hessian: UInt32, _ context: GrowContext)
    -> Candidate
  {
    sumRows(range, into: histograms.baseAddress!, marking: occupied.baseAddress!, context)
    var best = Candidate()
    for feature in context.treeFeatures {
      scanOccupied(feature, gradient: gradient, hessian: hessian, context.settings, into: &best)
    }
    return best
  }

  /// Scans the occupied bins of `feature` in the scratch slot in order, zeroing them and their bitmap;
  /// a better split than `best` replaces it. Returns whether more than one bin was occupied.
  @discardableResult
  private func scanOccupied(_ feature: Int, gradient: Double, hessian: UInt32, _ settings: Settings,
                            into best: inout Candidate) -> Bool
  {
    let bins = histograms.baseAddress! + binOffsets[feature], bits = occupied.baseAddress! + feature * 4
    let minChild = max(settings.minChildWeight, 1)
    var leftGradient = 0.0
    var leftHessian: UInt32 = 0
    var filled = 0
    for word in 0..<4 {
      var remaining = bits[word]
      bits[word] = 0
      while remaining != 0 {
        let b = word << 6 | remaining.trailingZeroBitCount
        remaining &= remaining &- 1
        leftGradient += bins[b].gradient
        leftHessian += bins[b].hessian
        bins[b] = HistogramBin(gradient: 0, hessian: 0)
        filled += 1
        let rightHessian = hessian - leftHessian
        guard leftHessian >= minChild, rightHessian >= minChild else { continue }
        let rightGradient = gradient - leftGradient
        let score = leftGradient * leftGradient * reciprocal[Int(leftHessian)]
          + rightGradient * rightGradient * reciprocal[Int(rightHessian)]
        if score > best.score {
          best = Candidate(score: score, feature: feature, bin: b, leftGradient: leftGradient, leftHessian: leftHessian)
        }
      }
    }
    return filled > 1
  }

  /// A random forest's split search: `featuresPerNode` features drawn without replacement, each summed
  /// over the node's rows and scanned; when all of them are constant in the node, drawing goes on until
  /// one varies (as in scikit-learn). Equal gains keep the feature drawn first, so ties fall at random.
  private func bestSplitDrawingFeatures(
    range: Range<Int>, gradient: Double, hessian: UInt32, _ context: GrowContext, _ generator: inout SplitMix64
  ) -> Candidate {
    nodeFeatures.removeAll(keepingCapacity: true)
    nodeFeatures.append(contentsOf: context.treeFeatures)
    var best = Candidate()
    var drawn = 0
    var varied = false
    var remaining = nodeFeatures.count
    while remaining > 0 && (drawn < context.settings.featuresPerNode! || !varied) {
      let pick = generator.index(below: remaining)
      let feature = nodeFeatures[pick]
      nodeFeatures.swapAt(pick, remaining - 1)
      remaining -= 1
      drawn += 1
      let bins = histograms.baseAddress! + binOffsets[feature], bits = occupied.baseAddress! + feature * 4
      let column = rowBins.baseAddress! + feature
      for position in range {
        let row = Int(order[position])
        let b = Int(column[row * featureCount])
        bins[b].gradient += context.gradients[row]
        bins[b].hessian &+= context.hessians[row]
        bits[b &>> 6] |= 1 &<< UInt64(b & 63)
      }
      if scanOccupied(feature, gradient: gradient, hessian: hessian, context.settings, into: &best) { varied = true }
    }
    return best
  }

  /// Stable partition of `order[range]` into rows at or below `bin` of `feature`, then the rest; returns
  /// where the second part begins.
  private func partition(range: Range<Int>, feature: Int, bin: Int) -> Int {
    let column = rowBins.baseAddress! + feature
    var left = range.lowerBound
    var right = 0
    for position in range {
      let row = order[position]
      if Int(column[Int(row) * featureCount]) <= bin {
        order[left] = row
        left += 1
      } else {
        scratch[right] = row
        right += 1
      }
    }
    for k in 0..<right { order[left + k] = scratch[k] }
    return left
  }
}
