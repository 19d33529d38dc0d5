/// The data an architecture is built for: input resolution, image channels and classes.
///
/// The dataset fixes the input size (CIFAR 32×32, ImageNet16-120 16×16, ImageNet 224×224) and the
/// classifier's width; a space can also give per-dataset template variables (FBNet's stage strides and
/// head width differ between its CIFAR-100 and ImageNet settings).
public struct Dataset: Hashable, Sendable, Codable {
  public var name: String
  /// Input rows = columns, in pixels.
  public var inputSize: Int
  /// Image channels (3 for RGB).
  public var channels: Int
  /// Output classes (the classifier's width).
  public var classes: Int
  /// Extra template variables the space defines for this dataset (`vars:` in the space file).
  var variables: [String: TemplateValue]

  public init(name: String, inputSize: Int, classes: Int, channels: Int = 3) {
    self.name = name
    self.inputSize = inputSize
    self.channels = channels
    self.classes = classes
    self.variables = [:]
  }

  init(name: String, inputSize: Int, classes: Int, channels: Int, variables: [String: TemplateValue]) {
    self.init(name: name, inputSize: inputSize, classes: classes, channels: channels)
    self.variables = variables
  }

  /// The same dataset fed at another resolution (e.g. the semi-decoupled paper's DARTS networks at
  /// 16×16, still with CIFAR-10's 10 classes). Template variables are kept.
  public func resized(to inputSize: Int, name: String? = nil) -> Dataset {
    var copy = self
    copy.inputSize = inputSize
    copy.name = name ?? "\(self.name)@\(inputSize)"
    return copy
  }

  public static let cifar10 = Dataset(name: "cifar10", inputSize: 32, classes: 10)
  public static let cifar100 = Dataset(name: "cifar100", inputSize: 32, classes: 100)
  /// ImageNet down-sampled to 16×16, restricted to 120 classes (NAS-Bench-201).
  public static let imageNet16_120 = Dataset(name: "imagenet16-120", inputSize: 16, classes: 120)
  public static let imageNet = Dataset(name: "imagenet", inputSize: 224, classes: 1000)

  /// The datasets a space file may name without describing them.
  public static let catalog: [Dataset] = [.cifar10, .cifar100, .imageNet16_120, .imageNet]
}
