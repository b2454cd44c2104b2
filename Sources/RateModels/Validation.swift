import MesoCore

/// Shape and range checks shared by the network parameter types; errors name the entry (`tau[2]`, `W[1][0]`).
extension Require {
  /// The number of units given by a per-unit array: at least one.
  static func units(_ values: [Double], _ path: String) throws(ParameterError) -> Int {
    guard !values.isEmpty else {
      throw ParameterError(path: path, value: "0 values", requirement: "have at least 1 value")
    }
    return values.count
  }

  /// n entries, each > 0.
  static func positiveVector(_ values: [Double], count n: Int, _ path: String, unit: String) throws(ParameterError) {
    try count(values.count, equals: n, path, what: "values")
    for (i, x) in values.enumerated() { _ = try positive(x, "\(path)[\(i)]", unit: unit) }
  }

  /// n finite entries.
  static func finiteVector(_ values: [Double], count n: Int, _ path: String) throws(ParameterError) {
    try count(values.count, equals: n, path, what: "values")
    for (i, x) in values.enumerated() { _ = try finite(x, "\(path)[\(i)]") }
  }

  /// n rows of n finite entries.
  static func squareMatrix(_ rows: [[Double]], size n: Int, _ path: String) throws(ParameterError) {
    try count(rows.count, equals: n, path, what: "rows")
    for (i, row) in rows.enumerated() { try finiteVector(row, count: n, "\(path)[\(i)]") }
  }
}

extension KeyedDecodingContainer {
  /// The value at `key`, or `fallback` when the configuration omits it.
  func decode<T: Decodable>(_ key: Key, or fallback: T) throws -> T {
    try decodeIfPresent(T.self, forKey: key) ?? fallback
  }
}
