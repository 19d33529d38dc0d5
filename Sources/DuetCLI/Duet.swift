import ArgumentParser

/// The `duet` command: subcommands for each step of the pipeline.
struct Duet: AsyncParsableCommand {
  static let version = "0.1.0"

  static let configuration = CommandConfiguration(
    commandName: "duet",
    abstract: "Find the best (neural architecture, accelerator) pair, fast.",
    discussion: """
      Duet prices neural networks on accelerators (a MAESTRO-like analytical model, FPGA and device \
      rooflines), describes search spaces in YAML, and runs hardware-software co-search: the \
      semi-decoupled two-stage search beside the fully coupled and fully decoupled baselines. Runs \
      write self-contained reports under reports/.

      Start with:
        duet cosearch                      # the default co-search run (NAS-Bench-201 × the paper's grid)
        duet cost --workload workloads/resnet50.yaml --accelerators accelerators/maestro-grid.yaml
        duet space list
      """,
    version: version,
    subcommands: [
      CostCommand.self, SpaceCommand.self, CosearchCommand.self, MonotonicityCommand.self, AdaptCommand.self,
      WorkloadCommand.self, PredictorsCommand.self, ReportCommand.self, BenchCommand.self,
    ]
  )

  init() {}
}
