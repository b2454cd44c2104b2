import CGSL

/// ln erfc(x) (`gsl_sf_log_erfc`), finite for every finite x: for large positive x, where erfc(x)
/// underflows, it is ≈ −x² − ln(x√π).
public func logErfc(_ x: Double) -> Double { gsl_sf_log_erfc(x) }

/// ln erfcx(x), the logarithm of the scaled complementary error function erfcx(x) = e^{x²} erfc(x)
/// (GSL has no erfcx); accurate to ~10⁻¹³ relative for every finite x. For x < 0 it is
/// x² + ln erfc(x) (no cancellation); for x ≥ 0, where x² + ln erfc(x) would lose ≈ x²·ε, it is taken
/// from GSL's hazard function h(t) = e^{−t²/2}/(√(2π) Q(t)) (`gsl_sf_hazard`, asymptotic for large t):
/// erfcx(x) = √(2/π) / h(√2 x) ≈ 1/(x√π) for large x.
public func logErfcx(_ x: Double) -> Double {
  x < 0 ? x * x + gsl_sf_log_erfc(x) : 0.5 * log(2 / Double.pi) - log(gsl_sf_hazard(2.0.squareRoot() * x))
}

/// erfcx(x) = e^{x²} erfc(x) from ``logErfcx(_:)``; overflows to +∞ only for x ≲ −26.6.
public func erfcx(_ x: Double) -> Double { exp(logErfcx(x)) }
