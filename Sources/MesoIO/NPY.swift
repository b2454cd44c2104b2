import Foundation
import MesoCore

/// NumPy's `.npy` format: the magic `\x93NUMPY`, a version, a Python-literal header padded with spaces
/// to a multiple of 64 bytes and ending in a newline, then the raw little-endian values in C order.
/// Errors name the array as its `.npz` entry, `name.npy`.
public enum NPY {
  static let magic: [UInt8] = [0x93] + Array("NUMPY".utf8)

  /// The `.npy` bytes of `array`: format 1.0, or 2.0 if the header exceeds 65535 bytes. Throws if the
  /// values do not fill the shape exactly or a unicode array is not 0-d.
  public static func encode(_ array: NPYArray) throws(MesoIOError) -> Data {
    let encoding = try Encoding(array)
    var data = Data(count: encoding.size)
    data.withUnsafeMutableBytes { encoding.copyBytes(0..<encoding.size, to: $0.baseAddress!) }
    return data
  }

  /// An array's `.npy` bytes without building them: the header, and the values' little-endian bytes
  /// read in place (the array's own memory on little-endian machines) or produced chunk by chunk
  /// (streamed arrays), so that a writer can copy any range of the file into its buffer.
  struct Encoding {
    /// Magic, version, header length and the padded header.
    let header: [UInt8]
    /// The values, little-endian.
    private let body: Body
    /// Bytes of the whole `.npy` file.
    var size: Int { header.count + body.byteCount }

    private enum Body {
      case float64([Double]), int64([Int64]), int32([Int32]), unicode([UInt32])
      case streamedFloat64(Chunks<Double>), streamedInt32(Chunks<Int32>)

      var byteCount: Int {
        switch self {
        case .float64(let values): values.count * 8
        case .int64(let values): values.count * 8
        case .int32(let values): values.count * 4
        case .unicode(let scalars): scalars.count * 4
        case .streamedFloat64(let chunks): chunks.count * 8
        case .streamedInt32(let chunks): chunks.count * 4
        }
      }

      /// Copies the bytes `range` of the values, little-endian, to `destination`.
      func copyBytes(_ range: Range<Int>, to destination: UnsafeMutableRawPointer) {
        switch self {
        case .float64(let values):
          #if _endian(little)
            values.withUnsafeBytes { copy($0, range, to: destination) }
          #else
            littleEndianBytes(of: values.map(\.bitPattern), range, to: destination)
          #endif
        case .int64(let values): littleEndianBytes(of: values, range, to: destination)
        case .int32(let values): littleEndianBytes(of: values, range, to: destination)
        case .unicode(let scalars): littleEndianBytes(of: scalars, range, to: destination)
        case .streamedFloat64(let chunks): produce(chunks, range, to: destination)
        case .streamedInt32(let chunks): produce(chunks, range, to: destination)
        }
      }

      private func copy(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>, to destination: UnsafeMutableRawPointer) {
        destination.copyMemory(from: bytes.baseAddress! + range.lowerBound, byteCount: range.count)
      }

      /// `values`' bytes in little-endian order: the array's own bytes, a copy only on big-endian machines.
      private func littleEndianBytes<T: FixedWidthInteger>(of values: [T], _ range: Range<Int>, to destination: UnsafeMutableRawPointer) {
        #if _endian(little)
          values.withUnsafeBytes { copy($0, range, to: destination) }
        #else
          values.map(\.littleEndian).withUnsafeBytes { copy($0, range, to: destination) }
        #endif
      }

      /// The values covering the bytes `range`, produced into a scratch buffer of at most the range
      /// plus one value, then copied (byte-swapped on big-endian machines).
      private func produce<T>(_ chunks: Chunks<T>, _ range: Range<Int>, to destination: UnsafeMutableRawPointer) {
        let stride = MemoryLayout<T>.stride
        let first = range.lowerBound / stride, end = (range.upperBound + stride - 1) / stride
        withUnsafeTemporaryAllocation(of: T.self, capacity: end - first) { scratch in
          chunks.fill(from: first, into: scratch)
          let bytes = UnsafeMutableRawBufferPointer(scratch)
          #if _endian(big)
            for start in Swift.stride(from: 0, to: bytes.count, by: stride) { bytes[start..<(start + stride)].reverse() }
          #endif
          copy(UnsafeRawBufferPointer(bytes), (range.lowerBound - first * stride)..<(range.upperBound - first * stride), to: destination)
        }
      }
    }

    /// The encoding of `array`; throws as `NPY.encode(_:)`.
    init(_ array: NPYArray) throws(MesoIOError) {
      let fail = { (reason: String) in MesoIOError(path: array.name + ".npy", reason: reason) }
      let shape = pythonTuple(array.shape)
      guard let count = elementCount(array.shape) else {
        throw fail("shape \(shape) has a negative or too large dimension")
      }
      let descr: String, values: Int
      switch array.storage {
      case .float64(let x): (descr, values, body) = ("<f8", x.count, .float64(x))
      case .int64(let x): (descr, values, body) = ("<i8", x.count, .int64(x))
      case .int32(let x): (descr, values, body) = ("<i4", x.count, .int32(x))
      case .streamed(.float64(let chunks)): (descr, values, body) = ("<f8", chunks.count, .streamedFloat64(chunks))
      case .streamed(.int32(let chunks)): (descr, values, body) = ("<i4", chunks.count, .streamedInt32(chunks))
      case .unicode(let text):
        guard array.shape.isEmpty else { throw fail("a unicode array must be 0-d, not of shape \(shape)") }
        let scalars = text.unicodeScalars.map(\.value.littleEndian)
        let width = max(1, scalars.count)  // NumPy stores "" as <U1
        (descr, values, body) = ("<U\(width)", 1, .unicode(scalars + Array(repeating: 0, count: width - scalars.count)))
      }
      guard values == count else { throw fail("\(values) values do not fill shape \(shape)") }
      header = NPY.header(descr: descr, shape: shape)
    }

    /// Copies the bytes `range` of the file to `destination`.
    func copyBytes(_ range: Range<Int>, to destination: UnsafeMutableRawPointer) {
      let inHeader = range.clamped(to: 0..<header.count)
      header.withUnsafeBytes { destination.copyMemory(from: $0.baseAddress! + inHeader.lowerBound, byteCount: inHeader.count) }
      let inBody = range.clamped(to: header.count..<size)
      guard !inBody.isEmpty else { return }
      body.copyBytes((inBody.lowerBound - header.count)..<(inBody.upperBound - header.count), to: destination + inHeader.count)
    }
  }

  /// The header of a C-order array, format 1.0 (2-byte header length) unless it needs 2.0 (4 bytes).
  private static func header(descr: String, shape: String) -> [UInt8] {
    let dictionary = Array("{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shape), }".utf8)
    let lengthSize = dictionary.count + 64 <= Int(UInt16.max) ? 2 : 4  // padding adds at most 64 bytes
    let unpadded = magic.count + 2 + lengthSize + dictionary.count + 1
    let text = dictionary + Array(repeating: UInt8(ascii: " "), count: (64 - unpadded % 64) % 64) + [UInt8(ascii: "\n")]
    let length = lengthSize == 2 ? withUnsafeBytes(of: UInt16(text.count).littleEndian, Array.init)
      : withUnsafeBytes(of: UInt32(text.count).littleEndian, Array.init)
    return magic + [lengthSize == 2 ? 1 : 2, 0] + length + text
  }

  /// The array stored in `.npy` bytes: format 1.0, 2.0 or 3.0; dtype `<f8`, `<i8` or `<i4` of any shape in
  /// C order, or a 0-d `<U{n}` string (trailing NULs dropped, as NumPy does).
  public static func decode(_ data: Data, name: String) throws(MesoIOError) -> NPYArray {
    let fail = { (reason: String) in MesoIOError(path: name + ".npy", reason: reason) }
    let (descr, shape, bodyStart) = try parseHeader(data, fail)
    guard let count = elementCount(shape) else { throw fail("shape \(pythonTuple(shape)) is too large") }
    let bodySize = data.count - bodyStart
    func expect(_ count: Int, of itemSize: Int) throws(MesoIOError) {
      guard bodySize % itemSize == 0, bodySize / itemSize == count else {
        let expected = "\(count) × \(itemSize) for \(descr) of shape \(pythonTuple(shape))"
        throw fail("\(bodySize) bytes of values, expected \(expected)")
      }
    }
    switch descr {
    case "<f8":
      try expect(count, of: 8)
      let values = loadLittleEndian(count, UInt64.self, from: data, at: bodyStart, Double.init(bitPattern:))
      return NPYArray(name: name, shape: shape, storage: .float64(values))
    case "<i8":
      try expect(count, of: 8)
      let values = loadLittleEndian(count, Int64.self, from: data, at: bodyStart) { $0 }
      return NPYArray(name: name, shape: shape, storage: .int64(values))
    case "<i4":
      try expect(count, of: 4)
      let values = loadLittleEndian(count, Int32.self, from: data, at: bodyStart) { $0 }
      return NPYArray(name: name, shape: shape, storage: .int32(values))
    default:
      guard descr.hasPrefix("<U"), let width = Int(descr.dropFirst(2)), width >= 0 else {
        throw fail("unsupported dtype '\(descr)' (MesoIO reads <f8, <i8, <i4 and 0-d <U…)")
      }
      guard shape.isEmpty else { throw fail("unicode arrays must be 0-d, not of shape \(pythonTuple(shape))") }
      try expect(width, of: 4)
      let values = loadLittleEndian(width, UInt32.self, from: data, at: bodyStart) { $0 }
      let end = values.lastIndex(where: { $0 != 0 }).map { $0 + 1 } ?? 0
      var text = String.UnicodeScalarView()
      for value in values[..<end] {
        guard let scalar = Unicode.Scalar(value) else { throw fail("invalid code point \(value) in \(descr)") }
        text.append(scalar)
      }
      return NPYArray(name: name, shape: shape, storage: .unicode(String(text)))
    }
  }

  /// The dtype, the shape and the offset of the values, from the magic and header of `.npy` bytes.
  private static func parseHeader(
    _ data: Data, _ fail: (String) -> MesoIOError
  ) throws(MesoIOError) -> (descr: String, shape: [Int], bodyStart: Int) {
    guard data.count >= 10, data.prefix(magic.count).elementsEqual(magic) else {
      throw fail("not an NPY array (no \\x93NUMPY magic)")
    }
    let major = data[data.startIndex + 6], minor = data[data.startIndex + 7]
    guard (1...3).contains(major) else { throw fail("unsupported NPY format version \(major).\(minor)") }
    let lengthSize = major == 1 ? 2 : 4  // 3.0 is 2.0 with a UTF-8 header
    guard data.count >= 8 + lengthSize else { throw fail("truncated header") }
    let headerLength =
      major == 1
      ? Int(loadLittleEndian(1, UInt16.self, from: data, at: 8) { $0 }[0])
      : Int(loadLittleEndian(1, UInt32.self, from: data, at: 8) { $0 }[0])
    let bodyStart = 8 + lengthSize + headerLength
    guard data.count >= bodyStart else { throw fail("truncated header") }
    let header = String(decoding: data.dropFirst(8 + lengthSize).prefix(headerLength), as: UTF8.self)

    guard let descr = header.firstMatch(of: /'descr':\s*'([^']*)'/)?.1,
      let fortranOrder = header.firstMatch(of: /'fortran_order':\s*(True|False)/)?.1,
      let shapeText = header.firstMatch(of: /'shape':\s*\(([^)]*)\)/)?.1
    else { throw fail("unreadable header \(header.trimmingCharacters(in: .whitespacesAndNewlines))") }
    let dimensions = shapeText.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard dimensions.count == shapeText.split(separator: ",").count, dimensions.allSatisfy({ $0 >= 0 }) else {
      throw fail("unreadable shape (\(shapeText))")
    }
    guard fortranOrder == "False" || dimensions.count < 2 else {
      throw fail("Fortran-order arrays are not supported")
    }
    return (String(descr), dimensions, bodyStart)
  }
}
