import Foundation

/// A leaky integrate-and-fire neuron with a hard threshold (LIFNeurons article), current- or
/// conductance-based, with optional spike-triggered adaptation and white noise. The population's
/// `tauM`, `tRef`, `mu`, `vReset`, `vTh` hold τ_m, t_ref, μ, V_reset, V_th; a conductance-based
/// neuron's τ_m is C_m/g_L and its μ is E_L + I_e/g_L.
///
///     τ_m dV/dt = −(V − μ(t)) − a + Σ_k J_k·(PSC of spike k) + σ√τ_m ξ(t)      (current-based)
///     C_m dV/dt = −g_L(V − μ(t) + a) − g_E(V − E_E) − g_I(V − E_I)              (conductance-based)
///     τ_a da/dt = −a + b Σ_post δ(t − t_post);   V ≥ V_th ⇒ spike, V ← V_reset for t_ref
public struct LIFNeuron: Equatable, Sendable, Codable {
  /// σ, white-noise amplitude (mV): stationary standard deviation σ/√2 of the free membrane; 0: none.
  public var sigma: Double
  /// τ_a, adaptation time constant (s).
  public var tauA: Double
  /// b, adaptation strength (mV·s): each spike adds b/τ_a to a (mV), so ⟨a⟩ = b·ν; 0: no adaptation.
  public var b: Double
  /// Conductance-based synapses (`lif_cond`), or nil for current-based ones (`lif`).
  public var conductance: Conductances?
  /// The Brownian-bridge correction of threshold crossings between grid points (on whenever σ > 0).
  /// Off only in tests that show the bias of the uncorrected scheme; never read from or written to a configuration.
  public var bridgeCorrection = true

  /// A current-based (`conductance == nil`) or conductance-based LIF neuron with white noise `sigma`
  /// (mV) and adaptation of time constant `tauA` (s) and strength `b` (mV·s; 0: none).
  public init(sigma: Double = 0, tauA: Double = 0.2, b: Double = 0, conductance: Conductances? = nil) {
    self.sigma = sigma
    self.tauA = tauA
    self.b = b
    self.conductance = conductance
  }

  /// Whether spikes feed the adaptation current.
  public var adapts: Bool { b != 0 }

  enum CodingKeys: String, CodingKey { case sigma, tauA = "tau_a", b, conductance }

  /// Exponential conductances with reversal potentials, NEST `iaf_cond_exp` conventions: a spike
  /// through a connection of weight J (nS) makes g_E jump by J when J > 0 and g_I by |J| when J < 0.
  public struct Conductances: Equatable, Sendable, Codable {
    /// C_m, membrane capacitance (pF).
    public var cM: Double
    /// g_L, leak conductance (nS).
    public var gL: Double
    /// E_E, excitatory reversal potential (mV).
    public var eE: Double
    /// E_I, inhibitory reversal potential (mV).
    public var eI: Double
    /// τ_E, decay time of the excitatory conductance (s).
    public var tauE: Double
    /// τ_I, decay time of the inhibitory conductance (s).
    public var tauI: Double
    /// g_E0, tonic excitatory conductance added to the synaptic one (nS).
    public var gE0: Double
    /// g_I0, tonic inhibitory conductance added to the synaptic one (nS).
    public var gI0: Double

    /// Conductances with the LIFNeurons article's defaults (C_m 200 pF, g_L 10 nS, E_E 0 mV, E_I −70 mV,
    /// τ_E 5 ms, τ_I 10 ms, no tonic conductance).
    public init(
      cM: Double = 200, gL: Double = 10, eE: Double = 0, eI: Double = -70, tauE: Double = 0.005, tauI: Double = 0.01,
      gE0: Double = 0, gI0: Double = 0
    ) {
      self.cM = cM
      self.gL = gL
      self.eE = eE
      self.eI = eI
      self.tauE = tauE
      self.tauI = tauI
      self.gE0 = gE0
      self.gI0 = gI0
    }

    /// τ_m = C_m/g_L (s): pF/nS = ms.
    public var tauM: Double { cM / gL * 1e-3 }

    enum CodingKeys: String, CodingKey {
      case cM = "C_m", gL = "g_L", eE = "E_E", eI = "E_I", tauE = "tau_E", tauI = "tau_I", gE0 = "g_E0", gI0 = "g_I0"
    }
  }

  /// Every problem of these parameters, keys under `path` (`populations[0]`).
  public func problems(path: String) -> [ParameterError] {
    var found = ParameterProblems(under: path)
    found.require(sigma >= 0 && sigma <= 1e6, "sigma", sigma, "be in [0, 1e6] mV")
    found.require(tauA > 0 && tauA <= 1e6, "tau_a", tauA, "be in (0, 1e6] s")
    found.require(abs(b) <= 1e6, "b", b, "be in [-1e6, 1e6] mV*s")
    if let g = conductance {
      found.require(g.cM > 0 && g.cM <= 1e12, "C_m", g.cM, "be in (0, 1e12] pF")
      found.require(g.gL > 0 && g.gL <= 1e12, "g_L", g.gL, "be in (0, 1e12] nS")
      found.require(g.tauE > 0 && g.tauE <= 1e6, "tau_E", g.tauE, "be in (0, 1e6] s")
      found.require(g.tauI > 0 && g.tauI <= 1e6, "tau_I", g.tauI, "be in (0, 1e6] s")
      found.require(g.gE0 >= 0 && g.gE0 <= 1e12, "g_E0", g.gE0, "be in [0, 1e12] nS")
      found.require(g.gI0 >= 0 && g.gI0 <= 1e12, "g_I0", g.gI0, "be in [0, 1e12] nS")
      found.require(abs(g.eE) <= 1e6, "E_E", g.eE, "be in [-1e6, 1e6] mV")
      found.require(abs(g.eI) <= 1e6, "E_I", g.eI, "be in [-1e6, 1e6] mV")
    }
    return found.errors
  }
}

extension Population {
  /// N current-based LIF neurons (`neuron: lif`): membrane time constant `tauM` (s), refractory period
  /// `tRef` (s), drive `mu`, reset `vReset` and threshold `vTh` (mV), noise and adaptation in `neuron`.
  public static func lif(
    name: String, N: Int, tauM: Double = 0.02, tRef: Double = 0.002, mu: Double = -70, vReset: Double = -60, vTh: Double = -50,
    neuron: LIFNeuron = LIFNeuron()
  ) -> Population {
    var p = Population(name: name, N: N, tauM: tauM, tRef: tRef, mu: mu, vReset: vReset, vTh: vTh, deltaV: 0, lambda0: 0)
    p.kind = .lif(neuron)
    return p
  }

  /// N conductance-based LIF neurons (`neuron: lif_cond`) with leak reversal `eL` (mV), constant
  /// current `iE` (pA), reset `vReset`, threshold `vTh` (mV), refractory period `tRef` (s), the
  /// conductances `g` and adaptation `tauA` (s), `b` (mV·s). τ_m = C_m/g_L, μ = E_L + I_e/g_L.
  public static func lifCond(
    name: String, N: Int, eL: Double = -70, iE: Double = 0, tRef: Double = 0.002, vReset: Double = -60, vTh: Double = -50,
    g: LIFNeuron.Conductances = .init(), tauA: Double = 0.2, b: Double = 0
  ) -> Population {
    var p = Population(
      name: name, N: N, tauM: g.tauM, tRef: tRef, mu: eL + iE / g.gL, vReset: vReset, vTh: vTh, deltaV: 0, lambda0: 0)
    p.kind = .lif(LIFNeuron(tauA: tauA, b: b, conductance: g))
    return p
  }

  /// The LIF parameters, or nil for GIF neurons and Poisson sources.
  public var lif: LIFNeuron? {
    if case .lif(let neuron) = kind { return neuron }
    return nil
  }

  /// The configuration's name of the neuron model: `gif`, `lif`, `lif_cond` (`poisson` for sources).
  public var neuronName: String {
    switch kind {
    case .gif: "gif"
    case .poisson: "poisson"
    case .spikeTrain: "spike_train"
    case .lif(let n): n.conductance == nil ? "lif" : "lif_cond"
    }
  }
}
