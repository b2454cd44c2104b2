import Foundation

/// Pair STDP with exponential traces and weight-dependent amplitudes: at a post spike
/// w += A₊(w)·A_pre, at a pre spike w −= A₋(w)·A_post, with traces of decay τ₊ (pre) and τ₋ (post) that
/// jump by 1 per spike, and
///
///     A₊(w) = a₊ (w_max − w)^{μ₊},   A₋(w) = a₋ w^{μ₋}.
///
/// μ = 0 is additive, μ = 1 multiplicative (Gütig et al. 2003 interpolate). Times in s, weights in any
/// unit (mV for PSP jumps).
public struct PairSTDPRule: Equatable, Sendable {
  /// τ₊, decay of the presynaptic trace read at post spikes (s).
  public var tauPlus: Double
  /// τ₋, decay of the postsynaptic trace read at pre spikes (s).
  public var tauMinus: Double
  /// a₊, potentiation scale (weight^{1−μ₊}).
  public var aPlus: Double
  /// a₋, depression scale (weight^{1−μ₋}).
  public var aMinus: Double
  /// μ₊, exponent of the potentiation's weight dependence.
  public var muPlus: Double
  /// μ₋, exponent of the depression's weight dependence.
  public var muMinus: Double
  /// w_max, upper weight of the potentiation's soft bound (unused when μ₊ = 0).
  public var wMax: Double

  /// The rule with trace decays `tauPlus`, `tauMinus` (s), scales `aPlus`, `aMinus`, exponents
  /// `muPlus`, `muMinus` and soft upper bound `wMax`.
  public init(
    tauPlus: Double, tauMinus: Double, aPlus: Double, aMinus: Double, muPlus: Double, muMinus: Double,
    wMax: Double = .infinity
  ) {
    self.tauPlus = tauPlus
    self.tauMinus = tauMinus
    self.aPlus = aPlus
    self.aMinus = aMinus
    self.muPlus = muPlus
    self.muMinus = muMinus
    self.wMax = wMax
  }

  /// NEST's `stdp_synapse` (Gütig et al. 2003 form, weights normalised by W_max): at a post spike
  /// w += λ W_max (1 − w/W_max)^{μ₊} A_pre, at a pre spike w −= λ α W_max (w/W_max)^{μ₋} A_post, i.e.
  /// a₊ = λ W_max^{1−μ₊}, a₋ = λ α W_max^{1−μ₋}. With μ₊ = μ₋ = 1 this is the plastic Brunel
  /// benchmark's rule w += λ(w_max − w)A_pre, w −= λα w A_post.
  public static func nest(
    tauPlus: Double, tauMinus: Double, lambda: Double, alpha: Double, muPlus: Double, muMinus: Double, wMax: Double
  ) -> PairSTDPRule {
    PairSTDPRule(
      tauPlus: tauPlus, tauMinus: tauMinus, aPlus: lambda * pow(wMax, 1 - muPlus),
      aMinus: lambda * alpha * pow(wMax, 1 - muMinus), muPlus: muPlus, muMinus: muMinus, wMax: wMax)
  }

  /// The rule of Stubenrauch et al. (2025): additive potentiation w += Δ_c A_pre (τ_c) and
  /// multiplicative depression w ← w(1 + r_ac A_post) (τ_ac, r_ac < 0), i.e. a₊ = Δ_c, μ₊ = 0,
  /// a₋ = −r_ac, μ₋ = 1.
  public static func additivePotentiationMultiplicativeDepression(
    deltaC: Double, rAC: Double, tauC: Double, tauAC: Double
  ) -> PairSTDPRule {
    PairSTDPRule(tauPlus: tauC, tauMinus: tauAC, aPlus: deltaC, aMinus: -rAC, muPlus: 0, muMinus: 1)
  }

  /// A₊(w), the potentiation per unit presynaptic trace.
  public func potentiation(at w: Double) -> Double { muPlus == 0 ? aPlus : aPlus * pow(wMax - w, muPlus) }

  /// A₋(w), the depression per unit postsynaptic trace.
  public func depression(at w: Double) -> Double { muMinus == 0 ? aMinus : aMinus * pow(w, muMinus) }

  /// The mean drift ⟨ẇ⟩ (weight/s) at weight w for independent Poisson trains of rates ρ_x (pre) and
  /// ρ_y (post) (Hz), in the limit of small steps (w fixed over the traces' memory): the pair window
  /// W(s) = A₊(w) e^{−s/τ₊} (s = t_post − t_pre > 0), −A₋(w) e^{s/τ₋} (s < 0) integrated against the
  /// flat cross-correlation ρ_x ρ_y,
  ///
  ///     ⟨ẇ⟩ = ρ_x ρ_y ∫ W(s) ds = ρ_x ρ_y [A₊(w) τ₊ − A₋(w) τ₋].
  ///
  /// For their rule this is the rate part ν r₀ (Δ_c τ_c + r_ac w τ_ac) of the weight drift D⁽¹⁾.
  public func meanDrift(weight w: Double, preRate rhoX: Double, postRate rhoY: Double) -> Double {
    rhoX * rhoY * (potentiation(at: w) * tauPlus - depression(at: w) * tauMinus)
  }
}
