import Hardware
import Workload
@testable import CoDesign

/// A small, transparent cost model for strategy tests: each layer kind has its own throughput, so
/// different points rank architectures differently.
struct ToyModel: CostModel {
  var label: String
  var macsPerCycle: Double
  var depthwisePenalty: Double
  var picojoulesPerMAC: Double
  var minimumChannels = 0

  func cost(of layer: Layer) -> LayerCost {
    if layer.c < minimumChannels { return .invalid("needs at least \(minimumChannels) channels") }
    let penalty = layer.kind == .depthwiseConvolution ? depthwisePenalty : 1
    let cycles = Int64((Double(layer.macs) * penalty / macsPerCycle).rounded(.up)) + 10
    return LayerCost(validity: .valid, runtimeCycles: cycles, latencySeconds: Double(cycles) / 1e9,
                     energyPicojoules: Double(layer.macs) * picojoulesPerMAC + 5, macs: layer.macs, detail: nil)
  }
}

enum ToyWorld {
  /// Architectures: a stem and three blocks, each a 3×3 conv, a depth-wise 3×3 + 1×1 pair, or nothing.
  static func candidates() -> CandidateSet {
    var set = CandidateSet()
    var index = 0
    for a in 0..<3 { for b in 0..<3 { for c in 0..<3 {
      var layers = [NetworkLayer(name: "stem", layer: .convolution(in: 3, out: 16, kernel: 3, input: 16))]
      for (position, choice) in [a, b, c].enumerated() {
        switch choice {
        case 0: layers.append(NetworkLayer(name: "b\(position)", layer: .convolution(in: 16, out: 16, kernel: 3, input: 16)))
        case 1:
          layers.append(NetworkLayer(name: "b\(position).dw", layer: .depthwise(channels: 16, kernel: 3, input: 16)))
          layers.append(NetworkLayer(name: "b\(position).pw", layer: .convolution(in: 16, out: 16, kernel: 1, input: 16)))
        default: break
        }
      }
      // Accuracy grows with capacity, with a deterministic wobble so ties are rare.
      let accuracy = 80 + Double(layers.count) * 2 + Double((index * 7) % 5) * 0.1
      set.append(name: "\(a)\(b)\(c)", accuracy: accuracy, network: Network(name: "\(a)\(b)\(c)", layers: layers))
      index += 1
    } } }
    return set
  }

  static func hardware() -> HardwareSet {
    var points: [HardwareSet.Point] = []
    for (i, throughput) in [8.0, 32.0, 128.0].enumerated() {
      for (j, penalty) in [1.0, 6.0].enumerated() {
        let model = ToyModel(label: "hw\(i)\(j)", macsPerCycle: throughput, depthwisePenalty: penalty,
                             picojoulesPerMAC: 1 + Double(i) * 0.5)
        points.append(.init(label: model.label, model: model, resource: throughput,
                            parameters: ["throughput": "\(Int(throughput))", "depthwise_penalty": "\(Int(penalty))"]))
      }
    }
    points.append(.init(label: "broken", model: ToyModel(label: "broken", macsPerCycle: 1, depthwisePenalty: 1,
                                                         picojoulesPerMAC: 1, minimumChannels: 8)))
    return HardwareSet(points: points)
  }
}
