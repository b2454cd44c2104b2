import Foundation

extension ConfigValue {
  /// YAML text of the tree in block style, keys sorted, that ``ConfigDocument/parse(_:format:limits:)``
  /// reads back to an equal tree: numbers in their shortest round-trip form (whole numbers
  /// without a fraction), strings double-quoted, lists of numbers or strings on one line.
  public func yamlString() -> String {
    switch self {
    case .object(let members) where !members.isEmpty: return yamlLines(indent: "").joined(separator: "\n") + "\n"
    default: return yamlScalar + "\n"
    }
  }

  /// A scalar, an empty collection or a list of scalars, written on one line (YAML flow style).
  private var yamlScalar: String {
    switch self {
    case .null: "null"
    case .bool(let b): b ? "true" : "false"
    case .number(let x): x == x.rounded() && abs(x) < 0x1p53 ? String(Int64(x)) : "\(x)"
    case .string(let s): ConfigValue.string(s).jsonString()  // a JSON string is a YAML double-quoted scalar
    case .array(let items): "[" + items.map(\.yamlScalar).joined(separator: ", ") + "]"
    case .object(let members): "{" + members.keys.sorted().map { "\($0): \(members[$0]!.yamlScalar)" }.joined(separator: ", ") + "}"
    }
  }

  /// Whether the value fits on one line: not a non-empty mapping, and no mapping or list inside a list.
  private var isInline: Bool {
    switch self {
    case .object(let members): members.isEmpty
    case .array(let items): items.allSatisfy { if case .object(let m) = $0 { m.isEmpty } else if case .array = $0 { false } else { true } }
    default: true
    }
  }

  /// The lines of a non-empty mapping (members) or of a block list (`- ` items), each prefixed by `indent`.
  private func yamlLines(indent: String) -> [String] {
    switch self {
    case .object(let members):
      return members.keys.sorted().flatMap { key -> [String] in
        let value = members[key]!
        if value.isInline { return [indent + key + ": " + value.yamlScalar] }
        return [indent + key + ":"] + value.yamlLines(indent: indent + "  ")
      }
    case .array(let items):
      return items.flatMap { item -> [String] in
        if item.isInline { return [indent + "- " + item.yamlScalar] }
        var lines = item.yamlLines(indent: indent + "  ")
        lines[0] = indent + "- " + lines[0].dropFirst(indent.count + 2)
        return lines
      }
    default:
      return [indent + yamlScalar]
    }
  }
}
