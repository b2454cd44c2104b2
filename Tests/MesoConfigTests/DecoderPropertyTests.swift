import Foundation
import MesoConfig
import MesoCore
import PropertyBased
import Testing

/// Properties of the configuration decoder over generated inputs: new inputs in every run (the
/// fuzz suite of `.ci/run` is the deterministic part); a failure prints the shrunk input and the
/// seed to replay it with `.fixedSeed(…)`.
@Suite struct DecoderPropertyTests {
  /// Text made of YAML and JSON syntax, digits, letters and non-ASCII characters.
  static let syntax = Gen<Character?>.element(of: Array("[]{}:,-?&*!|>'\"#%@` \n\t.0123456789eEaZ_ü\u{0}\u{FEFF}") as [Character]).map { $0! }
    .string(of: 0...200)

  /// Any text either decodes to a tree within the limits or throws a `ConfigurationError`.
  @Test func anyTextDecodesOrIsRefused() async {
    await propertyCheck(count: 400, input: Self.syntax) { text in
      for format in [ConfigDocument.Format.yaml, .json] {
        do {
          let tree = try ConfigDocument.parse(text, format: format)
          #expect(tree.depth <= ParseLimits.standard.maxDepth)
        } catch let error as ConfigurationError {
          #expect(!error.problems.isEmpty)
        }
      }
    }
  }

  /// A tree written as JSON reads back identical, as JSON and as YAML (JSON is YAML's flow style).
  @Test func writtenTreesReadBack() async throws {
    let keys = Gen.letterOrNumber.string(of: 1...8).array(of: 1...6)
    let numbers = Gen.double(in: -1e300...1e300).array(of: 1...6)
    let texts = Gen<Character?>.element(of: Array("ab 1.e-\"\\/:#[]{}ü\u{1}") as [Character]).map { $0! }.string(of: 0...12).array(of: 1...4)
    await propertyCheck(count: 200, input: keys, numbers, texts) { keys, numbers, texts in
      let tree = ConfigValue.sample(keys: keys, numbers: numbers, texts: texts)
      let json = tree.jsonString()
      for format in [ConfigDocument.Format.json, .yaml] {
        do {
          let read = try ConfigDocument.parse(json, format: format)
          #expect(read == tree, "\(format): \(json)")
        } catch {
          Issue.record("\(format) refused \(json): \(error)")
        }
      }
    }
  }

  /// A key written twice anywhere is refused, naming that key's path.
  @Test func duplicatedKeyIsRefusedWithItsPath() async {
    await propertyCheck(count: 200, input: Gen.letterOrNumber.string(of: 1...6).array(of: 1...4), Gen.int(in: 0...3)) { path, extra in
      // {"k0": {"k1": … {"kn": 1, "kn": 2}}} with `extra` sibling keys on the way.
      let keys = path.enumerated().map { "\($1)_\($0)" }
      var text = "1, \"\(keys.last!)\": 2"
      for (depth, key) in keys.enumerated().reversed() {
        let siblings = (0..<extra).map { "\"s\($0)_\(depth)\": \($0)" }
        text = depth == keys.count - 1 ? "\"\(key)\": " + text : "\"\(key)\": {" + text + "}"
        text = (siblings + [text]).joined(separator: ", ")
      }
      do {
        _ = try ConfigDocument.parse("{" + text + "}", format: .json)
        Issue.record("accepted a duplicate key")
      } catch let error as ConfigurationError {
        #expect(error.problems.first?.path == keys.joined(separator: "."))
      }
    }
  }

  /// A key given three times, or after another key given twice later in the text, is still named by its path.
  @Test(arguments: [
    ("{\"a\": 0, \"a\": 1, \"a\": 2}", "a"),
    ("{\"b\": {\"z\": 1, \"z\": 2}, \"a\": 0, \"a\": 1}", "b.z"),
    ("b:\n  z: 1\n  z: 2\n  z: 3\na: 0\na: 1\n", "b.z"),
  ])
  func repeatedKeysAreNamedByTheFirstDuplicate(text: String, path: String) {
    do {
      _ = try ConfigDocument.parse(text, format: text.hasPrefix("{") ? .json : .yaml)
      Issue.record("accepted a duplicate key")
    } catch {
      #expect(error.problems.first?.path == path)
    }
  }

  /// Any number, string or list given for a time constant is accepted when it is a positive
  /// duration, and otherwise refused naming the key — never trapped on.
  @Test func anyValueOfATimeConstantIsCheckedByKey() async throws {
    let base = try ConfigDocument.parse(exampleNetworkYAML, format: .yaml)
    let values = Gen.oneOf(
      Gen.double(in: -1e307...1e307).map { "\($0)" }, Gen.double(in: 0...1e-300).map { "\($0)" },
      Gen<Character?>.element(of: Array("0123456789.e-+ msnaif[]") as [Character]).map { $0! }.string(of: 0...10).map { "\"\($0)\"" })
    await propertyCheck(count: 300, input: values) { value in
      var document = base
      do {
        try ConfigDocument.apply(override: "populations[0].tau_m=\(value)", to: &document)
        let configuration = try Configuration(document: document)
        guard case .network(let model) = configuration.model else { return }
        #expect(model.populations[0].tauM > 0 && model.populations[0].tauM.isFinite)
      } catch let error as ConfigurationError {
        #expect(error.problems.contains { $0.path.hasPrefix("populations[0].tau_m") || $0.path.hasPrefix("--set") })
      } catch {
        Issue.record("not a ConfigurationError: \(error)")
      }
    }
  }
}

extension ConfigValue {
  /// Nesting depth (a scalar is 0).
  var depth: Int {
    switch self {
    case .array(let items): 1 + (items.map(\.depth).max() ?? 0)
    case .object(let members): 1 + (members.values.map(\.depth).max() ?? 0)
    default: 0
    }
  }

  /// A tree from generated parts: a mapping of `keys` holding numbers, strings, a list and a nested mapping.
  static func sample(keys: [String], numbers: [Double], texts: [String]) -> ConfigValue {
    var members = [String: ConfigValue]()
    for (i, key) in keys.enumerated() {
      switch i % 4 {
      case 0: members[key] = .number(numbers[i % numbers.count])
      case 1: members[key] = .string(texts[i % texts.count])
      case 2: members[key] = .array(numbers.map(ConfigValue.number) + [.bool(i % 2 == 0), .null])
      default: members[key] = .object(Dictionary(uniqueKeysWithValues: texts.indices.map { ("t\($0)", ConfigValue.string(texts[$0])) }))
      }
    }
    return .object(members)
  }
}
