import Foundation
import MesoCore
import Yams

/// Reading configuration files into a `ConfigValue` tree and applying `--set` overrides.
public enum ConfigDocument {
  /// Parses YAML (`.yaml`, `.yml`) or JSON (`.json`) text; the format follows the file extension.
  public static func parse(_ text: String, format: Format) throws(ConfigurationError) -> ConfigValue {
    do {
      switch format {
      case .json: return try JSONDecoder().decode(ConfigValue.self, from: Data(text.utf8))
      case .yaml: return try YAMLDecoder().decode(ConfigValue.self, from: text)
      }
    } catch {
      throw ConfigurationError(path: "", value: format.rawValue.uppercased() + " text", requirement: "be well-formed (\(syntaxMessage(error)))")
    }
  }

  /// The text format of a configuration.
  public enum Format: String, Sendable {
    /// `yaml` for `.yaml` and `.yml` files, `json` for `.json` files (same schema).
    case yaml, json
    /// The format of a file, by extension.
    public init(path: String) throws(ConfigurationError) {
      switch URL(fileURLWithPath: path).pathExtension.lowercased() {
      case "yaml", "yml": self = .yaml
      case "json": self = .json
      default:
        throw ConfigurationError(path: "", value: path, requirement: "be a .yaml, .yml or .json file")
      }
    }
  }

  /// Reads and parses a configuration file.
  public static func load(path: String) throws(ConfigurationError) -> ConfigValue {
    let format = try Format(path: path)
    guard let data = FileManager.default.contents(atPath: path) else {
      throw ConfigurationError(path: "", value: path, requirement: "be a readable file")
    }
    return try parse(String(decoding: data, as: UTF8.self), format: format)
  }

  /// Applies an override `key.path[0].name=VALUE`; VALUE is read as YAML, so `5`, `"20 ms"`,
  /// `[1, 2]` and `{J: 1, tau: 0.1}` all work. Intermediate mappings are created when missing;
  /// list indices must exist.
  public static func apply(override assignment: String, to root: inout ConfigValue) throws(ConfigurationError) {
    guard let eq = assignment.firstIndex(of: "="), eq != assignment.startIndex else {
      throw ConfigurationError(path: "--set", value: assignment, requirement: "have the form KEY=VALUE")
    }
    let keyPath = String(assignment[..<eq])
    let valueText = String(assignment[assignment.index(after: eq)...])
    let value: ConfigValue
    do { value = try YAMLDecoder().decode(ConfigValue.self, from: valueText.isEmpty ? "null" : valueText) } catch {
      throw ConfigurationError(path: "--set " + keyPath, value: valueText, requirement: "be a YAML value")
    }
    let components = try parseKeyPath(keyPath)
    try set(value, at: components[...], in: &root, pathSoFar: "", fullPath: keyPath)
  }

  enum PathComponent: Equatable { case key(String), index(Int) }

  static func parseKeyPath(_ text: String) throws(ConfigurationError) -> [PathComponent] {
    var components = [PathComponent]()
    for part in text.split(separator: ".", omittingEmptySubsequences: false) {
      var rest = Substring(part)
      let bracket = rest.firstIndex(of: "[") ?? rest.endIndex
      let name = rest[..<bracket]
      guard !name.isEmpty else {
        throw ConfigurationError(path: "--set", value: text, requirement: "name a key path like populations[0].N")
      }
      components.append(.key(String(name)))
      rest = rest[bracket...]
      while !rest.isEmpty {
        guard rest.first == "[", let close = rest.firstIndex(of: "]"),
          let index = Int(rest[rest.index(after: rest.startIndex)..<close]), index >= 0
        else {
          throw ConfigurationError(path: "--set", value: text, requirement: "name a key path like populations[0].N")
        }
        components.append(.index(index))
        rest = rest[rest.index(after: close)...]
      }
    }
    return components
  }

  private static func set(
    _ value: ConfigValue, at path: ArraySlice<PathComponent>, in node: inout ConfigValue,
    pathSoFar: String, fullPath: String
  ) throws(ConfigurationError) {
    guard let head = path.first else {
      node = value
      return
    }
    switch head {
    case .key(let key):
      var members: [String: ConfigValue]
      switch node {
      case .object(let m): members = m
      case .null: members = [:]
      default:
        throw ConfigurationError(path: "--set " + fullPath, value: node.rendered, requirement: "be a mapping at \(pathSoFar.isEmpty ? "the top level" : pathSoFar)")
      }
      var child = members[key] ?? .null
      let childPath = pathSoFar.isEmpty ? key : pathSoFar + "." + key
      try set(value, at: path.dropFirst(), in: &child, pathSoFar: childPath, fullPath: fullPath)
      members[key] = child
      node = .object(members)
    case .index(let i):
      guard case .array(var items) = node, items.indices.contains(i) else {
        throw ConfigurationError(path: "--set " + fullPath, value: node.rendered, requirement: "be a list with an element [\(i)] at \(pathSoFar)")
      }
      try set(value, at: path.dropFirst(), in: &items[i], pathSoFar: pathSoFar + "[\(i)]", fullPath: fullPath)
      node = .array(items)
    }
  }

  private static func syntaxMessage(_ error: any Error) -> String {
    if let e = error as? YamlError { return "\(e)".split(separator: "\n").first.map(String.init) ?? "syntax error" }
    if case DecodingError.dataCorrupted(let context) = error {
      return (context.underlyingError.map { "\($0.localizedDescription)" }) ?? context.debugDescription
    }
    return "\(error)"
  }
}
