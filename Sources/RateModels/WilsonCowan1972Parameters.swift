import MesoCore

/// Parameters of `WilsonCowan1972` (RateModels article); the property names are the
/// configuration keys. Defaults: the limit-cycle set of Wilson & Cowan (1972) used there
/// (P = 1.25, below the Hopf point P_H ≈ 1.879), with τ = 10 ms.
public struct WilsonCowan1972Parameters: Codable, Equatable, Sendable {
  /// c₁ ≥ 0, E → E coupling; the signs are in the equations.
  public var c1: Double
  /// c₂ ≥ 0, I → E coupling.
  public var c2: Double
  /// c₃ ≥ 0, E → I coupling.
  public var c3: Double
  /// c₄ ≥ 0, I → I coupling.
  public var c4: Double
  /// a_e > 0, slope of the excitatory sigmoid S_e.
  public var aE: Double
  /// θ_e, threshold of the excitatory sigmoid S_e.
  public var thetaE: Double
  /// a_i > 0, slope of the inhibitory sigmoid S_i.
  public var aI: Double
  /// θ_i, threshold of the inhibitory sigmoid S_i.
  public var thetaI: Double
  /// r_e ≥ 0, excitatory refractory factor.
  public var rE: Double
  /// r_i ≥ 0, inhibitory refractory factor.
  public var rI: Double
  /// P, external input to the excitatory population.
  public var P: Double
  /// Q, external input to the inhibitory population.
  public var Q: Double
  /// τ: time constant of both populations (s).
  public var tau: Double
  /// E(0), initial excitatory activity.
  public var E0: Double
  /// I(0), initial inhibitory activity.
  public var I0: Double

  /// The 1972 model; the defaults are the limit-cycle set of Wilson & Cowan (1972) at P = 1.25.
  public init(
    c1: Double = 16, c2: Double = 12, c3: Double = 15, c4: Double = 3, aE: Double = 1.3, thetaE: Double = 4,
    aI: Double = 2, thetaI: Double = 3.7, rE: Double = 1, rI: Double = 1, P: Double = 1.25, Q: Double = 0,
    tau: Double = 0.01, E0: Double = 0.1, I0: Double = 0.05
  ) {
    self.c1 = c1
    self.c2 = c2
    self.c3 = c3
    self.c4 = c4
    self.aE = aE
    self.thetaE = thetaE
    self.aI = aI
    self.thetaI = thetaI
    self.rE = rE
    self.rI = rI
    self.P = P
    self.Q = Q
    self.tau = tau
    self.E0 = E0
    self.I0 = I0
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let d = Self()
    self.init(
      c1: try c.decode(.c1, or: d.c1), c2: try c.decode(.c2, or: d.c2),
      c3: try c.decode(.c3, or: d.c3), c4: try c.decode(.c4, or: d.c4),
      aE: try c.decode(.aE, or: d.aE), thetaE: try c.decode(.thetaE, or: d.thetaE),
      aI: try c.decode(.aI, or: d.aI), thetaI: try c.decode(.thetaI, or: d.thetaI),
      rE: try c.decode(.rE, or: d.rE), rI: try c.decode(.rI, or: d.rI),
      P: try c.decode(.P, or: d.P), Q: try c.decode(.Q, or: d.Q), tau: try c.decode(.tau, or: d.tau),
      E0: try c.decode(.E0, or: d.E0), I0: try c.decode(.I0, or: d.I0))
  }

  /// Checks couplings and refractory factors ≥ 0, slopes and τ > 0, everything else finite.
  public func validated() throws(ParameterError) -> Self {
    for (x, key) in [(c1, "c1"), (c2, "c2"), (c3, "c3"), (c4, "c4"), (rE, "r_e"), (rI, "r_i")] {
      _ = try Require.nonNegative(x, key)
    }
    _ = try Require.positive(aE, "a_e")
    _ = try Require.positive(aI, "a_i")
    for (x, key) in [(thetaE, "theta_e"), (thetaI, "theta_i"), (P, "P"), (Q, "Q"), (E0, "r0[0]"), (I0, "r0[1]")] {
      _ = try Require.finite(x, key)
    }
    _ = try Require.positive(tau, "tau", unit: "s")
    return self
  }
}

extension WilsonCowan1972Parameters {
  /// The key names of configuration files.
  enum CodingKeys: String, CodingKey {
    case c1, c2, c3, c4, aE = "a_e", thetaE = "theta_e", aI = "a_i", thetaI = "theta_i", rE = "r_e", rI = "r_i", P, Q, tau, E0, I0
  }
}
