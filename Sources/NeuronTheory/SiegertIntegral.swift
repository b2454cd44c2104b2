import Foundation
import GSLBridge

/// The 64-point Gauss–Legendre rule every panel of the Siegert integral uses.
private let siegertRule = GaussLegendreRule(points: 64)

/// ln ∫_a^b erfcx(−u) du for a < b, the integral of the Siegert formula, accurate to a few
/// ulps·(number of panels) for any finite bounds:
/// - the integrand e^{u²} erfc(−u) is evaluated in log space (`logErfcx`, `logErfc`) and scaled by e^{−b²}
///   when b > 0, so strongly sub-threshold inputs (b ≫ 1, rates far below 10⁻³⁰⁰ Hz) give a finite
///   logarithm instead of overflowing; for b > 8 the part below b − 60/b, smaller than e^{−60} of the
///   total, is left out;
/// - for u < 0 the integrand ≈ 1/(√π|u|) varies on the scale |u|, so [a, min(b, 0)] is cut into panels
///   [2ℓ, ℓ] of doubling length below −1 (the σ → 0 limit of a supra-threshold drive, where a, b → −∞);
/// - for u > 0 the panels are ≈ 8/b long, over which the integrand changes by at most ≈ e^{16}.
/// Each panel uses the fixed 64-point Gauss–Legendre rule (`gsl_integration_glfixed`).
func logSiegertIntegral(from a: Double, to b: Double) -> Double {
  precondition(a < b && a.isFinite && b.isFinite, "logSiegertIntegral: needs finite a < b, got [\(a), \(b)]")
  let shift = b > 0 ? b * b : 0
  var sum = 0.0
  // Negative half: [a, min(b, 0)], panels [max(a, 2ℓ), ℓ] of doubling length below −1.
  if a < 0 {
    var upper = min(b, 0)
    while upper > a {
      let lower = max(a, upper > -1 ? -1 : 2 * upper)
      sum += siegertRule.integrate(from: lower, to: upper) { exp(logErfcx(-$0) - shift) }
      upper = lower
    }
  }
  // Positive half: [max(a, 0, b − 60/b), b] in panels of length ≈ 8/max(b, 1).
  if b > 0 {
    let start = max(a, 0, b > 8 ? b - 60 / b : 0)
    let panels = max(1, Int(((b - start) * max(b, 1) / 8).rounded(.up)))
    let width = (b - start) / Double(panels)
    for k in 0..<panels {
      let lower = start + Double(k) * width
      // e^{u² − b²} erfc(−u), the exponent as (u − b)(u + b) without cancellation.
      sum += siegertRule.integrate(from: lower, to: k == panels - 1 ? b : lower + width) { u in
        exp((u - b) * (u + b) + logErfc(-u))
      }
    }
  }
  return shift + log(sum)
}
