/// Why a block could not be taken out of a network.
public struct BlockSelectionError: Error, Hashable, Sendable, CustomStringConvertible {
  public var description: String
  public init(_ description: String) { self.description = description }
}

extension Network {
  /// Layers `range` as a network of their own, with every edge spelt out: a layer that reads a layer
  /// before the range (or the network's input) keeps that name, which the block then reads as one of
  /// its inputs (see ``externalInputs``).
  public func slice(_ range: Range<Int>) -> Network {
    var out: [NetworkLayer] = []
    out.reserveCapacity(range.count)
    for i in range {
      var entry = layers[i]
      entry.inputs = inputs(of: i)
      out.append(entry)
    }
    // Edges that are the default inside the block are left implicit again.
    for j in out.indices where j > 0 && out[j].inputs == [out[j - 1].name] { out[j].inputs = nil }
    let first = range.first.map { layers[$0].name } ?? ""
    let last = range.last.map { layers[$0].name } ?? ""
    return Network(name: range.count == 1 ? "\(name): \(first)" : "\(name): \(first) … \(last)", layers: out)
  }

  /// The block of layers whose names are `prefix` or start with `prefix.` or `prefix/` (a ResNet stage
  /// `conv3_1`, a space's block `stage2.b0`, a framework's module `layer1/layer1.0`).
  /// - Throws: when no layer matches, or the matching layers are not one contiguous run.
  public func block(prefix: String) throws(BlockSelectionError) -> Network {
    let matches = layers.indices.filter {
      let name = layers[$0].name
      return name == prefix || name.hasPrefix(prefix + ".") || name.hasPrefix(prefix + "/")
    }
    guard let first = matches.first, let last = matches.last else {
      throw BlockSelectionError("no layer of \(name) is named \"\(prefix)\" or starts with \"\(prefix).\"")
    }
    if last - first + 1 != matches.count {
      let gap = (first...last).first { !matches.contains($0) }!
      throw BlockSelectionError("the layers named \"\(prefix)…\" are not contiguous: \"\(layers[gap].name)\" lies between them")
    }
    return slice(first..<(last + 1))
  }

  /// The layers from `first` through `last` (by name, inclusive).
  public func block(from first: String, through last: String) throws(BlockSelectionError) -> Network {
    guard let a = layers.firstIndex(where: { $0.name == first }) else { throw BlockSelectionError("no layer of \(name) is named \"\(first)\"") }
    guard let b = layers.firstIndex(where: { $0.name == last }) else { throw BlockSelectionError("no layer of \(name) is named \"\(last)\"") }
    guard a <= b else { throw BlockSelectionError("\"\(first)\" comes after \"\(last)\"") }
    return slice(a..<(b + 1))
  }

  /// Names the layers read that are neither layers of this network nor its input, in order of first
  /// use: the inputs of a block taken out of a larger network.
  public var externalInputs: [String] {
    var known: Set<String> = []
    var external: [String] = []
    for i in layers.indices {
      for name in inputs(of: i) where !known.contains(name) && !external.contains(name) && name != Self.inputName {
        external.append(name)
      }
      known.insert(layers[i].name)
    }
    return external
  }
}
