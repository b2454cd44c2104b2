import MesoCore

/// Parameters of `WilsonCowan` (RateModels article); the property names are the configuration keys.
/// Defaults: the tanh E–I oscillator of §5.5 Validation 1 just above its Hopf point (w_EE,c = 1.5),
/// with τ_E = 10 ms.
public struct WilsonCowanParameters: Codable, Equatable, Sendable {
  /// τ_E, time constant of the excitatory population (s).
  public var tauE: Double
  /// τ_I, time constant of the inhibitory population (s).
  public var tauI: Double
  /// w_EE ≥ 0, E → E coupling (input units per rate unit); the signs are in the equations.
  public var wEE: Double
  /// w_EI ≥ 0, I → E coupling (enters with a minus sign).
  public var wEI: Double
  /// w_IE ≥ 0, E → I coupling.
  public var wIE: Double
  /// w_II ≥ 0, I → I coupling (enters with a minus sign).
  public var wII: Double
  /// I_E, constant external input of the excitatory population (input units).
  public var IE: Double
  /// I_I, constant external input of the inhibitory population (input units).
  public var II: Double
  /// F, the activation function of both populations.
  public var activation: Activation
  /// r_E(0), initial excitatory rate.
  public var rE0: Double
  /// r_I(0), initial inhibitory rate.
  public var rI0: Double

  /// The E–I pair; the defaults are the tanh oscillator just above its Hopf point (w_EE,c = 1.5).
  public init(
    tauE: Double = 0.01, tauI: Double = 0.02, wEE: Double = 1.6, wEI: Double = 2, wIE: Double = 2, wII: Double = 0,
    IE: Double = 0, II: Double = 0, activation: Activation = .tanh, rE0: Double = 0.1, rI0: Double = 0
  ) {
    self.tauE = tauE
    self.tauI = tauI
    self.wEE = wEE
    self.wEI = wEI
    self.wIE = wIE
    self.wII = wII
    self.IE = IE
    self.II = II
    self.activation = activation
    self.rE0 = rE0
    self.rI0 = rI0
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let d = Self()
    self.init(
      tauE: try c.decode(.tauE, or: d.tauE), tauI: try c.decode(.tauI, or: d.tauI),
      wEE: try c.decode(.wEE, or: d.wEE), wEI: try c.decode(.wEI, or: d.wEI),
      wIE: try c.decode(.wIE, or: d.wIE), wII: try c.decode(.wII, or: d.wII),
      IE: try c.decode(.IE, or: d.IE), II: try c.decode(.II, or: d.II),
      activation: try c.decode(.activation, or: d.activation),
      rE0: try c.decode(.rE0, or: d.rE0), rI0: try c.decode(.rI0, or: d.rI0))
  }

  /// Checks τ > 0, couplings ≥ 0 and finite inputs and initial rates.
  public func validated() throws(ParameterError) -> Self {
    _ = try Require.positive(tauE, "tau_E", unit: "s")
    _ = try Require.positive(tauI, "tau_I", unit: "s")
    for (w, key) in [(wEE, "w_EE"), (wEI, "w_EI"), (wIE, "w_IE"), (wII, "w_II")] { _ = try Require.nonNegative(w, key) }
    for (x, key) in [(IE, "I_E"), (II, "I_I"), (rE0, "r0[0]"), (rI0, "r0[1]")] { _ = try Require.finite(x, key) }
    do { _ = try activation.validated() } catch { throw error.prefixed("activation") }
    return self
  }
}

extension WilsonCowanParameters {
  /// The key names of configuration files.
  enum CodingKeys: String, CodingKey {
    case tauE = "tau_E", tauI = "tau_I", wEE = "w_EE", wEI = "w_EI", wIE = "w_IE", wII = "w_II", IE = "I_E", II = "I_I"
    case activation, rE0 = "r_E0", rI0 = "r_I0"
  }
}
