import CGSL

/// Adaptive quadrature with GSL's QUADPACK routines, one workspace reused across calls.
/// Each call stops when the error estimate is below max(`absTol`, `relTol`·|result|). Where round-off
/// keeps GSL from reaching that (GSL_EROUND) the result is accepted if its error estimate is within
/// 100 times the target; other GSL failures (tolerance not reached, divergence, a non-finite integrand)
/// are thrown as `GSLError`.
public final class AdaptiveIntegrator {
  private let workspace: UnsafeMutablePointer<gsl_integration_workspace>
  private let limit: Int
  /// Absolute error target.
  public let absTol: Double
  /// Relative error target.
  public let relTol: Double

  /// A workspace of `limit` subintervals and the two error targets.
  public init(absTol: Double = 0, relTol: Double = 1e-12, limit: Int = 1000) throws(GSLError) {
    _ = gslErrorHandlerOff
    guard let w = gsl_integration_workspace_alloc(limit) else {
      throw GSLError(code: Int32(GSL_ENOMEM), time: 0, context: "allocating a quadrature workspace")
    }
    workspace = w
    self.limit = limit
    self.absTol = absTol
    self.relTol = relTol
  }

  deinit { gsl_integration_workspace_free(workspace) }

  /// ∫_a^∞ f(t) dt (`gsl_integration_qagiu`: t = a + (1 − u)/u mapped onto (0, 1], then QAGS).
  public func integrate(from a: Double, toInfinity f: (Double) -> Double) throws(GSLError) -> Double {
    try run(f, context: "∫ from \(a) to ∞") { function, result, error in
      gsl_integration_qagiu(function, a, absTol, relTol, limit, workspace, result, error)
    }
  }

  /// ∫_a^b f(t) dt by QAGS (`gsl_integration_qags`: Gauss–Kronrod 21 with Wynn's ε-extrapolation, which
  /// handles integrable end-point singularities).
  public func integrate(from a: Double, to b: Double, _ f: (Double) -> Double) throws(GSLError) -> Double {
    try run(f, context: "∫ from \(a) to \(b)") { function, result, error in
      gsl_integration_qags(function, a, b, absTol, relTol, limit, workspace, result, error)
    }
  }

  private func run(
    _ f: (Double) -> Double, context: String,
    _ call: (UnsafeMutablePointer<gsl_function>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Int32
  ) throws(GSLError) -> Double {
    try withoutActuallyEscaping(f) { f throws(GSLError) -> Double in
      let box = IntegrandBox(f)
      var function = gsl_function(function: integrandTrampoline, params: Unmanaged.passUnretained(box).toOpaque())
      var result = 0.0, error = 0.0
      let status = withExtendedLifetime(box) { call(&function, &result, &error) }
      let roundOffOnly = status == Int32(GSL_EROUND) && error <= 100 * max(absTol, relTol * abs(result))
      guard status == Int32(GSL_SUCCESS) || roundOffOnly, result.isFinite else {
        throw GSLError(code: status == Int32(GSL_SUCCESS) ? Int32(GSL_EBADFUNC) : status, time: 0, context: "quadrature \(context)")
      }
      return result
    }
  }
}

private final class IntegrandBox {
  let f: (Double) -> Double
  init(_ f: @escaping (Double) -> Double) { self.f = f }
}

private let integrandTrampoline: @convention(c) (Double, UnsafeMutableRawPointer?) -> Double = { x, params in
  Unmanaged<IntegrandBox>.fromOpaque(params!).takeUnretainedValue().f(x)
}
