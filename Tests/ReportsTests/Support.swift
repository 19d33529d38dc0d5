import Foundation

/// A fresh temporary folder, removed by the caller.
func temporaryFolder(_ label: String) -> URL {
  var random = SystemRandomNumberGenerator()
  return FileManager.default.temporaryDirectory.appendingPathComponent("duet-\(label)-\(random.next() % 1_000_000_000)")
}
