import Dispatch
import Hardware
public import Workload

/// Latency and energy of every distinct layer on every hardware point: the cache through which every
/// co-search strategy prices architectures.
///
/// Latency is in cycles when every point is a cycle-level model (MAESTRO-like, FPGA), else in seconds;
/// energy is in picojoules from each point's energy table. A hardware point is *invalid* for the
/// candidates when any distinct layer cannot run on it (its reason is kept); strategies skip it.
public struct CostTable: Sendable {
  public enum LatencyUnit: String, Sendable, Codable { case cycles, seconds }

  /// What separates the layer that cannot run from the cause in ``invalidReason``.
  static let reasonSeparator = ": "

  public let hardware: HardwareSet
  public let latencyUnit: LatencyUnit
  /// `latency[h][l]`, `energy[h][l]`: distinct layer l on hardware h.
  public private(set) var latency: [[Double]]
  public private(set) var energy: [[Double]]
  /// The first reason each hardware point cannot run the candidates, or `nil` when it can.
  public private(set) var invalidReason: [String?]
  /// Layer pricings done so far (distinct layers × hardware points).
  public private(set) var layerPricings = 0
  private var pricedLayers = 0

  public init(hardware: HardwareSet, latencyUnit: LatencyUnit) {
    self.hardware = hardware
    self.latencyUnit = latencyUnit
    latency = Array(repeating: [], count: hardware.count)
    energy = Array(repeating: [], count: hardware.count)
    invalidReason = Array(repeating: nil, count: hardware.count)
  }

  /// Whether hardware point h can run every candidate priced so far.
  public func isValid(_ h: Int) -> Bool { invalidReason[h] == nil }

  /// Prices the layers of `layers` not priced yet, on every hardware point, in parallel over hardware.
  /// Results do not depend on the number of threads.
  public mutating func extend(to layers: [Layer]) {
    guard layers.count > pricedLayers else { return }
    let new = Array(layers[pricedLayers...])
    let hardware = self.hardware
    let unit = latencyUnit
    var columns = [(latency: [Double], energy: [Double], invalid: String?)](
      repeating: ([], [], nil), count: hardware.count)
    columns.withUnsafeMutableBufferPointer { buffer in
      let base = UncheckedSendable(buffer)
      DispatchQueue.concurrentPerform(iterations: hardware.count) { h in
        let model = hardware.points[h].model
        var lat = [Double](), en = [Double](), invalid: String? = nil
        lat.reserveCapacity(new.count)
        en.reserveCapacity(new.count)
        for layer in new {
          let cost = model.cost(of: layer)
          if case .invalid(let why) = cost.validity, invalid == nil {
            invalid = "\(layer.kind.name) K\(layer.k) C\(layer.c) R\(layer.r) Y\(layer.y)\(Self.reasonSeparator)\(why)"
          }
          let latency: Double = unit == .cycles ? Double(cost.runtimeCycles ?? 0) : cost.latencySeconds
          lat.append(cost.validity.isValid ? latency : .nan)
          en.append(cost.validity.isValid ? (cost.energyPicojoules ?? .nan) : .nan)
        }
        base.value[h] = (lat, en, invalid)
      }
    }
    for h in 0..<hardware.count {
      latency[h] += columns[h].latency
      energy[h] += columns[h].energy
      if invalidReason[h] == nil { invalidReason[h] = columns[h].invalid }
    }
    layerPricings += new.count * hardware.count
    pricedLayers = layers.count
  }
}

/// Wraps a value for a concurrent loop where each iteration touches a distinct element.
struct UncheckedSendable<Value>: @unchecked Sendable {
  var value: Value
  init(_ value: Value) { self.value = value }
}
