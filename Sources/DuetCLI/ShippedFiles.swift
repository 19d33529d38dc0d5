import Foundation

/// Finds the files Duet ships (`spaces/`, `accelerators/`, `workloads/`) so that commands accept a short
/// name (`nasbench201`) as well as a path.
///
/// Search order: the name as a path; `$DUET_HOME/<folder>/<name>.yaml`; the same under the current
/// directory; under the folders above the running executable (a `swift build` binary lives in
/// `<checkout>/.build/<config>/duet`).
enum ShippedFiles {
  static func resolve(_ name: String, folder: String, extensions: [String] = ["yaml", "yml"]) -> String? {
    let fm = FileManager.default
    if fm.fileExists(atPath: name) { return name }
    for root in roots() {
      for ext in [""] + extensions.map({ "." + $0 }) {
        let candidate = root.appendingPathComponent(folder).appendingPathComponent(name + ext).path
        if fm.fileExists(atPath: candidate) { return candidate }
      }
    }
    return nil
  }

  /// A hardware file: a path, or a shipped name in accelerators/, accelerators/fpga/ or accelerators/devices/.
  static func resolveHardware(_ name: String, extensions: [String] = ["yaml", "yml"]) -> String? {
    for folder in ["accelerators", "accelerators/fpga", "accelerators/devices"] {
      if let path = resolve(name, folder: folder, extensions: extensions) { return path }
    }
    return nil
  }

  /// Every shipped file in a folder (sorted by name), for listings.
  static func list(folder: String, extensions: [String] = ["yaml", "yml"]) -> [String] {
    let fm = FileManager.default
    for root in roots() {
      let dir = root.appendingPathComponent(folder)
      if let items = try? fm.contentsOfDirectory(atPath: dir.path) {
        return items.filter { item in extensions.contains { item.hasSuffix("." + $0) } }.sorted()
          .map { dir.appendingPathComponent($0).path }
      }
    }
    return []
  }

  static func roots() -> [URL] {
    var roots: [URL] = []
    if let home = ProcessInfo.processInfo.environment["DUET_HOME"], !home.isEmpty {
      roots.append(URL(fileURLWithPath: home))
    }
    roots.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath))
    // The running executable: /proc/self/exe on Linux names it even when `duet` was found on PATH.
    let procSelf = URL(fileURLWithPath: "/proc/self/exe")
    var url = FileManager.default.fileExists(atPath: procSelf.path) ? procSelf.resolvingSymlinksInPath()
      : URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
    for _ in 0..<5 {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent("accelerators").path) {
        roots.append(url)
        break
      }
    }
    return roots
  }
}
