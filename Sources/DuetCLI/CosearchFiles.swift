import Analysis
import CoDesign
import Foundation
import Hardware
import Reports

/// The files of a `duet cosearch` run folder and the text summary.
enum CosearchFiles {
  /// The conventions every number of the run depends on, as (name, value) lines.
  static func conventions(result: CosearchResult, inputs: CosearchInputs, stageOne: String) -> [(String, String)] {
    let accelerators = inputs.accelerators
    let valid = result.hardware.filter(\.valid).count
    let invalid = result.hardware.filter { !$0.valid }
    let reasons = AcceleratorConventions.distinct(invalid.compactMap(\.invalidCause)) { $0 }
    let pricing = AcceleratorConventions.lines(accelerators)
    return [
      ("space", "\(inputs.space.name) on \(inputs.dataset.name) (\(inputs.dataset.inputSize)×\(inputs.dataset.inputSize) input), \(result.architectureCount) architectures, \(result.distinctLayers) distinct layer shapes"),
      ("accuracy", inputs.accuracyDescription),
      ("lowering", "every edge whose op is not `none` is lowered and priced, whether or not it reaches the cell output; `none` edges vanish"),
    ] + pricing + [
      ("latency", result.latencyUnit == .cycles ? "runtime in cycles (MAESTRO-like model), summed over layers"
        : "latency in seconds (each model's own clock or roofline), summed over layers"),
      ("valid accelerators", "\(valid) of \(result.hardware.count)" + (invalid.isEmpty ? "" : "; invalid: \(invalid.count) (\(reasons))")),
      ("hardware resource", "PE count of a MAESTRO-like accelerator, DSP slices of an FPGA design (for a resource cap)"),
      ("stage 1", stageOne),
      ("hardware search", {
        switch result.hardwareSearch {
        case .exhaustive: return "exhaustive: every valid accelerator, for the coupled search and stage 2"
        case .random(let n, let seed): return "random: \(n) valid accelerators drawn with seed \(seed), for the coupled search and stage 2"
        case .evolutionary(let p, let g, let m, let seed):
          return "evolutionary over the accelerators' design parameters: population \(p), \(g) generations, mutation probability \(m), seed \(seed)"
        }
      }()),
      ("resource cap", result.caps.first?.resource.map { "HardwareResource(h) ≤ \(NumberFormat.exact($0))" } ?? "none"),
      ("caps", result.caps.map { "\($0.label): latency ≤ \(NumberFormat.exact($0.latency)) \(result.latencyUnit == .cycles ? "cycles" : "s"), energy ≤ \(NumberFormat.exact($0.energy)) pJ" }.joined(separator: "; ")
        + " (points of the target's Pareto front in accuracy, latency, energy, sorted by latency)"),
      ("target", result.hardware[result.target].label),
    ]
  }

  static func dataFiles(result: CosearchResult, timings: CosearchTimings, inputs: CosearchInputs) throws -> [DataFile] {
    var files: [DataFile] = []
    // result.json is written compact (one line, keys sorted): with every architecture's target metrics
    // and two ρ matrices, indentation alone would add 0.8 MB. `jq . result.json` indents it.
    files.append(DataFile(name: "result.json", contents: try ReportJSON.encode(result, pretty: false),
                          description: "everything the run found (deterministic for a command and seed; one line, `jq .` indents it)"))
    files.append(DataFile(name: "timings.json", contents: try ReportJSON.encode(timings, pretty: true),
                          description: "wall times on this machine (the only machine-dependent file)"))

    let latencyColumn = result.latencyUnit == .cycles ? "latency_cycles" : "latency_s"
    var strategies = CSVWriter(header: ["strategy", "cap", "architecture", "accelerator", "accuracy_pct", latencyColumn,
                                        "energy_pJ", "evaluations", "layer_pricings", "proxy"])
    for outcome in result.outcomes {
      for (c, choice) in outcome.choices.enumerated() {
        strategies.append([
          outcome.label, result.caps[c].label, choice?.architectureName ?? "", choice?.hardwareLabel ?? "",
          choice.map { NumberFormat.exact($0.metrics.accuracy) } ?? "", choice.map { NumberFormat.exact($0.metrics.latency) } ?? "",
          choice.map { NumberFormat.exact($0.metrics.energy) } ?? "", String(outcome.evaluations),
          String(outcome.layerPricings), outcome.proxy.map { result.hardware[$0].label } ?? "",
        ])
      }
    }
    files.append(DataFile(name: "strategies.csv", text: strategies.text,
                          description: "each strategy's choice per cap setting and its evaluations"))

    var front = CSVWriter(header: ["rank_by_latency", "architecture", "accuracy_pct", latencyColumn, "energy_pJ"])
    let reference = Evaluator(candidates: inputs.candidates, hardware: inputs.hardware, latencyUnit: inputs.latencyUnit)
    for (i, a) in result.targetFront.enumerated() {
      let m = reference.peek(a, on: result.target)
      front.append([String(i + 1), inputs.candidates.names[a], NumberFormat.exact(m.accuracy), NumberFormat.exact(m.latency),
                    NumberFormat.exact(m.energy)])
    }
    files.append(DataFile(name: "target_front.csv", text: front.text,
                          description: "the target accelerator's Pareto front (accuracy ↑, latency ↓, energy ↓)"))

    if let effectiveness = result.effectiveness {
      var csv = CSVWriter(header: ["proxy", "set_size", "cap", "found_accuracy_pct", "coupled_accuracy_pct", "gap_pp",
                                   "latency_rho_with_target", "energy_rho_with_target"])
      let mono = result.monotonicity
      for item in effectiveness.cases {
        let row = mono?.hardware.firstIndex(of: item.proxy)
        for (c, cap) in effectiveness.caps.enumerated() {
          csv.append([result.hardware[item.proxy].label, String(item.setSize), cap.label,
                      item.found[c].map(NumberFormat.exact) ?? "", effectiveness.coupled[c].map { NumberFormat.exact($0.metrics.accuracy) } ?? "",
                      NumberFormat.exact(item.gap[c]),
                      row.flatMap { mono?.latencyRhoWithReference[$0] }.map(NumberFormat.exact) ?? "",
                      row.flatMap { mono?.energyRhoWithReference.isEmpty == false ? mono?.energyRhoWithReference[$0] : nil }.map(NumberFormat.exact) ?? ""])
        }
      }
      files.append(DataFile(name: "effectiveness.csv", text: csv.text,
                            description: "every valid accelerator as the proxy: accuracy found vs the coupled optimum"))
    }
    if let front = result.frontEffectiveness {
      var csv = CSVWriter(header: ["proxy", "front_point", result.latencyUnit == .cycles ? "latency_cap_cycles" : "latency_cap_s",
                                   "energy_cap_pJ", "gap_pp"])
      for item in front.cases {
        for (c, cap) in front.caps.enumerated() {
          csv.append([result.hardware[item.proxy].label, cap.label, NumberFormat.exact(cap.latency), NumberFormat.exact(cap.energy),
                      NumberFormat.exact(item.gap[c])])
        }
      }
      files.append(DataFile(name: "effectiveness_front.csv", text: csv.text,
                            description: "the same at caps taken at every point of the target's front"))
    }
    if let mono = result.monotonicity {
      for (name, matrix) in [("rho_latency.csv", mono.latencyRho), ("rho_energy.csv", mono.energyRho ?? [])] where !matrix.isEmpty {
        var csv = CSVWriter(header: ["accelerator"] + mono.hardware.map { result.hardware[$0].label })
        for (i, row) in matrix.enumerated() {
          csv.append([result.hardware[mono.hardware[i]].label] + row.map(NumberFormat.exact))
        }
        files.append(DataFile(name: name, text: csv.text, description: "Spearman ρ between valid accelerators"))
      }
    }
    if !result.misses.isEmpty {
      var csv = CSVWriter(header: ["proxy", "cap", "gap_pp", "explanation"])
      for miss in result.misses {
        csv.append([result.hardware[miss.proxy].label, result.caps[miss.cap].label, NumberFormat.exact(miss.gap), miss.explanation])
      }
      files.append(DataFile(name: "misses.csv", text: csv.text, description: "proxies that miss the coupled optimum, and why"))
    }
    return files
  }

  /// Writes the run folder: the data files, `run.json` (for `duet report`), then `index.html`.
  static func write(folder: String, result: CosearchResult, timings: CosearchTimings, inputs: CosearchInputs,
                    files: [DataFile], command: [String], seed: UInt64) throws {
    let run = RunDescription(
      command: command, duetVersion: Duet.version, seed: seed, facts: [],
      conventions: conventions(result: result, inputs: inputs, stageOne: stageOneText(result)).map { Fact($0.0, $0.1) })
    let all = files + [try RunRecord.dataFile(kind: .cosearch, run: run, dataFiles: files)]
    let page = CosearchReport.page(result: result, timings: timings, run: run, files: all)
    try RunFolder(path: folder).write(page: page, dataFiles: all)
  }

  static func stageOneText(_ result: CosearchResult) -> String {
    result.outcomes.first { $0.strategy == .semiDecoupled }?.notes.last ?? ""
  }

  static func summary(result: CosearchResult, timings: CosearchTimings, inputs: CosearchInputs, folder: String) -> String {
    var lines: [String] = []
    lines.append("\(inputs.space.name) on \(inputs.dataset.name): \(result.architectureCount) architectures × \(result.hardware.filter(\.valid).count) valid accelerators (of \(result.hardware.count)); target \(result.hardware[result.target].label)")
    for (c, cap) in result.caps.enumerated() {
      lines.append("")
      let latency = result.latencyUnit == .cycles ? String(format: "%.0f cycles", cap.latency) : String(format: "%.6g s", cap.latency)
      lines.append(String(format: "caps %@: latency ≤ %@, energy ≤ %.1f pJ", cap.label, latency, cap.energy))
      for outcome in result.outcomes {
        let choice = outcome.choices[c]
        let name = outcome.strategy.rawValue + (outcome.proxyChoice == .highestMeanRho ? " (ρ proxy)" : "")
        let found = choice.map { String(format: "%.2f %% on %@", $0.metrics.accuracy, $0.hardwareLabel) } ?? "nothing feasible"
        lines.append("  " + name.padding(toLength: 36, withPad: " ", startingAt: 0) + found.padding(toLength: 34, withPad: " ", startingAt: 0)
                     + "\(outcome.evaluations) evaluations")
      }
    }
    if let claims = result.claims {
      lines.append("")
      lines.append("every proxy (\(result.effectiveness?.cases.count ?? 0) accelerators): median gap " + claims.medianGap.map { String(format: "%.2f", $0) }.joined(separator: " / ")
                   + " pp, worst " + claims.worstGap.map { String(format: "%.2f", $0) }.joined(separator: " / ") + " pp")
      lines.append(String(format: "caps at every target-front point: %.1f %% of %d (proxy, cap) cases within 0.1 pp", 100 * claims.shareWithinTenthOverFront, claims.frontCases))
      lines.append(String(format: "evaluations, coupled ÷ semi-decoupled: %.0f×", claims.evaluationRatio))
    }
    if !result.checks.isEmpty {
      let failed = result.checks.filter { !$0.passed }
      lines.append("exactness checks: \(result.checks.count - failed.count) of \(result.checks.count) passed"
                   + (failed.isEmpty ? "" : "; FAILED: " + failed.map(\.name).joined(separator: ", ")))
    }
    lines.append("report: \(folder)/index.html")
    return lines.joined(separator: "\n")
  }
}
