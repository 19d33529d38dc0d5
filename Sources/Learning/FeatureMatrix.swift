/// Samples as rows, features as columns, stored row-major in one buffer.
///
/// `categoricalGroups` optionally names the column ranges that one-hot encode one categorical decision
/// each (an encoding sets it; models that need the structure, such as ``LookupTable``, read it).
public struct FeatureMatrix: Hashable, Sendable, Codable {
  public let rowCount: Int
  public let columnCount: Int
  /// Row-major values: row `r`, column `c` at `r * columnCount + c`.
  public private(set) var values: [Double]
  /// Column ranges that one-hot encode one decision each, in column order (empty when not categorical).
  public var categoricalGroups: [Range<Int>]

  /// - Precondition: `values.count == rowCount * columnCount`.
  public init(rowCount: Int, columnCount: Int, values: [Double], categoricalGroups: [Range<Int>] = []) {
    precondition(rowCount >= 0 && columnCount >= 0 && values.count == rowCount * columnCount,
                 "FeatureMatrix: \(values.count) values for \(rowCount) × \(columnCount)")
    self.rowCount = rowCount
    self.columnCount = columnCount
    self.values = values
    self.categoricalGroups = categoricalGroups
  }

  /// - Precondition: every row has the same length.
  public init(rows: [[Double]], categoricalGroups: [Range<Int>] = []) {
    let columns = rows.first?.count ?? 0
    precondition(rows.allSatisfy { $0.count == columns }, "FeatureMatrix: rows of different lengths")
    self.init(rowCount: rows.count, columnCount: columns, values: rows.flatMap { $0 },
              categoricalGroups: categoricalGroups)
  }

  public subscript(row: Int, column: Int) -> Double {
    get { values[row * columnCount + column] }
    set { values[row * columnCount + column] = newValue }
  }

  /// One row's values.
  public func row(_ index: Int) -> ArraySlice<Double> {
    values[(index * columnCount)..<((index + 1) * columnCount)]
  }

  /// One column's values, top to bottom.
  public func column(_ index: Int) -> [Double] {
    (0..<rowCount).map { values[$0 * columnCount + index] }
  }

  /// The rows at `indices`, in that order (repeats allowed), with the same column structure.
  public func selecting(rows indices: some Collection<Int>) -> FeatureMatrix {
    var picked: [Double] = []
    picked.reserveCapacity(indices.count * columnCount)
    for index in indices { picked.append(contentsOf: row(index)) }
    return FeatureMatrix(rowCount: indices.count, columnCount: columnCount, values: picked,
                         categoricalGroups: categoricalGroups)
  }

  /// The same rows with `other`'s columns appended (groups of both kept, `other`'s shifted).
  /// - Precondition: equal row counts.
  public func appendingColumns(of other: FeatureMatrix) -> FeatureMatrix {
    precondition(rowCount == other.rowCount, "FeatureMatrix: appending \(other.rowCount) rows to \(rowCount)")
    var joined: [Double] = []
    joined.reserveCapacity(rowCount * (columnCount + other.columnCount))
    for r in 0..<rowCount {
      joined.append(contentsOf: row(r))
      joined.append(contentsOf: other.row(r))
    }
    let shifted = other.categoricalGroups.map { ($0.lowerBound + columnCount)..<($0.upperBound + columnCount) }
    return FeatureMatrix(rowCount: rowCount, columnCount: columnCount + other.columnCount, values: joined,
                         categoricalGroups: categoricalGroups + shifted)
  }
}
