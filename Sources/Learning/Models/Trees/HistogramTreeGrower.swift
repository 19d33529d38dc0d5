import SeededRandom

/// Grows regression trees on pre-binned features from per-row gradients and hessians, the histogram
/// algorithm of LightGBM and XGBoost `hist`: per node, per feature, the gradient and hessian totals of
/// each bin; a split is the bin boundary that maximises the second-order gain
/// `G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)`, and a leaf predicts `−G/(H+λ)`.
///
/// Both tree ensembles of the zoo use it. Gradient boosting on squared error has `g = prediction − y`
/// and `h = 1` per row; a random forest's variance-reduction split is the same gain with `g = −w·y`,
/// `h = w` (the row's bootstrap count) and `λ = 0`, its leaf the weighted mean. So hessians are whole
/// numbers here: a node's hessian total is its (weighted) row count, and the gain reads `1/(H + λ)` from
/// a table instead of dividing (as LightGBM does for constant hessians).
///
/// A histogram bin is one `Int64` packing both totals (LightGBM's quantised training packs its
/// integer gradients the same way): the hessian in the low bits (as many as the largest total a tree
/// can see needs) and the gradient above them in fixed point, scaled per tree by a power of two so
/// that no sum can overflow. With 1,000 rows the gradient keeps about 50 bits, as fine as the `Double`
/// it came from; a row adds to a bin with one integer addition, and prefix sums over bins carry no
/// floating-point latency. Split search alone uses the fixed-point sums: leaf values and every node's
/// gradient total are summed in `Double` from the rows themselves.
///
/// Bins are stored row-major, so summing a node walks its rows once and adds each row to one bin of
/// every feature. Large nodes keep a full histogram of every feature in a slot of one flat buffer; a
/// child's is its parent's minus its sibling's (the subtraction trick), so only the smaller child is
/// summed. Small nodes (fewer rows than a feature has bins on average) would spend their time scanning
/// empty bins, so they are summed into a scratch slot that notes occupied bins in a bitmap per feature,
/// and only those are scanned (and zeroed again). Every buffer is allocated once per grower; growing a
/// tree allocates only the nodes it appends.
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
  /// Each row's packed gradient and hessian for the tree being grown.
  private let packedRows: UnsafeMutableBufferPointer<Int64>
  /// Low bits of a packed total that hold the hessian.
  private let hessianBits: Int
  /// `1 / (w + λ)` for every hessian total `w` up to the largest a tree can see.
  private let reciprocal: UnsafeMutableBufferPointer<Double>
  private var reciprocalLambda = Double.nan
  /// Histogram slots, `totalBins` packed bins each. Slot 0 is the small nodes' scratch, all zero between
  /// uses; a large node in slot `s` puts its smaller child in `s + 1`.
  private var histograms: UnsafeMutableBufferPointer<Int64>
  private var slotCount = 0
  /// Occupied bins of the scratch slot: four words (256 bits) per feature, all zero between uses.
  private let occupied: UnsafeMutableBufferPointer<UInt64>
  private var nodeFeatures: [Int] = []

  /// A grower over `binned` (column-major bins of `rowCount` rows, binned by `binning`) whose trees see
  /// hessian totals of at most `maxWeight`.
  init(binning: FeatureBinning, binned: [UInt8], rowCount: Int, maxWeight: Int) {
    precondition(binned.count == rowCount * binning.edges.count, "HistogramTreeGrower: bins of another shape")
    precondition(maxWeight < 1 << 32, "HistogramTreeGrower: hessian totals beyond UInt32")
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
    hessianBits = Int.bitWidth - maxWeight.leadingZeroBitCount
    rowBins = .allocate(capacity: max(binned.count, 1))
    for r in 0..<rowCount {
      for f in 0..<featureCount { rowBins[r * featureCount + f] = binned[f * rowCount + r] }
    }
    order = .allocate(capacity: max(rowCount, 1))
    scratch = .allocate(capacity: max(rowCount, 1))
    packedRows = .allocate(capacity: max(rowCount, 1))
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
    packedRows.deallocate()
    reciprocal.deallocate()
    histograms.deallocate()
    occupied.deallocate()
  }

  /// Makes room for `count` histogram slots (kept between trees; new ones start zeroed).
  private func reserveSlots(_ count: Int) {
    guard count > slotCount else { return }
    let grown = max(count, slotCount * 2)
    let larger = UnsafeMutableBufferPointer<Int64>.allocate(capacity: grown * totalBins)
    larger.initialize(repeating: 0)
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
    var totalGradient = 0.0, absoluteGradient = 0.0
    var totalHessian = 0
    for i in 0..<rowCount where hessians[i] > 0 {
      order[count] = Int32(i)
      count += 1
      totalGradient += gradients[i]
      absoluteGradient += abs(gradients[i])
      totalHessian += Int(hessians[i])
    }
    precondition(totalHessian < reciprocal.count, "HistogramTreeGrower: hessian total above maxWeight")
    if reciprocalLambda != settings.lambda {
      for w in 0..<reciprocal.count { reciprocal[w] = 1 / (Double(w) + settings.lambda) }
      reciprocalLambda = settings.lambda
    }
    // The largest power of two that keeps Σ|g|·scale (plus rounding) below the gradient field's range.
    let fieldLimit = Double(sign: .plus, exponent: 61 - hessianBits, significand: 1)
    let scale = absoluteGradient > 0
      ? Double(sign: .plus, exponent: (fieldLimit / (absoluteGradient + Double(count))).exponent, significand: 1)
      : 1
    var packedTotal: Int64 = 0
    for position in 0..<count {
      let row = Int(order[position])
      let fixed = Int64((gradients[row] * scale).rounded())
      packedRows[row] = fixed << hessianBits | Int64(hessians[row])
      packedTotal &+= packedRows[row]
    }
    ensemble.beginTree()
    let root = ensemble.appendLeaf(value: 0)
    splitBins.append(0)
    let context = GrowContext(
      gradients: gradients, treeFeatures: treeFeatures, settings: settings,
      perNode: settings.featuresPerNode.map { $0 < treeFeatures.count } ?? false,
      allFeatures: treeFeatures.count == featureCount, leafSums: leafSums, unscale: 1 / scale)
    var rootSlot: Int?
    if !context.perNode && count >= denseRows && splittable(hessian: UInt32(totalHessian), depth: 0, settings) {
      buildHistogram(slot: 1, range: 0..<count, context)
      rootSlot = 1
    }
    split(node: root, range: 0..<count, depth: 0, slot: rootSlot, gradient: totalGradient, packed: packedTotal,
          context: context, generator: &generator, ensemble: &ensemble, splitBins: &splitBins)
  }

  private struct GrowContext {
    let gradients: UnsafeBufferPointer<Double>
    let treeFeatures: [Int]
    let settings: Settings
    /// Whether each node draws its own features (no histogram reuse between nodes then).
    let perNode: Bool
    /// Whether the tree splits on every feature (`treeFeatures` is `0..<featureCount`).
    let allFeatures: Bool
    let leafSums: UnsafeMutablePointer<Double>?
    /// The gradient of one fixed-point unit.
    let unscale: Double
  }

  private struct Candidate {
    /// `G_L²/(H_L+λ) + G_R²/(H_R+λ)` in fixed-point gradient units.
    var score = -Double.infinity
    /// `feature << 8 | bin` (bins fit in 8 bits), or -1 for none; one word, so a scan keeps the
    /// running best in registers.
    var split = -1

    var feature: Int { split >> 8 }
    var bin: Int { split & 255 }
  }

  private func hessian(_ packed: Int64) -> Int { Int(packed & (1 << hessianBits - 1)) }

  private func splittable(hessian: UInt32, depth: Int, _ settings: Settings) -> Bool {
    depth < settings.maxDepth && hessian >= settings.minSplitWeight && hessian >= 2 * settings.minChildWeight
  }

  /// Makes `node` a leaf, or splits it and recurses. `gradient` is the node's exact gradient total,
  /// `packed` its packed totals; `slot` holds the node's full histogram, if it has one.
  private func split(
    node: Int, range: Range<Int>, depth: Int, slot: Int?, gradient: Double, packed: Int64,
    context: GrowContext, generator: inout SplitMix64, ensemble: inout TreeEnsemble, splitBins: inout [UInt8]
  ) {
    let settings = context.settings
    let nodeHessian = hessian(packed)
    let value = -gradient * reciprocal[nodeHessian] * settings.leafScale
    ensemble.setValue(node, value)
    func settleLeaf() {
      guard let sums = context.leafSums else { return }
      for position in range { sums[Int(order[position])] += value }
    }
    guard splittable(hessian: UInt32(nodeHessian), depth: depth, settings) else { return settleLeaf() }
    let best: Candidate
    if context.perNode {
      best = bestSplitDrawingFeatures(range: range, packed: packed, context, &generator)
    } else if let slot {
      best = bestSplit(slot: slot, packed: packed, context)
    } else {
      best = bestSplitOfSmallNode(range: range, packed: packed, context)
    }
    let nodeGradient = Double(packed >> hessianBits)
    let gain = (best.score - nodeGradient * nodeGradient * reciprocal[nodeHessian]) * context.unscale * context.unscale
    // The floor keeps rounding noise from splitting a node whose rows all agree.
    guard best.split >= 0, gain > settings.gamma, gain > 1e-12 else { return settleLeaf() }
    let (middle, leftGradient, leftPacked) = partition(range: range, feature: best.feature, bin: best.bin,
                                                       context.gradients)
    let child = ensemble.makeSplit(node, feature: best.feature, threshold: edges[best.feature][best.bin])
    splitBins[node] = UInt8(best.bin)
    splitBins.append(0)
    splitBins.append(0)
    let leftRange = range.lowerBound..<middle, rightRange = middle..<range.upperBound
    let rightPacked = packed &- leftPacked
    // Full histograms for the children that are large and will be split: the smaller child's summed into
    // the next slot, the larger's by subtraction in this node's slot.
    var leftSlot: Int?, rightSlot: Int?
    if let slot {
      let leftIsSmaller = leftRange.count <= rightRange.count
      let smaller = leftIsSmaller ? leftRange : rightRange, larger = leftIsSmaller ? rightRange : leftRange
      let smallerDense = smaller.count >= denseRows
        && splittable(hessian: UInt32(hessian(leftIsSmaller ? leftPacked : rightPacked)), depth: depth + 1, settings)
      let largerDense = larger.count >= denseRows
        && splittable(hessian: UInt32(hessian(leftIsSmaller ? rightPacked : leftPacked)), depth: depth + 1, settings)
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
            slot: left ? leftSlot : rightSlot, gradient: left ? leftGradient : gradient - leftGradient,
            packed: left ? leftPacked : rightPacked, context: context, generator: &generator,
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
      (bins + binOffsets[feature]).update(repeating: 0, count: binCounts[feature])
    }
    sumRows(range, into: bins, marking: nil, context)
  }

  /// Adds each row of `range` to its bin of every tree feature in `bins`, and marks the bins in `bits`
  /// when given (four words per feature).
  private func sumRows(_ range: Range<Int>, into bins: UnsafeMutablePointer<Int64>,
                       marking bits: UnsafeMutablePointer<UInt64>?, _ context: GrowContext) {
    if context.allFeatures {
      sumRows(range, features: 0..<featureCount, into: bins, marking: bits)
    } else {
      context.treeFeatures.withUnsafeBufferPointer { sumRows(range, features: $0, into: bins, marking: bits) }
    }
  }

  /// The loop of ``sumRows(_:into:marking:_:)``, specialised for a range of features or a list.
  @inline(__always)
  private func sumRows<Features: Sequence<Int>>(
    _ range: Range<Int>, features: Features, into bins: UnsafeMutablePointer<Int64>,
    marking bits: UnsafeMutablePointer<UInt64>?
  ) {
    let rows = order.baseAddress!, packedRows = packedRows.baseAddress!, width = featureCount
    binOffsets.withUnsafeBufferPointer { offsets in
      for position in range {
        let row = Int(rows[position])
        let packed = packedRows[row]
        let rowStart = rowBins.baseAddress! + row * width
        for feature in features {
          let b = Int(rowStart[feature])
          bins[offsets[feature] + b] &+= packed
          if let bits { bits[feature &* 4 &+ b &>> 6] |= 1 &<< UInt64(b & 63) }
        }
      }
    }
  }

  private func subtractHistogram(_ child: Int, from parent: Int, features: [Int]) {
    for feature in features {
      let parentBins = histograms.baseAddress! + parent * totalBins + binOffsets[feature]
      let childBins = histograms.baseAddress! + child * totalBins + binOffsets[feature]
      for b in 0..<binCounts[feature] { parentBins[b] &-= childBins[b] }
    }
  }

  /// What scoring a node's candidate splits needs, read into locals once per scan (the grower is a
  /// class, so its fields would otherwise be reloaded after every store into a histogram).
  private struct Scorer {
    let reciprocal: UnsafePointer<Double>
    let hessianBits: Int
    let minChild: Int64
    /// The node's packed totals.
    let total: Int64

    /// Keeps the split that sends the rows with packed totals `left` to the left in `best` when it
    /// scores higher and both children are heavy enough.
    @inline(__always)
    func consider(left: Int64, feature: Int, bin: Int, into best: inout Candidate) {
      let right = total &- left
      let mask: Int64 = 1 << hessianBits - 1
      let leftHessian = left & mask, rightHessian = right & mask
      guard leftHessian >= minChild, rightHessian >= minChild else { return }
      let leftGradient = Double(left >> hessianBits), rightGradient = Double(right >> hessianBits)
      let score = leftGradient * leftGradient * reciprocal[Int(leftHessian)]
        + rightGradient * rightGradient * reciprocal[Int(rightHessian)]
      if score > best.score { best = Candidate(score: score, split: feature << 8 | bin) }
    }
  }

  private func scorer(_ packed: Int64, _ context: GrowContext) -> Scorer {
    Scorer(reciprocal: UnsafePointer(reciprocal.baseAddress!), hessianBits: hessianBits,
           minChild: Int64(max(context.settings.minChildWeight, 1)), total: packed)
  }

  /// The best split of the full histogram in `slot` over the tree's features; ties keep the earlier
  /// feature and bin.
  private func bestSplit(slot: Int, packed: Int64, _ context: GrowContext) -> Candidate {
    let scorer = scorer(packed, context)
    var best = Candidate()
    for feature in context.treeFeatures {
      let bins = histograms.baseAddress! + slot * totalBins + binOffsets[feature]
      var left: Int64 = 0
      for b in 0..<(binCounts[feature] - 1) {
        // An empty bin moves no row across the boundary: the split after it is the one before it.
        if bins[b] == 0 { continue }
        left &+= bins[b]
        scorer.consider(left: left, feature: feature, bin: b, into: &best)
      }
    }
    return best
  }

  /// A small node's split search over the tree's features: its rows summed into the scratch slot, then
  /// each feature's occupied bins scanned.
  private func bestSplitOfSmallNode(range: Range<Int>, packed: Int64, _ context: GrowContext) -> Candidate {
    sumRows(range, into: histograms.baseAddress!, marking: occupied.baseAddress!, context)
    var best = Candidate()
    for feature in context.treeFeatures { scanOccupied(feature, packed: packed, context, into: &best) }
    return best
  }

  /// Scans the occupied bins of `feature` in the scratch slot in order, zeroing them and their bitmap;
  /// a better split than `best` replaces it. Returns whether more than one bin was occupied.
  @discardableResult
  private func scanOccupied(_ feature: Int, packed: Int64, _ context: GrowContext, into best: inout Candidate)
    -> Bool
  {
    let bins = histograms.baseAddress! + binOffsets[feature], bits = occupied.baseAddress! + feature * 4
    let scorer = scorer(packed, context)
    var left: Int64 = 0
    var filled = 0
    for word in 0..<4 {
      var remaining = bits[word]
      bits[word] = 0
      while remaining != 0 {
        let b = word << 6 | remaining.trailingZeroBitCount
        remaining &= remaining &- 1
        left &+= bins[b]
        bins[b] = 0
        filled += 1
        scorer.consider(left: left, feature: feature, bin: b, into: &best)
      }
    }
    return filled > 1
  }

  /// A random forest's split search: `featuresPerNode` features drawn without replacement, each summed
  /// over the node's rows and scanned; when all of them are constant in the node, drawing goes on until
  /// one varies (as in scikit-learn). Equal gains keep the feature drawn first, so ties fall at random.
  private func bestSplitDrawingFeatures(
    range: Range<Int>, packed: Int64, _ context: GrowContext, _ generator: inout SplitMix64
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
        bins[b] &+= packedRows[row]
        bits[b &>> 6] |= 1 &<< UInt64(b & 63)
      }
      if scanOccupied(feature, packed: packed, context, into: &best) { varied = true }
    }
    return best
  }

  /// Stable partition of `order[range]` into rows at or below `bin` of `feature`, then the rest; returns
  /// where the second part begins, the exact gradient total of the first and its packed totals.
  private func partition(range: Range<Int>, feature: Int, bin: Int, _ gradients: UnsafeBufferPointer<Double>)
    -> (Int, Double, Int64)
  {
    let column = rowBins.baseAddress! + feature
    var left = range.lowerBound
    var right = 0
    var leftGradient = 0.0
    var leftPacked: Int64 = 0
    for position in range {
      let row = order[position]
      if Int(column[Int(row) * featureCount]) <= bin {
        order[left] = row
        left += 1
        leftGradient += gradients[Int(row)]
        leftPacked &+= packedRows[Int(row)]
      } else {
        scratch[right] = row
        right += 1
      }
    }
    for k in 0..<right { order[left + k] = scratch[k] }
    return (left, leftGradient, leftPacked)
  }
}
