import Foundation
import GSLBridge
import MesoCore
import MicroNetwork
import NetworkCore
import STDPMemory

/// The training network of Stubenrauch, Auer, Kempter & Lindner (spec §2.4; STDPMemorySimulation
/// article) on the microscopic engine, in the units of `EngineUnits`. Populations, in order:
/// `E` (N_E LIF, μ_E, D_E), `I` (N_I LIF, μ_I, D_I), `X` (M Poisson input channels), `S` (N_E Poisson
/// supervisors, one per E neuron). Connections, in order: E→E J, E→I hJ, I→E −gJ, I→I −gJ (fixed
/// in-degree C_E or C_I, partners drawn without replacement, autapses possible), X→E plastic, every
/// channel onto every E neuron, w(0) ~ 𝒩(m₀, V*) clipped to [0, 1] with V* of the full theory, and
/// S→E J_s `one_to_one`. Every connection has the delay of one step dt (the reference has none and
/// delivers within the step in index order: an O(dt) difference).
public struct TrainingNetwork: Sendable {
  /// The model (its `simulation` settings: dt, trials, seed, threads).
  public let parameters: STDPMemoryParameters
  /// V* of the full theory: the variance of the initial weights.
  public let stationaryVariance: Double

  /// Index of the plastic connection X→E in the engine's network, and of the populations X and S.
  static let plasticConnection = 4, inputs = 2, supervisors = 3

  /// The network of `parameters` (range problems thrown first); computes V* unless given.
  public init(_ parameters: STDPMemoryParameters, stationaryVariance: Double? = nil) throws {
    self.parameters = try parameters.validated()
    self.stationaryVariance = try stationaryVariance ?? parameters.stationaryVariance(correlations: true)
  }

  /// The network on the engine (`simulation.duration` is one step dt: sessions give their own lengths).
  public var model: NetworkModel {
    let p = parameters, n = p.network, u = EngineUnits.self
    let dt = p.simulation.dt * u.tauM
    var plastic = p.synapse.engineRule()
    plastic.wInit = .normal(mean: p.inputs.m0, std: stationaryVariance.squareRoot())
    func recurrent(_ from: String, _ to: String, _ J: Double, _ k: Int, _ N: Int) -> Connection {
      Connection(from: from, to: to, J: J, p: Double(k) / Double(N), delay: dt, tauS: 0, connectivity: .fixedIndegree)
    }
    return NetworkModel(
      name: "stdp-training-network",
      simulation: SimulationSettings(dt: dt, duration: dt, seed: p.simulation.seed, recordBin: dt),
      populations: [
        u.lif(name: "E", N: n.NE, mu: n.muE, D: n.DE), u.lif(name: "I", N: n.NI, mu: n.muI, D: n.DI),
        .poisson(name: "X", N: p.inputs.M, rate: 0), .poisson(name: "S", N: n.NE, rate: 0),
      ],
      connections: [
        recurrent("E", "E", n.J, n.CE, n.NE), recurrent("E", "I", n.h * n.J, n.CE, n.NE),
        recurrent("I", "E", -n.g * n.J, n.CI, n.NI), recurrent("I", "I", -n.g * n.J, n.CI, n.NI),
        Connection(from: "X", to: "E", J: p.inputs.m0, p: 1, delay: dt, tauS: 0, plasticity: plastic),
        Connection(from: "S", to: "E", J: p.inputs.JS, p: 1, delay: dt, tauS: 0, connectivity: .oneToOne),
      ],
      micro: MicroSettings(threads: p.simulation.threads))
  }

  /// The seed of trial t: (`simulation.seed`, `.trial`, t). Trials are independent of one another and
  /// of how they are shared among processes.
  public func seed(trial t: Int) -> UInt64 { derivedSeed(parameters.simulation.seed ?? 1, .trial, UInt64(t)) }

  /// The engine's resources for one trial, checked against `memoryLimit` before anything is allocated.
  public func checkResources(memoryLimit: MemoryLimit) throws {
    try MicroscopicSimulator.resources(DiscreteNetwork(model)).check(against: memoryLimit)
  }

  /// Trial t: `training.episodes` episodes from a fresh network, and the readout (`simulation.recall`) of the
  /// reference association after each episode from its own on (`TrialResult`).
  public func trial(_ t: Int, memoryLimit: MemoryLimit, progress: ((Double) throws -> Void)? = nil) throws -> TrialResult {
    var run = try TrainingRun(self, seed: seed(trial: t), memoryLimit: memoryLimit)
    let episodes = parameters.training.episodes, reference = parameters.training.reference
    var result = TrialResult(trial: t)
    var remembered: Association?
    for e in 0..<episodes {
      let association = run.nextAssociation()
      let stats = try run.train(association)
      result.episodes.append(stats)
      if e == reference { remembered = association }
      if let remembered {
        result.accuracy.append(try run.accuracy(remembered))
        result.readout.append(try run.readout(remembered).moments)
      }
      try progress?(Double(e + 1) / Double(episodes))
    }
    return result
  }
}

/// A cue (channels) and a target (E neurons), each ascending.
public struct Association: Equatable, Sendable {
  /// The f_c M cue channels.
  public var cue: [Int]
  /// The f_s N_E target neurons.
  public var target: [Int]
}

/// One trial's outcome: a_k of the reference association after k = 0, 1, … later episodes, the
/// moments of its cue weights and scores then, and the statistics of every episode.
public struct TrialResult: Equatable, Sendable {
  /// The trial index.
  public var trial: Int
  /// a_k, k = 0 … episodes − 1 − reference.
  public var accuracy: [Double] = []
  /// The static-readout moments of the reference association after each readout (after homeostasis).
  public var readout: [ReadoutMoments] = []
  /// Per episode, in order.
  public var episodes: [EpisodeStatistics] = []

  /// A result (empty lists: filled as the trial runs).
  public init(trial: Int, accuracy: [Double] = [], readout: [ReadoutMoments] = [], episodes: [EpisodeStatistics] = []) {
    self.trial = trial
    self.accuracy = accuracy
    self.readout = readout
    self.episodes = episodes
  }
}

/// What one episode did: the four weight populations at its end, before homeostasis, in the theory's
/// order (N,n), (N,c), (T,n), (T,c) (post non-target/target, pre non-cue/cue), and the rates of target,
/// non-target and inhibitory neurons during the plastic part (per τ_m), their spread over neurons,
/// and how the episode's score increments depend on the scores.
public struct EpisodeStatistics: Equatable, Sendable {
  /// m_ab.
  public var mean: [Double]
  /// V_ab (population variances, over the synapses of the population).
  public var variance: [Double]
  /// Standard error of m_ab, the postsynaptic neurons as clusters.
  public var meanError: [Double]
  /// r_T, r_N, r_I.
  public var rates: [Double]
  /// Variance over target and over non-target neurons of a neuron's rate (spike count / T; its
  /// Poisson part is about r/T).
  public var rateVariance: [Double]
  /// For cue synapses onto targets and onto non-targets: the slope of a weight's increment over the
  /// episode, w(T) − w(0), regressed on w(0) (the theory's ∫D⁽¹⁾′ dt, to first order).
  public var weightGain: [Double]
  /// For targets and non-targets: the slope of a neuron's score increment over the episode,
  /// s_n(T) − s_n(0) with s_n = Σ_{m ∈ cue} w_nm, regressed on s_n(0). Equal to `weightGain` when
  /// the increment of a weight does not depend on the neuron's other cue weights (the theory's
  /// independent synapses); larger when a neuron's cue weights drive its rate.
  public var scoreGain: [Double]

  /// The statistics of one episode.
  public init(mean: [Double], variance: [Double], meanError: [Double], rates: [Double], rateVariance: [Double], weightGain: [Double], scoreGain: [Double]) {
    self.mean = mean
    self.variance = variance
    self.meanError = meanError
    self.rates = rates
    self.rateVariance = rateVariance
    self.weightGain = weightGain
    self.scoreGain = scoreGain
  }
}
