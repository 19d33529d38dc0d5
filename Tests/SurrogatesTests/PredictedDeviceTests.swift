import Foundation
import Learning
import Spaces
import SpecFiles
import TestSupport
import Testing
@testable import Surrogates

@Suite("Predicted devices")
struct PredictedDeviceTests {
  @Test func sha256KnownVectors() {
    var empty = SHA256()
    #expect(empty.hexDigest() == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    var abc = SHA256()
    abc.update("abc")
    #expect(abc.hexDigest() == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    var long = SHA256()
    long.update("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
    #expect(long.hexDigest() == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  /// Written and read back, a predicted device predicts exactly what the fitted model did; the digest
  /// does not depend on the order of the training set.
  @Test func roundTrip() throws {
    let space = try TestSpaces.nasbench201.get()
    var generator = TestRandom(seed: 12)
    let architectures = space.sample(count: 60, distinct: true, using: &generator)
    let values = architectures.map(interactingLatency)
    let encoder = try ArchitectureEncoder(ArchitectureEncoding(parsing: "onehot+layers"), space: space,
                                          dataset: space.defaultDataset, architectures: architectures)
    let fitted = try PredictorStudy.fit(KNearestNeighbours.self, features: try encoder.encode(Array(architectures[..<40])),
                                        targets: Array(values[..<40]), budget: TuningBudget(trials: 3, folds: 3), seed: 5)
    let digest = PredictedDevice.digest(architectures: Array(architectures[..<40]), values: Array(values[..<40]), space: space)
    #expect(digest == PredictedDevice.digest(architectures: architectures[..<40].reversed(), values: values[..<40].reversed(), space: space))
    #expect(digest.count == 64)
    let device = PredictedDevice(name: "toy", metric: .latency, space: space, encoder: encoder, predictor: fitted.predictor,
                                 training: .init(architectures: 40, source: "interactingLatency", sha256: digest),
                                 validation: nil, command: ["duet", "test"])
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("predicted-\(UUID().uuidString).json").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try device.fileContents(spaceReference: "nasbench201", estimateHardware: nil, duetVersion: "test").write(to: URL(fileURLWithPath: path))
    #expect(PredictedDevice.isPredictedDevice(path: path))
    let loaded = try PredictedDevice.load(path: path, loadSpace: { name in
      #expect(name == "nasbench201")
      return space
    }, loadEstimator: { _, _, _, _ in Issue.record("no estimate part"); throw SpecError(file: path, problem: "unused") })
    let rest = Array(architectures[40...])
    #expect(try loaded.predict(rest) == device.predict(rest))
    #expect(loaded.training == device.training)
    #expect(try loaded.measure(rest).count == 20)

    // Another space's genome: refused by the fingerprint.
    let fbnet = try SearchSpace.load(path: TestPaths.project("spaces/fbnet.yaml"))
    #expect {
      _ = try PredictedDevice.load(path: path, loadSpace: { _ in fbnet }, loadEstimator: { _, _, _, _ in throw SpecError(file: path, problem: "unused") })
    } throws: { error in "\(error)".contains("space_fingerprint") }
    // A malformed file names the key.
    try Data("{\"kind\": \"predicted-device\", \"schema\": \"duet/v1\"}".utf8).write(to: URL(fileURLWithPath: path))
    #expect {
      _ = try PredictedDevice.load(path: path, loadSpace: { _ in space }, loadEstimator: { _, _, _, _ in throw SpecError(file: path, problem: "unused") })
    } throws: { error in "\(error)".contains(path) && "\(error)".contains("missing key") }
  }
}
