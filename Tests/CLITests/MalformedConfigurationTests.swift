import Foundation
import Testing

/// A configuration made malformed by overrides, and the start of the message it must produce.
struct Malformed: Sendable, CustomTestStringConvertible {
  let label: String
  let config: String
  let overrides: [String]
  let expected: String
  var testDescription: String { label }
}

private let network = "nest_ei_network.yaml"
private let rate = "wilson_cowan.yaml"

/// Each malformed configuration is refused by `mesopop validate` with exit code 64 and its own
/// message naming the key path, the value and the requirement.
@Suite struct MalformedConfigurationTests {
  @Test(arguments: [
    Malformed(label: "negative time constant", config: network, overrides: ["populations[0].tau_m=-0.02"],
              expected: "populations[0].tau_m = -0.02: must be > 0 s"),
    Malformed(label: "unknown key", config: network, overrides: ["populations[0].tau_M=0.02"],
              expected: "populations[0].tau_M = 0.02: must be a known key"),
    Malformed(label: "missing required key", config: network, overrides: ["populations[1].Delta_V=null"],
              expected: "populations[1].Delta_V = (missing): must be given: a number in mV"),
    Malformed(label: "wrong type", config: network, overrides: ["populations[0].N=[1, 2]"],
              expected: "populations[0].N = [1, 2]: must be a whole number >= 1"),
    Malformed(label: "N below one", config: network, overrides: ["populations[0].N=0"],
              expected: "populations[0].N = 0: must be >= 1"),
    Malformed(label: "non-positive dt", config: network, overrides: ["simulation.dt=0"],
              expected: "simulation.dt = 0: must be > 0 s"),
    Malformed(label: "record_bin not a multiple of dt", config: network, overrides: ["simulation.record_bin=0.0012"],
              expected: "simulation.record_bin = 0.0012: must be a whole multiple of simulation.dt = 0.0005 s"),
    Malformed(label: "p outside [0, 1]", config: network, overrides: ["connections[0].p=1.5"],
              expected: "connections[0].p = 1.5: must be in [0, 1]"),
    Malformed(label: "U outside (0, 1]", config: network, overrides: ["connections[0].stp={U: 0, tau_D: 0.3}"],
              expected: "connections[0].stp.U = 0: must be in (0, 1]"),
    Malformed(label: "unknown population", config: network, overrides: ["connections[0].from=X"],
              expected: "connections[0].from = \"X\": must name a population (E, I)"),
    Malformed(label: "unit of the wrong dimension", config: network, overrides: ["populations[0].tau_m=20 mV"],
              expected: "populations[0].tau_m = \"20 mV\": must be a number in s or a string with a unit"),
    Malformed(label: "unknown unit", config: network, overrides: ["simulation.duration=20 xs"],
              expected: "simulation.duration = \"20 xs\": must be a number in s or a string with a unit"),
    Malformed(label: "non-finite value", config: network, overrides: ["populations[0].mu=.inf"],
              expected: "populations[0].mu = inf: must be a finite number"),
    Malformed(label: "delay shorter than dt", config: network, overrides: ["connections[0].delay=0.0001"],
              expected: "connections[0].delay = 0.0001: must be >= simulation.dt = 0.0005 s"),
    Malformed(label: "delay not a multiple of dt", config: network, overrides: ["connections[0].delay=0.0012"],
              expected: "connections[0].delay = 0.0012: must be a whole multiple of simulation.dt = 0.0005 s"),
    Malformed(label: "t_ref not a multiple of dt", config: network, overrides: ["populations[0].t_ref=0.0043"],
              expected: "populations[0].t_ref = 0.0043: must be a whole multiple of simulation.dt = 0.0005 s"),
    Malformed(label: "duplicate population name", config: network, overrides: ["populations[1].name=E"],
              expected: "populations[1].name = \"E\": must be a non-empty name used by no other population"),
    Malformed(label: "unknown choice", config: network, overrides: ["meso.variant=third_order"],
              expected: "meso.variant = \"third_order\": must be one of first_order, second_order"),
    Malformed(label: "unknown input kind", config: network, overrides: ["inputs[0].kind=ramp"],
              expected: "inputs[0].kind = \"ramp\": must be one of step, pulse, sine"),
    Malformed(label: "theta_lo above theta_hi", config: network, overrides: ["analysis.up_down={theta_hi: 25, theta_lo: 30}"],
              expected: "analysis.up_down.theta_lo = 30: must be < theta_hi = 25 Hz"),
    Malformed(label: "no thread", config: network, overrides: ["micro.threads=0"],
              expected: "micro.threads = 0: must be >= 1"),
    Malformed(label: "record_spikes not a boolean", config: network, overrides: ["micro.record_spikes=yes please"],
              expected: "micro.record_spikes = \"yes please\": must be true or false"),
    Malformed(label: "membrane id not a whole number", config: network, overrides: ["micro.record_membrane=[-1]"],
              expected: "micro.record_membrane[0] = -1: must be a neuron id, a whole number >= 0"),
    Malformed(label: "unknown rate model", config: rate, overrides: ["model=hodgkin_huxley"],
              expected: "model = \"hodgkin_huxley\": must be one of rate_network, wilson_cowan"),
    Malformed(label: "unknown ODE stepper", config: rate, overrides: ["simulation.solver=rk45"],
              expected: "simulation.solver = \"rk45\": must be one of rk2, rk4, rkf45"),
    Malformed(label: "unknown SDE scheme", config: rate, overrides: ["simulation.noise={sigma: 0.1, scheme: ito}"],
              expected: "simulation.noise.scheme = \"ito\": must be one of euler_maruyama, milstein, heun"),
    Malformed(label: "noise step not dividing the record bin", config: rate, overrides: ["simulation.noise={sigma: 0.1, dt: 0.0003}"],
              expected: "simulation.noise.dt = 0.0003: must divide simulation.record_bin = 0.001 s"),
    Malformed(label: "plasticity step not dividing the record bin", config: rate,
              overrides: ["model=rate_network", "parameters={tau: 0.01, W: [[0, 1], [1, 0]], r0: [0.1, 0.2], plasticity: {eta: 1, alpha: 1, dt: 0.0003}}"],
              expected: "parameters.plasticity.dt = 0.0003: must divide simulation.record_bin = 0.001 s"),
    Malformed(label: "noise with plasticity", config: rate,
              overrides: ["model=rate_network", "parameters={tau: 0.01, W: [[0, 1], [1, 0]], r0: [0.1, 0.2], plasticity: {eta: 1, alpha: 1, dt: 0.0005}}",
                          "simulation.noise={sigma: 0.1, dt: 0.0005}"],
              expected: "simulation.noise.sigma = 0.1: must be 0 with parameters.plasticity"),
    Malformed(label: "negative tolerance", config: rate, overrides: ["simulation.abs_tol=-1"],
              expected: "simulation.abs_tol = -1: must be > 0"),
    Malformed(label: "invalid model parameter", config: rate, overrides: ["parameters.tau_E=-0.01"],
              expected: "parameters.tau_E = -0.01: must be > 0 s"),
    Malformed(label: "rate network W not square", config: rate,
              overrides: ["model=rate_network", "parameters={tau: 0.01, W: [[1, 0], [0]], r0: [0, 0]}"],
              expected: "parameters.W[1] = 1 values: must have 2 values"),
  ])
  func isRefusedWithExit64AndItsMessage(_ c: Malformed) throws {
    let r = try CLI.run(["validate", CLI.config(c.config)] + c.overrides.flatMap { ["--set", $0] })
    #expect(r.status == 64, "\(c.label): exit \(r.status)")
    #expect(r.stderr.contains("\n" + c.expected), "\(c.label): got \(r.stderr)")
  }
}
