import Foundation

/// One description of a network of populations of escape-noise GIF neurons, read by both the
/// microscopic and the mesoscopic engine (MicroscopicModel and PopulationEquations articles; keys in the ConfigurationReference article).
/// Units: s, mV, Hz.
public struct NetworkModel: Equatable, Sendable, Codable {
  /// Free text.
  public var name: String
  /// Time grid, seed and recording.
  public var simulation: SimulationSettings
  /// Ordered: the index of a population is its column in every output.
  public var populations: [Population]
  /// Synapses between populations.
  public var connections: [Connection]
  /// Time-dependent inputs to populations.
  public var inputs: [ExternalInput]
  /// Options of the mesoscopic engine.
  public var meso: MesoSettings
  /// Options of the microscopic engine.
  public var micro: MicroSettings
  /// Options of the comparison analysis (`compare`).
  public var analysis: AnalysisSettings

  /// A network of `populations` joined by `connections` and driven by `inputs`, simulated on the grid of
  /// `simulation`; engine and analysis options default to those of a configuration that leaves them out.
  public init(
    name: String = "", simulation: SimulationSettings, populations: [Population], connections: [Connection] = [],
    inputs: [ExternalInput] = [], meso: MesoSettings = MesoSettings(), micro: MicroSettings = MicroSettings(),
    analysis: AnalysisSettings = AnalysisSettings()
  ) {
    self.name = name
    self.simulation = simulation
    self.populations = populations
    self.connections = connections
    self.inputs = inputs
    self.meso = meso
    self.micro = micro
    self.analysis = analysis
  }

  /// Index of the population called `name`.
  public func populationIndex(_ name: String) -> Int? { populations.firstIndex { $0.name == name } }
}

/// Time grid, seed and recording of a simulation.
public struct SimulationSettings: Equatable, Sendable, Codable {
  /// Δt, integration step (s).
  public var dt: Double
  /// Simulated time (s).
  public var duration: Double
  /// Master seed; nil: drawn at run time, printed and stored in the output.
  public var seed: UInt64?
  /// Δt_bin, bin of every recorded trace (s), a whole multiple of dt.
  public var recordBin: Double

  /// Step `dt` (s), simulated time `duration` (s), master `seed` (nil: drawn at run time) and
  /// recording bin `recordBin` (s, a whole multiple of `dt`).
  public init(dt: Double, duration: Double, seed: UInt64? = nil, recordBin: Double) {
    self.dt = dt
    self.duration = duration
    self.seed = seed
    self.recordBin = recordBin
  }

  enum CodingKeys: String, CodingKey { case dt, duration, seed, recordBin = "record_bin" }

  /// Number of integration steps in one recording bin.
  public var stepsPerBin: Int { Int((recordBin / dt).rounded()) }
  /// Number of recording bins, round(duration / record_bin).
  public var bins: Int { Int((duration / recordBin).rounded()) }
}

/// A population of N escape-noise GIF neurons (MicroscopicModel article), or of N independent Poisson
/// sources (a drive for any network; the GIF fields are then unused).
public struct Population: Equatable, Sendable, Codable {
  /// Unique name, referred to by connections and inputs.
  public var name: String
  /// Number of neurons.
  public var N: Int
  /// GIF neurons, or Poisson sources firing at `rate` (Hz) plus the inputs that target them (Hz).
  public var kind: Kind

  /// The neuron model of a population.
  public enum Kind: Equatable, Sendable, Codable {
    /// Escape-noise GIF neurons with the parameters below (Schwalger, Deger & Gerstner 2017, Eqs. 1–3).
    case gif
    /// Independent Poisson spike trains of the given rate (Hz).
    case poisson(rate: Double)
    /// Given spike times (s), one list per neuron (NEST `spike_generator` + `parrot_neuron`): input is ignored.
    case spikeTrain(times: [[Double]])
    /// Leaky integrate-and-fire neurons with a hard threshold (LIFNeurons article); the GIF fields
    /// `tauM`, `tRef`, `mu`, `vReset`, `vTh` keep their meaning, `deltaV`, `lambda0` and the kernel are unused.
    case lif(LIFNeuron)
  }
  /// τ_m, membrane time constant (s).
  public var tauM: Double
  /// t_ref, absolute refractory period (s).
  public var tRef: Double
  /// μ = u_rest + R·I_ext, constant drive (mV).
  public var mu: Double
  /// u_r, reset potential (mV).
  public var vReset: Double
  /// u_th, baseline threshold (mV; NEST `V_T_star`).
  public var vTh: Double
  /// ΔV, softness of the exponential escape rate (mV).
  public var deltaV: Double
  /// c, escape rate at threshold (Hz; NEST `lambda_0`).
  public var lambda0: Double
  /// Spike-triggered threshold kernel θ(t) = Σ_r (J_r/τ_r) e^{−t/τ_r}.
  public var thresholdKernel: [ThresholdKernelComponent]

  /// A population of N GIF neurons: membrane time constant `tauM` (s), refractory period `tRef` (s),
  /// drive `mu`, reset `vReset` and threshold `vTh` (mV), escape-rate softness `deltaV` (mV) and rate at
  /// threshold `lambda0` (Hz), and the spike-triggered threshold kernel (adaptation).
  public init(
    name: String, N: Int, tauM: Double, tRef: Double, mu: Double, vReset: Double, vTh: Double, deltaV: Double,
    lambda0: Double, thresholdKernel: [ThresholdKernelComponent] = []
  ) {
    self.name = name
    self.N = N
    kind = .gif
    self.tauM = tauM
    self.tRef = tRef
    self.mu = mu
    self.vReset = vReset
    self.vTh = vTh
    self.deltaV = deltaV
    self.lambda0 = lambda0
    self.thresholdKernel = thresholdKernel
  }

  /// Neurons that fire at the given `times` (s; one ascending list per neuron, rounded to the step grid).
  public static func spikeTrains(name: String, times: [[Double]]) -> Population {
    var p = Population(name: name, N: times.count, tauM: 0, tRef: 0, mu: 0, vReset: 0, vTh: 0, deltaV: 0, lambda0: 0)
    p.kind = .spikeTrain(times: times)
    return p
  }

  /// Whether the population is a source (Poisson or given spike trains) that takes no input.
  public var isSource: Bool {
    switch kind {
    case .poisson, .spikeTrain: true
    case .gif, .lif: false
    }
  }

  /// N Poisson sources of `rate` (Hz). The GIF fields are unused and set to 0 (not NaN, so that
  /// equal sources compare equal).
  public static func poisson(name: String, N: Int, rate: Double) -> Population {
    var p = Population(name: name, N: N, tauM: 0, tRef: 0, mu: 0, vReset: 0, vTh: 0, deltaV: 0, lambda0: 0)
    p.kind = .poisson(rate: rate)
    return p
  }

  enum CodingKeys: String, CodingKey {
    case name, N, kind, tauM = "tau_m", tRef = "t_ref", mu, vReset = "V_reset", vTh = "V_th", deltaV = "Delta_V"
    case lambda0 = "lambda_0", thresholdKernel = "threshold_kernel"
  }
}

/// One exponential component of the threshold kernel: (J/τ) e^{−t/τ}.
public struct ThresholdKernelComponent: Equatable, Sendable, Codable {
  /// J_θ, area of the component (mV·s); NEST q_sfa = J/τ (mV).
  public var J: Double
  /// τ_θ, time constant (s).
  public var tau: Double
  /// A component of area `J` (mV·s) and time constant `tau` (s).
  public init(J: Double, tau: Double) {
    self.J = J
    self.tau = tau
  }
}

/// Synapses from every neuron of `from` onto neurons of `to` (MicroscopicModel article).
public struct Connection: Equatable, Sendable, Codable {
  /// Source population name.
  public var from: String
  /// Target population name.
  public var to: String
  /// Delta-PSP jump (mV); with STP the absolute efficacy (§4.4).
  public var J: Double
  /// Connection probability; in-degree p·N_from.
  public var p: Double
  /// Transmission delay (s), a whole multiple of dt, at least dt.
  public var delay: Double
  /// τ_s, exponential PSC decay (s); 0 means a delta PSC.
  public var tauS: Double
  /// Tsodyks–Markram short-term plasticity, or nil for static synapses.
  public var stp: STPParameters?
  /// Long-term plasticity (weights per synapse, starting at `J`), or nil for fixed weights.
  public var plasticity: STDPRule?
  /// How this connection's synapses are drawn; nil: `micro.connectivity`.
  public var connectivity: MicroSettings.Connectivity?

  /// Synapses from population `from` onto `to`: PSP jump `J` (mV), connection probability `p`,
  /// `delay` (s), PSC decay time `tauS` (s; 0: delta current), optional short-term and long-term
  /// plasticity, and the connectivity rule (nil: `micro.connectivity`).
  public init(
    from: String, to: String, J: Double, p: Double = 1, delay: Double, tauS: Double, stp: STPParameters? = nil,
    plasticity: STDPRule? = nil, connectivity: MicroSettings.Connectivity? = nil
  ) {
    self.from = from
    self.to = to
    self.J = J
    self.p = p
    self.delay = delay
    self.tauS = tauS
    self.stp = stp
    self.plasticity = plasticity
    self.connectivity = connectivity
  }

  enum CodingKeys: String, CodingKey { case from, to, J, p, delay, tauS = "tau_s", stp, plasticity, connectivity }
}

/// Tsodyks–Markram synapse in the u⁺x⁻ order (MicroscopicModel article; NEST `tsodyks2_synapse` with U_0 = 0).
public struct STPParameters: Equatable, Sendable, Codable {
  /// U, utilization increment per spike, in (0, 1].
  public var U: Double
  /// U_0, resting value of u, in [0, 1).
  public var U0: Double
  /// τ_D, recovery (depression) time constant (s).
  public var tauD: Double
  /// τ_F, facilitation time constant (s); 0 switches facilitation off (u⁺ ≡ U).
  public var tauF: Double

  /// A Tsodyks–Markram synapse with increment `U`, resting utilization `U0`, recovery time `tauD` (s)
  /// and facilitation time `tauF` (s; 0: none).
  public init(U: Double, U0: Double = 0, tauD: Double, tauF: Double = 0) {
    self.U = U
    self.U0 = U0
    self.tauD = tauD
    self.tauF = tauF
  }

  enum CodingKeys: String, CodingKey { case U, U0 = "U_0", tauD = "tau_D", tauF = "tau_F" }

  /// Whether u is a dynamic variable (τ_F > 0).
  public var facilitates: Bool { tauF > 0 }
}

/// A time-dependent term added to μ of one GIF population (mV), or to the rate of a Poisson population (Hz).
public struct ExternalInput: Equatable, Sendable, Codable {
  /// Target population name.
  public var to: String
  /// The input's time course.
  public var kind: Kind

  /// Shapes of an input, in mV for GIF targets (Hz for Poisson targets).
  public enum Kind: Equatable, Sendable, Codable {
    /// `amplitude` (mV) from `start` (s) on.
    case step(start: Double, amplitude: Double)
    /// `amplitude` (mV) during [start, start + width) (s).
    case pulse(start: Double, width: Double, amplitude: Double)
    /// amplitude·sin(2π f t + phase) (mV, Hz, rad).
    case sine(amplitude: Double, frequency: Double, phase: Double)
  }

  /// An input of shape `kind` to the population named `to`.
  public init(to: String, kind: Kind) {
    self.to = to
    self.kind = kind
  }

  /// The input's value at time t (mV).
  public func value(at t: Double) -> Double {
    switch kind {
    case .step(let start, let amplitude): t >= start ? amplitude : 0
    case .pulse(let start, let width, let amplitude): t >= start && t < start + width ? amplitude : 0
    case .sine(let amplitude, let frequency, let phase): amplitude * sin(2 * .pi * frequency * t + phase)
    }
  }
}

/// Options of the mesoscopic engine.
public struct MesoSettings: Equatable, Sendable, Codable {
  /// STP mean field: first order (MF1) or second order with correlations and finite-synapse noise (MF2), ShortTermPlasticity article.
  public var variant: Variant
  /// How the spike count of a step is drawn (PopulationEquations article).
  public var spikeCount: SpikeCount
  /// History length K in steps; nil: automatic (PopulationEquations article).
  public var history: Int?
  /// How the escape rate is integrated over a step to give the firing probability.
  public var hazard: Hazard

  /// Integration rule of the escape rate over one step.
  public enum Hazard: String, Equatable, Sendable, Codable, CaseIterable {
    /// P = 1 − exp(−λ(t + Δt)Δt) with the rate after the step's membrane update: the microscopic
    /// model's own rule (MicroscopicModel article), so that micro and meso differ only by the population approximation.
    case endOfStep = "end_of_step"
    /// P = 1 − exp(−½(λ(t) + λ(t + Δt))Δt), as NEST `gif_pop_psc_exp` and the authors' C code.
    case trapezoid
  }

  /// The STP mean field (Schmutz, Gerstner & Schwalger 2020), or the history closure.
  public enum Variant: String, Equatable, Sendable, Codable, CaseIterable {
    /// MF1: means ū, x̄ only; release ū⁺x̄ per spike (the classical TM mean field driven by A_N).
    case firstOrder = "first_order"
    /// MF2: means and covariances; release ū⁺x̄ + bC_ux plus the finite-number-of-synapses noise.
    case secondOrder = "second_order"
    /// MF2 without the finite-number-of-synapses noise (u–x correlations only).
    case correlationOnly = "correlation_only"
    /// Beyond the paper, depression without facilitation only: the release of each age bin of the
    /// population history from the resources its neurons recovered since their last spike.
    case history
  }
  /// Distribution of the number of spikes n of a population in one step.
  public enum SpikeCount: String, Equatable, Sendable, Codable, CaseIterable {
    /// Binomial(N, n̄/N): the reference (PopulationEquations article).
    case binomial
    /// Poisson(n̄) clipped to [0, N] (NEST's alternative).
    case poisson
    /// n = n̄, no draw: the deterministic N → ∞ limit, for mean-field analysis and fixed points.
    case expected
  }

  /// Options of the mesoscopic engine; the defaults are those of a configuration that leaves them out.
  public init(variant: Variant = .secondOrder, spikeCount: SpikeCount = .binomial, history: Int? = nil, hazard: Hazard = .endOfStep) {
    self.variant = variant
    self.spikeCount = spikeCount
    self.history = history
    self.hazard = hazard
  }

  enum CodingKeys: String, CodingKey { case variant, spikeCount = "spike_count", history, hazard }
}

/// Options of the microscopic engine.
public struct MicroSettings: Equatable, Sendable, Codable {
  /// How synapses are drawn.
  public var connectivity: Connectivity
  /// Rules for drawing the synapses of a connection with probability p.
  public enum Connectivity: String, Equatable, Sendable, Codable, CaseIterable {
    /// Exactly round(p·N_from) distinct presynaptic partners per neuron.
    case fixedIndegree = "fixed_indegree"
    /// Each pair connected independently with probability p.
    case bernoulli
    /// Neuron i of the source to neuron i of the target, nothing else (N_from = N_to, p = 1): K
    /// independent copies of one synapse, e.g. one plastic synapse per neuron (STDPMemorySimulation article).
    case oneToOne = "one_to_one"
  }
  /// Worker threads (≥ 1; no more run at once than there are processors). The results do not depend
  /// on it: the same seed gives bit-identical recordings with any number of threads.
  public var threads: Int
  /// The most `threads` accepted.
  public static let maxThreads = 1024
  /// Record every spike sparsely (`spike_times`, s, and `spike_ids`, global neuron ids: the
  /// populations' neurons numbered in `populations` order), never as a dense raster.
  public var recordSpikes: Bool
  /// Global ids of GIF neurons whose membrane potential u is recorded (`V_m`, mV, bin average;
  /// one column per id, in this order).
  public var recordMembrane: [Int]

  /// Options of the microscopic engine; the defaults are those of a configuration that leaves them out.
  public init(connectivity: Connectivity = .fixedIndegree, threads: Int = 1, recordSpikes: Bool = false, recordMembrane: [Int] = []) {
    self.connectivity = connectivity
    self.threads = threads
    self.recordSpikes = recordSpikes
    self.recordMembrane = recordMembrane
  }

  enum CodingKeys: String, CodingKey { case connectivity, threads, recordSpikes = "record_spikes", recordMembrane = "record_membrane" }

  /// Absent keys take their defaults (the synthesized decoder would require every key).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self), d = Self()
    connectivity = try c.decodeIfPresent(Connectivity.self, forKey: .connectivity) ?? d.connectivity
    threads = try c.decodeIfPresent(Int.self, forKey: .threads) ?? d.threads
    recordSpikes = try c.decodeIfPresent(Bool.self, forKey: .recordSpikes) ?? d.recordSpikes
    recordMembrane = try c.decodeIfPresent([Int].self, forKey: .recordMembrane) ?? d.recordMembrane
  }
}

/// Settings of the comparison analysis (`compare`); nil fields are chosen from the data.
public struct AnalysisSettings: Equatable, Sendable, Codable {
  /// Up/Down detection; nil: smoothing 50 ms and thresholds from the data.
  public var upDown: UpDown?
  /// Population-spike detection; nil: smoothing 10 ms and threshold from the data.
  public var populationSpikes: PopulationSpikes?
  /// Initial time discarded from every statistic (s); nil: 1 s, or a fifth of shorter runs.
  public var transient: Double?

  /// Up/Down detection with hysteresis on the boxcar-smoothed activity (ComparisonHarness article).
  public struct UpDown: Equatable, Sendable, Codable {
    /// Boxcar width (s).
    public var smoothing: Double
    /// Down→Up threshold (Hz); nil: from the bimodal histogram.
    public var thetaHi: Double?
    /// Up→Down threshold (Hz); nil: from the bimodal histogram.
    public var thetaLo: Double?
    /// Boxcar `smoothing` (s) and thresholds (Hz; nil: from the data).
    public init(smoothing: Double = 0.05, thetaHi: Double? = nil, thetaLo: Double? = nil) {
      self.smoothing = smoothing
      self.thetaHi = thetaHi
      self.thetaLo = thetaLo
    }
    enum CodingKeys: String, CodingKey { case smoothing, thetaHi = "theta_hi", thetaLo = "theta_lo" }
  }

  /// Population-spike detection by threshold crossings of the smoothed activity.
  public struct PopulationSpikes: Equatable, Sendable, Codable {
    /// Boxcar width (s).
    public var smoothing: Double
    /// Threshold (Hz); nil: chosen from the data.
    public var threshold: Double?
    /// Boxcar `smoothing` (s) and event `threshold` (Hz; nil: from the data).
    public init(smoothing: Double = 0.01, threshold: Double? = nil) {
      self.smoothing = smoothing
      self.threshold = threshold
    }
  }

  /// Analysis settings; nil fields are chosen from the data.
  public init(upDown: UpDown? = nil, populationSpikes: PopulationSpikes? = nil, transient: Double? = nil) {
    self.upDown = upDown
    self.populationSpikes = populationSpikes
    self.transient = transient
  }

  enum CodingKeys: String, CodingKey { case upDown = "up_down", populationSpikes = "population_spikes", transient }
}
