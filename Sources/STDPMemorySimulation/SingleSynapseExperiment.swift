import Foundation
import MesoCore
import MicroNetwork
import STDPMemory

/// The single-synapse experiment of Stubenrauch, Auer, Kempter & Lindner (STDPMemorySimulation
/// article) on the microscopic engine, one trial per neuron: K LIF neurons, each with one plastic
/// synapse from its own Poisson source (`one_to_one`), white-noise drive (μ, D) and pair STDP with
/// additive potentiation Δ_c·A_pre and multiplicative depression w(1 + r_ac·A_post).
///
/// Units and the rule on the engine: `EngineUnits`, `STDPSynapseParameters.engineRule(record:)`.
public struct SingleSynapseExperiment: Equatable, Sendable {
  /// The STDP rule (Δ_c, r_ac, τ_c, τ_ac).
  public var synapse: STDPSynapseParameters
  /// μ and D of the white-noise drive (dimensionless).
  public var mu: Double
  /// See `mu`.
  public var D: Double
  /// Presynaptic Poisson rate ν (per τ_m).
  public var nu: Double
  /// Number of independent trials K (neurons).
  public var trials: Int
  /// Recorded duration T after the warm-up, and the warm-up T_warm (τ_m).
  public var T: Double
  /// See `T`.
  public var TWarm: Double
  /// Time step (τ_m).
  public var dt: Double
  /// Spacing of the recorded weights, the shortest Kramers–Moyal lag Δt (τ_m; a multiple of `dt`).
  public var window: Double
  /// Initial weights, uniform on [low, high].
  public var initialLow: Double
  /// See `initialLow`.
  public var initialHigh: Double
  /// Master seed: synapses, initial weights and spikes derive their streams from it.
  public var seed: UInt64
  /// Engine threads (the results do not depend on it).
  public var threads: Int

  /// τ_m of the engine's neurons (s): the unit of time (`EngineUnits.tauM`).
  public static let tauM = EngineUnits.tauM
  /// w_max of the engine's rule (mV): the pair rule scales by it; the single synapse never comes near it.
  public static let wMax = EngineUnits.wMax

  /// The experiment of V-A3 (spec defaults: μ = 0.9, D = 0.1, ν = 0.1, w(0) uniform on [0, 0.31]).
  public init(
    synapse: STDPSynapseParameters = STDPSynapseParameters(), mu: Double = 0.9, D: Double = 0.1, nu: Double = 0.1,
    trials: Int = 2000, T: Double = 20, TWarm: Double = 4, dt: Double = 1e-4, window: Double = 0.01,
    initialLow: Double = 0, initialHigh: Double = 0.31, seed: UInt64 = 1, threads: Int = 1
  ) {
    self.synapse = synapse
    self.mu = mu
    self.D = D
    self.nu = nu
    self.trials = trials
    self.T = T
    self.TWarm = TWarm
    self.dt = dt
    self.window = window
    self.initialLow = initialLow
    self.initialHigh = initialHigh
    self.seed = seed
    self.threads = threads
  }

  /// Every problem, on keys of the single-synapse experiment (`single_synapse.*`).
  public func problems() -> [ParameterError] {
    var found = ParameterProblems(under: "single_synapse")
    found.require(D > 0 && D.isFinite, "D", D, "be > 0")
    found.require(mu.isFinite, "mu", mu, "be finite")
    found.require(nu > 0 && nu.isFinite, "nu", nu, "be > 0 per tau_m")
    found.require(trials >= 1, "trials", Double(trials), "be >= 1")
    found.require(dt > 0 && dt <= 0.01, "dt", dt, "be in (0, 0.01] tau_m")
    let steps = window / dt
    found.require(window > 0 && abs(steps - steps.rounded()) < 1e-6 * steps, "window", window, "be a whole multiple of dt = \(formatNumber(dt))")
    found.require(T > 0 && T.isFinite, "T", T, "be > 0 tau_m")
    found.require(TWarm >= window && TWarm.isFinite, "T_warm", TWarm, "be >= window = \(formatNumber(window)) tau_m (the first recorded weight ends the warm-up)")
    for (key, t) in [("T", T), ("T_warm", TWarm)] where window > 0 {
      let k = t / window
      found.require(abs(k - k.rounded()) < 1e-6 * max(k, 1), key, t, "be a whole multiple of window = \(formatNumber(window))")
    }
    found.require(initialLow >= 0 && initialLow <= initialHigh, "w_init.low", initialLow, "be in [0, w_init.high]")
    found.require(initialHigh < Self.wMax, "w_init.high", initialHigh, "be < \(formatNumber(Self.wMax)) (w_max of the engine's rule)")
    return found.errors
  }

  /// The network on the engine: populations `X` (K Poisson sources) and `L` (K LIF neurons), one plastic
  /// connection X → L, `one_to_one`, delay dt; the weights recorded every `window` (`w_samples`).
  public var model: NetworkModel {
    let tauM = Self.tauM
    let neuron = EngineUnits.lif(name: "L", N: trials, mu: mu, D: D)
    var plastic = synapse.engineRule(record: WeightRecording(samples: trials, every: window * tauM))
    plastic.wInit = .uniform(low: initialLow, high: initialHigh)
    return NetworkModel(
      name: "single-synapse",
      simulation: SimulationSettings(dt: dt * tauM, duration: (TWarm + T) * tauM, seed: seed, recordBin: window * tauM),
      populations: [.poisson(name: "X", N: trials, rate: nu / tauM), neuron],
      connections: [
        Connection(from: "X", to: "L", J: initialLow, p: 1, delay: dt * tauM, tauS: 0, plasticity: plastic, connectivity: .oneToOne)
      ],
      micro: MicroSettings(threads: threads))
  }

  /// Runs all trials; the weights every `window` from the end of the warm-up on. Plasticity acts during
  /// the warm-up too (the engine has no switch); the estimates start at its end, so it only thermalises
  /// v and the traces, and moves the weights by O(D⁽¹⁾T_warm) before the first recorded one.
  public func run(progress: ((Double) throws -> Void)? = nil) throws -> WeightTrajectories {
    if let first = problems().first { throw first }
    var simulator = try MicroscopicSimulator(model: model, seed: seed)
    let recording = try simulator.run(progress: progress)
    guard let samples = recording["w_samples"] else {
      preconditionFailure("the plastic connection records w_samples")
    }
    // Row r of w_samples is the weight at (r + 1)·window; the warm-up ends at row T_warm/window − 1.
    let first = Int((TWarm / window).rounded()) - 1
    let values = Array(samples.values[(first * trials)...])
    return WeightTrajectories(trials: trials, window: window, values: values)
  }
}

/// Weights of K trials on a regular grid: `values[k·trials + i]` is trial i's weight at t₀ + k·window.
public struct WeightTrajectories: Equatable, Sendable {
  /// Number of trials K.
  public var trials: Int
  /// Spacing of the grid (τ_m).
  public var window: Double
  /// Time-major weights (mV = dimensionless units).
  public var values: [Double]

  /// Trajectories from time-major `values`.
  public init(trials: Int, window: Double, values: [Double]) {
    precondition(trials > 0 && values.count % trials == 0, "values must hold whole rows of \(trials) trials")
    self.trials = trials
    self.window = window
    self.values = values
  }

  /// Number of grid times.
  public var times: Int { values.count / trials }
}
