import MesoCore
import STDPMemory

/// A configuration with `model: stdp_memory`: stochastic STDP synapses learning hetero-associations
/// (Stubenrauch, Auer, Kempter & Lindner 2025), in dimensionless units (time in τ_m, reset 0,
/// threshold 1, rates per τ_m). Every key has the reference default.
public struct STDPMemoryConfiguration: Equatable, Sendable {
  /// Free text.
  public var name: String
  /// Synapse, network, inputs, training, theory and simulation settings.
  public var parameters: STDPMemoryParameters

  /// The `model:` value of this kind.
  public static let modelName = "stdp_memory"

  init(reading root: ObjectReader) {
    name = root.string("name", default: "")
    _ = root.string("model", choices: [Self.modelName])
    var p = STDPMemoryParameters()
    if let r = root.object("synapse") {
      let d = p.synapse
      p.synapse = STDPSynapseParameters(
        deltaC: r.number("delta_c", default: d.deltaC), rAC: r.number("r_ac", default: d.rAC), tauC: r.number("tau_c", default: d.tauC),
        tauAC: r.number("tau_ac", default: d.tauAC))
      r.finish()
    }
    if let r = root.object("network") {
      let d = p.network
      p.network = STDPNetworkParameters(
        NE: r.integer("N_E", default: d.NE, minimum: 1), NI: r.integer("N_I", default: d.NI, minimum: 1),
        CE: r.integer("C_E", default: d.CE, minimum: 0), CI: r.integer("C_I", default: d.CI, minimum: 0), J: r.number("J", default: d.J),
        g: r.number("g", default: d.g), h: r.number("h", default: d.h), muE: r.number("mu_E", default: d.muE),
        DE: r.number("D_E", default: d.DE), muI: r.number("mu_I", default: d.muI), DI: r.number("D_I", default: d.DI))
      r.finish()
    }
    if let r = root.object("inputs") {
      let d = p.inputs
      p.inputs = STDPInputParameters(
        M: r.integer("M", default: d.M, minimum: 1), fc: r.number("f_c", default: d.fc), fs: r.number("f_s", default: d.fs),
        nu0: r.number("nu_0", default: d.nu0), nu1: r.number("nu_1", default: d.nu1), nuS: r.number("nu_s", default: d.nuS),
        JS: r.number("J_s", default: d.JS), m0: r.number("m_0", default: d.m0))
      r.finish()
    }
    if let r = root.object("training") {
      let d = p.training
      p.training = STDPTrainingParameters(
        T: r.number("T", default: d.T), TWarm: r.number("T_warm", default: d.TWarm), episodes: r.integer("episodes", default: d.episodes, minimum: 1),
        reference: r.integer("reference", default: d.reference, minimum: 0), homeostasis: r.bool("homeostasis", default: d.homeostasis))
      r.finish()
    }
    if let r = root.object("theory") {
      let d = p.theory
      p.theory = STDPTheoryOptions(
        contributions: STDPContributions(
          rawValue: r.string("contributions", default: d.contributions.rawValue, choices: STDPContributions.allCases.map(\.rawValue)))
          ?? d.contributions,
        derivative: DriftDerivative(rawValue: r.string("derivative", default: d.derivative.rawValue, choices: DriftDerivative.allCases.map(\.rawValue)))
          ?? d.derivative,
        scores: STDPScoreModel(rawValue: r.string("scores", default: d.scores.rawValue, choices: STDPScoreModel.allCases.map(\.rawValue))) ?? d.scores,
        relTol: r.number("rtol", default: d.relTol), absTol: r.number("atol", default: d.absTol))
      r.finish()
    }
    if let r = root.object("simulation") {
      let d = p.simulation
      p.simulation = STDPSimulationSettings(
        dt: r.number("dt", default: d.dt), trials: r.integer("trials", default: d.trials, minimum: 1),
        seed: r.raw("seed") == nil ? d.seed : r.seed("seed"),
        recall: STDPRecall(rawValue: r.string("recall", default: d.recall.rawValue, choices: STDPRecall.allCases.map(\.rawValue))) ?? d.recall,
        TRecall: r.number("T_recall", default: d.TRecall), threads: r.integer("threads", default: d.threads, minimum: 1))
      r.finish()
    }
    root.finish()
    parameters = p
    // Range problems, except where reading already failed (NaN stand-ins, reported there).
    let unreadable = Set(root.diagnostics.problems.map(\.path))
    for problem in p.problems() where !unreadable.contains(problem.path) && problem.value != "nan" {
      root.diagnostics.report(problem)
    }
  }
}
