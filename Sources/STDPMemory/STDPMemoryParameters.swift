import Foundation
import MesoCore

/// The STDP rule of one plastic synapse (Stubenrauch, Auer, Kempter & Lindner 2025), in the
/// dimensionless units of the model: time in membrane time constants τ_m, weights as fractions of the
/// reset-to-threshold distance. At each postsynaptic spike w ← w + Δ_c A_pre (additive potentiation);
/// at each presynaptic spike w ← w (1 + r_ac A_post) (multiplicative depression), with traces
/// Ȧ_pre = −A_pre/τ_c + Σ δ(t − t_pre), Ȧ_post = −A_post/τ_ac + Σ δ(t − t_post), and w ≥ 0.
public struct STDPSynapseParameters: Equatable, Sendable {
  /// Δ_c, potentiation amplitude per unit of the presynaptic trace (weight units, ≥ 0).
  public var deltaC: Double
  /// r_ac, relative depression per unit of the postsynaptic trace, in (−1, 0].
  public var rAC: Double
  /// τ_c, causal (potentiation) trace time constant (τ_m, > 0).
  public var tauC: Double
  /// τ_ac, acausal (depression) trace time constant (τ_m, > 0).
  public var tauAC: Double

  /// The rule; defaults are the reference values Δ_c = 0.002, r_ac = −0.008, τ_c = 0.84 (16.8 ms), τ_ac = 1.685 (33.7 ms).
  public init(deltaC: Double = 0.002, rAC: Double = -0.008, tauC: Double = 0.84, tauAC: Double = 1.685) {
    self.deltaC = deltaC
    self.rAC = rAC
    self.tauC = tauC
    self.tauAC = tauAC
  }

  /// Every range problem, key paths relative to `synapse`.
  public func problems() -> [ParameterError] {
    var p = ParameterProblems()
    p.require(deltaC.isFinite && deltaC >= 0, "delta_c", deltaC, "be finite and >= 0")
    p.require(rAC > -1 && rAC <= 0, "r_ac", rAC, "be in (-1, 0]")
    p.require(tauC.isFinite && tauC > 0, "tau_c", tauC, "be finite and > 0 tau_m")
    p.require(tauAC.isFinite && tauAC > 0, "tau_ac", tauAC, "be finite and > 0 tau_m")
    return p.errors
  }
}

/// The recurrent Brunel network (model A) the plastic layer projects onto: N_E excitatory and N_I
/// inhibitory LIF neurons (reset 0, threshold 1, no refractory period, time in τ_m), each receiving
/// exactly C_E excitatory and C_I inhibitory inputs; jumps E→E J, E→I hJ, I→E and I→I −gJ; white-noise
/// background dv = (μ − v) dt + √(2D) dW per population.
public struct STDPNetworkParameters: Equatable, Sendable {
  /// N_E, excitatory neurons (≥ 1).
  public var NE: Int
  /// N_I, inhibitory neurons (≥ 1).
  public var NI: Int
  /// C_E, excitatory inputs per neuron (0 … N_E).
  public var CE: Int
  /// C_I, inhibitory inputs per neuron (0 … N_I).
  public var CI: Int
  /// J, excitatory jump onto E neurons (fraction of threshold, ≥ 0).
  public var J: Double
  /// g, relative strength of inhibition (I jumps are −gJ, ≥ 0).
  public var g: Double
  /// h, relative E→I strength (E→I jumps are hJ, ≥ 0).
  public var h: Double
  /// μ_E, background mean drive of E neurons.
  public var muE: Double
  /// D_E, background noise intensity of E neurons (> 0).
  public var DE: Double
  /// μ_I, background mean drive of I neurons.
  public var muI: Double
  /// D_I, background noise intensity of I neurons (> 0).
  public var DI: Double

  /// The network; defaults are the reference's (4000/1000 neurons, C_E = 200, C_I = 50, J = 0.01, g = 5, h = 2,
  /// μ_E = 0, D_E = 0.1, μ_I = 0.5, D_I = 0.05).
  public init(
    NE: Int = 4000, NI: Int = 1000, CE: Int = 200, CI: Int = 50, J: Double = 0.01, g: Double = 5, h: Double = 2,
    muE: Double = 0, DE: Double = 0.1, muI: Double = 0.5, DI: Double = 0.05
  ) {
    self.NE = NE
    self.NI = NI
    self.CE = CE
    self.CI = CI
    self.J = J
    self.g = g
    self.h = h
    self.muE = muE
    self.DE = DE
    self.muI = muI
    self.DI = DI
  }

  /// Every range problem, key paths relative to `network`.
  public func problems() -> [ParameterError] {
    var p = ParameterProblems()
    if NE < 1 { p.errors.append(ParameterError(path: "N_E", value: "\(NE)", requirement: "be >= 1")) }
    if NI < 1 { p.errors.append(ParameterError(path: "N_I", value: "\(NI)", requirement: "be >= 1")) }
    if !(0...max(NE, 0)).contains(CE) { p.errors.append(ParameterError(path: "C_E", value: "\(CE)", requirement: "be in 0 ... N_E = \(NE)")) }
    if !(0...max(NI, 0)).contains(CI) { p.errors.append(ParameterError(path: "C_I", value: "\(CI)", requirement: "be in 0 ... N_I = \(NI)")) }
    for (key, x) in [("J", J), ("g", g), ("h", h)] where !(x.isFinite && x >= 0) {
      p.errors.append(ParameterError(path: key, value: x, requirement: "be finite and >= 0"))
    }
    for (key, x) in [("mu_E", muE), ("mu_I", muI)] where !(x.isFinite && abs(x) <= 1e3) {
      p.errors.append(ParameterError(path: key, value: x, requirement: "be in [-1000, 1000]"))
    }
    for (key, x) in [("D_E", DE), ("D_I", DI)] where !(x.isFinite && x > 0 && x <= 1e3) {
      p.errors.append(ParameterError(path: key, value: x, requirement: "be in (0, 1000] (white-noise intensity)"))
    }
    return p.errors
  }
}

/// The plastic feed-forward layer and the associations it learns: M input channels project onto every
/// E neuron; an association pairs a cue (f_c M channels firing at ν₁, the others at ν₀) with a target
/// (f_s N_E neurons driven by a Poisson supervisor of rate ν_s and jump J_s). Rates per τ_m.
public struct STDPInputParameters: Equatable, Sendable {
  /// M, input channels (≥ 1).
  public var M: Int
  /// f_c, coding level of a cue: f_c M channels (a whole number ≥ 1).
  public var fc: Double
  /// f_s, coding level of a target: f_s N_E neurons (a whole number ≥ 1).
  public var fs: Double
  /// ν₀, rate of non-cue channels during training (per τ_m, ≥ 0).
  public var nu0: Double
  /// ν₁, rate of cue channels during training (per τ_m, ≥ 0).
  public var nu1: Double
  /// ν_s, supervisor rate onto target neurons (per τ_m, ≥ 0).
  public var nuS: Double
  /// J_s, supervisor jump (fraction of threshold, ≥ 0).
  public var JS: Double
  /// m₀, mean feed-forward weight, restored by homeostasis after each episode (in (0, 1]).
  public var m0: Double

  /// The layer; defaults are the reference's (M = 200, f_c = 0.05, f_s = 0.1, ν₀ = 0, ν₁ = 1 ≙ 50 Hz,
  /// ν_s = 64, J_s = 0.0125, m₀ = 0.05).
  public init(
    M: Int = 200, fc: Double = 0.05, fs: Double = 0.1, nu0: Double = 0, nu1: Double = 1, nuS: Double = 64, JS: Double = 0.0125,
    m0: Double = 0.05
  ) {
    self.M = M
    self.fc = fc
    self.fs = fs
    self.nu0 = nu0
    self.nu1 = nu1
    self.nuS = nuS
    self.JS = JS
    self.m0 = m0
  }

  /// M_c = f_c M, channels of a cue.
  public var cueChannels: Int { Int((fc * Double(M)).rounded()) }

  /// Every range problem, key paths relative to `inputs`; `NE` is the network's N_E (for f_s N_E).
  public func problems(NE: Int) -> [ParameterError] {
    var p = ParameterProblems()
    if M < 1 { p.errors.append(ParameterError(path: "M", value: "\(M)", requirement: "be >= 1")) }
    if !(fc > 0 && fc <= 1) {
      p.errors.append(ParameterError(path: "f_c", value: fc, requirement: "be in (0, 1]"))
    } else if M >= 1, !Self.isWholeNumber(fc * Double(M)) {
      p.errors.append(ParameterError(path: "f_c", value: fc, requirement: "make f_c·M a whole number >= 1 (M = \(M): \(formatNumber(fc * Double(M))))"))
    }
    if !(fs > 0 && fs < 1) {
      p.errors.append(ParameterError(path: "f_s", value: fs, requirement: "be in (0, 1)"))
    } else if NE >= 1, !Self.isWholeNumber(fs * Double(NE)) {
      p.errors.append(ParameterError(path: "f_s", value: fs, requirement: "make f_s·N_E a whole number >= 1 (N_E = \(NE): \(formatNumber(fs * Double(NE))))"))
    }
    for (key, x) in [("nu_0", nu0), ("nu_1", nu1), ("nu_s", nuS)] where !(x.isFinite && x >= 0 && x <= 1e4) {
      p.errors.append(ParameterError(path: key, value: x, requirement: "be in [0, 10000] per tau_m"))
    }
    p.require(JS.isFinite && JS >= 0 && JS <= 1, "J_s", JS, "be in [0, 1]")
    p.require(m0 > 0 && m0 <= 1, "m_0", m0, "be in (0, 1]")
    return p.errors
  }

  /// x within 10⁻⁹ (relative) of a whole number ≥ 1.
  static func isWholeNumber(_ x: Double) -> Bool { x.isFinite && x >= 1 - 1e-9 && abs(x - x.rounded()) <= 1e-9 * max(1, x) }
}

/// The training protocol: one-shot episodes of length T (τ_m) after a warm-up T_warm without
/// plasticity, `episodes` of them, the association trained in episode `reference` is the one whose
/// recall is followed, and whether rows are rescaled to mean m₀ after each episode.
public struct STDPTrainingParameters: Equatable, Sendable {
  /// T, duration of one training episode (τ_m, > 0; 50 ≙ 1 s).
  public var T: Double
  /// T_warm, warm-up before each episode with plasticity off (τ_m, ≥ 0).
  public var TWarm: Double
  /// P, number of episodes trained (≥ 1).
  public var episodes: Int
  /// Index of the reference association whose recall is followed (0 … episodes − 1).
  public var reference: Int
  /// Homeostatic row scaling w_nm ← w_nm m₀/⟨w_n·⟩ after each episode.
  public var homeostasis: Bool

  /// The protocol; defaults T = 50, T_warm = 10, 300 episodes, reference 5, homeostasis on.
  public init(T: Double = 50, TWarm: Double = 10, episodes: Int = 300, reference: Int = 5, homeostasis: Bool = true) {
    self.T = T
    self.TWarm = TWarm
    self.episodes = episodes
    self.reference = reference
    self.homeostasis = homeostasis
  }

  /// Every range problem, key paths relative to `training`.
  public func problems() -> [ParameterError] {
    var p = ParameterProblems()
    p.require(T.isFinite && T > 0 && T <= 1e6, "T", T, "be in (0, 1e6] tau_m")
    p.require(TWarm.isFinite && TWarm >= 0 && TWarm <= 1e6, "T_warm", TWarm, "be in [0, 1e6] tau_m")
    if !(1...1_000_000).contains(episodes) { p.errors.append(ParameterError(path: "episodes", value: "\(episodes)", requirement: "be in 1 ... 1000000")) }
    if !(0..<max(episodes, 1)).contains(reference) {
      p.errors.append(ParameterError(path: "reference", value: "\(reference)", requirement: "be in 0 ... episodes − 1 = \(episodes - 1)"))
    }
    return p.errors
  }
}

/// Which drift terms a theory keeps.
public enum STDPContributions: String, CaseIterable, Sendable {
  /// Rate part plus the spike-time cross-correlation (α, β) parts.
  case full
  /// The rate part alone (the "standard" theory that neglects pre–post correlations).
  case rateOnly = "rate_only"
  /// Both theories side by side (full first).
  case both

  /// The theories to compute: [true] full, [false] rate-only, or both.
  public var includesCorrelations: [Bool] {
    switch self {
    case .full: [true]
    case .rateOnly: [false]
    case .both: [true, false]
    }
  }
}

/// Which derivative D⁽¹⁾′(m) enters the variance equation V̇ = 2 D⁽¹⁾′ V + … of the moment closure.
public enum DriftDerivative: String, CaseIterable, Sendable {
  /// ∂D⁽¹⁾/∂w with the neuron's rate r₀ and responses α, β frozen (the reference's network episode ODE).
  case explicit
  /// Only the change of r₀, α, β through the input statistics μ + wν, D + w²ν/2, with the explicit
  /// factors w, w² frozen (the reference's single-synapse cumulated diffusion).
  case implicit
  /// The total derivative dD⁽¹⁾/dw (the sum of both): the consistent linearisation.
  case total
}

/// How the theory's static readout treats the M_c cue weights of one neuron.
public enum STDPScoreModel: String, CaseIterable, Sendable {
  /// Independent: a neuron's score has variance M_c G (the paper, ms 52–53).
  case independent
  /// Coupled: the cue weights of a neuron share its rate within an episode (its cue input drives its
  /// rate, which drives their drift) and its role and homeostatic factor in every later episode; the
  /// score variance S follows its own equations (`EpisodeSystem`, `trace`). An extension.
  case coupled
}

/// Numerical settings of the theory: which theories, which D⁽¹⁾′, the readout's score model, and the
/// ODE tolerances.
public struct STDPTheoryOptions: Equatable, Sendable {
  /// Full, rate-only or both.
  public var contributions: STDPContributions
  /// D⁽¹⁾′ of the four-population episode ODE.
  public var derivative: DriftDerivative
  /// Independent (the paper) or coupled scores; coupled needs the explicit D⁽¹⁾′ (it adds the
  /// implicit part through the neuron's score).
  public var scores: STDPScoreModel
  /// Relative tolerance of the episode ODE (> 0).
  public var relTol: Double
  /// Absolute tolerance of the episode ODE (> 0).
  public var absTol: Double

  /// The options; defaults both theories, explicit D⁽¹⁾′ (the reference's network variant), independent
  /// scores, rtol 10⁻⁹, atol 10⁻¹⁴.
  public init(
    contributions: STDPContributions = .both, derivative: DriftDerivative = .explicit, scores: STDPScoreModel = .independent,
    relTol: Double = 1e-9, absTol: Double = 1e-14
  ) {
    self.contributions = contributions
    self.derivative = derivative
    self.scores = scores
    self.relTol = relTol
    self.absTol = absTol
  }

  /// Every range problem, key paths relative to `theory`.
  public func problems() -> [ParameterError] {
    var p = ParameterProblems()
    p.require(relTol > 0 && relTol < 1, "rtol", relTol, "be in (0, 1)")
    p.require(absTol > 0 && absTol < 1, "atol", absTol, "be in (0, 1)")
    if scores == .coupled, derivative != .explicit {
      p.errors.append(ParameterError(path: "derivative", value: derivative.rawValue, requirement: "be explicit with scores: coupled"))
    }
    return p.errors
  }
}

/// The recall readout of the network simulation.
public enum STDPRecall: String, CaseIterable, Sendable {
  /// Rank E neurons by their summed cue weight (infinite recall time).
  case `static`
  /// Present the cue alone for T_recall and rank E neurons by spike count.
  case dynamic
}

/// Settings of the network simulation (used by `mesopop stdp train`): time step, trials, seed,
/// readout, threads.
public struct STDPSimulationSettings: Equatable, Sendable {
  /// dt, time step (τ_m, > 0, dividing T, T_warm and T_recall).
  public var dt: Double
  /// Independent network trials (≥ 1).
  public var trials: Int
  /// Master seed; nil: drawn at run time.
  public var seed: UInt64?
  /// Static or dynamic recall.
  public var recall: STDPRecall
  /// T_recall, duration of a dynamic recall (τ_m, > 0).
  public var TRecall: Double
  /// Threads (≥ 1; results do not depend on it).
  public var threads: Int

  /// The settings; defaults dt = 10⁻³, one trial, seed 1, static recall, T_recall = 10, one thread.
  public init(dt: Double = 1e-3, trials: Int = 1, seed: UInt64? = 1, recall: STDPRecall = .static, TRecall: Double = 10, threads: Int = 1) {
    self.dt = dt
    self.trials = trials
    self.seed = seed
    self.recall = recall
    self.TRecall = TRecall
    self.threads = threads
  }

  /// Every range problem, key paths relative to `simulation`; `training` gives T and T_warm that dt must divide.
  public func problems(training: STDPTrainingParameters) -> [ParameterError] {
    var p = ParameterProblems()
    guard dt.isFinite, dt > 0 else { return [ParameterError(path: "dt", value: dt, requirement: "be finite and > 0 tau_m")] }
    for (name, t) in [("T", training.T), ("T_warm", training.TWarm), ("T_recall", TRecall)] where t.isFinite && t >= 0 {
      let steps = t / dt
      if steps > Double(ResourceBudget.maxCount) {
        p.errors.append(ParameterError(path: "dt", value: dt, requirement: "give at most \(ResourceBudget.maxCount) steps in \(name) = \(formatNumber(t))"))
      } else if abs(steps - steps.rounded()) > 1e-9 * max(1, steps) {
        p.errors.append(ParameterError(path: "dt", value: dt, requirement: "divide \(name) = \(formatNumber(t)) into whole steps"))
      }
    }
    if !(1...1_000_000).contains(trials) { p.errors.append(ParameterError(path: "trials", value: "\(trials)", requirement: "be in 1 ... 1000000")) }
    p.require(TRecall.isFinite && TRecall > 0 && TRecall <= 1e6, "T_recall", TRecall, "be in (0, 1e6] tau_m")
    if !(1...256).contains(threads) { p.errors.append(ParameterError(path: "threads", value: "\(threads)", requirement: "be in 1 ... 256")) }
    return p.errors
  }
}

/// Everything of the STDP memory model (`model: stdp_memory`): synapse, network, inputs, training,
/// theory and simulation settings, in the dimensionless units of Stubenrauch et al. (time in τ_m,
/// reset 0, threshold 1, rates per τ_m).
public struct STDPMemoryParameters: Equatable, Sendable {
  /// `synapse:`.
  public var synapse: STDPSynapseParameters
  /// `network:`.
  public var network: STDPNetworkParameters
  /// `inputs:`.
  public var inputs: STDPInputParameters
  /// `training:`.
  public var training: STDPTrainingParameters
  /// `theory:`.
  public var theory: STDPTheoryOptions
  /// `simulation:`.
  public var simulation: STDPSimulationSettings

  /// The model; every part defaults to the reference values.
  public init(
    synapse: STDPSynapseParameters = .init(), network: STDPNetworkParameters = .init(), inputs: STDPInputParameters = .init(),
    training: STDPTrainingParameters = .init(), theory: STDPTheoryOptions = .init(), simulation: STDPSimulationSettings = .init()
  ) {
    self.synapse = synapse
    self.network = network
    self.inputs = inputs
    self.training = training
    self.theory = theory
    self.simulation = simulation
  }

  /// Every range problem, with full key paths (`synapse.tau_c`, `inputs.f_c`).
  public func problems() -> [ParameterError] {
    let parts: [(String, [ParameterError])] = [
      ("synapse", synapse.problems()), ("network", network.problems()), ("inputs", inputs.problems(NE: network.NE)),
      ("training", training.problems()), ("theory", theory.problems()), ("simulation", simulation.problems(training: training)),
    ]
    return parts.flatMap { key, problems in problems.map { $0.prefixed(key) } }
  }

  /// The parameters, or the first range problem.
  public func validated() throws(ParameterError) -> Self {
    if let first = problems().first { throw first }
    return self
  }
}
