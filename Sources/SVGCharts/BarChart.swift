import Foundation

/// Horizontal bars, one group per category and one bar per series (evaluations per strategy, wall time,
/// the gap to the coupled optimum). Horizontal so long names stay readable.
///
/// On a linear value axis bars start at 0; on a log axis (evaluations spanning decades) they start at
/// the axis's lower end, which the chart states. NaN/infinite values (or ≤ 0 on a log axis) draw no
/// bar, print `n/a` and are counted in a note.
public struct BarChart: Hashable, Sendable {
  public var title: String
  public var subtitle: String?
  public var categoryAxis: CategoryAxis
  public var valueAxis: Axis
  public var series: [BarSeries]
  /// Whether each bar carries its value as text.
  public var showsValues: Bool
  public var notes: [String]
  public var width: Double

  public init(
    title: String, subtitle: String? = nil, categoryAxis: CategoryAxis, valueAxis: Axis, series: [BarSeries],
    showsValues: Bool = true, notes: [String] = [], width: Double = ChartSize.standard.width
  ) {
    self.title = title
    self.subtitle = subtitle
    self.categoryAxis = categoryAxis
    self.valueAxis = valueAxis
    self.series = series
    self.showsValues = showsValues
    self.notes = notes
    self.width = width
  }
}

/// One bar per category (`values[i]` for `categoryAxis.categories[i]`).
public struct BarSeries: Hashable, Sendable {
  public var name: String
  public var values: [Double]
  public var color: ChartColor?

  public init(_ name: String, values: [Double], color: ChartColor? = nil) {
    self.name = name
    self.values = values
    self.color = color
  }
}

extension BarChart {
  /// The chart as a standalone `<svg>` element (also valid inline in HTML).
  public func svg(id: String = "chart") -> String {
    let width = max(300, self.width)
    let axis = valueAxis
    let categories = categoryAxis.categories
    var notes: [String] = []
    var values: [Double] = []
    var skipped = 0
    for s in series {
      for i in categories.indices {
        let v = i < s.values.count ? s.values[i] : .nan
        if axis.canShow(v) { values.append(v) } else { skipped += 1 }
      }
    }
    var fitted = axis
    if fitted.scale == .linear { fitted.includesZero = true }
    var domain = fitted.domain(fitting: values)
    if axis.scale == .log, axis.range == nil, let low = values.min() {
      // Bars on a log axis start at the decade below the smallest value, so each bar's length still
      // says something (10⁴ → 17,875 is visible, not a sliver).
      domain = pow(10, log10(low).rounded(.down))...domain.upperBound
    }
    if skipped > 0 { notes.append("\(skipped) bar\(skipped == 1 ? "" : "s") without a drawable value (NaN, infinite\(axis.scale == .log ? " or ≤ 0 on the log axis" : "")) marked n/a.") }
    if axis.scale == .log {
      notes.append("Log scale: bars start at \(axis.format.string(domain.lowerBound)), the axis's left end; compare where bars end, not their lengths.")
    }
    notes += self.notes

    let frame = ChartFrame(title: title, subtitle: subtitle, width: width)
    let labelSize = ChartFrame.tickLabelSize
    // Category names up to about 40 characters stay whole; longer ones are shortened with a tooltip.
    let labels = categories.map { TextMetrics.truncate($0, fontSize: 12, maxWidth: min(260, width * 0.4)) }
    let labelWidth = labels.map { TextMetrics.width($0, fontSize: 12) }.max() ?? 0
    let valueTexts = series.map { s in categories.indices.map { i in axis.format.string(i < s.values.count ? s.values[i] : .nan) } }
    let valueTextWidth = showsValues ? (valueTexts.joined().map { TextMetrics.width($0, fontSize: labelSize) }.max() ?? 0) + 8 : 0
    let plotLeft = ChartFrame.margin + ChartFrame.axisTitleSize + 10 + labelWidth + 8
    let plotRight = width - ChartFrame.margin - max(10, valueTextWidth)
    let barHeight = series.count > 1 ? 14.0 : 18.0
    let groupHeight = barHeight * Double(max(1, series.count)) + 10
    let plotTop = frame.headerHeight + 6
    let plotBottom = plotTop + max(groupHeight * Double(categories.count), 30)
    let scale = Scale(kind: axis.scale, domain: domain, pixels: (plotLeft, plotRight))
    let ticks = axis.horizontalTicks(domain, scale: scale)
    let legendEntries: [(String, LegendSwatch)] = series.count > 1
      ? series.enumerated().map { ($0.element.name, .patch($0.element.color ?? ChartColor.series($0.offset))) } : []
    let legend = LegendLayout(legendEntries, left: plotLeft, maxWidth: plotRight - plotLeft)
    let legendTop = plotBottom + 44
    let noteLines = ChartFrame.noteLines(notes, width: width)
    let notesTop = legendTop + legend.height + (legend.rows > 0 ? 4 : 0)
    let height = notesTop + ChartFrame.notesHeight(noteLines) + ChartFrame.margin

    var canvas = SVGCanvas(width: width, height: height, id: id, title: title, description: subtitle)
    frame.drawHeader(&canvas)
    canvas.open("g", [("class", "grid"), ("stroke", "#dcdcdc")])
    for v in ticks.values { canvas.line(scale(v), plotTop, scale(v), plotBottom) }
    canvas.close("g")
    let baseline = axis.scale == .log ? plotLeft : scale(0)
    for (c, name) in labels.enumerated() {
      let groupTop = plotTop + Double(c) * groupHeight + 5
      canvas.text(name, x: plotLeft - 8, y: groupTop + barHeight * Double(max(1, series.count)) / 2 + 4, size: 12, anchor: .end,
                  color: "#222222", className: "tick-label y", tooltip: categories[c])
      for (s, bars) in series.enumerated() {
        let v = c < bars.values.count ? bars.values[c] : .nan
        let y = groupTop + Double(s) * barHeight
        let color = bars.color ?? ChartColor.series(s)
        let tooltip = "\(categories[c])\(series.count > 1 ? " — \(bars.name)" : ""): \(axis.canShow(v) ? axis.describe(v) : "n/a")"
        if axis.canShow(v) {
          let end = min(max(scale(v), plotLeft), plotRight)
          canvas.rect(min(baseline, end), y + 1, abs(end - baseline), barHeight - 2, [("class", "bar"), ("fill", color.svg)], tooltip: tooltip)
          if showsValues {
            canvas.text(valueTexts[s][c], x: max(baseline, end) + 4, y: y + barHeight / 2 + 4, size: labelSize, color: "#222222", className: "bar-value")
          }
        } else {
          canvas.text("n/a", x: baseline + 4, y: y + barHeight / 2 + 4, size: labelSize, color: "#777777", className: "bar-value", tooltip: tooltip)
        }
      }
    }
    canvas.line(baseline, plotTop, baseline, plotBottom, [("stroke", "#666666")])
    canvas.line(plotLeft, plotBottom, plotRight, plotBottom, [("stroke", "#666666")])
    for (v, label) in zip(ticks.values, ticks.labels) {
      canvas.line(scale(v), plotBottom, scale(v), plotBottom + 5, [("stroke", "#666666")])
      let half = TextMetrics.width(label, fontSize: labelSize) / 2
      canvas.text(label, x: min(max(scale(v), half + 2), width - half - 2), y: plotBottom + 18, size: labelSize, anchor: .middle,
                  color: "#333333", className: "tick-label x")
    }
    canvas.text(TextMetrics.truncate(axis.title, fontSize: ChartFrame.axisTitleSize, maxWidth: 2 * min((plotLeft + plotRight) / 2 - ChartFrame.margin, width - ChartFrame.margin - (plotLeft + plotRight) / 2)),
                x: (plotLeft + plotRight) / 2, y: plotBottom + 36, size: ChartFrame.axisTitleSize, anchor: .middle,
                color: "#111111", className: "axis-title x", tooltip: axis.title)
    canvas.text(TextMetrics.truncate(categoryAxis.title, fontSize: ChartFrame.axisTitleSize, maxWidth: max(60, plotBottom - plotTop)),
                x: ChartFrame.margin + ChartFrame.axisTitleSize - 2, y: (plotTop + plotBottom) / 2, size: ChartFrame.axisTitleSize,
                anchor: .middle, color: "#111111", className: "axis-title y", rotate: -90, tooltip: categoryAxis.title)
    legend.draw(top: legendTop, canvas: &canvas)
    ChartFrame.drawNotes(noteLines, top: notesTop, canvas: &canvas)
    return canvas.finish()
  }
}
