/// Values of a one-dimensional array produced a range at a time, on demand: `fill(start, buffer)`
/// writes values `start ..< start + buffer.count` into `buffer`, reading storage that the closure
/// keeps alive. A writer streams them a chunk at a time, with no full-size copy.
public struct Chunks<Element: Sendable>: Sendable {
  /// Number of values.
  public let count: Int
  private let fill: @Sendable (_ start: Int, _ buffer: UnsafeMutableBufferPointer<Element>) -> Void

  /// `count` values, produced by `fill`, which is called with ranges inside `0 ..< count` only.
  public init(count: Int, fill: @escaping @Sendable (_ start: Int, _ buffer: UnsafeMutableBufferPointer<Element>) -> Void) {
    self.count = count
    self.fill = fill
  }

  /// Writes values `start ..< start + buffer.count` into `buffer`.
  public func fill(from start: Int, into buffer: UnsafeMutableBufferPointer<Element>) {
    precondition(start >= 0 && start + buffer.count <= count, "chunk \(start) ..< \(start + buffer.count) outside 0 ..< \(count)")
    if !buffer.isEmpty { fill(start, buffer) }
  }

  /// Every value, copied into one array (for tests and in-memory callers; writers stream instead).
  public var array: [Element] {
    [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
      fill(from: 0, into: buffer)
      initialized = count
    }
  }
}

extension Chunks: Equatable where Element: Equatable {
  /// Equal counts and equal values.
  public static func == (a: Self, b: Self) -> Bool { a.count == b.count && a.array == b.array }
}

/// A one-dimensional array too large to copy (the final weights of millions of synapses), written
/// after ``Recording/arrays`` as they are (a `unit` of `id`: integers), but streamed from the
/// engine's storage by ``Chunks``.
public struct StreamedArray: Equatable, Sendable {
  /// The values, by the type the file stores.
  public enum Values: Equatable, Sendable {
    /// `<f8`.
    case float64(Chunks<Double>)
    /// `<i4` (ids).
    case int32(Chunks<Int32>)
  }

  /// Array name in output files.
  public var name: String
  /// Physical unit of the values (`mV`, `id`).
  public var unit: String
  /// The values.
  public var values: Values

  /// An array `name` in `unit` of `values`.
  public init(name: String, unit: String, values: Values) {
    self.name = name
    self.unit = unit
    self.values = values
  }

  /// Number of values.
  public var count: Int {
    switch values {
    case .float64(let chunks): chunks.count
    case .int32(let chunks): chunks.count
    }
  }

  /// The values copied into a one-column trace.
  public var trace: Trace {
    switch values {
    case .float64(let chunks): Trace(name: name, unit: unit, columns: 1, values: chunks.array)
    case .int32(let chunks): Trace(name: name, unit: unit, columns: 1, values: chunks.array.map(Double.init))
    }
  }
}
