import Foundation

extension XYChart {
  /// The chart as a standalone `<svg>` element (also valid inline in HTML).
  ///
  /// - Parameter id: unique within the page; prefixes the ids the chart defines (its clip path).
  /// - Complexity: O(n log n) in the number of points (thinning), output bounded by the marker limit.
  public func svg(id: String = "chart") -> String {
    XYChartRenderer(chart: self, id: id).render()
  }
}

extension Axis {
  /// A value with this axis's format and unit: `1.234 ms`, `93.37 %`, `0.9912`.
  func describe(_ value: Double) -> String {
    let text = format.string(value)
    return unit.isEmpty ? text : "\(text) \(unit)"
  }

  /// Ticks for a domain on this axis.
  func ticks(_ domain: ClosedRange<Double>, target: Int) -> Ticks {
    scale == .log ? Ticks.log(domain, target: target) : Ticks.linear(domain, target: target)
  }

  /// Ticks for a horizontal axis: about one per 80 px, fewer until no two labels overlap.
  func horizontalTicks(_ domain: ClosedRange<Double>, scale pixels: Scale) -> Ticks {
    var target = max(2, Int(abs(pixels.pixels.end - pixels.pixels.start) / 80))
    var ticks = self.ticks(domain, target: target)
    while target > 2 && !ticks.labelsFit(pixels) {
      target -= 1
      ticks = self.ticks(domain, target: target)
    }
    return ticks
  }
}

/// Counts of points a chart could not draw, by reason, for the note under the chart.
struct SkipCounts {
  var nonFinite = 0
  var nonPositive = 0
  var outOfRange = 0

  var isEmpty: Bool { nonFinite + nonPositive + outOfRange == 0 }

  func describe(noun: String, logAxes: String?) -> String {
    var parts: [String] = []
    func count(_ n: Int) -> String { "\(ValueFormat.grouped(Int64(n))) \(noun)\(n == 1 ? "" : "s")" }
    if nonFinite > 0 { parts.append("\(count(nonFinite)) with a NaN or infinite value") }
    if nonPositive > 0 { parts.append("\(count(nonPositive)) with a value ≤ 0 on the log \(logAxes ?? "") axis") }
    if outOfRange > 0 { parts.append("\(count(outOfRange)) outside the axis range") }
    return parts.joined(separator: ", ")
  }
}

private struct XYChartRenderer {
  let chart: XYChart
  let id: String

  func render() -> String {
    let x = chart.xAxis, y = chart.yAxis
    let width = max(240, chart.size.width)
    let plotHeight = max(80, chart.size.plotHeight)

    // Domain: every drawable value, fixed ranges aside.
    var xs: [Double] = [], ys: [Double] = []
    for series in chart.series {
      for p in series.points where x.canShow(p.x) && y.canShow(p.y) {
        xs.append(p.x)
        ys.append(p.y)
      }
    }
    for line in chart.referenceLines {
      switch line.orientation {
      case .horizontal: if y.canShow(line.value) { ys.append(line.value) }
      case .vertical: if x.canShow(line.value) { xs.append(line.value) }
      }
    }
    for a in chart.annotations where x.canShow(a.x) && y.canShow(a.y) {
      xs.append(a.x)
      ys.append(a.y)
    }
    let xDomain = x.domain(fitting: xs), yDomain = y.domain(fitting: ys)

    // Layout: the y tick labels set the left margin; the x ticks thin out until their labels fit.
    let frame = ChartFrame(title: chart.title, subtitle: chart.subtitle, width: width)
    let yTicks = y.ticks(yDomain, target: max(2, Int(plotHeight / 48)))
    let yLabelWidth = yTicks.labels.map { TextMetrics.width($0, fontSize: ChartFrame.tickLabelSize) }.max() ?? 0
    let plotLeft = ChartFrame.margin + ChartFrame.axisTitleSize + 10 + yLabelWidth + 8
    let plotRight = width - ChartFrame.margin - 10
    let plotTop = frame.headerHeight + 6
    let plotBottom = plotTop + plotHeight
    let xScale = Scale(kind: x.scale, domain: xDomain, pixels: (plotLeft, plotRight))
    let yScale = Scale(kind: y.scale, domain: yDomain, pixels: (plotBottom, plotTop))
    let xTicks = x.horizontalTicks(xDomain, scale: xScale)

    // Series: what is drawn, what is thinned, what is skipped.
    var notes: [String] = []
    var skippedNotes: [String] = []
    var drawn: [(series: XYSeries, color: ChartColor, shape: MarkerShape, segments: [[(x: Double, y: Double)]], markers: [Int], pixels: [(x: Double, y: Double)])] = []
    let logAxes = [x.scale == .log ? "x" : nil, y.scale == .log ? "y" : nil].compactMap { $0 }.joined(separator: " and ")
    for (index, series) in chart.series.enumerated() {
      let color = series.color ?? ChartColor.series(index)
      let shape = series.marker ?? MarkerShape.series(index)
      var skips = SkipCounts()
      var pixels: [(x: Double, y: Double)] = Array(repeating: (0, 0), count: series.points.count)
      var drawable: [Int] = []
      var segments: [[(x: Double, y: Double)]] = []
      var segment: [(x: Double, y: Double)] = []
      for (i, p) in series.points.enumerated() {
        if !p.x.isFinite || !p.y.isFinite {
          skips.nonFinite += 1
        } else if !x.canShow(p.x) || !y.canShow(p.y) {
          skips.nonPositive += 1
        } else {
          let pixel = (x: xScale(p.x), y: yScale(p.y))
          pixels[i] = pixel
          segment.append(pixel)
          if xScale.contains(p.x) && yScale.contains(p.y) {
            drawable.append(i)
          } else if series.style.drawsMarkers || !series.style.drawsLine {
            skips.outOfRange += 1
          }
          continue
        }
        // An undrawable point breaks a line.
        if !segment.isEmpty { segments.append(segment) }
        segment = []
      }
      if !segment.isEmpty { segments.append(segment) }
      if !skips.isEmpty {
        skippedNotes.append("“\(series.name)”: " + skips.describe(noun: "point", logAxes: logAxes))
      }
      var markers = series.style.drawsMarkers ? drawable : []
      if markers.count > chart.maxMarkersPerSeries {
        let (kept, cell) = Thinning.byCell(markers.map { pixels[$0] }, limit: chart.maxMarkersPerSeries)
        notes.append("“\(series.name)”: \(ValueFormat.grouped(Int64(markers.count))) points, \(ValueFormat.grouped(Int64(kept.count))) drawn — one marker per \(ValueFormat.fixed(cell, decimals: 1))-pixel cell (points sharing a cell would overlap anyway).")
        markers = kept.map { markers[$0] }
      }
      if series.style.drawsLine {
        let total = segments.reduce(0) { $0 + $1.count }
        if total > Int(4 * (plotRight - plotLeft)) {
          segments = segments.map { s in Thinning.decimateLine(s).map { s[$0] } }
          let kept = segments.reduce(0) { $0 + $1.count }
          notes.append("“\(series.name)”: line drawn through \(ValueFormat.grouped(Int64(kept))) of \(ValueFormat.grouped(Int64(total))) points (first, last, lowest and highest per pixel column: the same picture).")
        }
      } else {
        segments = []
      }
      drawn.append((series, color, shape, segments, markers, pixels))
    }
    for line in chart.referenceLines {
      let axis = line.orientation == .horizontal ? y : x
      let scale = line.orientation == .horizontal ? yScale : xScale
      if !axis.canShow(line.value) || !scale.contains(line.value) {
        skippedNotes.append("line “\(line.label)” at \(axis.format.string(line.value))")
      }
    }
    for a in chart.annotations where !(x.canShow(a.x) && y.canShow(a.y) && xScale.contains(a.x) && yScale.contains(a.y)) {
      skippedNotes.append("point “\(a.label)” at (\(x.format.string(a.x)), \(y.format.string(a.y)))")
    }
    if !skippedNotes.isEmpty { notes.append("Not drawn: " + skippedNotes.joined(separator: "; ") + ".") }
    notes += chart.notes

    let legendEntries: [(String, LegendSwatch)] = drawn.filter { $0.series.inLegend }.map { d in
      switch d.series.style {
      case .markers: return (d.series.name, .marker(d.shape, d.color, opacity: d.series.opacity))
      case .line, .step: return (d.series.name, .line(d.color, dashed: false))
      case .lineWithMarkers, .stepWithMarkers: return (d.series.name, .lineAndMarker(d.shape, d.color))
      }
    }
    let legend = LegendLayout(legendEntries, left: plotLeft, maxWidth: plotRight - plotLeft)
    let legendTop = plotBottom + 44
    let noteLines = ChartFrame.noteLines(notes, width: width)
    let notesTop = legendTop + legend.height + (legend.rows > 0 ? 4 : 0)
    let height = notesTop + ChartFrame.notesHeight(noteLines) + ChartFrame.margin

    // Drawing.
    var canvas = SVGCanvas(width: width, height: height, id: id, title: chart.title, description: chart.subtitle)
    frame.drawHeader(&canvas)
    canvas.raw("<defs><clipPath id=\"\(Markup.escape(id))-plot\"><rect x=\"\(Markup.coordinate(plotLeft))\" y=\"\(Markup.coordinate(plotTop))\" width=\"\(Markup.coordinate(plotRight - plotLeft))\" height=\"\(Markup.coordinate(plotHeight))\"/></clipPath></defs>\n")
    drawGrid(&canvas, xTicks: xTicks, yTicks: yTicks, xScale: xScale, yScale: yScale, plot: (plotLeft, plotTop, plotRight, plotBottom))
    drawAxes(&canvas, xTicks: xTicks, yTicks: yTicks, xScale: xScale, yScale: yScale, plot: (plotLeft, plotTop, plotRight, plotBottom), width: width)

    for d in drawn {
      if !d.segments.isEmpty {
        var path = ""
        for segment in d.segments {
          path += "M\(Markup.coordinate(segment[0].x)) \(Markup.coordinate(segment[0].y))"
          for point in segment.dropFirst() {
            switch d.series.style {
            case .step, .stepWithMarkers:
              path += "H\(Markup.coordinate(point.x))V\(Markup.coordinate(point.y))"
            default:
              path += "L\(Markup.coordinate(point.x)) \(Markup.coordinate(point.y))"
            }
          }
        }
        canvas.element("path", [("class", "series-line"), ("d", path), ("fill", "none"), ("stroke", d.color.svg), ("stroke-width", "2"),
                                ("stroke-linejoin", "round"), ("clip-path", "url(#\(id)-plot)")], tooltip: d.series.name)
      }
      if !d.markers.isEmpty {
        let withLine = d.series.style.drawsLine
        var attributes: [(String, String)] = [("class", "series-markers"), ("fill", d.color.svg)]
        if d.series.opacity < 1 { attributes.append(("fill-opacity", Markup.coordinate(max(0.05, d.series.opacity)))) }
        if withLine || d.series.opacity >= 1 { attributes += [("stroke", "#ffffff"), ("stroke-width", withLine ? "0.8" : "0.5")] }
        canvas.open("g", attributes)
        let r = withLine ? 3.5 : 3
        for i in d.markers {
          let p = d.series.points[i]
          let name = p.label.map { "\(d.series.name): \($0)" } ?? d.series.name
          canvas.marker(d.shape, x: d.pixels[i].x, y: d.pixels[i].y, r: r,
                        tooltip: d.series.pointTooltips ? "\(name) — \(x.label) \(x.describe(p.x)), \(y.label) \(y.describe(p.y))" : nil)
        }
        canvas.close("g")
      }
    }

    var placer = LabelPlacer(top: plotTop, bottom: plotBottom)
    for line in chart.referenceLines {
      let axis = line.orientation == .horizontal ? y : x
      let scale = line.orientation == .horizontal ? yScale : xScale
      guard axis.canShow(line.value), scale.contains(line.value) else { continue }
      let position = scale(line.value)
      let dash: [(String, String)] = line.dashed ? [("stroke-dasharray", "6 4")] : []
      let tooltip = "\(line.label): \(axis.describe(line.value))"
      switch line.orientation {
      case .horizontal:
        canvas.element("line", [("class", "reference-line"), ("x1", Markup.coordinate(plotLeft)), ("y1", Markup.coordinate(position)),
                                ("x2", Markup.coordinate(plotRight)), ("y2", Markup.coordinate(position)),
                                ("stroke", line.color.svg), ("stroke-width", "1.5")] + dash, tooltip: tooltip)
        let label = TextMetrics.truncate(line.label, fontSize: 11, maxWidth: plotRight - plotLeft - 8)
        let labelWidth = TextMetrics.width(label, fontSize: 11)
        let baseline = placer.place(x0: plotRight - 4 - labelWidth, x1: plotRight - 4, y: position - 4, height: 11)
        canvas.text(label, x: plotRight - 4, y: baseline, size: 11, anchor: .end, color: line.color.svg, className: "reference-label",
                    halo: true, tooltip: line.label)
      case .vertical:
        canvas.element("line", [("class", "reference-line"), ("x1", Markup.coordinate(position)), ("y1", Markup.coordinate(plotTop)),
                                ("x2", Markup.coordinate(position)), ("y2", Markup.coordinate(plotBottom)),
                                ("stroke", line.color.svg), ("stroke-width", "1.5")] + dash, tooltip: tooltip)
        let (label, rightSide) = Self.fitLabel(line.label, size: 11, at: position, gap: 4, left: plotLeft, right: plotRight)
        let labelWidth = TextMetrics.width(label, fontSize: 11)
        let x0 = rightSide ? position + 4 : position - 4 - labelWidth
        let baseline = placer.place(x0: x0, x1: x0 + labelWidth, y: plotTop + 13, height: 11)
        canvas.text(label, x: rightSide ? position + 4 : position - 4, y: baseline, size: 11, anchor: rightSide ? .start : .end,
                    color: line.color.svg, className: "reference-label", halo: true, tooltip: line.label)
      }
    }
    for a in chart.annotations where x.canShow(a.x) && y.canShow(a.y) && xScale.contains(a.x) && yScale.contains(a.y) {
      let px = xScale(a.x), py = yScale(a.y)
      let tooltip = "\(a.label) — \(x.label) \(x.describe(a.x)), \(y.label) \(y.describe(a.y))"
      canvas.marker(a.marker, x: px, y: py, r: 6, attributes: [("class", "annotation"), ("fill", a.color.svg), ("stroke", "#000000"), ("stroke-width", "1.3")], tooltip: tooltip)
      // Bold text is about 9 % wider: measure it as 13.1 px regular.
      let (label, rightSide) = Self.fitLabel(a.label, size: 13.1, at: px, gap: 11, left: plotLeft, right: plotRight)
      let labelWidth = TextMetrics.width(label, fontSize: 12, bold: true)
      let x0 = rightSide ? px + 11 : px - 11 - labelWidth
      let baseline = placer.place(x0: x0, x1: x0 + labelWidth, y: py - 9 < plotTop + 14 ? py + 20 : py - 9, height: 12)
      canvas.text(label, x: rightSide ? px + 11 : px - 11, y: baseline, size: 12, anchor: rightSide ? .start : .end, bold: true,
                  color: "#111111", className: "annotation-label", halo: true, tooltip: a.label)
    }

    legend.draw(top: legendTop, canvas: &canvas)
    ChartFrame.drawNotes(noteLines, top: notesTop, canvas: &canvas)
    return canvas.finish()
  }

  /// A label beside a position: on the right if it fits there, else on the side with more room,
  /// shortened to fit inside the plot.
  static func fitLabel(_ text: String, size: Double, at position: Double, gap: Double, left: Double, right: Double) -> (String, rightSide: Bool) {
    let roomRight = right - position - gap - 2, roomLeft = position - gap - left - 2
    if TextMetrics.width(text, fontSize: size) <= roomRight { return (text, true) }
    let rightSide = roomRight >= roomLeft
    return (TextMetrics.truncate(text, fontSize: size, maxWidth: max(20, rightSide ? roomRight : roomLeft)), rightSide)
  }

  func drawGrid(_ canvas: inout SVGCanvas, xTicks: Ticks, yTicks: Ticks, xScale: Scale, yScale: Scale, plot: (left: Double, top: Double, right: Double, bottom: Double)) {
    canvas.open("g", [("class", "grid"), ("stroke-width", "1")])
    for v in xTicks.minor where xScale.contains(v) { canvas.line(xScale(v), plot.top, xScale(v), plot.bottom, [("stroke", "#f0f0f0")]) }
    for v in yTicks.minor where yScale.contains(v) { canvas.line(plot.left, yScale(v), plot.right, yScale(v), [("stroke", "#f0f0f0")]) }
    for v in xTicks.values { canvas.line(xScale(v), plot.top, xScale(v), plot.bottom, [("stroke", "#dcdcdc")]) }
    for v in yTicks.values { canvas.line(plot.left, yScale(v), plot.right, yScale(v), [("stroke", "#dcdcdc")]) }
    canvas.close("g")
  }

  func drawAxes(_ canvas: inout SVGCanvas, xTicks: Ticks, yTicks: Ticks, xScale: Scale, yScale: Scale, plot: (left: Double, top: Double, right: Double, bottom: Double), width: Double) {
    canvas.rect(plot.left, plot.top, plot.right - plot.left, plot.bottom - plot.top, [("fill", "none"), ("stroke", "#666666")])
    canvas.open("g", [("class", "ticks"), ("stroke", "#666666")])
    for v in xTicks.values { canvas.line(xScale(v), plot.bottom, xScale(v), plot.bottom + 5) }
    for v in yTicks.values { canvas.line(plot.left - 5, yScale(v), plot.left, yScale(v)) }
    canvas.close("g")
    for (v, label) in zip(xTicks.values, xTicks.labels) {
      // Keep the end labels inside the chart.
      let half = TextMetrics.width(label, fontSize: ChartFrame.tickLabelSize) / 2
      let center = min(max(xScale(v), half + 2), width - half - 2)
      canvas.text(label, x: center, y: plot.bottom + 18, size: ChartFrame.tickLabelSize, anchor: .middle, color: "#333333", className: "tick-label x")
    }
    for (v, label) in zip(yTicks.values, yTicks.labels) {
      canvas.text(label, x: plot.left - 8, y: yScale(v) + 4, size: ChartFrame.tickLabelSize, anchor: .end, color: "#333333", className: "tick-label y")
    }
    canvas.text(TextMetrics.truncate(chart.xAxis.title, fontSize: ChartFrame.axisTitleSize, maxWidth: 2 * min((plot.left + plot.right) / 2 - ChartFrame.margin, width - ChartFrame.margin - (plot.left + plot.right) / 2)),
                x: (plot.left + plot.right) / 2, y: plot.bottom + 36, size: ChartFrame.axisTitleSize, anchor: .middle,
                color: "#111111", className: "axis-title x", tooltip: chart.xAxis.title)
    let yTitleX = ChartFrame.margin + ChartFrame.axisTitleSize - 2
    canvas.text(TextMetrics.truncate(chart.yAxis.title, fontSize: ChartFrame.axisTitleSize, maxWidth: plot.bottom - plot.top),
                x: yTitleX, y: (plot.top + plot.bottom) / 2, size: ChartFrame.axisTitleSize, anchor: .middle,
                color: "#111111", className: "axis-title y", rotate: -90, tooltip: chart.yAxis.title)
  }
}
