import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport
@testable import CoDesign
import SVGCharts
@testable import Reports

/// A small co-search result built by hand: four accelerators (one invalid, one with markup in its
/// label), five architectures (one the target cannot run), two cap settings, every strategy, the
/// effectiveness experiment, a miss, monotonicity and the claims.
enum SyntheticCosearch {
  static let evilArchitecture = "|a<b>&\"c\"~0|"
  static let evilHardware = "yr-p <128> & \"q\""
  static let names = ["|conv~0|", "|skip~0|", "|pool~0|", "|none~0|", evilArchitecture]

  static func choice(_ a: Int, on h: Int, _ accuracy: Double, _ latency: Double, _ energy: Double) -> Choice {
    Choice(architecture: a, architectureName: names[a], hardware: h, hardwareLabel: hardware[h].label,
           metrics: PairMetrics(accuracy: accuracy, latency: latency, energy: energy))
  }

  static let hardware: [CosearchResult.Hardware] = [
    .init(label: "kc-p/64pe/noc300/off50", valid: true, invalidReason: nil, resource: 64,
          figures: HardwareFigures(dataflow: "kc-p", pes: 64, nocBandwidth: 300, offchipBandwidth: 50)),
    .init(label: evilHardware, valid: true, invalidReason: nil, resource: 128,
          figures: HardwareFigures(dataflow: "yr-p", pes: 128, nocBandwidth: 300, offchipBandwidth: 50)),
    .init(label: "target", valid: true, invalidReason: nil, resource: 256,
          figures: HardwareFigures(dataflow: "x-p", pes: 256, nocBandwidth: 600, offchipBandwidth: 150)),
    .init(label: "kc-p/16pe/noc300/off50", valid: false, invalidReason: "conv K16 C16 R3 Y32: needs at least 64 PEs", resource: 16,
          figures: HardwareFigures(dataflow: "kc-p", pes: 16, nocBandwidth: 300, offchipBandwidth: 50)),
  ]

  static let caps = [Caps(label: "tight", latency: 200, energy: 2000), Caps(label: "loose <&>", latency: 300, energy: 3000)]

  static func result(architectures: Int = 5) -> CosearchResult {
    let coupled = [choice(1, on: 2, 91.5, 200, 2000), choice(2, on: 2, 92.25, 300, 3000)]
    let outcomes = [
      StrategyOutcome(strategy: .fullyCoupled, choices: coupled, evaluations: 15, layerPricings: 20,
                      proxy: nil, fixedSet: [], notes: ["exhaustive"]),
      StrategyOutcome(strategy: .semiDecoupled, choices: coupled, evaluations: 9, layerPricings: 20,
                      proxyChoice: .random, proxy: 0, fixedSet: [0, 1, 2], notes: ["proxy: kc-p/64pe/noc300/off50 (chosen at random, seed 1)", "P = …"]),
      StrategyOutcome(strategy: .semiDecoupled, choices: [choice(0, on: 2, 90, 100, 1000), coupled[1]], evaluations: 11,
                      layerPricings: 20, proxyChoice: .highestMeanRho, proxy: 1,
                      fixedSet: [0, 2], notes: ["proxy: \(evilHardware) (highest mean latency ρ = 0.900 over 3 sampled architectures)"]),
      StrategyOutcome(strategy: .decoupledArchitectureFirst, choices: [nil, choice(4, on: 0, 90, 150, 1500)], evaluations: 7,
                      layerPricings: 20, proxyChoice: .random, proxy: 0, fixedSet: [4], notes: []),
      StrategyOutcome(strategy: .decoupledHardwareFirst, choices: coupled, evaluations: 8, layerPricings: 20,
                      proxy: 2, fixedSet: [2], notes: []),
    ]
    let effectiveness = EffectivenessResult(caps: caps, coupled: coupled, cases: [
      .init(proxy: 0, setSize: 3, found: [91.5, 92.25], gap: [0, 0], chosen: [1, 2]),
      .init(proxy: 1, setSize: 2, found: [90, 92.25], gap: [1.5, 0], chosen: [0, 2]),
    ])
    let frontCaps: [Caps] = [
      Caps(label: "front 1", latency: 50, energy: 500), Caps(label: "front 2", latency: 100, energy: 1000),
      Caps(label: "front 3", latency: 200, energy: 2000), Caps(label: "front 4", latency: 300, energy: 3000),
    ]
    let front = EffectivenessResult(caps: frontCaps, coupled: [nil, nil, nil, nil], cases: [
      .init(proxy: 0, setSize: 3, found: [nil, nil, nil, nil], gap: [0, 0, 0, 0], chosen: [nil, nil, nil, nil]),
      .init(proxy: 1, setSize: 2, found: [nil, nil, nil, nil], gap: [0, 1.5, 0.05, 0], chosen: [nil, nil, nil, nil]),
    ])
    var monotonicity = MonotonicityResult(
      labels: hardware.prefix(3).map(\.label), hardware: [0, 1, 2],
      latency: [[1, 2, 3, 4, 5], [1, 3, 2, 4, 5], [2, 1, 3, 4, 5]], energy: [[1, 2, 3, 4, 5], [1, 2, 3, 5, 4], [1, 2, 3, 4, 5]],
      reference: 2)
    monotonicity.figures = hardware.prefix(3).map(\.figures)
    // The target's metrics: one architecture it cannot run (NaN), more when asked (a dense cloud).
    var accuracy: [Double] = [90, 91.5, 92.25, 10, .nan]
    var latency: [Double] = [100, 200, 300, 50, .nan]
    var energy: [Double] = [1000, 2000, 3000, 500, .nan]
    var generator = TestRandom(seed: 7)
    for _ in names.count..<max(architectures, names.count) {
      let l = 50 + Double(generator.next() % 10_000) / 20
      accuracy.append(10 + Double(generator.next() % 8_000) / 100)
      latency.append(l)
      energy.append(l * 10)
    }
    return CosearchResult(
      latencyUnit: .cycles, architectureCount: max(architectures, names.count), distinctLayers: 4, hardware: hardware,
      target: 2, caps: caps, targetFront: [3, 0, 1, 2], outcomes: outcomes, effectiveness: effectiveness,
      frontEffectiveness: front, monotonicity: monotonicity,
      misses: [.init(proxy: 1, cap: 0, gap: 1.5, explanation: "\(evilHardware) misses by 1.50 pp: the optimum <x> & more.")],
      claims: .init(medianGap: [0.75, 0], worstGap: [1.5, 0], shareWithinTenthOverFront: 0.875, frontCases: 8,
                    evaluationRatio: 15.0 / 9),
      analysisEvaluations: 15,
      onTarget: .init(accuracy: accuracy, latency: latency, energy: energy, frontNames: [3, 0, 1, 2].map { names[$0] }))
  }

  static let run = RunDescription(command: ["duet", "cosearch", "--out", "a b<c>"], duetVersion: "0.1.0", seed: 1,
                                  conventions: [Fact("caps", "tight <&> loose")])
  static let timings = CosearchTimings(strategies: ["fully-coupled": 0.5, "semi-decoupled (random proxy)": 0.01], analysesSeconds: 1,
                                       totalSeconds: 2)
}

@Suite("Co-search page: well-formed, labelled, equal to result.json, escaped")
struct CosearchReportTests {
  static func html(_ result: CosearchResult = SyntheticCosearch.result(), timings: CosearchTimings? = SyntheticCosearch.timings) -> String {
    CosearchReport.page(result: result, timings: timings, run: SyntheticCosearch.run, files: []).html()
  }

  @Test func wellFormedEveryChartTitledAndRead() throws {
    let html = Self.html()
    let doc = try parseXML(html)
    expectTitledAndLabelled(doc)
    expectNoNonFiniteAttributes(html)
    // Every figure says how to read it, in one sentence after the label.
    let figures = doc.select("//figure")
    #expect(figures.count >= 9)
    for figure in figures {
      #expect(figure.strings("figcaption/strong").first == "How to read:")
      #expect((figure.strings("figcaption").first ?? "").count > 40)
    }
    // The sections a reader looks for.
    let headings = doc.strings("//section/h2")
    for expected in ["Strategies", "Claims", "Accuracy against latency and energy", "Does the proxy matter? The effectiveness experiment",
                     "Misses, and what ρ says about them", "Monotonicity across hardware", "What was run"] {
      #expect(headings.contains(expected), "missing section \(expected)")
    }
    // Axes carry units where they have them.
    let axisTitles = doc.strings("//*[local-name()='text'][@class='axis-title x' or @class='axis-title y']")
    #expect(axisTitles.contains("Latency (cycles)") && axisTitles.contains("Energy (pJ)") && axisTitles.contains("Top-1 accuracy (%)"))
    #expect(axisTitles.contains("Gap (pp)"))
  }

  @Test func tableNumbersEqualTheResult() throws {
    let result = SyntheticCosearch.result()
    // Through result.json's own encoding, as `duet report` reads it.
    let decoded = try ReportJSON.decode(CosearchResult.self, from: try ReportJSON.encode(result, pretty: false))
    let doc = try parseXML(Self.html(decoded))
    func table(_ captionPrefix: String) -> XMLNode? {
      doc.select("//table").first { ($0.strings("caption").first ?? "").hasPrefix(captionPrefix) }
    }
    for (c, cap) in result.caps.enumerated() {
      let rows = try #require(table("Caps “\(cap.label)”")).select("tbody/tr")
      #expect(rows.count == result.outcomes.count)
      for (row, outcome) in zip(rows, result.outcomes) {
        let cells = row.select("td")
        let exact = cells.map { $0.strings("@data-value").first }
        guard let choice = outcome.choices[c] else {
          #expect(cells[1].stringValue == "nothing feasible")
          continue
        }
        #expect(cells[1].stringValue == choice.architectureName)
        #expect(exact[3] == NumberFormat.exact(choice.metrics.accuracy))
        #expect(cells[3].stringValue == ValueFormat.fixed(2).string(choice.metrics.accuracy))
        #expect(exact[5] == NumberFormat.exact(choice.metrics.latency))
        #expect(exact[6] == NumberFormat.exact(choice.metrics.energy))
        let gap = result.outcomes[0].choices[c]!.metrics.accuracy - choice.metrics.accuracy
        #expect(exact[4] == NumberFormat.exact(gap))
      }
    }
    let cost = try #require(table("What each strategy cost")).select("tbody/tr")
    #expect(cost.map { $0.select("td")[2].strings("@data-value").first } == result.outcomes.map { String($0.evaluations) })
    #expect(cost[0].select("td")[5].stringValue == "0.500" && cost[3].select("td")[5].stringValue == "—")
    #expect(cost[0].select("td")[7].strings("@data-value").first == "1")
    let claims = try #require(table("Seed 002's claims")).select("tbody/tr")
    #expect(claims[0].select("td")[2].strings("@data-value").first == NumberFormat.exact(result.claims!.medianGap[0]))
    #expect(claims[1].select("td")[2].strings("@data-value").first == NumberFormat.exact(result.claims!.worstGap[0]))
    #expect(claims[1].select("td")[3].stringValue == "no")  // 1.5 pp is beyond 0.3 pp
    #expect(claims[4].select("td")[2].stringValue == "87.5 %")
    let misses = try #require(table("Proxies that miss")).select("tbody/tr")
    #expect(misses.count == 1)
    #expect(misses[0].select("td")[2].strings("@data-value").first == "1.5")
    #expect(misses[0].select("td")[5].stringValue == "The proxy misses by 1.50 pp: the optimum <x> & more.")
  }

  @Test func specialCharactersAreEscaped() throws {
    let html = Self.html()
    let doc = try parseXML(html)
    #expect(!html.contains(SyntheticCosearch.evilArchitecture) && !html.contains("<128>") && !html.contains("<x>"))
    #expect(html.contains("|a&lt;b&gt;&amp;&quot;c&quot;~0|"))
    #expect(doc.strings("//td").contains(SyntheticCosearch.evilArchitecture))
    #expect(doc.strings("//table/caption").contains("Caps “loose <&>”: latency ≤ 300 cycles, energy ≤ 3,000 pJ"))
    #expect(doc.strings("//td").contains { $0.contains(SyntheticCosearch.evilHardware) })
    #expect(doc.strings("//pre[@class='command']/code") == ["duet cosearch --out 'a b<c>'"])
  }

  @Test func awkwardRunsRender() throws {
    // NaN and an invalid accelerator are in the synthetic result; the cloud's NaN point is stated.
    let html = Self.html()
    #expect(html.contains("1 point with a NaN or infinite value"))
    #expect(html.contains("Hardware kc-p/16pe/noc300/off50") == false)  // invalid hardware is no proxy and no ρ row
    // A run without analyses, timings or per-architecture metrics, and with one architecture.
    var bare = SyntheticCosearch.result()
    bare.effectiveness = nil
    bare.frontEffectiveness = nil
    bare.monotonicity = nil
    bare.claims = nil
    bare.misses = []
    bare.onTarget = .init(accuracy: [90], latency: [100], energy: [1000], frontNames: ["|conv~0|"])
    bare.targetFront = [0]
    bare.architectureCount = 1
    let doc = try parseXML(Self.html(bare, timings: nil))
    expectTitledAndLabelled(doc)
    #expect(!doc.strings("//section/h2").contains("Claims"))
    bare.onTarget = nil
    let older = Self.html(bare, timings: nil)
    _ = try parseXML(older)
    #expect(older.contains("holds no per-architecture metrics on the target"))
    // A dense space is thinned, and the chart says so.
    let dense = Self.html(SyntheticCosearch.result(architectures: 20_000))
    expectNoNonFiniteAttributes(dense)
    #expect(dense.contains("19,999 points") && dense.contains("-pixel cell"))
  }

  @Test func missReadingFollowsTheData() {
    let view = CosearchView(SyntheticCosearch.result())
    // The missing proxy has the lower ρ here: the text says low ρ separates them, and does not claim otherwise.
    let text = CosearchReport.missReading(view, missed: 1, missRho: [0.5], cleanRho: [0.9], allRho: [0.5, 0.9])
    #expect(text.contains("AUC of 1.00") && text.contains("least monotone") && !text.contains("does not tell"))
    let mixed = CosearchReport.missReading(view, missed: 2, missRho: [0.95], cleanRho: [0.97, 0.93], allRho: [0.95, 0.97, 0.93])
    #expect(mixed.contains("AUC of 0.50") && mixed.contains("does not tell"))
  }

  @Test func hypervolumeOfChoices() {
    let view = CosearchView(SyntheticCosearch.result())
    let volumes = CosearchReport.hypervolumes(view)
    // Coupled, semi (random) and hardware-first chose the same pairs: the same volume.
    #expect(volumes[0] > 0 && volumes[0] == volumes[1] && volumes[0] == volumes[4])
    // Architecture first found nothing under the tight caps and less accuracy under the loose ones.
    #expect(volumes[3] < volumes[0])
    // By hand: reference (−89, 1.1, 1.1) in (−accuracy, latency ÷ 300, energy ÷ 3000); architecture first's
    // one choice (90, 150, 1500) dominates a box 1 × 0.6 × 0.6.
    #expect(abs(volumes[3] - 0.36) < 1e-12)
  }

  @Test func sameResultSameBytesAfterAJSONRoundTrip() throws {
    let result = SyntheticCosearch.result()
    let decoded = try ReportJSON.decode(CosearchResult.self, from: try ReportJSON.encode(result, pretty: false))
    let timings = try ReportJSON.decode(CosearchTimings.self, from: try ReportJSON.encode(SyntheticCosearch.timings, pretty: true))
    #expect(Self.html(decoded, timings: timings) == Self.html(result))
  }
}

@Suite("Hardware order for charts")
struct HardwareOrderTests {
  @Test func ordersByDataflowThenSize() {
    let labels = ["x-p/64pe/noc300/off50", "yr-p/512pe/noc300/off50", "kc-p/256pe/noc900/off50", "kc-p/256pe/noc300/off350",
                  "device", "kc-p/64pe/noc300/off50"]
    let figures: [HardwareFigures?] = [("x-p", 64, 300, 50), ("yr-p", 512, 300, 50), ("kc-p", 256, 900, 50), ("kc-p", 256, 300, 350),
                                       nil, ("kc-p", 64, 300, 50)].map { f in
      f.map { HardwareFigures(dataflow: $0.0, pes: $0.1, nocBandwidth: $0.2, offchipBandwidth: $0.3) }
    }
    let order = HardwareOrder(labels: labels, figures: figures)
    #expect(order.permutation == [5, 3, 2, 1, 0, 4])
    #expect(!order.isComplete)
    #expect(order.shortLabel(2, label: labels[2]) == "kc-p 256/900/50")
    #expect(order.shortLabel(4, label: "device") == "device")
    // Labels alone say nothing: without figures the given order stays.
    #expect(HardwareOrder(labels: labels, figures: nil).permutation == Array(0..<6))
    // Given figures win over labels.
    let given = HardwareOrder(labels: ["b", "a"], figures: [HardwareFigures(dataflow: "yr-p", pes: 16, nocBandwidth: 1, offchipBandwidth: 1),
                                                             HardwareFigures(dataflow: "kc-p", pes: 512, nocBandwidth: 1, offchipBandwidth: 1)])
    #expect(given.permutation == [1, 0] && given.isComplete)
  }
}
