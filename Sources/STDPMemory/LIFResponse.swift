import Foundation
import MesoCore
import NeuronTheory

/// The stationary rate of a LIF neuron with white-noise input (reset 0, threshold 1, τ_m = 1, no
/// refractory period) and its linear responses to a presynaptic kick, in Laplace form at real s < 0.
public struct LIFResponse: Equatable, Sendable {
  /// r₀ = Φ(μ, D), the Siegert rate (per τ_m).
  public var rate: Double
  /// α(s) = ∫₀^∞ χ_μ(t) e^{st} dt: response to a modulation of the mean input (per τ_m per unit of μ).
  public var alpha: Double
  /// β(s) = ∫₀^∞ χ_D(t) e^{st} dt: response to a modulation of the noise intensity (per τ_m per unit of D).
  public var beta: Double

  /// A rate with its two responses.
  public init(rate: Double, alpha: Double, beta: Double) {
    self.rate = rate
    self.alpha = alpha
    self.beta = beta
  }
}

/// Evaluates α(s), β(s) of Lindner & Schimansky-Geier (PRL 86, 2934, 2001, Eqs. 5–6), continued to
/// real negative s:
///
///     α(s) = r₀ s / (√D (s − 1)) · [𝒟_{s−1}(y_T) − e^Δ 𝒟_{s−1}(y_R)] / [𝒟_s(y_T) − e^Δ 𝒟_s(y_R)]
///     β(s) = r₀ s (s − 1) / (D (2 − s)) · [𝒟_{s−2}(y_T) − e^Δ 𝒟_{s−2}(y_R)] / [𝒟_s(y_T) − e^Δ 𝒟_s(y_R)]
///     y_T = (μ − v_T)/√D,  y_R = (μ − v_R)/√D,  Δ = (v_R² − v_T² + 2μ(v_T − v_R))/(4D),
///
/// with each difference formed from logarithms (e^Δ can be huge for small D).
/// As s → 0⁻ they tend to ∂r₀/∂μ and ∂r₀/∂D.
public final class LIFResponseEvaluator {
  private let cylinder: ParabolicCylinderD
  /// Reset and threshold potentials.
  public let vReset: Double, vThreshold: Double

  /// An evaluator for reset `vReset` and threshold `vThreshold` (defaults 0 and 1).
  public init(vReset: Double = 0, vThreshold: Double = 1) throws {
    cylinder = try ParabolicCylinderD()
    self.vReset = vReset
    self.vThreshold = vThreshold
  }

  /// r₀, α(s), β(s) at mean input μ and noise intensity D. Throws a `ParameterError` for D ≤ 0 (the
  /// responses need white noise), for s ≥ 0 or s ≤ −10⁶ (the 𝒟_ν of orders s, s − 1, s − 2 need s < 0),
  /// and non-finite μ.
  public func response(mu: Double, D: Double, s: Double) throws -> LIFResponse {
    guard mu.isFinite, abs(mu) <= 1e6 else { throw ParameterError(path: "mu", value: mu, requirement: "be finite, |mu| <= 1e6") }
    guard D.isFinite, D > 0 else { throw ParameterError(path: "D", value: D, requirement: "be > 0 (the response functions need white noise)") }
    guard s.isFinite, s < 0, s > -1e6 else {
      throw ParameterError(path: "s", value: s, requirement: "be in (-1e6, 0): the response functions are evaluated at s = -1/tau_c < 0")
    }
    let r0 = dimensionlessSiegertRate(mu: mu, D: D, vReset: vReset, vThreshold: vThreshold).rate
    let root = D.squareRoot()
    let yT = (mu - vThreshold) / root, yR = (mu - vReset) / root
    let delta = (vReset * vReset - vThreshold * vThreshold + 2 * mu * (vThreshold - vReset)) / (4 * D)
    let denominator = try difference(order: s, yT, yR, delta)
    let first = try difference(order: s - 1, yT, yR, delta), second = try difference(order: s - 2, yT, yR, delta)
    let ratio1 = first.sign * denominator.sign * exp(first.log - denominator.log)
    let ratio2 = second.sign * denominator.sign * exp(second.log - denominator.log)
    return LIFResponse(rate: r0, alpha: r0 * s / (root * (s - 1)) * ratio1, beta: r0 * s * (s - 1) / (D * (2 - s)) * ratio2)
  }

  /// 𝒟_ν(y_T) − e^Δ 𝒟_ν(y_R) as (ln |·|, sign): e^A − e^B = −e^A expm1(B − A).
  private func difference(order nu: Double, _ yT: Double, _ yR: Double, _ delta: Double) throws -> (log: Double, sign: Double) {
    let a = try cylinder.log(order: nu, z: yT), b = delta + (try cylinder.log(order: nu, z: yR))
    let big = max(a, b), small = min(a, b)
    let magnitude = big + log(-expm1(small - big))
    return (magnitude, a >= b ? 1 : -1)
  }
}
