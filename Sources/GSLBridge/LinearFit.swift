import CGSL

/// A straight line y = c₀ + c₁x fitted by weighted least squares, with the covariance of (c₀, c₁).
public struct LinearFit: Equatable, Sendable {
  /// Intercept c₀ and slope c₁.
  public var intercept: Double
  /// See `intercept`.
  public var slope: Double
  /// Covariance matrix of (c₀, c₁): var c₀, cov(c₀, c₁), var c₁.
  public var varianceIntercept: Double
  /// See `varianceIntercept`.
  public var covariance: Double
  /// See `varianceIntercept`.
  public var varianceSlope: Double
  /// χ² = Σ wᵢ (yᵢ − c₀ − c₁xᵢ)².
  public var chiSquared: Double

  /// Fits y against x with weights wᵢ = 1/σᵢ² (`gsl_fit_wlinear`; the covariance is that of the given σᵢ,
  /// not rescaled by χ²). Needs at least two points with positive weight at distinct x.
  public init(x: [Double], y: [Double], weights: [Double]) throws {
    precondition(x.count == y.count && y.count == weights.count, "x, y and weights must have one entry per point")
    _ = gslErrorHandlerOff
    var c0 = 0.0, c1 = 0.0, cov00 = 0.0, cov01 = 0.0, cov11 = 0.0, chisq = 0.0
    let status = gsl_fit_wlinear(x, 1, weights, 1, y, 1, x.count, &c0, &c1, &cov00, &cov01, &cov11, &chisq)
    guard status == Int32(GSL_SUCCESS), c1.isFinite, c0.isFinite else {
      throw GSLError(code: status == Int32(GSL_SUCCESS) ? Int32(GSL_EDOM) : status, time: 0, context: "weighted linear fit of \(x.count) points")
    }
    intercept = c0
    slope = c1
    varianceIntercept = cov00
    covariance = cov01
    varianceSlope = cov11
    chiSquared = chisq
  }

  /// The zero x₀ = −c₀/c₁ and its standard error by linear error propagation,
  /// var x₀ = (var c₀ + 2x₀ cov(c₀, c₁) + x₀² var c₁)/c₁².
  public var zero: (value: Double, standardError: Double) {
    let x0 = -intercept / slope
    let variance = (varianceIntercept + 2 * x0 * covariance + x0 * x0 * varianceSlope) / (slope * slope)
    return (x0, max(variance, 0).squareRoot())
  }
}
