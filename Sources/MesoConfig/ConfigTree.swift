import Foundation
import MesoCore
import Yams

/// Limits on a configuration document that keep parsing cheap whatever the input: a hostile file
/// (deeply nested brackets, an alias bomb, a huge matrix) is refused with a message instead of
/// exhausting the stack, the memory or the time of the process.
public struct ParseLimits: Equatable, Sendable {
  /// Largest document, in bytes of UTF-8 text.
  public var maxBytes: Int
  /// Deepest nesting of lists and mappings (the top-level mapping is depth 1). libyaml itself
  /// stops at 1000 levels, before the Swift composer could run out of stack.
  public var maxDepth: Int
  /// Most values (scalars, lists and mappings) in the tree, counting every expansion of a YAML
  /// alias: a "billion laughs" document of 10⁹ values stops after this many.
  public var maxValues: Int
  /// Longest string value, in characters.
  public var maxStringLength: Int

  /// 16 MiB, 64 levels, 2 Mi values, 4096 characters: far above any real configuration.
  public static let standard = ParseLimits(maxBytes: 16 << 20, maxDepth: 64, maxValues: 2 << 20, maxStringLength: 4096)

  /// Limits of a document: `maxBytes` of UTF-8 text, `maxDepth` levels, `maxValues` values after
  /// alias expansion, strings of at most `maxStringLength` characters.
  public init(maxBytes: Int, maxDepth: Int, maxValues: Int, maxStringLength: Int) {
    self.maxBytes = maxBytes
    self.maxDepth = maxDepth
    self.maxValues = maxValues
    self.maxStringLength = maxStringLength
  }
}

/// Builds a `ConfigValue` from a composed YAML node under `ParseLimits`, rejecting duplicate keys
/// with their key path (libyaml and Yams compare keys by text and tag; here `1` and `"1"` collide
/// too, as they would in the tree).
struct ConfigTreeBuilder {
  let limits: ParseLimits
  let format: String
  private var values = 0

  init(limits: ParseLimits, format: String) {
    self.limits = limits
    self.format = format
  }

  mutating func value(of node: Node, path: String, depth: Int) throws(ConfigurationError) -> ConfigValue {
    values += 1
    guard values <= limits.maxValues else {
      throw refusal(path, "\(limits.maxValues)+ values", "have at most \(limits.maxValues) values, counting every expansion of an alias")
    }
    switch node {
    case .scalar(let scalar): return try self.scalar(scalar, path: path)
    case .alias: throw refusal(path, "an unresolved alias", "use only anchors defined before")
    case .sequence(let sequence):
      try requireDepth(depth, path)
      var items = [ConfigValue]()
      for (i, item) in sequence.enumerated() { items.append(try value(of: item, path: path + "[\(i)]", depth: depth + 1)) }
      return .array(items)
    case .mapping(let mapping):
      try requireDepth(depth, path)
      var members = [String: ConfigValue]()
      for (keyNode, valueNode) in mapping {
        guard case .scalar(let keyScalar) = keyNode else {
          throw refusal(path, "a key that is a \(keyNode.isSequence ? "list" : "mapping")", "have plain text keys")
        }
        let key = keyScalar.string
        let childPath = path.isEmpty ? key : path + "." + key
        guard members[key] == nil else { throw refusal(childPath, "given twice", "appear once in its mapping") }
        members[key] = try value(of: valueNode, path: childPath, depth: depth + 1)
      }
      return .object(members)
    }
  }

  private func requireDepth(_ depth: Int, _ path: String) throws(ConfigurationError) {
    guard depth <= limits.maxDepth else {
      throw refusal(path, "nested \(depth) levels deep", "nest lists and mappings at most \(limits.maxDepth) levels deep")
    }
  }

  /// Plain scalars are resolved as YAML 1.1 core types (null, bool, int, float); quoted ones stay text.
  private func scalar(_ scalar: Node.Scalar, path: String) throws(ConfigurationError) -> ConfigValue {
    let text = scalar.string
    guard text.count <= limits.maxStringLength else {
      throw refusal(path, "a string of \(text.count) characters", "be at most \(limits.maxStringLength) characters long")
    }
    switch Tag.Name(rawValue: Node.scalar(scalar).tag.rawValue) {
    case .null: return .null
    case .bool: return Bool.construct(from: scalar).map(ConfigValue.bool) ?? .string(text)
    case .int: return (Int.construct(from: scalar).map(Double.init) ?? Double(text.replacingOccurrences(of: "_", with: ""))).map(ConfigValue.number) ?? .string(text)
    case .float: return Double.construct(from: scalar).map(ConfigValue.number) ?? .string(text)
    default: return .string(text)
    }
  }

  private func refusal(_ path: String, _ value: String, _ requirement: String) -> ConfigurationError {
    ConfigurationError(path: path, value: path.isEmpty ? "\(format) document with \(value)" : value, requirement: requirement)
  }
}

extension Node {
  fileprivate var isSequence: Bool { if case .sequence = self { true } else { false } }
}
