public import SpecFiles
import Foundation

/// The kinds of hardware file Duet reads (the `kind:` of a `schema: duet/v1` document).
public enum HardwareKind: String, Hashable, Sendable, CaseIterable {
  /// One MAESTRO-like accelerator (``Accelerator``).
  case accelerator
  /// Many accelerators: a grid and/or a list of points over a base (``AcceleratorSet``).
  case sweep
  /// A tiled FPGA design (``FPGADesign``).
  case fpga
  /// A roofline device: phone or tablet SoC, desktop CPU or GPU (``RooflineDevice``).
  case device
  /// Measured latencies per architecture (``MeasuredDevice``); prices architectures, not layers.
  case measuredDevice = "measured-device"

  /// Whether files of this kind describe layer cost models (everything but measured tables).
  public var pricesLayers: Bool { self != .measuredDevice }
}

/// One piece of hardware that prices layers, with the label tables use.
public struct HardwarePoint: Sendable {
  /// The point's label (a sweep point's name, a design or device name, or an accelerator's figures).
  public var label: String
  /// The kind of file the point came from.
  public var kind: HardwareKind
  public var model: any CostModel

  public init(label: String, kind: HardwareKind, model: any CostModel) {
    self.label = label
    self.kind = kind
    self.model = model
  }

  /// The accelerator, when the point is a MAESTRO-like one (accelerator and sweep files).
  public var accelerator: Accelerator? { model as? Accelerator }
}

/// Any hardware file, read by its `kind:`.
///
/// `accelerator` and `sweep` files give MAESTRO-like ``Accelerator``s, `fpga` an ``FPGADesign``, `device`
/// a ``RooflineDevice``: all ``CostModel``s, listed in ``points``. A `measured-device` file gives a
/// ``MeasuredDevice`` in ``measured`` and no points: it prices whole architectures by their canonical
/// string, so it cannot price a workload's layers.
public struct HardwareFile: Sendable {
  /// The file's `name:`.
  public var name: String
  public var kind: HardwareKind
  /// The cost models, in file order (one for `accelerator`, `fpga` and `device`; a sweep's points).
  public var points: [HardwarePoint]
  /// The point a sweep names as its target, if any.
  public var target: String?
  /// The measured table of a `measured-device` file.
  public var measured: MeasuredDevice?

  public init(name: String, kind: HardwareKind, points: [HardwarePoint], target: String? = nil,
              measured: MeasuredDevice? = nil) {
    self.name = name
    self.kind = kind
    self.points = points
    self.target = target
    self.measured = measured
  }

  /// The accelerators among the points (all of them for accelerator and sweep files).
  public var accelerators: [Accelerator] { points.compactMap(\.accelerator) }

  /// Loads a hardware file of any kind.
  ///
  /// - Throws: ``SpecError`` for an unknown `kind:` (listing the known ones) or a malformed file.
  public static func load(path: String) throws(SpecError) -> HardwareFile {
    try load(path: path, pricingLayers: false)
  }

  /// Loads a hardware file whose kind prices layers (every kind but `measured-device`).
  ///
  /// - Parameter measuredDeviceNote: a sentence appended to the refusal of a measured-device file (where
  ///   to use it instead).
  /// - Throws: ``SpecError`` at the `kind:` line of a measured-device file (before its table is read), or
  ///   for a malformed file.
  public static func loadCostModels(path: String, measuredDeviceNote: String? = nil) throws(SpecError) -> HardwareFile {
    try load(path: path, pricingLayers: true, note: measuredDeviceNote)
  }

  static func load(path: String, pricingLayers: Bool, note: String? = nil) throws(SpecError) -> HardwareFile {
    let (name, root) = try SpecDocument.load(path: path, kinds: HardwareKind.allCases.map(\.rawValue))
    let kind = HardwareKind(rawValue: name)!  // `kinds` lists only raw values
    if pricingLayers && !kind.pricesLayers {
      var message = "a measured device prices whole architectures (by canonical string, from its table), not "
        + "layers, so it cannot price a workload's layers"
      if let note { message += "; \(note)" }
      throw try root.required("kind").error(message)
    }
    return try read(kind: kind, root: root, folder: URL(fileURLWithPath: path).deletingLastPathComponent().path)
  }

  /// Reads a parsed document of the given kind (`folder` is where relative files are looked up).
  public static func read(kind: HardwareKind, root: SpecMapping, folder: String) throws(SpecError) -> HardwareFile {
    switch kind {
    case .accelerator, .sweep:
      let set = try AcceleratorFile.read(kind: kind.rawValue, root: root, folder: folder)
      return HardwareFile(name: set.name, kind: kind,
                          points: set.accelerators.map { HardwarePoint(label: $0.label, kind: kind, model: $0) },
                          target: set.target, measured: nil)
    case .fpga:
      let design = try FPGADesign(spec: root)
      return HardwareFile(name: design.name, kind: kind, points: [HardwarePoint(label: design.label, kind: kind, model: design)],
                          target: nil, measured: nil)
    case .device:
      let device = try RooflineDevice(spec: root)
      return HardwareFile(name: device.name, kind: kind, points: [HardwarePoint(label: device.label, kind: kind, model: device)],
                          target: nil, measured: nil)
    case .measuredDevice:
      let device = try MeasuredDevice(spec: root)
      return HardwareFile(name: device.name, kind: kind, points: [], target: nil, measured: device)
    }
  }
}
