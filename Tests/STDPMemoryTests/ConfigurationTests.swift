import MesoConfig
import MesoCore
import STDPMemory
import Testing

/// `model: stdp_memory`: defaults, every key read, and range problems naming key path, value and bound.
@Suite struct STDPMemoryConfigurationTests {
  static func load(_ text: String, _ overrides: [String] = []) throws(ConfigurationError) -> STDPMemoryParameters {
    var document = try ConfigDocument.parse(text, format: .yaml)
    for o in overrides { try ConfigDocument.apply(override: o, to: &document) }
    guard case .stdpMemory(let c) = try Configuration(document: document).model else { fatalError("not stdp_memory") }
    return c.parameters
  }

  @Test func defaultsAreTheReferenceValues() throws {
    let p = try Self.load("model: stdp_memory")
    #expect(p == STDPMemoryParameters())
    #expect(p.synapse == STDPSynapseParameters(deltaC: 0.002, rAC: -0.008, tauC: 0.84, tauAC: 1.685))
    #expect(p.inputs.cueChannels == 10)
    #expect(p.network.NE == 4000 && p.network.CI == 50 && p.inputs.nuS == 64 && p.training.episodes == 300)
    #expect(p.theory.contributions == .both && p.theory.derivative == .explicit && p.simulation.recall == .static)
  }

  @Test func everyKeyIsRead() throws {
    let p = try Self.load(
      """
      model: stdp_memory
      synapse: {delta_c: 0.003, r_ac: -0.01, tau_c: 1, tau_ac: 2}
      network: {N_E: 1000, N_I: 250, C_E: 100, C_I: 25, J: 0.02, g: 4, h: 1.5, mu_E: 0.1, D_E: 0.2, mu_I: 0.4, D_I: 0.06}
      inputs: {M: 100, f_c: 0.1, f_s: 0.2, nu_0: 0.1, nu_1: 2, nu_s: 32, J_s: 0.02, m_0: 0.04}
      training: {T: 20, T_warm: 5, episodes: 50, reference: 3, homeostasis: false}
      theory: {contributions: rate_only, derivative: total, rtol: 1.0e-8, atol: 1.0e-13}
      simulation: {dt: 1.0e-4, trials: 3, seed: 7, recall: dynamic, T_recall: 4, threads: 2}
      """)
    #expect(p.synapse == STDPSynapseParameters(deltaC: 0.003, rAC: -0.01, tauC: 1, tauAC: 2))
    #expect(p.network == STDPNetworkParameters(NE: 1000, NI: 250, CE: 100, CI: 25, J: 0.02, g: 4, h: 1.5, muE: 0.1, DE: 0.2, muI: 0.4, DI: 0.06))
    #expect(p.inputs == STDPInputParameters(M: 100, fc: 0.1, fs: 0.2, nu0: 0.1, nu1: 2, nuS: 32, JS: 0.02, m0: 0.04))
    #expect(p.training == STDPTrainingParameters(T: 20, TWarm: 5, episodes: 50, reference: 3, homeostasis: false))
    #expect(p.theory == STDPTheoryOptions(contributions: .rateOnly, derivative: .total, relTol: 1e-8, absTol: 1e-13))
    #expect(p.simulation == STDPSimulationSettings(dt: 1e-4, trials: 3, seed: 7, recall: .dynamic, TRecall: 4, threads: 2))
  }

  /// `theory.scores` is read; coupled scores need the explicit D⁽¹⁾′ (they add the implicit part themselves).
  @Test func scoreModel() throws {
    #expect(try Self.load("model: stdp_memory", ["theory.scores=coupled"]).theory.scores == .coupled)
    #expect(try Self.load("model: stdp_memory").theory.scores == .independent)
    #expect {
      _ = try Self.load("model: stdp_memory", ["theory.scores=coupled", "theory.derivative=total"])
    } throws: { error in
      "\(error)".contains("theory.derivative = total: must be explicit with scores: coupled")
    }
  }

  /// Each bad value is reported at its key path with the value and the bound.
  @Test(arguments: [
    ("synapse.r_ac=0.1", "synapse.r_ac = 0.1: must be in (-1, 0]"),
    ("synapse.tau_c=0", "synapse.tau_c = 0: must be finite and > 0 tau_m"),
    ("network.C_E=5000", "network.C_E = 5000: must be in 0 ... N_E = 4000"),
    ("network.D_E=0", "network.D_E = 0: must be in (0, 1000]"),
    ("inputs.f_c=0.052", "inputs.f_c = 0.052: must make f_c·M a whole number >= 1 (M = 200: 10.4)"),
    ("inputs.f_s=0.0001", "inputs.f_s = 0.0001: must make f_s·N_E a whole number >= 1 (N_E = 4000: 0.4)"),
    ("inputs.nu_1=-1", "inputs.nu_1 = -1: must be in [0, 10000] per tau_m"),
    ("training.reference=300", "training.reference = 300: must be in 0 ... episodes − 1 = 299"),
    ("simulation.dt=0.003", "simulation.dt = 0.003: must divide T = 50 into whole steps"),
    ("theory.derivative=wrong", "theory.derivative = \"wrong\": must be one of explicit, implicit, total"),
    ("theory.scores=wrong", "theory.scores = \"wrong\": must be one of independent, coupled"),
    ("training.homeostasis=3", "training.homeostasis = 3: must be true or false"),
    ("synapse.tau=1", "synapse.tau = 1: must be a known key"),
  ])
  func badValuesNameKeyValueAndBound(override: String, message: String) {
    #expect {
      _ = try Self.load("model: stdp_memory", [override])
    } throws: { error in
      "\(error)".contains(message)
    }
  }
}
