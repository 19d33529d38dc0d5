import CoDesign
import Foundation
import Hardware
import Spaces
import SpecFiles
import Surrogates

/// Hardware files that price whole architectures rather than layers: `measured-device` (a table of
/// measurements, YAML) and `predicted-device` (a fitted predictor, JSON, from `duet predictors fit`).
enum ArchitectureHardware {
  /// Every hardware file named in `list` (comma-separated shipped names or paths): the layer-pricing
  /// files, and the architecture-level models (which must price architectures of `space`).
  static func load(_ list: String, space: SearchSpace) throws -> (files: [HardwareFile], models: [any ArchitectureCostModel]) {
    var files: [HardwareFile] = []
    var models: [any ArchitectureCostModel] = []
    for name in list.split(separator: ",").map({ String($0).trimmingCharacters(in: .whitespaces) }) {
      guard let path = ShippedFiles.resolveHardware(name, extensions: ["yaml", "yml", "json"]) else {
        throw UserError("no hardware \"\(name)\" (not a file, and not a shipped name in accelerators/)")
      }
      if let predicted = try predictedDevice(path: path, space: space) {
        models.append(predicted)
        continue
      }
      let file = try HardwareFile.load(path: path)
      if let measured = file.measured { models.append(measured) } else { files.append(file) }
    }
    return (files, models)
  }

  /// The predicted device at `path` as an architecture-level model, or `nil` when the file is of another kind.
  static func predictedDevice(path: String, space: SearchSpace) throws -> PredictedDeviceCosts? {
    guard PredictedDevice.isPredictedDevice(path: path) else { return nil }
    let device = try PredictedDevice.load(path: path, loadSpace: SpaceArgument.load) { hardware, point, space, dataset in
      let (file, _) = HardwareFiles.split(hardware)
      let found = try HardwareFiles.points(file).first { $0.label == point }
      guard let found else { throw UserError("\(path): its estimate hardware \(hardware) has no point \(point)") }
      return CostModelSource(name: found.label, model: found.model, space: space, dataset: dataset)
    }
    guard PredictedDevice.fingerprint(device.space) == PredictedDevice.fingerprint(space) else {
      throw UserError("\(path) predicts architectures of \(device.space.name), but the run's space is \(space.name)")
    }
    guard device.metric == .latency else {
      throw UserError("\(path) predicts \(device.metric.rawValue); co-search and monotonicity price latency, so give a latency predictor")
    }
    return PredictedDeviceCosts(device: device)
  }
}

/// A predicted device as hardware that prices whole architectures: latency from the predictor, no
/// energy figure.
struct PredictedDeviceCosts: ArchitectureCostModel {
  let device: PredictedDevice

  var label: String { device.name }

  func costs(of architectures: [String]) throws(ArchitectureCostError) -> ArchitectureCosts {
    var parsed: [Architecture] = []
    parsed.reserveCapacity(architectures.count)
    for name in architectures {
      do { parsed.append(try device.space.parse(name)) } catch {
        throw ArchitectureCostError("\(device.name): \(name) is not an architecture of \(device.space.name): \(error)")
      }
    }
    do {
      return ArchitectureCosts(latencySeconds: try device.predict(parsed), energyJoules: nil)
    } catch {
      throw ArchitectureCostError("\(device.name): \(error)")
    }
  }
}
