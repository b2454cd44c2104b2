/// The Siegert rate in the dimensionless units of Stubenrauch et al. (2025): time in units of
/// τ_m, reset v_R and threshold v_T (default 0 and 1), no refractory period, and noise intensity D with
/// dv = (−v + μ) dt + √(2D) dW, i.e. σ² = 2D in Brunel's convention.
public struct DimensionlessSiegertRate: Equatable, Sendable {
  /// Φ(μ, D), rate per τ_m.
  public var rate: Double
  /// ln Φ, finite where Φ underflows.
  public var logRate: Double
  /// ∂Φ/∂μ.
  public var dRateDMu: Double
  /// ∂Φ/∂D.
  public var dRateDD: Double
}

/// Φ(μ, D) of their single-synapse theory — the same function as ``siegertRate(mu:sigma:neuron:)`` with τ_m = 1,
/// τ_ref = 0, θ = v_T, V_r = v_R and σ = √(2D); ∂Φ/∂D = (∂ν/∂σ)/σ since dσ/dD = 1/σ. Needs D > 0.
public func dimensionlessSiegertRate(mu: Double, D: Double, vReset: Double = 0, vThreshold: Double = 1)
  -> DimensionlessSiegertRate
{
  let sigma = (2 * D).squareRoot()
  let r = siegertRate(mu: mu, sigma: sigma, neuron: LIFTheoryParameters(tauM: 1, vTh: vThreshold, vReset: vReset, tRef: 0))
  return DimensionlessSiegertRate(rate: r.rate, logRate: r.logRate, dRateDMu: r.dRateDMu, dRateDD: r.dRateDSigma / sigma)
}
