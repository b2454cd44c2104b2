import MesoCore

/// Problems found while reading a configuration; reading goes on after a problem so that every
/// problem is reported at once.
final class Diagnostics {
  private(set) var problems: [ParameterError] = []
  /// Every key path a reader asked for, list indices written `[]` (`populations[].tau_m`).
  private(set) var keysRead: Set<String> = []

  func noteRead(_ keyPath: String) {
    keysRead.insert(keyPath.replacing(/\[[0-9]+\]/, with: "[]"))
  }

  func report(_ path: String, _ value: String, _ requirement: String) {
    problems.append(ParameterError(path: path, value: value, requirement: requirement))
  }

  func report(_ error: ParameterError) { problems.append(error) }

  /// Throws everything found so far.
  func check() throws(ConfigurationError) {
    if !problems.isEmpty { throw ConfigurationError(problems: problems) }
  }
}

/// Typed, unit-aware reading of one mapping of a configuration, with key paths in every problem.
/// Call `finish()` after reading: keys that were never asked for are reported as unknown.
final class ObjectReader {
  let path: String
  let diagnostics: Diagnostics
  private let members: [String: ConfigValue]
  private var known: [String] = []

  /// Reads `value` as a mapping; reports a problem and returns nil when it is not one.
  init?(_ value: ConfigValue, path: String, diagnostics: Diagnostics) {
    self.path = path
    self.diagnostics = diagnostics
    guard case .object(let m) = value else {
      diagnostics.report(path, value.rendered, "be a mapping of keys to values")
      return nil
    }
    members = m
  }

  func keyPath(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

  /// The raw value of `key` (nil when absent); marks the key as known.
  func raw(_ key: String) -> ConfigValue? {
    known.append(key)
    diagnostics.noteRead(keyPath(key))
    if case .null? = members[key] { return nil }
    return members[key]
  }

  /// Reports a missing required key.
  func missing(_ key: String, _ what: String) {
    diagnostics.report(keyPath(key), "(missing)", "be given: " + what)
  }

  /// A number in base units of `unit`: a plain number, or a string with a unit. Returns `default`
  /// when absent (a problem when there is no default) and NaN after a problem.
  func number(_ key: String, _ unit: Dimension = .dimensionless, default fallback: Double? = nil) -> Double {
    guard let value = raw(key) else {
      if let fallback { return fallback }
      missing(key, unit == .dimensionless ? "a number" : "a number in \(unit.rawValue)")
      return .nan
    }
    return number(value, at: keyPath(key), unit)
  }

  /// A finite number at an arbitrary position (list element), converted to base units.
  /// Ranges are checked by the model types themselves (their `problems()`/`validated()`).
  func number(_ value: ConfigValue, at path: String, _ unit: Dimension) -> Double {
    let x: Double
    switch value {
    case .number(let v): x = v
    case .string(let s):
      guard let v = unit.convert(s) else {
        let expected = unit == .dimensionless ? "be a number" : "be a number in \(unit.rawValue) or a string with a unit (\(unit.acceptedUnits))"
        diagnostics.report(path, value.rendered, expected)
        return .nan
      }
      x = v
    default:
      diagnostics.report(path, value.rendered, "be a number, not \(value.kindName)")
      return .nan
    }
    guard x.isFinite else {
      diagnostics.report(path, value.rendered, "be a finite number")
      return .nan
    }
    return x
  }

  /// A whole number ≥ `minimum`.
  func integer(_ key: String, default fallback: Int? = nil, minimum: Int) -> Int {
    guard let value = raw(key) else {
      if let fallback { return fallback }
      missing(key, "a whole number >= \(minimum)")
      return minimum
    }
    guard case .number(let x) = value, x == x.rounded(), abs(x) < 1e15 else {
      diagnostics.report(keyPath(key), value.rendered, "be a whole number >= \(minimum)")
      return minimum
    }
    guard Int(x) >= minimum else {
      diagnostics.report(keyPath(key), value.rendered, "be >= \(minimum)")
      return minimum
    }
    return Int(x)
  }

  /// A seed: a whole number in [0, 2^53) (exact in JSON and YAML), or any 64-bit seed written as a
  /// decimal string (`"18446744073709551615"`), the form `ConfigValue(seed:)` gives larger seeds.
  func seed(_ key: String) -> UInt64? {
    guard let value = raw(key) else { return nil }
    if case .string(let text) = value, let seed = UInt64(text) { return seed }
    guard case .number(let x) = value, x == x.rounded(), x >= 0, x < 0x1p53 else {
      diagnostics.report(keyPath(key), value.rendered, "be a whole number in [0, 2^53) or a decimal string of a 64-bit seed")
      return nil
    }
    return UInt64(x)
  }

  /// A string; when `choices` is given it must be one of them.
  func string(_ key: String, default fallback: String? = nil, choices: [String]? = nil) -> String {
    guard let value = raw(key) else {
      if let fallback { return fallback }
      missing(key, choices.map { "one of " + $0.joined(separator: ", ") } ?? "a string")
      return ""
    }
    let text: String
    switch value {
    case .string(let s): text = s
    case .number(let x): text = formatNumber(x)
    default:
      diagnostics.report(keyPath(key), value.rendered, "be a string, not \(value.kindName)")
      return ""
    }
    if let choices, !choices.contains(text) {
      diagnostics.report(keyPath(key), value.rendered, "be one of " + choices.joined(separator: ", "))
      return ""
    }
    return text
  }

  /// A nested mapping, or nil when absent (reported when `required`) or not a mapping.
  func object(_ key: String, required: Bool = false) -> ObjectReader? {
    guard let value = raw(key) else {
      if required { missing(key, "a mapping") }
      return nil
    }
    return ObjectReader(value, path: keyPath(key), diagnostics: diagnostics)
  }

  /// The elements of a list with their key paths, or nil when absent (reported when `required`).
  func list(_ key: String, required: Bool = false) -> [(value: ConfigValue, path: String)]? {
    guard let value = raw(key) else {
      if required { missing(key, "a list") }
      return nil
    }
    guard case .array(let items) = value else {
      diagnostics.report(keyPath(key), value.rendered, "be a list, not \(value.kindName)")
      return nil
    }
    return items.enumerated().map { ($1, keyPath(key) + "[\($0)]") }
  }

  /// A list of numbers.
  func numbers(_ key: String, _ unit: Dimension = .dimensionless, default fallback: [Double]? = nil) -> [Double] {
    guard let value = raw(key) else {
      if let fallback { return fallback }
      missing(key, "a list of numbers")
      return []
    }
    return numbers(value, at: keyPath(key), unit)
  }

  func numbers(_ value: ConfigValue, at path: String, _ unit: Dimension) -> [Double] {
    guard case .array(let items) = value else {
      diagnostics.report(path, value.rendered, "be a list of numbers, not \(value.kindName)")
      return []
    }
    return items.enumerated().map { number($1, at: path + "[\($0)]", unit) }
  }

  /// A matrix as a list of rows, each row a list of numbers, all rows of equal length.
  func matrix(_ key: String) -> [[Double]] {
    guard let rows = list(key, required: true) else { return [] }
    return rows.map { numbers($0.value, at: $0.path, .dimensionless) }
  }

  /// Reports every key that no reader asked for.
  func finish() {
    for key in members.keys.sorted() where !known.contains(key) {
      diagnostics.report(keyPath(key), members[key]!.rendered, "be a known key (\(known.joined(separator: ", ")))")
    }
  }
}
