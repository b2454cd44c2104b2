import Foundation
import MesoCore
import Yams

/// Reading configuration files into a `ConfigValue` tree and applying `--set` overrides.
public enum ConfigDocument {
  /// Parses YAML (`.yaml`, `.yml`) or JSON (`.json`) text under `limits`; the format follows the
  /// file extension. Both go through libyaml (JSON is a subset of YAML 1.2's flow style), so that both
  /// refuse duplicate keys, nesting deeper than `limits.maxDepth` and oversized documents alike.
  public static func parse(_ text: String, format: Format, limits: ParseLimits = .standard) throws(ConfigurationError) -> ConfigValue {
    let name = format.rawValue.uppercased()
    guard text.utf8.count <= limits.maxBytes else {
      throw ConfigurationError(path: "", value: "\(name) text of \(text.utf8.count) bytes", requirement: "be at most \(limits.maxBytes) bytes")
    }
    if format == .json {
      // libyaml reads JSON leniently (`{"a": }` is a null); JSON's own grammar first, strictly.
      do { _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) } catch {
        throw ConfigurationError(path: "", value: "JSON text", requirement: "be well-formed (\(syntaxMessage(error)))")
      }
    }
    let node: Node?
    do { node = try Yams.compose(yaml: text) } catch YamlError.duplicatedKeysInMapping(let keys, let context) {
      throw duplicateKeyError(text, keys: keys, at: context.mark, format: format, limits: limits)
    } catch {
      throw ConfigurationError(path: "", value: name + " text", requirement: "be well-formed (\(syntaxMessage(error)))")
    }
    guard let node else { return .null }
    var builder = ConfigTreeBuilder(limits: limits, format: name)
    return try builder.value(of: node, path: "", depth: 1)
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
    try parse(contents: FileHandle(forReadingAtPath: path).flatMap(readLimited), ofFile: path)
  }

  /// Parses the configuration file `path` from its contents as read by the caller with
  /// `readLimited(_:)` (nil: unreadable). The format follows the extension of `path`.
  public static func parse(contents data: Data?, ofFile path: String) throws(ConfigurationError) -> ConfigValue {
    let format = try Format(path: path)
    guard let data else { throw ConfigurationError(path: "", value: path, requirement: "be a readable file") }
    return try parse(String(decoding: data, as: UTF8.self), format: format)
  }

  /// The first `ParseLimits.standard.maxBytes + 1` bytes of an open file (enough to refuse a larger
  /// one); nil when it cannot be read.
  public static func readLimited(_ handle: FileHandle) -> Data? {
    try? handle.read(upToCount: ParseLimits.standard.maxBytes + 1) ?? Data()
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
    do throws(ConfigurationError) { value = try parse(valueText.isEmpty ? "null" : valueText, format: .yaml) } catch {
      throw ConfigurationError(path: "--set " + keyPath, value: valueText, requirement: "be a YAML value (\(error.problems[0].requirement))")
    }
    try set(value, keyPath: keyPath, in: &root)
  }

  /// Sets the value at `keyPath` (`populations[0].N`) as `apply(override:to:)` does, for a value
  /// already parsed (a sweep's grid point).
  public static func set(_ value: ConfigValue, keyPath: String, in root: inout ConfigValue) throws(ConfigurationError) {
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

  static func set(
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

  /// libyaml's message: its problem and position (`found unexpected end of stream in line 3, column 1`).
  private static func syntaxMessage(_ error: any Error) -> String {
    switch error as? YamlError {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let what = problem.hasPrefix("Maximum nesting level") ? "nested more than 1000 levels deep" : problem
      return [context?.text, what].compactMap { $0 }.joined(separator: ": ") + " at line \(mark.line), column \(mark.column)"
    default:
      let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)"
      return text.split(separator: "\n").first.map(String.init) ?? "syntax error"
    }
  }

  /// A duplicate key that Yams refused (by text and tag), reported with its key path: the first
  /// occurrence, at `mark`, is renamed with an invisible marker and the text composed again to find
  /// where in the tree it sits; a key given more than twice has each further occurrence renamed with
  /// one more marker. Falls back to the line and column when that does not succeed.
  private static func duplicateKeyError(
    _ text: String, keys: [String], at mark: Mark, format: Format, limits: ParseLimits
  ) -> ConfigurationError {
    let key = keys.first ?? ""
    let position = "line \(mark.line), column \(mark.column)"
    let fallback = ConfigurationError(
      path: "", value: "key \"\(key)\" given twice in one mapping (\(position))", requirement: "give each key once")
    let marker: Character = "\u{2063}"
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0) }
    var occurrence = mark
    for copies in 1...64 {
      let row = occurrence.line - 1, column = occurrence.column - 1
      guard lines.indices.contains(row), column >= 0, column <= lines[row].count else { return fallback }
      let quoted = column < lines[row].count && (lines[row][column] == "\"" || lines[row][column] == "'")
      lines[row].insert(contentsOf: repeatElement(marker, count: copies), at: quoted ? column + 1 : column)
      let node: Node?
      do { node = try Yams.compose(yaml: lines.map { String($0) }.joined(separator: "\n")) } catch YamlError.duplicatedKeysInMapping(_, let context) {
        occurrence = context.mark
        continue
      } catch { return fallback }
      var builder = ConfigTreeBuilder(limits: limits, format: format.rawValue.uppercased())
      guard let node, let tree = try? builder.value(of: node, path: "", depth: 1), let path = tree.pathOfKey(containing: marker) else {
        return fallback
      }
      return ConfigurationError(
        path: path.filter { $0 != marker }, value: "given twice (\(position))", requirement: "appear once in its mapping")
    }
    return fallback
  }
}

extension ConfigValue {
  /// The key path of the first key that contains `character` exactly once, depth first.
  fileprivate func pathOfKey(containing character: Character, prefix: String = "") -> String? {
    switch self {
    case .object(let members):
      for key in members.keys.sorted() {
        let path = prefix.isEmpty ? key : prefix + "." + key
        if key.count(where: { $0 == character }) == 1 { return path }
        if let found = members[key]!.pathOfKey(containing: character, prefix: path) { return found }
      }
    case .array(let items):
      for (i, item) in items.enumerated() {
        if let found = item.pathOfKey(containing: character, prefix: prefix + "[\(i)]") { return found }
      }
    default: break
    }
    return nil
  }
}
