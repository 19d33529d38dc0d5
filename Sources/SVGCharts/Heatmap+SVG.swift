import Foundation

extension Heatmap {
  /// The heatmap as a standalone `<svg>` element (also valid inline in HTML).
  ///
  /// - Parameter id: unique within the page; prefixes the ids the chart defines (its hatch pattern).
  /// - Complexity: O(rows × columns).
  public func svg(id: String = "chart") -> String {
    HeatmapRenderer(chart: self, id: id).render()
  }
}

private struct HeatmapRenderer {
  let chart: Heatmap
  let id: String

  func render() -> String {
    let width = max(300, chart.size.width)
    var notes: [String] = []

    // The grid, padded with NaN where rows are short, averaged in blocks when too large.
    var rowNames = chart.yAxis.categories, columnNames = chart.xAxis.categories
    let rowCount = max(rowNames.count, chart.values.count)
    let columnCount = max(columnNames.count, chart.values.map(\.count).max() ?? 0)
    rowNames += (rowNames.count..<rowCount).map { "row \($0 + 1)" }
    columnNames += (columnNames.count..<columnCount).map { "column \($0 + 1)" }
    var grid: [[Double]] = (0..<rowCount).map { r in
      (0..<columnCount).map { c in r < chart.values.count && c < chart.values[r].count ? chart.values[r][c] : .nan }
    }
    let limit = max(1, chart.maxCellsPerSide)
    let averaged = rowCount > limit || columnCount > limit
    if averaged {
      let rowBlock = (rowCount + limit - 1) / limit, columnBlock = (columnCount + limit - 1) / limit
      (grid, rowNames, columnNames) = Self.blockAverage(grid, rows: rowNames, columns: columnNames, rowBlock: rowBlock, columnBlock: columnBlock)
      notes.append("\(rowCount) × \(columnCount) cells shown as \(grid.count) × \(grid.first?.count ?? 0): each drawn cell is the mean of a \(rowBlock) × \(columnBlock) block (cells without a value left out).")
    }
    let rows = grid.count, columns = grid.first?.count ?? 0
    // A tooltip per cell up to 5,000 cells; beyond, one per row (a 132 × 132 matrix would otherwise
    // carry 17,424 tooltips, megabytes of page for values the CSV holds exactly).
    let cellTooltips = rows * columns <= 5000

    // Colour domain and the cells it cannot show.
    let colorAxis = chart.colorScale.axis
    var invalid = 0, clamped = 0, nonPositive = 0
    var finite: [Double] = []
    for row in grid {
      for v in row {
        if colorAxis.canShow(v) { finite.append(v) } else { invalid += 1; if v.isFinite { nonPositive += 1 } }
      }
    }
    let domain = Self.colorDomain(colorAxis, values: finite)
    clamped = finite.filter { !(domain.contains($0)) }.count
    if invalid > 0 {
      let why = nonPositive == 0 ? "without a value" : nonPositive == invalid ? "≤ 0 on the log colour scale" : "without a value or ≤ 0 on the log colour scale"
      notes.append("\(ValueFormat.grouped(Int64(invalid))) cell\(invalid == 1 ? "" : "s") \(why) shown hatched.")
    }
    if clamped > 0 { notes.append("\(ValueFormat.grouped(Int64(clamped))) cell\(clamped == 1 ? "" : "s") outside the colour range \(colorAxis.format.string(domain.lowerBound))–\(colorAxis.format.string(domain.upperBound)) shown at its end.") }
    notes += chart.notes

    // Layout.
    let frame = ChartFrame(title: chart.title, subtitle: chart.subtitle, width: width)
    let labelSize = ChartFrame.tickLabelSize
    let maxLabel = 140.0
    let yLabels = rowNames.map { TextMetrics.truncate($0, fontSize: labelSize, maxWidth: maxLabel) }
    let xLabels = columnNames.map { TextMetrics.truncate($0, fontSize: labelSize, maxWidth: maxLabel) }
    let yLabelWidth = yLabels.map { TextMetrics.width($0, fontSize: labelSize) }.max() ?? 0
    let xLabelWidth = xLabels.map { TextMetrics.width($0, fontSize: labelSize) }.max() ?? 0
    let colorTicks = colorAxis.ticks(domain, target: 5)
    let colorLabelWidth = colorTicks.labels.map { TextMetrics.width($0, fontSize: labelSize) }.max() ?? 0
    let barAreaWidth = 16 + 14 + 6 + colorLabelWidth + 10 + ChartFrame.axisTitleSize + 4
    let plotLeft = ChartFrame.margin + ChartFrame.axisTitleSize + 10 + yLabelWidth + 6
    let available = max(40, width - plotLeft - ChartFrame.margin - barAreaWidth)
    let plotHeightLimit = max(80, chart.size.plotHeight)
    var cellWidth = available / Double(max(1, columns)), cellHeight = plotHeightLimit / Double(max(1, rows))
    // Beyond 80 px a cell shows nothing more; a 2 × 3 grid should not fill the page.
    cellWidth = min(cellWidth, 80)
    cellHeight = min(cellHeight, 80)
    if rows == columns {
      cellWidth = min(cellWidth, cellHeight)
      cellHeight = cellWidth
    } else {
      // Keep cells from turning into long strips.
      cellWidth = min(cellWidth, cellHeight * 3)
      cellHeight = min(cellHeight, cellWidth * 3)
    }
    let gridWidth = cellWidth * Double(columns), gridHeight = cellHeight * Double(rows)
    let plotTop = frame.headerHeight + 6
    let plotBottom = plotTop + max(gridHeight, 1)
    let plotRight = plotLeft + gridWidth
    let xRotated = xLabelWidth > cellWidth - 4
    let xLabelStep = Self.labelStep(space: cellWidth, needed: xRotated ? 13 : xLabelWidth + 8)
    let yLabelStep = Self.labelStep(space: cellHeight, needed: 13)
    if xLabelStep > 1 || yLabelStep > 1 {
      notes.append("Labels thinned to fit: every \(Self.ordinal(max(xLabelStep, yLabelStep))) category labelled where crowded; "
        + (cellTooltips ? "each cell's tooltip names its row and column." : "each row's tooltip names it; the exact values are in the data files."))
    }
    let xLabelBand = xRotated ? xLabelWidth + 10 : 18
    let xTitleBaseline = plotBottom + xLabelBand + 18
    let hasHatchLegend = invalid > 0
    let noteLines = ChartFrame.noteLines(notes, width: width)
    let notesTop = xTitleBaseline + 10
    let colorBarHeight = max(gridHeight, 120)
    let bottom = max(notesTop + ChartFrame.notesHeight(noteLines), plotTop + colorBarHeight + (hasHatchLegend ? 30 : 8))
    let height = bottom + ChartFrame.margin

    var canvas = SVGCanvas(width: width, height: height, id: id, title: chart.title, description: chart.subtitle)
    frame.drawHeader(&canvas)
    if hasHatchLegend {
      canvas.raw("<defs><pattern id=\"\(Markup.escape(id))-hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#f2f2f2\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#b0b0b0\" stroke-width=\"2\"/></pattern></defs>\n")
    }

    // Cells.
    let showValues = chart.showsValues ?? (cellHeight >= 15 && grid.joined().allSatisfy { v in
      TextMetrics.width(colorAxis.format.string(v), fontSize: labelSize) + 6 <= cellWidth })
    let separate = cellWidth >= 8 && cellHeight >= 8
    let rowTop = { (r: Int) in chart.firstRowAtTop ? plotTop + Double(r) * cellHeight : plotBottom - Double(r + 1) * cellHeight }
    if cellTooltips {
      canvas.open("g", [("class", "cells")] + (separate ? [("stroke", "#ffffff"), ("stroke-width", "1")] : []))
      for r in 0..<rows {
        for c in 0..<columns {
          let v = grid[r][c]
          let fill = colorAxis.canShow(v)
            ? chart.colorScale.map.color(at: Self.position(v, in: domain, scale: colorAxis.scale)).svg : "url(#\(id)-hatch)"
          let described = colorAxis.canShow(v) ? colorAxis.describe(v) : "no value"
          let note = !averaged && r < chart.cellNotes.count && c < chart.cellNotes[r].count ? chart.cellNotes[r][c] : ""
          canvas.rect(plotLeft + Double(c) * cellWidth, rowTop(r), cellWidth, cellHeight, [("fill", fill)],
                      tooltip: "\(chart.yAxis.label) \(rowNames[r]), \(chart.xAxis.label) \(columnNames[c]): \(described)"
                        + (note.isEmpty ? "" : " — \(note)"))
        }
      }
      canvas.close("g")
    } else {
      // Large grids: one path per colour, the colour quantised to 256 levels along the map (finer than
      // the eye and the 64-slice colour bar resolve), about 30 bytes a cell instead of 75. Hovering a
      // row (a transparent band on top) names it.
      var paths: [Int: String] = [:]
      let n = Markup.coordinate
      let cellPath = "h\(n(cellWidth))v\(n(cellHeight))h\(n(-cellWidth))z"
      for r in 0..<rows {
        for c in 0..<columns {
          let v = grid[r][c]
          let level = colorAxis.canShow(v) ? Int((Self.position(v, in: domain, scale: colorAxis.scale) * 255).rounded()) : -1
          paths[level, default: ""] += "M\(n(plotLeft + Double(c) * cellWidth)) \(n(rowTop(r)))" + cellPath
        }
      }
      canvas.open("g", [("class", "cells")])
      for level in paths.keys.sorted() {
        let fill = level < 0 ? "url(#\(id)-hatch)" : chart.colorScale.map.color(at: Double(level) / 255).svg
        canvas.element("path", [("d", paths[level]!), ("fill", fill)])  // every key came from the loop above
      }
      canvas.close("g")
      canvas.open("g", [("class", "rows"), ("fill", "#000000"), ("fill-opacity", "0")])
      for r in 0..<rows {
        canvas.rect(plotLeft, rowTop(r), gridWidth, cellHeight, tooltip: "\(chart.yAxis.label) \(rowNames[r])")
      }
      canvas.close("g")
    }
    if showValues {
      canvas.open("g", [("class", "cell-values")])
      for r in 0..<rows {
        let y = chart.firstRowAtTop ? plotTop + Double(r) * cellHeight : plotBottom - Double(r + 1) * cellHeight
        for c in 0..<columns where colorAxis.canShow(grid[r][c]) {
          let v = grid[r][c]
          let background = chart.colorScale.map.color(at: Self.position(v, in: domain, scale: colorAxis.scale))
          canvas.text(colorAxis.format.string(v), x: plotLeft + (Double(c) + 0.5) * cellWidth, y: y + cellHeight / 2 + 4, size: labelSize,
                      anchor: .middle, color: background.luminance < 0.35 ? "#ffffff" : "#111111", className: "cell-value")
        }
      }
      canvas.close("g")
    }
    canvas.rect(plotLeft, plotTop, gridWidth, gridHeight, [("fill", "none"), ("stroke", "#666666")])

    // Category labels and axis titles.
    for c in stride(from: 0, to: columns, by: xLabelStep) {
      let x = plotLeft + (Double(c) + 0.5) * cellWidth
      if xRotated {
        canvas.text(xLabels[c], x: x + 4, y: plotBottom + 6, size: labelSize, anchor: .end, color: "#333333", className: "tick-label x", rotate: -90, tooltip: columnNames[c])
      } else {
        canvas.text(xLabels[c], x: x, y: plotBottom + 15, size: labelSize, anchor: .middle, color: "#333333", className: "tick-label x", tooltip: columnNames[c])
      }
    }
    for r in stride(from: 0, to: rows, by: yLabelStep) {
      let y = chart.firstRowAtTop ? plotTop + (Double(r) + 0.5) * cellHeight : plotBottom - (Double(r) + 0.5) * cellHeight
      canvas.text(yLabels[r], x: plotLeft - 6, y: y + 4, size: labelSize, anchor: .end, color: "#333333", className: "tick-label y", tooltip: rowNames[r])
    }
    canvas.text(TextMetrics.truncate(chart.xAxis.title, fontSize: ChartFrame.axisTitleSize, maxWidth: 2 * min((plotLeft + gridWidth / 2) - ChartFrame.margin, width - ChartFrame.margin - (plotLeft + gridWidth / 2))),
                x: plotLeft + gridWidth / 2, y: xTitleBaseline, size: ChartFrame.axisTitleSize, anchor: .middle,
                color: "#111111", className: "axis-title x", tooltip: chart.xAxis.title)
    canvas.text(TextMetrics.truncate(chart.yAxis.title, fontSize: ChartFrame.axisTitleSize, maxWidth: max(gridHeight, 60)),
                x: ChartFrame.margin + ChartFrame.axisTitleSize - 2, y: plotTop + gridHeight / 2, size: ChartFrame.axisTitleSize,
                anchor: .middle, color: "#111111", className: "axis-title y", rotate: -90, tooltip: chart.yAxis.title)

    // Colour bar: 64 slices (no gradient ids to collide between charts), ticks, title.
    let barLeft = plotRight + 16, barTop = plotTop, barHeight = colorBarHeight
    canvas.open("g", [("class", "color-scale")])
    let slices = 64
    for i in 0..<slices {
      let t0 = Double(i) / Double(slices)
      canvas.rect(barLeft, barTop + barHeight * (1 - t0 - 1 / Double(slices)), 14, barHeight / Double(slices) + 0.3,
                  [("fill", chart.colorScale.map.color(at: t0 + 0.5 / Double(slices)).svg)])
    }
    canvas.rect(barLeft, barTop, 14, barHeight, [("fill", "none"), ("stroke", "#666666")])
    for (v, label) in zip(colorTicks.values, colorTicks.labels) {
      let y = barTop + barHeight * (1 - Self.position(v, in: domain, scale: colorAxis.scale))
      canvas.line(barLeft + 14, y, barLeft + 18, y, [("stroke", "#666666")])
      canvas.text(label, x: barLeft + 21, y: y + 4, size: labelSize, color: "#333333", className: "tick-label color")
    }
    let colorTitleX = barLeft + 14 + 6 + colorLabelWidth + 10 + ChartFrame.axisTitleSize - 3
    canvas.text(TextMetrics.truncate(colorAxis.title, fontSize: ChartFrame.axisTitleSize, maxWidth: barHeight), x: colorTitleX, y: barTop + barHeight / 2,
                size: ChartFrame.axisTitleSize, anchor: .middle, color: "#111111", className: "axis-title color", rotate: -90, tooltip: colorAxis.title)
    if hasHatchLegend {
      canvas.rect(barLeft, barTop + barHeight + 8, 14, 12, [("fill", "url(#\(id)-hatch)"), ("stroke", "#666666")])
      canvas.text(chart.missingLabel, x: barLeft + 20, y: barTop + barHeight + 18, size: labelSize, color: "#333333", className: "legend-label")
    }
    canvas.close("g")

    ChartFrame.drawNotes(noteLines, top: notesTop, canvas: &canvas)
    return canvas.finish()
  }

  /// The colour range: the fixed domain, else the data's min…max (a single value gets a small span).
  static func colorDomain(_ axis: Axis, values: [Double]) -> ClosedRange<Double> {
    if let range = axis.range, axis.canShow(range.lowerBound), axis.canShow(range.upperBound), range.lowerBound < range.upperBound {
      return range
    }
    guard let lo = values.min(), let hi = values.max() else { return axis.scale == .log ? 1...10 : 0...1 }
    if lo < hi { return lo...hi }
    switch axis.scale {
    case .linear: return lo == 0 ? -1...1 : (lo - abs(lo) * 0.1)...(hi + abs(hi) * 0.1)
    case .log: return (lo / 1.25)...(hi * 1.25)
    }
  }

  /// Where `value` sits in `domain`, in [0, 1] (clamped).
  static func position(_ value: Double, in domain: ClosedRange<Double>, scale: AxisScale) -> Double {
    let t: Double
    switch scale {
    case .linear: t = (value - domain.lowerBound) / (domain.upperBound - domain.lowerBound)
    case .log: t = (log10(value) - log10(domain.lowerBound)) / (log10(domain.upperBound) - log10(domain.lowerBound))
    }
    return t.isFinite ? min(1, max(0, t)) : 0
  }

  /// Label every k-th category, k from 1, 2, 5, 10, … so labelled positions are easy to count.
  static func labelStep(space: Double, needed: Double) -> Int {
    guard space > 0, needed > space else { return 1 }
    return Int(Ticks.niceStep(needed / space).rounded(.up))
  }

  static func ordinal(_ n: Int) -> String {
    switch n {
    case 2: return "2nd"
    case 3: return "3rd"
    default: return "\(n)th"
    }
  }

  static func blockAverage(_ grid: [[Double]], rows: [String], columns: [String], rowBlock: Int, columnBlock: Int) -> ([[Double]], [String], [String]) {
    func names(_ all: [String], _ block: Int) -> [String] {
      stride(from: 0, to: all.count, by: block).map { start in
        let end = min(all.count, start + block) - 1
        return end == start ? all[start] : "\(all[start])…\(all[end])"
      }
    }
    let averaged: [[Double]] = stride(from: 0, to: grid.count, by: rowBlock).map { r0 in
      stride(from: 0, to: grid[0].count, by: columnBlock).map { c0 in
        var sum = 0.0, count = 0
        for r in r0..<min(grid.count, r0 + rowBlock) {
          for c in c0..<min(grid[r].count, c0 + columnBlock) where grid[r][c].isFinite {
            sum += grid[r][c]
            count += 1
          }
        }
        return count > 0 ? sum / Double(count) : .nan
      }
    }
    return (averaged, names(rows, rowBlock), names(columns, columnBlock))
  }
}
