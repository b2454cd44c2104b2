import CGSL

/// Where a GSL minimiser stopped.
public struct MinimizationResult: Sendable, Equatable {
  /// The best point found.
  public var x: [Double]
  /// f at `x`.
  public var value: Double
  /// Iterations taken.
  public var iterations: Int
  /// Why the search stopped.
  public var stop: Stop

  /// Why a minimiser stopped.
  public enum Stop: String, Sendable, Equatable {
    /// The method's own test passed (simplex size, or gradient norm).
    case test
    /// f changed by less than the value tolerance over the last window of iterations.
    case valueChange = "value_change"
    /// The iteration limit was reached.
    case iterationLimit = "iteration_limit"
    /// BFGS: the line search could make no more progress (`GSL_ENOPROG`).
    case noProgress = "no_progress"
  }

  /// Whether a stopping test passed (the method's own, or the change of f); false at the iteration
  /// limit and, for BFGS, when the line search made no more progress.
  public var converged: Bool { stop == .test || stop == .valueChange }
}

/// The stopping rule on the change of f: stop once f_{k−m} − f_k < `tolerance` after iteration k ≥ m
/// (m = `window`), i.e. the last m iterations together gained less than `tolerance`. A tolerance of
/// 0 switches the rule off.
public struct ValueChangeTest: Sendable, Equatable {
  /// The least gain of f over `window` iterations that continues the search (units of f).
  public var tolerance: Double
  /// m, iterations (≥ 1).
  public var window: Int

  /// The rule with gain `tolerance` over `window` iterations (0: off).
  public init(tolerance: Double, window: Int) {
    precondition(tolerance >= 0 && window >= 1, "ValueChangeTest: tolerance \(tolerance), window \(window)")
    self.tolerance = tolerance
    self.window = window
  }

  /// No value test.
  public static let off = ValueChangeTest(tolerance: 0, window: 1)

  /// Whether the values so far (f after iterations 1, 2, …, the start first) met the rule.
  func stalls(_ values: [Double]) -> Bool {
    tolerance > 0 && values.count > window && values[values.count - 1 - window] - values[values.count - 1] < tolerance
  }
}

/// The minimum of f: ℝⁿ → ℝ near `start` by the Nelder–Mead simplex (`gsl_multimin_fminimizer_nmsimplex2`),
/// without derivatives. The initial simplex spans `stepSizes` along each axis; stops when the mean
/// distance of the vertices from their centre is below `sizeTolerance` (`gsl_multimin_test_size`).
/// or when the best value gained less than `valueChange` allows (``ValueChangeTest``).
/// f must return finite values (map an invalid point to a large finite penalty); an error f throws
/// ends the search and is rethrown, GSL failures are thrown as `GSLError` (time 0).
public func nelderMeadMinimum(
  start: [Double], stepSizes: [Double], sizeTolerance: Double = 1e-4, maxIterations: Int = 1000, valueChange: ValueChangeTest = .off,
  of f: ([Double]) throws -> Double
) throws -> MinimizationResult {
  let n = start.count
  precondition(n > 0 && stepSizes.count == n, "nelderMeadMinimum: \(n) coordinates, \(stepSizes.count) step sizes")
  _ = gslErrorHandlerOff
  guard let s = gsl_multimin_fminimizer_alloc(cgsl_multimin_nmsimplex2(), n) else {
    throw GSLError(code: Int32(GSL_ENOMEM), time: 0, context: "allocating the nmsimplex2 minimiser (n = \(n))")
  }
  defer { gsl_multimin_fminimizer_free(s) }
  return try withoutActuallyEscaping(f) { f in
    let box = ObjectiveBox(dimension: n, f: f, gradient: nil)
    var function = gsl_multimin_function(f: objectiveTrampoline, n: n, params: Unmanaged.passUnretained(box).toOpaque())
    return try withExtendedLifetime(box) {
      var x0 = start, steps = stepSizes
      let status = x0.withUnsafeMutableBufferPointer { x0 in
        steps.withUnsafeMutableBufferPointer { steps in
          var x = gsl_vector_view_array(x0.baseAddress, n), step = gsl_vector_view_array(steps.baseAddress, n)
          return gsl_multimin_fminimizer_set(s, &function, &x.vector, &step.vector)
        }
      }
      try box.check(status, "Nelder–Mead simplex at the start")
      var values = [s.pointee.fval]
      for iteration in 1...maxIterations {
        try box.check(gsl_multimin_fminimizer_iterate(s), "Nelder–Mead iteration \(iteration)")
        values.append(s.pointee.fval)
        let stop: MinimizationResult.Stop? =
          gsl_multimin_test_size(gsl_multimin_fminimizer_size(s), sizeTolerance) == Int32(GSL_SUCCESS)
          ? .test : valueChange.stalls(values) ? .valueChange : nil
        if let stop { return MinimizationResult(x: box.read(s.pointee.x), value: s.pointee.fval, iterations: iteration, stop: stop) }
      }
      return MinimizationResult(x: box.read(s.pointee.x), value: s.pointee.fval, iterations: maxIterations, stop: .iterationLimit)
    }
  }
}

/// The minimum of f near `start` by the BFGS quasi-Newton method (`gsl_multimin_fdfminimizer_vector_bfgs2`)
/// with `gradient` (∂f/∂x_i at index i). The first trial step has length `initialStep`; the line
/// search stops at `lineTolerance` (GSL's tol, 0.1 recommended); converged when |∇f| <
/// `gradientTolerance` (`gsl_multimin_test_gradient`, in the units of f per unit of x), or when f
/// gained less than `valueChange` allows (``ValueChangeTest``). Errors as for
/// ``nelderMeadMinimum(start:stepSizes:sizeTolerance:maxIterations:valueChange:of:)``.
public func bfgsMinimum(
  start: [Double], initialStep: Double = 0.1, lineTolerance: Double = 0.1, gradientTolerance: Double = 1e-3,
  maxIterations: Int = 500, valueChange: ValueChangeTest = .off, of f: ([Double]) throws -> Double, gradient: ([Double]) throws -> [Double]
) throws -> MinimizationResult {
  let n = start.count
  precondition(n > 0, "bfgsMinimum: empty start")
  _ = gslErrorHandlerOff
  guard let s = gsl_multimin_fdfminimizer_alloc(cgsl_multimin_vector_bfgs2(), n) else {
    throw GSLError(code: Int32(GSL_ENOMEM), time: 0, context: "allocating the vector_bfgs2 minimiser (n = \(n))")
  }
  defer { gsl_multimin_fdfminimizer_free(s) }
  return try withoutActuallyEscaping(f) { f in
    try withoutActuallyEscaping(gradient) { gradient in
      let box = ObjectiveBox(dimension: n, f: f, gradient: gradient)
      var function = gsl_multimin_function_fdf(
        f: objectiveTrampoline, df: gradientTrampoline, fdf: bothTrampoline, n: n, params: Unmanaged.passUnretained(box).toOpaque())
      return try withExtendedLifetime(box) {
        var x0 = start
        let status = x0.withUnsafeMutableBufferPointer { x0 in
          var x = gsl_vector_view_array(x0.baseAddress, n)
          return gsl_multimin_fdfminimizer_set(s, &function, &x.vector, initialStep, lineTolerance)
        }
        try box.check(status, "BFGS at the start")
        var values = [s.pointee.f]
        for iteration in 1...maxIterations {
          let step = gsl_multimin_fdfminimizer_iterate(s)
          if let error = box.error { throw error }
          if step == Int32(GSL_ENOPROG) {
            return MinimizationResult(x: box.read(s.pointee.x), value: s.pointee.f, iterations: iteration, stop: .noProgress)
          }
          try box.check(step, "BFGS iteration \(iteration)")
          values.append(s.pointee.f)
          let stop: MinimizationResult.Stop? =
            gsl_multimin_test_gradient(s.pointee.gradient, gradientTolerance) == Int32(GSL_SUCCESS)
            ? .test : valueChange.stalls(values) ? .valueChange : nil
          if let stop { return MinimizationResult(x: box.read(s.pointee.x), value: s.pointee.f, iterations: iteration, stop: stop) }
        }
        return MinimizationResult(x: box.read(s.pointee.x), value: s.pointee.f, iterations: maxIterations, stop: .iterationLimit)
      }
    }
  }
}

/// f (and its gradient) for the trampolines, and the first error either threw.
private final class ObjectiveBox {
  let dimension: Int
  let f: ([Double]) throws -> Double
  let gradient: (([Double]) throws -> [Double])?
  var error: (any Error)?

  init(dimension: Int, f: @escaping ([Double]) throws -> Double, gradient: (([Double]) throws -> [Double])?) {
    self.dimension = dimension
    self.f = f
    self.gradient = gradient
  }

  func read(_ v: UnsafePointer<gsl_vector>) -> [Double] { (0..<dimension).map { gsl_vector_get(v, $0) } }

  /// f at v; NaN (which stops GSL) after an error.
  func value(_ v: UnsafePointer<gsl_vector>) -> Double {
    guard error == nil else { return .nan }
    do { return try f(read(v)) } catch {
      self.error = error
      return .nan
    }
  }

  /// Writes ∇f at v into `out`; NaNs after an error.
  func gradient(_ v: UnsafePointer<gsl_vector>, into out: UnsafeMutablePointer<gsl_vector>) {
    var g = [Double](repeating: .nan, count: dimension)
    if error == nil {
      do { g = try gradient!(read(v)) } catch { self.error = error }
    }
    for i in 0..<dimension { gsl_vector_set(out, i, g[i]) }
  }

  /// Rethrows f's error, else throws a failed GSL status.
  func check(_ status: Int32, _ what: String) throws {
    if let error { throw error }
    guard status == Int32(GSL_SUCCESS) else { throw GSLError(code: status, time: 0, context: what) }
  }

  static func from(_ params: UnsafeMutableRawPointer?) -> ObjectiveBox {
    Unmanaged<ObjectiveBox>.fromOpaque(params!).takeUnretainedValue()
  }
}

private let objectiveTrampoline: @convention(c) (UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?) -> Double = { x, params in
  ObjectiveBox.from(params).value(x!)
}

private let gradientTrampoline:
  @convention(c) (UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<gsl_vector>?) -> Void = {
    x, params, g in ObjectiveBox.from(params).gradient(x!, into: g!)
  }

private let bothTrampoline:
  @convention(c) (UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<gsl_vector>?)
    -> Void = { x, params, f, g in
      let box = ObjectiveBox.from(params)
      f!.pointee = box.value(x!)
      box.gradient(x!, into: g!)
    }
