import MesoConfig
import Testing

/// Each malformed configuration must be refused with its own message naming the key path, the
/// value and the requirement.
struct Malformed: Sendable, CustomTestStringConvertible {
  let label: String
  let base: String
  let overrides: [String]
  let expected: String
  var testDescription: String { label }
}

private let network = exampleNetworkYAML
private let rate = wilsonCowanYAML

@Suite struct MalformedConfigurationTests {
  @Test(arguments: [
    Malformed(label: "negative time constant", base: network, overrides: ["populations[0].tau_m=-0.02"],
              expected: "populations[0].tau_m = -0.02: must be > 0 s"),
    Malformed(label: "unknown key", base: network, overrides: ["populations[0].tau_M=0.02"],
              expected: "populations[0].tau_M = 0.02: must be a known key"),
    Malformed(label: "missing required key", base: network, overrides: ["populations[0].Delta_V=null"],
              expected: "populations[0].Delta_V = (missing): must be given: a number in mV"),
    Malformed(label: "wrong type", base: network, overrides: ["populations[0].N=[1, 2]"],
              expected: "populations[0].N = [1, 2]: must be a whole number >= 1"),
    Malformed(label: "N below one", base: network, overrides: ["populations[0].N=0"],
              expected: "populations[0].N = 0: must be >= 1"),
    Malformed(label: "non-positive dt", base: network, overrides: ["simulation.dt=0"],
              expected: "simulation.dt = 0: must be > 0 s"),
    Malformed(label: "record_bin not a multiple of dt", base: network, overrides: ["simulation.record_bin=0.0012"],
              expected: "simulation.record_bin = 0.0012: must be a whole multiple of simulation.dt = 0.0005 s"),
    Malformed(label: "p outside [0, 1]", base: network, overrides: ["connections[0].p=1.5"],
              expected: "connections[0].p = 1.5: must be in [0, 1]"),
    Malformed(label: "U outside (0, 1]", base: network, overrides: ["connections[0].stp.U=0"],
              expected: "connections[0].stp.U = 0: must be in (0, 1]"),
    Malformed(label: "unknown population", base: network, overrides: ["connections[0].from=X"],
              expected: "connections[0].from = \"X\": must name a population (E)"),
    Malformed(label: "unit of the wrong dimension", base: network, overrides: ["populations[0].tau_m=20 mV"],
              expected: "populations[0].tau_m = \"20 mV\": must be a number in s or a string with a unit"),
    Malformed(label: "unknown unit", base: network, overrides: ["simulation.duration=20 xs"],
              expected: "simulation.duration = \"20 xs\": must be a number in s or a string with a unit"),
    Malformed(label: "non-finite value", base: network, overrides: ["populations[0].mu=.inf"],
              expected: "populations[0].mu = inf: must be a finite number"),
    Malformed(label: "delay shorter than dt", base: network, overrides: ["connections[0].delay=0.0001"],
              expected: "connections[0].delay = 0.0001: must be >= simulation.dt = 0.0005 s"),
    Malformed(label: "delay not a multiple of dt", base: network, overrides: ["connections[0].delay=0.0012"],
              expected: "connections[0].delay = 0.0012: must be a whole multiple of simulation.dt = 0.0005 s"),
    Malformed(label: "t_ref not a multiple of dt", base: network, overrides: ["populations[0].t_ref=0.0043"],
              expected: "populations[0].t_ref = 0.0043: must be a whole multiple of simulation.dt = 0.0005 s"),
    Malformed(label: "unknown choice", base: network, overrides: ["meso.variant=third_order"],
              expected: "meso.variant = \"third_order\": must be one of first_order, second_order"),
    Malformed(label: "unknown input kind", base: network, overrides: ["inputs[0].kind=ramp"],
              expected: "inputs[0].kind = \"ramp\": must be one of step, pulse, sine"),
    Malformed(label: "theta_lo above theta_hi", base: network, overrides: ["analysis.up_down.theta_lo=30"],
              expected: "analysis.up_down.theta_lo = 30: must be < theta_hi = 25 Hz"),
    Malformed(label: "unknown rate model", base: rate, overrides: ["model=hodgkin_huxley"],
              expected: "model = \"hodgkin_huxley\": must be one of rate_network, wilson_cowan"),
    Malformed(label: "unknown ODE stepper", base: rate, overrides: ["simulation.solver=rk45"],
              expected: "simulation.solver = \"rk45\": must be one of rk2, rk4, rkf45"),
    Malformed(label: "unknown SDE scheme", base: rate, overrides: ["simulation.noise={sigma: 0.1, scheme: ito}"],
              expected: "simulation.noise.scheme = \"ito\": must be one of euler_maruyama, milstein, heun"),
    Malformed(label: "noise step not dividing the record bin", base: rate, overrides: ["simulation.noise={sigma: 0.1, dt: 0.0003}"],
              expected: "simulation.noise.dt = 0.0003: must divide simulation.record_bin = 0.001 s"),
    Malformed(label: "negative tolerance", base: rate, overrides: ["simulation.abs_tol=-1"],
              expected: "simulation.abs_tol = -1: must be > 0"),
    Malformed(label: "invalid model parameter", base: rate, overrides: ["parameters.tau_E=-0.01"],
              expected: "parameters.tau"),
  ])
  func isRefusedWithItsMessage(_ c: Malformed) throws {
    #expect {
      _ = try load(c.base, overrides: c.overrides)
    } throws: { error in
      guard let e = error as? ConfigurationError else { return false }
      let found = e.problems.contains { $0.description.hasPrefix(c.expected) }
      if !found { Issue.record("\(c.label): got \(e.description)") }
      return found
    }
  }

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
