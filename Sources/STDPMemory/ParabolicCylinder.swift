import Foundation
import GSLBridge
import MesoCore

/// Parabolic cylinder functions 𝒟_ν(z) of negative order ν and real z, as logarithms (𝒟_ν > 0 there),
/// from the integral representation
///
///     𝒟_ν(z) = e^{−z²/4} / Γ(−ν) · ∫₀^∞ t^{−ν−1} e^{−zt − t²/2} dt     (ν < 0).
///
/// For ν ≤ −1 the integrand is evaluated in log space, scaled by its maximum at
/// t* = [−z + √(z² + 4(−ν−1))]/2, and integrated by GSL's QAGS on [0, t*] and QAGIU on [t*, ∞), so
/// that values far beyond the range of a Double (z ≪ 0) keep a finite logarithm. For −1 < ν < 0, where
/// the integrand has the singularity t^{−ν−1} at 0, the recurrence 𝒟_ν = z 𝒟_{ν−1} + (1 − ν) 𝒟_{ν−2}
/// (from 𝒟_{ν+1} − z 𝒟_ν + ν 𝒟_{ν−1} = 0) is used instead; it cancels for z < 0, by the factor
/// |z| 𝒟_{ν−1}/𝒟_ν, which stays below 10² for z ≥ −6 and ν ≤ −0.5. Orders ν ≥ 0 have no such
/// representation and are refused.
public final class ParabolicCylinderD {
  private let quadrature: AdaptiveIntegrator

  /// An evaluator whose quadratures stop at relative error `relTol` (default 10⁻¹³; see
  /// `AdaptiveIntegrator` for round-off).
  public init(relTol: Double = 1e-13) throws(GSLError) { quadrature = try AdaptiveIntegrator(absTol: 0, relTol: relTol, limit: 400) }

  /// ln 𝒟_ν(z) for ν < 0 and finite z. Throws a `ParameterError` (`order`, `z`) outside that domain and a
  /// `GSLError` when a quadrature fails or the recurrence cancels completely.
  public func log(order nu: Double, z: Double) throws -> Double {
    guard nu.isFinite, nu < 0 else {
      throw ParameterError(path: "order", value: nu, requirement: "be < 0 (the integral representation of D_nu(z) needs a negative order)")
    }
    guard z.isFinite, abs(z) < 1e150 else { throw ParameterError(path: "z", value: z, requirement: "be finite, |z| < 1e150") }
    if nu > -1 {
      let l1 = try self.log(order: nu - 1, z: z), l2 = try self.log(order: nu - 2, z: z)
      let top = max(l1, l2)
      let sum = z * exp(l1 - top) + (1 - nu) * exp(l2 - top)
      guard sum > 1e-12 * (abs(z) * exp(l1 - top) + (1 - nu) * exp(l2 - top)) else {
        throw GSLError(code: 18, time: 0, context: "D_\(nu)(\(z)) by recurrence (complete cancellation)")
      }
      return top + Foundation.log(sum)
    }
    let a = -nu - 1
    let peak = a > 0 ? 0.5 * (-z + (z * z + 4 * a).squareRoot()) : max(-z, 0)
    let exponent: (Double) -> Double = { t in (a > 0 ? a * Foundation.log(t) : 0) - z * t - 0.5 * t * t }
    let top = exponent(peak)
    let integrand: (Double) -> Double = { t in t > 0 || a == 0 ? exp(exponent(t) - top) : 0 }
    var integral = try quadrature.integrate(from: peak, toInfinity: integrand)
    if peak > 0 { integral += try quadrature.integrate(from: 0, to: peak, integrand) }
    return -0.25 * z * z - logGamma(-nu) + top + Foundation.log(integral)
  }
}

/// ln 𝒟_ν(z) for z ≥ 0 and any real ν through Tricomi's function: 𝒟_ν(z) = 2^{ν/2} e^{−z²/4} U(−ν/2, ½, z²/2)
/// (`gsl_sf_hyperg_U`): an evaluation independent of the integral representation, for checks.
public func logParabolicCylinderDViaHypergeometricU(order nu: Double, z: Double) throws -> Double {
  guard z >= 0, z.isFinite else { throw ParameterError(path: "z", value: z, requirement: "be finite and >= 0 for the U form") }
  let u = try logHypergeometricU(a: -nu / 2, b: 0.5, x: z * z / 2)
  guard u.sign > 0 else { throw ParameterError(path: "order", value: nu, requirement: "give U(−ν/2, ½, z²/2) > 0") }
  return nu / 2 * log(2.0) - z * z / 4 + u.log
}
