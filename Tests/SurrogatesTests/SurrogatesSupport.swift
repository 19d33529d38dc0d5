import Foundation
import Spaces
import Surrogates
import TestSupport

/// NAS-Bench-201, loaded once per test process.
enum TestSpaces {
  static let nasbench201 = Result { try SearchSpace.load(path: TestPaths.project("spaces/nasbench201.yaml")) }
}

/// A source computing a known function of the architecture's choices, counting its calls.
final class FunctionSource: MeasurementSource, @unchecked Sendable {
  // @unchecked: the counters are guarded by `lock`.
  let name: String
  let value: @Sendable (Architecture) -> Double
  let known: [Architecture]?
  private let lock = NSLock()
  private var measuredArchitectures: [Architecture] = []

  init(name: String, known: [Architecture]? = nil, value: @escaping @Sendable (Architecture) -> Double) {
    self.name = name
    self.known = known
    self.value = value
  }

  var metric: MeasuredMetric { .latency }
  var knownArchitectures: [Architecture]? { known }

  func measure(_ architectures: [Architecture]) throws(MeasurementError) -> [Double] {
    lock.lock()
    measuredArchitectures += architectures
    lock.unlock()
    return architectures.map(value)
  }

  /// Every architecture passed to `measure`, repeats included.
  var measured: [Architecture] {
    lock.lock()
    defer { lock.unlock() }
    return measuredArchitectures
  }
}

/// An exactly additive latency: a cost per (decision, choice), in seconds; the costs are square roots of
/// distinct primes, so no two architectures tie.
func additiveLatency(_ architecture: Architecture) -> Double {
  let primes: [Double] = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
                          101, 103, 107, 109, 113]
  return architecture.choices.enumerated().reduce(0.001) { $0 + primes[($1.offset * 5 + $1.element) % primes.count].squareRoot() * 1e-4 }
}

/// A latency with interactions between decisions (what a real device adds to an additive model).
func interactingLatency(_ architecture: Architecture) -> Double {
  let c = architecture.choices.map(Double.init)
  return additiveLatency(architecture) + 2e-4 * c[0] * c[5] + 1e-4 * (c[1] == c[2] ? 1 : 0)
}
