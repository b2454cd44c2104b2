import Foundation
import MesoConfig
import MesoCore
import Testing

/// Hostile documents are refused with a message, never a crash or a hang (issue #10, items 5–7 and 9).
@Suite struct ParseLimitsTests {
  private func problem(_ text: String, _ format: ConfigDocument.Format) -> ParameterError? {
    do {
      _ = try ConfigDocument.parse(text, format: format)
      return nil
    } catch {
      return error.problems.first
    }
  }

  @Test(arguments: [ConfigDocument.Format.yaml, .json])
  func deepNestingIsRefused(format: ConfigDocument.Format) {
    // 20 000 brackets overflowed the composer's stack (SIGSEGV) before libyaml's limit of 1000.
    #expect(problem(String(repeating: "[", count: 20_000), format)?.requirement.contains("nested") == true)
    // Below libyaml's limit, our own limit of 64 levels applies (JSON: Foundation's 512 first).
    let text = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    #expect(problem(text, format) != nil)
    let fine = String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
    #expect(problem(fine, format) == nil)
  }

  @Test func aliasBombStopsAtTheValueLimit() {
    let levels = (1...9).map { k in "l\(k): &l\(k) [" + Array(repeating: k == 1 ? "lol" : "*l\(k - 1)", count: 9).joined(separator: ",") + "]" }
    let clock = ContinuousClock()
    var refusal: ParameterError?
    let elapsed = clock.measure { refusal = problem(levels.joined(separator: "\n"), .yaml) }
    #expect(refusal?.requirement.contains("counting every expansion of an alias") == true)
    #expect(elapsed < .seconds(10))  // 9⁹ ≈ 3.9·10⁸ values were being built before
    let limits = ParseLimits(maxBytes: 1 << 20, maxDepth: 8, maxValues: 100, maxStringLength: 10)
    #expect(throws: ConfigurationError.self) { try ConfigDocument.parse("a: &a [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]", format: .yaml, limits: limits) }
  }

  @Test(arguments: [
    (#"{"simulation": {"duration": "0.2 s", "duration": -5}}"#, ConfigDocument.Format.json, "simulation.duration"),
    ("simulation:\n  dt: 1\n  dt: 2\n", .yaml, "simulation.dt"),
    ("populations:\n  - {N: 1, N: 2}\n", .yaml, "populations[0].N"),
    (#"{"a": 1, "b": {"c": [{"d": 1}, {"e": 2, "e": 3}]}}"#, .json, "b.c[1].e"),
    ("1: a\n\"1\": b\n", .yaml, "1"),  // equal once keys are text, though YAML types differ
  ])
  func duplicateKeysAreRefusedWithTheirPath(text: String, format: ConfigDocument.Format, path: String) {
    let refusal = problem(text, format)
    #expect(refusal?.path == path)
    #expect(refusal?.requirement == "appear once in its mapping")
  }

  @Test func oversizedDocumentsAndStringsAreRefused() {
    let limits = ParseLimits(maxBytes: 100, maxDepth: 8, maxValues: 1000, maxStringLength: 10)
    #expect(throws: ConfigurationError.self) { try ConfigDocument.parse(String(repeating: "#", count: 101), format: .yaml, limits: limits) }
    #expect(throws: ConfigurationError.self) { try ConfigDocument.parse("a: \"12345678901\"", format: .yaml, limits: limits) }
  }

  @Test func strictJSONGrammar() {
    #expect(problem(#"{"a": }"#, .json) != nil)  // libyaml alone reads a null here
    #expect(problem("{\"a\":1,\n\t\"b\": [1, 2.5e3, -0.5, true, null]}", .json) == nil)
  }

  @Test func emptyStringIsNotANumber() throws {
    var document = try ConfigDocument.parse(exampleNetworkYAML, format: .yaml)
    try ConfigDocument.apply(override: #"connections[0].p="""#, to: &document)
    #expect(throws: ConfigurationError.self) { try Configuration(document: document) }
    do { _ = try Configuration(document: document) } catch { #expect(error.description.contains(#"connections[0].p = "": must be a number"#)) }
  }
}
