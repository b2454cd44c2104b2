import MesoCore

/// One array of an `.npy` or `.npz` file: a name, a shape (C order) and the values.
public struct NPYArray: Equatable, Sendable {
  /// The values, by NumPy dtype.
  public enum Storage: Equatable, Sendable {
    /// `<f8`, row-major.
    case float64([Double])
    /// `<i8`, row-major.
    case int64([Int64])
    /// `<i4`, row-major.
    case int32([Int32])
    /// A 0-d `<U{n}` string (shape `[]`), as NumPy stores `np.array("text")`.
    case unicode(String)
    /// `<f8` or `<i4` values produced a chunk at a time (row-major), streamed when written.
    case streamed(StreamedArray.Values)
  }

  /// Array name (the `.npz` key, the entry being `name.npy`).
  public var name: String
  /// Dimensions; `[]` for a 0-d array.
  public var shape: [Int]
  /// The dtype and the values.
  public var storage: Storage

  /// An array; its values must fill `shape` exactly, which writing checks.
  public init(name: String, shape: [Int], storage: Storage) {
    self.name = name
    self.shape = shape
    self.storage = storage
  }

  /// The values of a float64 array (streamed ones copied), else nil.
  public var float64: [Double]? {
    switch storage {
    case .float64(let values): values
    case .streamed(.float64(let chunks)): chunks.array
    default: nil
    }
  }
  /// The values of an int64 array, else nil.
  public var int64: [Int64]? { if case .int64(let values) = storage { values } else { nil } }
  /// The values of an int32 array (streamed ones copied), else nil.
  public var int32: [Int32]? {
    switch storage {
    case .int32(let values): values
    case .streamed(.int32(let chunks)): chunks.array
    default: nil
    }
  }
  /// The values of an int64 or int32 array as Int64, else nil.
  public var integers: [Int64]? { int64 ?? int32?.map(Int64.init) }
  /// The string of a unicode array, else nil.
  public var unicode: String? { if case .unicode(let text) = storage { text } else { nil } }
}

/// Number of elements of `shape`, or nil if a dimension is negative or the product overflows.
func elementCount(_ shape: [Int]) -> Int? {
  var count = 1
  for dimension in shape {
    guard dimension >= 0 else { return nil }
    let (product, overflow) = count.multipliedReportingOverflow(by: dimension)
    guard !overflow else { return nil }
    count = product
  }
  return count
}

/// A shape as Python writes a tuple: `()`, `(3,)`, `(3, 2)`.
func pythonTuple(_ shape: [Int]) -> String {
  shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}
