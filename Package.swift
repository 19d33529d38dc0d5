// swift-tools-version:6.0
// Duet: a hardware-software co-design explorer. Module layout follows docs/architecture.md:
// space → architecture → layers → cost model (hardware) → metrics → search / co-design → report.
import PackageDescription

let strictSettings: [SwiftSetting] = [
  .enableUpcomingFeature("ExistentialAny"),
  .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
  name: "Duet",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "duet", targets: ["duet"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
  ],
  targets: [
    // Reading Duet's YAML files with file:line:column errors; shared by every file kind.
    .target(name: "SpecFiles", dependencies: [.product(name: "Yams", package: "Yams")], swiftSettings: strictSettings),
    // Seeded random numbers (SplitMix64 and draws defined on `next()` alone), for every random choice.
    .target(
      name: "SeededRandom", dependencies: [.product(name: "RealModule", package: "swift-numerics")],
      swiftSettings: strictSettings),
    // Layers, shapes, networks; MACs, FLOPs, parameters.
    .target(name: "Workload", dependencies: ["SpecFiles"], swiftSettings: strictSettings),
    // Search spaces: YAML schema, architectures, lowering to networks, accuracy sources.
    .target(name: "Spaces", dependencies: ["Workload", "SpecFiles", "SeededRandom"], swiftSettings: strictSettings),
    // Accelerators, FPGAs and devices; the cost models that price a layer.
    .target(name: "Hardware", dependencies: ["Workload", "SpecFiles"], swiftSettings: strictSettings),
    // Pareto sets, hypervolume, rank correlation: pure numerics, no domain types.
    .target(name: "Analysis", swiftSettings: strictSettings),
    // Regression models behind one protocol, standardisation, k-fold CV, seeded random search: pure
    // numerics, no domain types.
    .target(
      name: "Learning",
      dependencies: ["Analysis", "SeededRandom", .product(name: "RealModule", package: "swift-numerics")],
      swiftSettings: strictSettings),
    // Evaluation cache, NAS, hardware search, co-search strategies, proxy adaptation.
    .target(name: "CoDesign", dependencies: ["SpecFiles", "Spaces", "Hardware", "Analysis", "SeededRandom"], swiftSettings: strictSettings),
    // SVG charts (XY, heatmap, bars) and reader-facing number formats: no domain types.
    .target(name: "SVGCharts", swiftSettings: strictSettings),
    // CSV, JSON and self-contained HTML reports with inline SVG charts.
    .target(name: "Reports", dependencies: ["Workload", "Hardware", "CoDesign", "Analysis", "SVGCharts"], swiftSettings: strictSettings),
    // The `duet` commands (a library so tests can run them in-process).
    .target(
      name: "DuetCLI",
      dependencies: [
        "SpecFiles", "SeededRandom", "Workload", "Spaces", "Hardware", "Analysis", "CoDesign", "SVGCharts", "Reports",
        "Learning",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strictSettings),
    .executableTarget(name: "duet", dependencies: ["DuetCLI"], swiftSettings: strictSettings),

    // MARK: Tests
    .target(name: "TestSupport", dependencies: ["SeededRandom"], path: "Tests/TestSupport", swiftSettings: strictSettings),
    .testTarget(name: "SpecFilesTests", dependencies: ["SpecFiles", "TestSupport"]),
    .testTarget(name: "SeededRandomTests", dependencies: ["SeededRandom"]),
    .testTarget(name: "WorkloadTests", dependencies: ["Workload", "SpecFiles", "TestSupport"]),
    .testTarget(name: "SpacesTests", dependencies: ["Spaces", "Workload", "SpecFiles", "SeededRandom", "TestSupport"], exclude: ["Fixtures"]),
    .testTarget(
      name: "HardwareTests", dependencies: ["Hardware", "Workload", "SpecFiles", "Analysis", "Spaces", "SeededRandom", "TestSupport"],
      exclude: ["Fixtures"]),
    .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "TestSupport"]),
    .testTarget(name: "LearningTests", dependencies: ["Learning", "SeededRandom", "TestSupport"]),
    .testTarget(name: "CoDesignTests", dependencies: ["CoDesign", "Spaces", "Hardware", "Analysis", "SeededRandom", "TestSupport"]),
    .testTarget(name: "SVGChartsTests", dependencies: ["SVGCharts", "TestSupport"], exclude: ["Golden"]),
    .testTarget(name: "ReportsTests", dependencies: ["Reports", "SVGCharts", "CoDesign", "Analysis", "TestSupport"]),
    .testTarget(name: "DuetCLITests", dependencies: ["DuetCLI", "TestSupport"]),
  ]
)
