import MesoConfig
import MesoCore
import Testing

private let lifNetwork = """
  simulation: {dt: 0.1 ms, duration: 1 s, record_bin: 1 ms, seed: 1}
  populations:
    - {name: L, neuron: lif, N: 10, tau_m: 10 ms, mu: 15 mV, V_reset: 10 mV, V_th: 20 mV, sigma: 5 mV, tau_a: 1 s, b: 200 mV*ms}
    - {name: C, neuron: lif_cond, N: 10, C_m: 0.25 nF, g_L: 16.67 nS, E_L: -65 mV, I_e: 0.1 nA, E_I: -85 mV, tau_E: 0.2 ms,
       tau_I: 2 ms, g_E0: 5000 pS}
    - {name: D, neuron: lif, N: 10}
  connections:
    - {from: L, to: C, J: -2, p: 0.5, delay: 1 ms, tau_s: 0}
  """

/// The network configuration's first problem paths.
private func problemPaths(_ yaml: String, _ overrides: [String]) -> [String] {
  do {
    _ = try load(yaml, overrides: overrides)
    return []
  } catch let error as ConfigurationError {
    return error.problems.map(\.path)
  } catch {
    return ["\(error)"]
  }
}

@Suite struct LIFConfigurationTests {
  @Test func lifPopulationsReadWithUnitsAndDefaults() throws {
    guard case .network(let n) = try load(lifNetwork).model else {
      Issue.record("not a network")
      return
    }
    #expect(n.populations[0] == .lif(name: "L", N: 10, tauM: 0.01, tRef: 0.002, mu: 15, vReset: 10, vTh: 20, neuron: LIFNeuron(sigma: 5, tauA: 1, b: 0.2)))
    let g = LIFNeuron.Conductances(cM: 250, gL: 16.67, eE: 0, eI: -85, tauE: 0.0002, tauI: 0.002, gE0: 5, gI0: 0)
    let c = n.populations[1]
    #expect(c == .lifCond(name: "C", N: 10, eL: -65, iE: 100, g: g))
    #expect(abs(c.mu - (-65 + 100 / 16.67)) < 1e-12 && abs(c.tauM - 0.25 / 16.67) < 1e-15 && c.neuronName == "lif_cond")
    // Every key left out takes the documented default.
    #expect(n.populations[2] == .lif(name: "D", N: 10, tauM: 0.02, tRef: 0.002, mu: -70, vReset: -60, vTh: -50, neuron: LIFNeuron(sigma: 0, tauA: 0.2, b: 0)))
  }

  @Test(arguments: [
    (["populations[0].neuron=izhikevich"], "populations[0].neuron"),
    (["populations[0].sigma=-1"], "populations[0].sigma"),
    (["populations[0].tau_a=0"], "populations[0].tau_a"),
    (["populations[0].tau_m=-1 ms"], "populations[0].tau_m"),
    (["populations[0].V_reset=25"], "populations[0].V_reset"),
    (["populations[0].Delta_V=2"], "populations[0].Delta_V"),
    (["populations[0].kind=gif"], "populations[0].kind"),
    (["populations[1].sigma=1"], "populations[1].sigma"),
    (["populations[1].C_m=0"], "populations[1].C_m"),
    (["populations[1].g_L=-1"], "populations[1].g_L"),
    (["populations[1].tau_E=0"], "populations[1].tau_E"),
    (["populations[1].g_I0=-1 nS"], "populations[1].g_I0"),
    (["populations[1].I_e=3 mV"], "populations[1].I_e"),
    (["connections[0].tau_s=2 ms"], "connections[0].tau_s"),
  ])
  func badLIFKeysAreRefusedByName(overrides: [String], path: String) {
    #expect(problemPaths(lifNetwork, overrides).first == path)
  }

  @Test func poissonSourcesTakeNoNeuronModel() {
    let yaml = """
      simulation: {dt: 0.1 ms, duration: 1 s, record_bin: 1 ms}
      populations:
        - {name: X, kind: poisson, N: 5, rate: 1 Hz, neuron: lif}
      """
    #expect(problemPaths(yaml, []) == ["populations[0].neuron"])
  }
}
