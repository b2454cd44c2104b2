import Foundation

/// An invalid parameter, named by its key path, with the offending value and the requirement:
/// `populations[0].tau_m = -0.02: must be > 0 s`.
public struct ParameterError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Key path in configuration terms (`parameters.tau`, `populations[1].N`).
  public var path: String
  /// The value as the user wrote it (or as it was resolved), rendered as text.
  public var value: String
  /// What the value must satisfy, phrased to follow "must": `be > 0 s`.
  public var requirement: String

  /// The value `value` (as text) at key path `path` must satisfy `requirement`.
  public init(path: String, value: String, requirement: String) {
    self.path = path
    self.value = value
    self.requirement = requirement
  }

  /// The number `value` at key path `path` must satisfy `requirement`; the number is printed to 12 significant digits.
  public init(path: String, value: Double, requirement: String) {
    self.init(path: path, value: formatNumber(value), requirement: requirement)
  }

  /// The same error seen from an enclosing key: `prefixed("parameters")` turns `tau` into `parameters.tau`.
  public func prefixed(_ parent: String) -> ParameterError {
    let joined = path.isEmpty ? parent : (path.hasPrefix("[") ? parent + path : parent + "." + path)
    return ParameterError(path: joined, value: value, requirement: requirement)
  }

  public var description: String { "\(path) = \(value): must \(requirement)" }
}

/// Decimal text of a number for messages (`0.02`, `-1.5`, `nan`): 12 significant digits, so that
/// unit-conversion rounding does not show (4.2 ms reads 0.0042, not 0.004200000000000001).
public func formatNumber(_ x: Double) -> String {
  if x.isNaN { return "nan" }
  if x.isInfinite { return x > 0 ? "inf" : "-inf" }
  if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
  return String(format: "%.12g", x)
}

/// Checks shared by every parameter type: each returns the value or throws a `ParameterError`.
public enum Require {
  /// `x` when it is finite; otherwise a `ParameterError` at `path`.
  public static func finite(_ x: Double, _ path: String) throws(ParameterError) -> Double {
    guard x.isFinite else { throw ParameterError(path: path, value: x, requirement: "be finite") }
    return x
  }
  /// `x` when it is finite and > 0; otherwise a `ParameterError` at `path` naming `unit`.
  public static func positive(_ x: Double, _ path: String, unit: String = "") throws(ParameterError) -> Double {
    guard x.isFinite, x > 0 else {
      throw ParameterError(path: path, value: x, requirement: "be > 0" + (unit.isEmpty ? "" : " " + unit))
    }
    return x
  }
  /// `x` when it is finite and ≥ 0; otherwise a `ParameterError` at `path` naming `unit`.
  public static func nonNegative(_ x: Double, _ path: String, unit: String = "") throws(ParameterError) -> Double {
    guard x.isFinite, x >= 0 else {
      throw ParameterError(path: path, value: x, requirement: "be >= 0" + (unit.isEmpty ? "" : " " + unit))
    }
    return x
  }
  /// Throws a `ParameterError` at `path` unless there are `expected` values (`what` names them).
  public static func count(_ values: Int, equals expected: Int, _ path: String, what: String) throws(ParameterError) {
    guard values == expected else {
      throw ParameterError(path: path, value: "\(values) \(what)", requirement: "have \(expected) \(what)")
    }
  }
}

/// The problems of a set of values, collected check by check: every `problems()` validator of a
/// parameter type starts one, requires its conditions and returns `errors`.
public struct ParameterProblems: Sendable {
  /// The key every checked key lies under (`connections[2].plasticity`); nil: keys are whole paths.
  public let prefix: String?
  /// The problems found so far, in the order of the checks.
  public var errors: [ParameterError] = []

  /// Checks of keys that are whole key paths (`network.N`, `populations[0].tau_m`).
  public init() { prefix = nil }

  /// Checks of keys under `prefix`: key `tau_plus` is reported as `prefix.tau_plus`.
  public init(under prefix: String) { self.prefix = prefix }

  /// Records that the number `value` at `key` must satisfy `requirement`, unless `ok`.
  public mutating func require(_ ok: Bool, _ key: String, _ value: Double, _ requirement: String) {
    if !ok { errors.append(ParameterError(path: prefix.map { $0 + "." + key } ?? key, value: value, requirement: requirement)) }
  }
}
