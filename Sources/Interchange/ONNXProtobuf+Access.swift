import Foundation

// Typed access to the decoded protobuf messages: attributes by name, a tensor's dimensions and (for the
// small tensors that steer shapes) its numbers.

/// A problem with one node, before it is given the file's name (see ``ONNXImporter``).
struct NodeProblem: Error {
  var message: String
  init(_ message: String) { self.message = message }
}

/// Dimensions above this are not a real model's (and would overflow element counts).
let maximumDimension = 1 << 31
/// Element counts above this are not a real model's; keeps every product within Int64.
let maximumElements: Int64 = 1 << 50

extension ONNXNodeProto {
  func attribute(_ name: String) -> ONNXAttributeProto? {
    attribute.first { $0.name == name }
  }

  func int(_ name: String) throws(NodeProblem) -> Int? {
    guard let a = attribute(name) else { return nil }
    guard a.type == .int || (a.type == .undefined && a.hasI) else { throw NodeProblem("attribute \(name) is not an integer") }
    return try checkedInt(a.i, what: "attribute \(name)")
  }

  func ints(_ name: String) throws(NodeProblem) -> [Int]? {
    guard let a = attribute(name) else { return nil }
    guard a.type == .ints || a.type == .undefined else { throw NodeProblem("attribute \(name) is not a list of integers") }
    var out: [Int] = []
    for v in a.ints { out.append(try checkedInt(v, what: "attribute \(name)")) }
    return out
  }

  func float(_ name: String) throws(NodeProblem) -> Double? {
    guard let a = attribute(name) else { return nil }
    guard a.type == .float || (a.type == .undefined && a.hasF) else { throw NodeProblem("attribute \(name) is not a number") }
    return Double(a.f)
  }

  func floats(_ name: String) throws(NodeProblem) -> [Double]? {
    guard let a = attribute(name) else { return nil }
    guard a.type == .floats || a.type == .undefined else { throw NodeProblem("attribute \(name) is not a list of numbers") }
    return a.floats.map(Double.init)
  }

  func string(_ name: String) throws(NodeProblem) -> String? {
    guard let a = attribute(name) else { return nil }
    guard a.type == .string || (a.type == .undefined && a.hasS) else { throw NodeProblem("attribute \(name) is not a string") }
    return String(decoding: a.s, as: UTF8.self)
  }

  /// Input `i`, or `nil` when absent or omitted (an empty name).
  func input(_ i: Int) -> String? {
    i < input.count && !input[i].isEmpty ? input[i] : nil
  }
}

/// An Int64 from the file as an Int clamped to ±2^62 (exporters write INT64_MAX for "to the end"); each
/// use bounds it further before any arithmetic that could overflow.
func checkedInt(_ v: Int64, what: String) throws(NodeProblem) -> Int {
  Int(min(max(v, -(1 << 62)), 1 << 62))
}

/// Kernel sizes, strides, dilations and pads above this are not a real model's.
let maximumWindow = 1 << 20

/// The product of sizes, or `nil` beyond ``maximumElements``.
func elementCount(_ dims: [Int]) -> Int64? {
  var product: Int64 = 1
  for d in dims {
    guard d >= 0 else { return nil }
    let (p, overflow) = product.multipliedReportingOverflow(by: Int64(d))
    guard !overflow, p <= maximumElements else { return nil }
    product = p
  }
  return product
}

extension ONNXTensorProto {
  /// The dimensions, checked to be non-negative and of a sane size.
  func checkedDims() throws(NodeProblem) -> [Int] {
    var out: [Int] = []
    for d in dims {
      guard d >= 0, d <= maximumDimension else { throw NodeProblem("tensor \"\(name)\" has dimension \(d)") }
      out.append(Int(d))
    }
    guard elementCount(out) != nil else { throw NodeProblem("tensor \"\(name)\" is too large (\(out))") }
    return out
  }

  /// The tensor's numbers when its data is in the file and it is small (shape-steering tensors, scalars);
  /// `nil` for large tensors (weights) and for data stripped or stored outside the file.
  func numbers(limit: Int = 1 << 16) -> [Double]? {
    guard let count = elementCount(dims.map { Int(clamping: $0) }), count <= limit else { return nil }
    let n = Int(count)
    let type = ONNXTensorProto.DataType(rawValue: Int(dataType)) ?? .undefined
    if hasRawData {
      return Self.decodeRaw(rawData, type: type, count: n)
    }
    var out: [Double]
    switch type {
    case .float: out = floatData.map(Double.init)
    case .double: out = doubleData
    case .int64: out = int64Data.map(Double.init)
    case .uint64: out = uint64Data.map(Double.init)
    case .int32, .int16, .int8, .uint16, .uint8, .bool: out = int32Data.map(Double.init)
    case .float16:
      out = int32Data.map { Double(Self.half(UInt16(truncatingIfNeeded: $0))) }
    default: return nil
    }
    return out.count == n ? out : nil
  }

  static func decodeRaw(_ data: Data, type: DataType, count: Int) -> [Double]? {
    let width: Int
    switch type {
    case .float, .int32, .uint32: width = 4
    case .double, .int64, .uint64: width = 8
    case .int16, .uint16, .float16: width = 2
    case .int8, .uint8, .bool: width = 1
    default: return nil
    }
    guard data.count == width * count else { return nil }
    let bytes = [UInt8](data)
    var out: [Double] = []
    out.reserveCapacity(count)
    for i in 0..<count {
      var bits: UInt64 = 0
      for b in 0..<width { bits |= UInt64(bytes[i * width + b]) << (8 * UInt64(b)) }  // little-endian
      switch type {
      case .float: out.append(Double(Float(bitPattern: UInt32(truncatingIfNeeded: bits))))
      case .double: out.append(Double(bitPattern: bits))
      case .int64: out.append(Double(Int64(bitPattern: bits)))
      case .uint64: out.append(Double(bits))
      case .int32: out.append(Double(Int32(bitPattern: UInt32(truncatingIfNeeded: bits))))
      case .uint32: out.append(Double(UInt32(truncatingIfNeeded: bits)))
      case .int16: out.append(Double(Int16(bitPattern: UInt16(truncatingIfNeeded: bits))))
      case .uint16: out.append(Double(UInt16(truncatingIfNeeded: bits)))
      case .float16: out.append(Double(half(UInt16(truncatingIfNeeded: bits))))
      case .int8: out.append(Double(Int8(bitPattern: UInt8(truncatingIfNeeded: bits))))
      default: out.append(Double(bits))
      }
    }
    return out
  }

  /// An IEEE half-precision number (portable: Float16 is not on every platform).
  static func half(_ bits: UInt16) -> Float {
    let sign: Float = bits & 0x8000 != 0 ? -1 : 1
    let exponent = Int((bits >> 10) & 0x1F)
    let fraction = Float(bits & 0x3FF)
    switch exponent {
    case 0: return sign * fraction * 0x1p-24
    case 31: return fraction == 0 ? sign * .infinity : .nan
    default: return sign * (1 + fraction / 1024) * Float(sign: .plus, exponent: exponent - 15, significand: 1)
    }
  }
}

extension ONNXValueInfoProto {
  /// The declared dimensions: a number, or the symbol of a symbolic size; `nil` without a tensor shape.
  var declaredDims: [(value: Int64?, symbol: String?)]? {
    guard hasType, case .tensorType(let tensor)? = type.value, tensor.hasShape else { return nil }
    return tensor.shape.dim.map { d in
      switch d.value {
      case .dimValue(let v)?: (v, nil)
      case .dimParam(let p)?: (nil, p)
      case nil: (nil, nil)
      }
    }
  }
}
