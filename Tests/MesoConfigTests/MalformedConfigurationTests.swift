import MesoConfig
import Testing

private let network = exampleNetworkYAML

/// Malformed configurations one by one (with their exit code 64) are tested through the command
/// line in CLITests; here: several problems at once, syntax, files and overrides.
@Suite struct MalformedConfigurationTests {
  @Test func everyProblemIsReportedAtOnce() throws {
    do {
      _ = try load(network, overrides: ["populations[0].tau_m=-1", "connections[0].p=2", "simulation.dt=-1"])
      Issue.record("accepted")
    } catch let e as ConfigurationError {
      #expect(e.problems.count >= 3)
    }
  }

  @Test func badSyntaxAndBadFilesAreErrors() throws {
    #expect(throws: ConfigurationError.self) { try ConfigDocument.parse("populations: [\n  - {N: ", format: .yaml) }
    #expect(throws: ConfigurationError.self) { try ConfigDocument.parse("{\"a\": }", format: .json) }
    #expect(throws: ConfigurationError.self) { try ConfigDocument.load(path: "/nonexistent/model.yaml") }
    #expect(throws: ConfigurationError.self) { try ConfigDocument.load(path: "model.toml") }
  }

  @Test(arguments: ["simulation..dt=1", "populations[x].N=1", "populations[5].N=1", "=3", "simulation.dt"])
  func badOverridesAreErrors(_ assignment: String) throws {
    var document = try ConfigDocument.parse(network, format: .yaml)
    #expect(throws: ConfigurationError.self) { try ConfigDocument.apply(override: assignment, to: &document) }
  }
}
