import Foundation
import GSLBridge

/// The stationary rate of a LIF neuron driven by Gaussian white noise, and its sensitivities.
public struct SiegertRate: Equatable, Sendable {
  /// ν, stationary firing rate (Hz); underflows to 0 for strongly sub-threshold drive, where ``logRate`` stays finite.
  public var rate: Double
  /// ln(ν/Hz), finite whenever the drive and noise are.
  public var logRate: Double
  /// ∂ν/∂μ (Hz/mV).
  public var dRateDMu: Double
  /// ∂ν/∂σ (Hz/mV).
  public var dRateDSigma: Double
}

/// The Siegert (diffusion-approximation) rate of the LIF with white noise in Brunel's convention
/// (Brunel 2000, Eq. 21): τ_m dV/dt = −V + μ + σ√τ_m ξ(t), threshold θ, reset V_r,
/// refractory period τ_ref (voltages above rest, mV; σ in mV):
///
///     1/ν = τ_ref + τ_m √π ∫_{y_r}^{y_θ} e^{u²}(1 + erf u) du = τ_ref + τ_m √π ∫_{y_r}^{y_θ} erfcx(−u) du,
///     y_r = (V_r − μ)/σ,  y_θ = (θ − μ)/σ.
///
/// The derivatives follow from the integrand at the bounds (f(u) = erfcx(−u)):
///
///     ∂ν/∂μ = ν² τ_m √π [f(y_θ) − f(y_r)] / σ,   ∂ν/∂σ = ν² τ_m √π [y_θ f(y_θ) − y_r f(y_r)] / σ.
///
/// Everything is computed from logarithms (`logErfcx`), so rates down to the smallest Double
/// (and ``SiegertRate/logRate`` below it) come out without NaN, and σ → 0 tends to the deterministic
/// rate ``deterministicLIFRate(mu:neuron:)`` (for μ > θ; to 0 for μ < θ). Needs finite μ and σ > 0.
public func siegertRate(mu: Double, sigma: Double, neuron: LIFTheoryParameters) -> SiegertRate {
  precondition(mu.isFinite && sigma.isFinite && sigma > 0, "siegertRate: needs finite mu and sigma > 0 (mu = \(mu), sigma = \(sigma))")
  let yR = (neuron.vReset - mu) / sigma, yT = (neuron.vTh - mu) / sigma
  // ln(τ_m √π ∫ …), then ln(1/ν) = ln(τ_ref + that) without overflow.
  let logScale = log(neuron.tauM) + 0.5 * log(Double.pi)
  let logPassage = logScale + logSiegertIntegral(from: yR, to: yT)
  let logPeriod: Double
  if neuron.tRef > 0 {
    let logRef = log(neuron.tRef)
    logPeriod = max(logRef, logPassage) + log1p(exp(-abs(logRef - logPassage)))
  } else {
    logPeriod = logPassage
  }
  let logRate = -logPeriod
  // ν² τ_m √π f(y_θ)/σ in log space; f(y_r)/f(y_θ) < 1 since f increases.
  let logFT = logErfcx(-yT), ratio = exp(logErfcx(-yR) - logFT)
  let common = exp(2 * logRate + logScale + logFT - log(sigma))
  return SiegertRate(
    rate: exp(logRate), logRate: logRate, dRateDMu: common * (1 - ratio), dRateDSigma: common * (yT - yR * ratio))
}
