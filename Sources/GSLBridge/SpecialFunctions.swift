import CGSL

/// ψ(x) = Γ′(x)/Γ(x), the digamma function (`gsl_sf_psi`), for real x not a non-positive integer.
public func digamma(_ x: Double) -> Double { gsl_sf_psi(x) }

/// The n-point Gauss–Hermite rule for the standard normal: nodes z_i and weights w_i with
/// Σ_i w_i f(z_i) ≈ ∫ f(z) e^{−z²/2} dz/√(2π), exact for polynomials of degree < 2n
/// (`gsl_integration_fixed_hermite`, weight e^{−b(x−a)²} with a = 0, b = 1/2; weights divided by √(2π)).
public func gaussHermiteRule(points n: Int) throws(GSLError) -> (nodes: [Double], weights: [Double]) {
  precondition(n >= 1, "gaussHermiteRule: n = \(n) < 1")
  _ = gslErrorHandlerOff
  guard let table = gsl_integration_fixed_alloc(cgsl_integration_fixed_hermite(), n, 0, 0.5, 0, 0) else {
    throw GSLError(code: Int32(GSL_ENOMEM), time: 0, context: "Gauss–Hermite rule (n = \(n))")
  }
  defer { gsl_integration_fixed_free(table) }
  let norm = (2 * Double.pi).squareRoot()
  let nodes = (0..<n).map { gsl_integration_fixed_nodes(table)[$0] }
  let weights = (0..<n).map { gsl_integration_fixed_weights(table)[$0] / norm }
  return (nodes, weights)
}

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

/// ln |Γ(x)| (`gsl_sf_lngamma`), for real x not a non-positive integer.
public func logGamma(_ x: Double) -> Double { gsl_sf_lngamma(x) }

/// ln U(a, b, x) of Tricomi's confluent hypergeometric function for x > 0 (`gsl_sf_hyperg_U_e10_e`,
/// whose extended exponent keeps the logarithm finite where U over- or underflows), and its sign.
/// Throws a `GSLError` when GSL cannot evaluate it (domain error, loss of accuracy).
public func logHypergeometricU(a: Double, b: Double, x: Double) throws(GSLError) -> (log: Double, sign: Double) {
  _ = gslErrorHandlerOff
  var r = gsl_sf_result_e10(val: 0, err: 0, e10: 0)
  let status = gsl_sf_hyperg_U_e10_e(a, b, x, &r)
  guard status == Int32(GSL_SUCCESS), r.val != 0, r.val.isFinite else {
    throw GSLError(code: status == Int32(GSL_SUCCESS) ? Int32(GSL_EDOM) : status, time: 0, context: "U(\(a), \(b), \(x))")
  }
  return (log(abs(r.val)) + Double(r.e10) * log(10), r.val < 0 ? -1 : 1)
}

/// ln C(n, k) = ln n! − ln k! − ln (n − k)! (`gsl_sf_lnchoose`), for 0 ≤ k ≤ n.
public func logChoose(_ n: Int, _ k: Int) -> Double {
  precondition(k >= 0 && k <= n, "logChoose: k = \(k) outside 0 ... \(n)")
  return gsl_sf_lnchoose(UInt32(n), UInt32(k))
}

/// ln n! (`gsl_sf_lnfact`), for n ≥ 0.
public func logFactorial(_ n: Int) -> Double {
  precondition(n >= 0, "logFactorial: n = \(n) < 0")
  return gsl_sf_lnfact(UInt32(n))
}

/// The quantile z_p of the standard normal distribution, P(Z ≤ z_p) = p (`gsl_cdf_ugaussian_Pinv`), for 0 < p < 1.
public func normalQuantile(_ p: Double) -> Double { gsl_cdf_ugaussian_Pinv(p) }
