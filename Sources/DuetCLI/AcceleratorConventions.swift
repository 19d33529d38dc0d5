import Hardware

/// The pricing conventions of a set of accelerators, as (name, value) lines for a report's conventions
/// block: shared by `duet cosearch` and `duet cost --report` so both state them in the same words.
enum AcceleratorConventions {
  static func lines(_ accelerators: [Accelerator]) -> [(String, String)] {
    [
      ("input padding", distinct(accelerators.map(\.padding)) { "\($0.rawValue) (a padded layer is priced " + ($0 == .padded ? "on its padded input" : "on its unpadded input") + ")" }),
      ("pooling, skips, additions", distinct(accelerators.map(\.nonMACLayers)) { "non_mac_layers: \($0.rawValue)" } + "; skips are identities (free); batch-norm and activations are fused (free)"),
      ("NoC hop latency", distinct(accelerators.map(\.hardware.nocHopLatency)) { "\($0) cycle(s) per hop" } + ", " + distinct(accelerators.map(\.hardware.nocHops)) { "\($0) hop(s)" }),
      ("energy", distinct(accelerators.map(\.energy.name)) { "energy table \"\($0)\"" } + " in picojoules (see docs/maestro.md)"),
    ]
  }

  /// The distinct values in first-seen order, shown and joined with commas.
  static func distinct<T: Hashable>(_ values: [T], _ show: (T) -> String) -> String {
    var seen: [T] = []
    for v in values where !seen.contains(v) { seen.append(v) }
    return seen.map(show).joined(separator: ", ")
  }
}
