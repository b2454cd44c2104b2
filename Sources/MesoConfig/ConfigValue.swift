import Foundation
import Yams

/// A configuration document as a plain tree, before any meaning is attached to its keys:
/// what YAML and JSON files decode to, what `--set` overrides edit, and what output files store
/// as the resolved configuration.
public enum ConfigValue: Equatable, Sendable, Codable {
  /// An explicit `null` (treated like an absent key).
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// A number, whole or not (YAML and JSON integers included).
  case number(Double)
  /// Text, including numbers with units such as `"20 ms"`.
  case string(String)
  /// A list.
  case array([ConfigValue])
  /// A mapping of keys to values.
  case object([String: ConfigValue])

  public init(from decoder: any Decoder) throws {
    if let keyed = try? decoder.container(keyedBy: AnyKey.self) {
      var members = [String: ConfigValue]()
      for key in keyed.allKeys { members[key.stringValue] = try keyed.decode(ConfigValue.self, forKey: key) }
      self = .object(members)
    } else if var list = try? decoder.unkeyedContainer() {
      var items = [ConfigValue]()
      while !list.isAtEnd { items.append(try list.decode(ConfigValue.self)) }
      self = .array(items)
    } else {
      let single = try decoder.singleValueContainer()
      if single.decodeNil() {
        self = .null
      } else if let b = try? single.decode(Bool.self) {
        self = .bool(b)
      } else if let x = try? single.decode(Double.self) {
        self = .number(x)
      } else {
        self = .string(try single.decode(String.self))
      }
    }
  }

  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .null:
      var c = encoder.singleValueContainer()
      try c.encodeNil()
    case .bool(let b):
      var c = encoder.singleValueContainer()
      try c.encode(b)
    case .number(let x):
      var c = encoder.singleValueContainer()
      try c.encode(x)
    case .string(let s):
      var c = encoder.singleValueContainer()
      try c.encode(s)
    case .array(let items):
      var c = encoder.unkeyedContainer()
      for item in items { try c.encode(item) }
    case .object(let members):
      var c = encoder.container(keyedBy: AnyKey.self)
      for (key, value) in members { try c.encode(value, forKey: AnyKey(key)) }
    }
  }

  /// The tree of any encodable value (model parameters, say), as JSON would carry it.
  public init(encoding value: some Encodable) throws {
    self = try JSONDecoder().decode(ConfigValue.self, from: try JSONEncoder().encode(value))
  }

  /// A short rendering of the value for error messages (`-0.02`, `"20 xs"`, `[1, 2]`).
  public var rendered: String {
    switch self {
    case .null: "null"
    case .bool(let b): b ? "true" : "false"
    case .number(let x): formatNumberForConfig(x)
    case .string(let s): "\"\(s)\""
    case .array(let items): "[" + items.map(\.rendered).joined(separator: ", ") + "]"
    case .object(let members): "{" + members.keys.sorted().map { "\($0): \(members[$0]!.rendered)" }.joined(separator: ", ") + "}"
    }
  }

  /// Name of the value's kind for type errors.
  var kindName: String {
    switch self {
    case .null: "null"
    case .bool: "a boolean"
    case .number: "a number"
    case .string: "a string"
    case .array: "a list"
    case .object: "a mapping"
    }
  }

  /// Compact JSON text of the tree, keys sorted.
  public func jsonString() -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(self)) ?? Data("null".utf8), as: UTF8.self)
  }
}

/// A coding key made from any string (configuration keys are not known in advance).
struct AnyKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(_ string: String) { stringValue = string }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

private func formatNumberForConfig(_ x: Double) -> String {
  if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
  return "\(x)"
}
