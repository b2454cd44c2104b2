import CGSL

/// The zero of f in `bracket` by Brent's method (`gsl_root_fsolver_brent`); f must change sign on the
/// bracket. Stops when the bracketing interval is within `absTol + relTol·|x|` (`gsl_root_test_interval`).
/// An error thrown by f ends the search and is rethrown; GSL failures (no sign change, a non-finite
/// f, no convergence in `maxIterations`) are thrown as `GSLError` (with time 0: no simulation runs here).
public func brentRoot(
  in bracket: ClosedRange<Double>, absTol: Double = 1e-12, relTol: Double = 1e-12, maxIterations: Int = 200,
  of f: (Double) throws -> Double
) throws -> Double {
  _ = gslErrorHandlerOff
  guard let solver = gsl_root_fsolver_alloc(cgsl_root_brent()) else {
    throw GSLError(code: Int32(GSL_ENOMEM), time: 0, context: "allocating the Brent solver")
  }
  defer { gsl_root_fsolver_free(solver) }
  return try withoutActuallyEscaping(f) { f in
    let box = ScalarFunctionBox(f)
    var function = gsl_function(function: scalarTrampoline, params: Unmanaged.passUnretained(box).toOpaque())
    return try withExtendedLifetime(box) {
      try withUnsafeMutablePointer(to: &function) { function in
        func check(_ status: Int32, _ what: String) throws {
          if let error = box.error { throw error }
          guard status == Int32(GSL_SUCCESS) else { throw GSLError(code: status, time: 0, context: what) }
        }
        try check(
          gsl_root_fsolver_set(solver, function, bracket.lowerBound, bracket.upperBound),
          "Brent root search on [\(bracket.lowerBound), \(bracket.upperBound)]")
        for _ in 0..<maxIterations {
          try check(gsl_root_fsolver_iterate(solver), "Brent iteration")
          let lower = gsl_root_fsolver_x_lower(solver)
          let upper = gsl_root_fsolver_x_upper(solver)
          if gsl_root_test_interval(lower, upper, absTol, relTol) == Int32(GSL_SUCCESS) {
            return gsl_root_fsolver_root(solver)
          }
        }
        throw GSLError(code: Int32(GSL_EMAXITER), time: 0, context: "Brent root search (\(maxIterations) iterations)")
      }
    }
  }
}

/// A zero of F: ℝⁿ → ℝⁿ near `guess` by Powell's hybrid method: `gsl_multiroot_fdfsolver_hybridsj` with
/// the given Jacobian (row-major, ∂F_i/∂x_j at index i·n + j), `gsl_multiroot_fsolver_hybrids` with
/// GSL's finite differences when there is none. Converged when Σ_i |F_i| < `residualTolerance`
/// (`gsl_multiroot_test_residual`, in the units of F), or when an accepted step dx is below
/// `stepTolerance·(1 + |x_i|)` in every component (`gsl_multiroot_test_delta`; independent of the
/// scale of F, for roots that round-off keeps from a small absolute residual). GSL failures,
/// including no progress and no convergence in `maxIterations`, are thrown (with time 0).
public func hybridRoot(
  near guess: [Double], residualTolerance: Double = 1e-12, stepTolerance: Double = 1e-12, maxIterations: Int = 1000,
  function: @escaping (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void,
  jacobian: ((UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void)? = nil
) throws(GSLError) -> [Double] {
  let n = guess.count
  precondition(n > 0, "hybridRoot: empty guess")
  _ = gslErrorHandlerOff
  let box = VectorFunctionBox(dimension: n, function: function, jacobian: jacobian)
  let params = Unmanaged.passUnretained(box).toOpaque()
  var x0 = guess
  return try withExtendedLifetime(box) { () throws(GSLError) -> [Double] in
    try x0.withUnsafeMutableBufferPointer { x0 throws(GSLError) -> [Double] in
      var start = gsl_vector_view_array(x0.baseAddress, n)
      if jacobian != nil {
        guard let s = gsl_multiroot_fdfsolver_alloc(cgsl_multiroot_hybridsj(), n) else {
          throw GSLError(code: Int32(GSL_ENOMEM), time: 0, context: "allocating the hybridsj solver (n = \(n))")
        }
        defer { gsl_multiroot_fdfsolver_free(s) }
        var f = gsl_multiroot_function_fdf(
          f: vectorTrampoline, df: jacobianTrampoline, fdf: bothTrampoline, n: n, params: params)
        return try withUnsafeMutablePointer(to: &f) { f throws(GSLError) -> [Double] in
          try iterateToRoot(
            set: gsl_multiroot_fdfsolver_set(s, f, &start.vector), iterate: { gsl_multiroot_fdfsolver_iterate(s) },
            x: s.pointee.x, f: s.pointee.f, dx: s.pointee.dx, residualTolerance: residualTolerance,
            stepTolerance: stepTolerance, maxIterations: maxIterations)
        }
      } else {
        guard let s = gsl_multiroot_fsolver_alloc(cgsl_multiroot_hybrids(), n) else {
          throw GSLError(code: Int32(GSL_ENOMEM), time: 0, context: "allocating the hybrids solver (n = \(n))")
        }
        defer { gsl_multiroot_fsolver_free(s) }
        var f = gsl_multiroot_function(f: vectorTrampoline, n: n, params: params)
        return try withUnsafeMutablePointer(to: &f) { f throws(GSLError) -> [Double] in
          try iterateToRoot(
            set: gsl_multiroot_fsolver_set(s, f, &start.vector), iterate: { gsl_multiroot_fsolver_iterate(s) },
            x: s.pointee.x, f: s.pointee.f, dx: s.pointee.dx, residualTolerance: residualTolerance,
            stepTolerance: stepTolerance, maxIterations: maxIterations)
        }
      }
    }
  }
}

/// The iteration shared by both hybrid solvers; `x`, `f` and `dx` are the solver's current root,
/// residual and last step (a rejected trial step leaves x unchanged: only accepted steps count).
private func iterateToRoot(
  set: Int32, iterate: () -> Int32, x: UnsafeMutablePointer<gsl_vector>, f: UnsafeMutablePointer<gsl_vector>,
  dx: UnsafeMutablePointer<gsl_vector>, residualTolerance: Double, stepTolerance: Double, maxIterations: Int
) throws(GSLError) -> [Double] {
  guard set == Int32(GSL_SUCCESS) else {
    throw GSLError(code: set, time: 0, context: "evaluating F at the initial guess")
  }
  var root = (0..<x.pointee.size).map { gsl_vector_get(x, $0) }
  for _ in 0...maxIterations {
    if gsl_multiroot_test_residual(f, residualTolerance) == Int32(GSL_SUCCESS) { return root }
    let status = iterate()
    guard status == Int32(GSL_SUCCESS) else {
      throw GSLError(code: status, time: 0, context: "hybrid root search (residual \(residual(f)))")
    }
    let previous = root
    root = (0..<x.pointee.size).map { gsl_vector_get(x, $0) }
    if root != previous, gsl_multiroot_test_delta(dx, x, stepTolerance, stepTolerance) == Int32(GSL_SUCCESS) {
      return root
    }
  }
  throw GSLError(code: Int32(GSL_EMAXITER), time: 0, context: "hybrid root search (\(maxIterations) iterations)")
}

private func residual(_ f: UnsafeMutablePointer<gsl_vector>) -> Double {
  (0..<f.pointee.size).reduce(0) { $0 + abs(gsl_vector_get(f, $1)) }
}

/// f for the Brent trampoline, and the first error it threw.
private final class ScalarFunctionBox {
  let f: (Double) throws -> Double
  var error: (any Error)?
  init(_ f: @escaping (Double) throws -> Double) { self.f = f }
}

/// Non-finite values (and errors thrown by f) stop GSL with GSL_EBADFUNC.
private let scalarTrampoline: @convention(c) (Double, UnsafeMutableRawPointer?) -> Double = { x, params in
  let box = Unmanaged<ScalarFunctionBox>.fromOpaque(params!).takeUnretainedValue()
  guard box.error == nil else { return .nan }
  do { return try box.f(x) } catch {
    box.error = error
    return .nan
  }
}

/// F and its Jacobian for the multiroot trampolines, with contiguous scratch (GSL vectors may be strided).
private final class VectorFunctionBox {
  let dimension: Int
  let function: (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
  let jacobian: ((UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void)?
  let x: UnsafeMutableBufferPointer<Double>
  let y: UnsafeMutableBufferPointer<Double>
  let matrix: UnsafeMutableBufferPointer<Double>

  init(
    dimension n: Int, function: @escaping (UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void,
    jacobian: ((UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void)?
  ) {
    dimension = n
    self.function = function
    self.jacobian = jacobian
    x = .allocate(capacity: n)
    y = .allocate(capacity: n)
    matrix = .allocate(capacity: jacobian == nil ? 0 : n * n)
  }

  deinit {
    x.deallocate()
    y.deallocate()
    matrix.deallocate()
  }

  func load(_ v: UnsafePointer<gsl_vector>) {
    for i in 0..<dimension { x[i] = gsl_vector_get(v, i) }
  }

  func evaluate(into out: UnsafeMutablePointer<gsl_vector>) -> Int32 {
    function(UnsafeBufferPointer(x), y)
    for i in 0..<dimension {
      guard y[i].isFinite else { return Int32(GSL_EBADFUNC) }
      gsl_vector_set(out, i, y[i])
    }
    return Int32(GSL_SUCCESS)
  }

  func evaluateJacobian(into out: UnsafeMutablePointer<gsl_matrix>) -> Int32 {
    jacobian!(UnsafeBufferPointer(x), matrix)
    for i in 0..<dimension {
      for j in 0..<dimension {
        guard matrix[i * dimension + j].isFinite else { return Int32(GSL_EBADFUNC) }
        gsl_matrix_set(out, i, j, matrix[i * dimension + j])
      }
    }
    return Int32(GSL_SUCCESS)
  }

  static func from(_ params: UnsafeMutableRawPointer?) -> VectorFunctionBox {
    Unmanaged<VectorFunctionBox>.fromOpaque(params!).takeUnretainedValue()
  }
}

private let vectorTrampoline:
  @convention(c) (UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<gsl_vector>?) -> Int32 = {
    x, params, f in
    let box = VectorFunctionBox.from(params)
    box.load(x!)
    return box.evaluate(into: f!)
  }

private let jacobianTrampoline:
  @convention(c) (UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<gsl_matrix>?) -> Int32 = {
    x, params, df in
    let box = VectorFunctionBox.from(params)
    box.load(x!)
    return box.evaluateJacobian(into: df!)
  }

private let bothTrampoline:
  @convention(c) (
    UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<gsl_vector>?,
    UnsafeMutablePointer<gsl_matrix>?
  ) -> Int32 = { x, params, f, df in
    let box = VectorFunctionBox.from(params)
    box.load(x!)
    let status = box.evaluate(into: f!)
    return status == Int32(GSL_SUCCESS) ? box.evaluateJacobian(into: df!) : status
  }
