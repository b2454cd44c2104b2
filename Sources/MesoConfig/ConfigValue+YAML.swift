import Foundation
import Yams

extension ConfigValue {
  /// YAML text of the tree, written by Yams' emitter in block style with keys sorted, that
  /// ``ConfigDocument/parse(_:format:limits:)`` reads back to an equal tree: numbers in their shortest
  /// round-trip form (whole numbers without a fraction), strings double-quoted, lists of scalars on one line.
  public func yamlString() -> String {
    // The emitter fails only on malformed events, which a tree of these nodes cannot produce.
    (try? Yams.serialize(node: yamlNode, sortKeys: true)) ?? jsonString()
  }

  /// The tree as a Yams node: scalars tagged explicitly, so that no string reads back as a number or a bool.
  private var yamlNode: Node {
    switch self {
    case .null: Node("null", Tag(.null))
    case .bool(let b): Node(b ? "true" : "false", Tag(.bool))
    case .number(let x): Node(x == x.rounded() && abs(x) < 0x1p53 ? String(Int64(x)) : "\(x)", Tag(.float))
    case .string(let s): Node(s, Tag(.str), .doubleQuoted)
    case .array(let items):
      Node(items.map(\.yamlNode), Tag(.seq), items.allSatisfy(\.isScalar) ? .flow : .block)
    case .object(let members):
      Node(members.map { (Node($0.key), $0.value.yamlNode) }, Tag(.map), members.isEmpty ? .flow : .block)
    }
  }

  /// Whether the value is a number, string, bool or null.
  private var isScalar: Bool {
    switch self {
    case .array, .object: false
    default: true
    }
  }
}
