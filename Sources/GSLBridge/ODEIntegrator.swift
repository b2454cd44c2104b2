import CGSL
import MesoCore

/// Integrates an `ODESystem` with GSL's adaptive `gsl_odeiv2_driver`.
///
/// Owns the GSL driver; methods with a step history (msadams, msbdf) continue from one call to the
/// next, so integrate a trajectory in increasing time. Every GSL status is checked: a failure (for
/// example a derivative that is not finite) is thrown as a `GSLError` naming the time.
public final class ODEIntegrator<System: ODESystem> {
  /// The equations dy/dt = f(t, y) being integrated.
  public let system: System
  /// Stepper, tolerances, first step and step limit of the driver.
  public let options: ODEOptions
  private let callbacks: Callbacks
  private let gslSystem: UnsafeMutablePointer<gsl_odeiv2_system>
  private let driver: UnsafeMutablePointer<gsl_odeiv2_driver>

  /// A GSL driver for `system` with `options`; throws a `GSLError` if GSL cannot allocate it.
  public init(_ system: System, options: ODEOptions = ODEOptions()) throws(GSLError) {
    _ = gslErrorHandlerOff
    self.system = system
    self.options = options
    callbacks = Callbacks(system)
    gslSystem = .allocate(capacity: 1)
    gslSystem.initialize(
      to: gsl_odeiv2_system(
        function: odeFunction, jacobian: odeJacobian, dimension: system.dimension,
        params: Unmanaged.passUnretained(callbacks).toOpaque()))
    guard
      let d = gsl_odeiv2_driver_alloc_y_new(
        gslSystem, options.stepper.gslType, options.initialStep, options.absTol, options.relTol)
    else {
      gslSystem.deallocate()
      throw GSLError(code: Int32(GSL_ENOMEM), time: 0, context: "allocating the \(options.stepper) driver")
    }
    driver = d
    gsl_odeiv2_driver_set_nmax(driver, UInt(options.maxSteps))
  }

  deinit {
    gsl_odeiv2_driver_free(driver)
    gslSystem.deallocate()
  }

  /// Advances `y` from `t` to `t1` with adaptive steps, updating `t`.
  public func advance(_ y: inout [Double], time t: inout Double, to t1: Double) throws(GSLError) {
    precondition(y.count == system.dimension, "state has \(y.count) values, system has \(system.dimension)")
    let status = y.withUnsafeMutableBufferPointer { gsl_odeiv2_driver_apply(driver, &t, t1, $0.baseAddress) }
    guard status == Int32(GSL_SUCCESS) else {
      throw GSLError(code: status, time: t, context: "ODE integration (\(options.stepper.rawValue))")
    }
  }

  /// The trajectory from `y0` sampled at `times` (increasing; the first is the initial time):
  /// row-major values, `times.count` rows of `dimension`.
  public func trajectory(from y0: [Double], at times: [Double]) throws(GSLError) -> [Double] {
    guard let first = times.first else { return [] }
    gsl_odeiv2_driver_reset(driver)
    var y = y0, t = first
    var out = [Double]()
    out.reserveCapacity(times.count * y0.count)
    out.append(contentsOf: y)
    for t1 in times.dropFirst() {
      try advance(&y, time: &t, to: t1)
      out.append(contentsOf: y)
    }
    return out
  }

  /// Forgets the step-size and multistep history (call before starting a new trajectory).
  public func reset() { gsl_odeiv2_driver_reset(driver) }
}

/// What the C trampolines call: the system's functions, plus finite differences for systems
/// without an analytic Jacobian.
private final class Callbacks {
  let dimension: Int
  let f: (Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void
  let analyticJacobian:
    (Double, UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Bool
  /// Scratch for finite differences: shifted state, f at the shifted point, f at the point.
  let shifted: UnsafeMutableBufferPointer<Double>
  let fShifted: UnsafeMutableBufferPointer<Double>
  let f0: UnsafeMutableBufferPointer<Double>

  init<S: ODESystem>(_ system: S) {
    dimension = system.dimension
    f = { system.derivatives(at: $0, state: $1, into: $2) }
    analyticJacobian = { system.jacobian(at: $0, state: $1, dfdy: $2, dfdt: $3) }
    shifted = .allocate(capacity: dimension)
    fShifted = .allocate(capacity: dimension)
    f0 = .allocate(capacity: dimension)
  }

  deinit {
    shifted.deallocate()
    fShifted.deallocate()
    f0.deallocate()
  }

  /// Forward differences with step √ε·max(|y_j|, 1) for ∂f/∂y_j and √ε·max(|t|, 1) for ∂f/∂t.
  func finiteDifferenceJacobian(
    _ t: Double, _ y: UnsafeBufferPointer<Double>,
    _ dfdy: UnsafeMutableBufferPointer<Double>, _ dfdt: UnsafeMutableBufferPointer<Double>
  ) {
    let n = dimension, root = Double.ulpOfOne.squareRoot()
    f(t, y, f0)
    for j in 0..<n { shifted[j] = y[j] }
    for j in 0..<n {
      let h = root * max(abs(y[j]), 1)
      shifted[j] = y[j] + h
      f(t, UnsafeBufferPointer(shifted), fShifted)
      for i in 0..<n { dfdy[i * n + j] = (fShifted[i] - f0[i]) / h }
      shifted[j] = y[j]
    }
    let h = root * max(abs(t), 1)
    f(t + h, y, fShifted)
    for i in 0..<n { dfdt[i] = (fShifted[i] - f0[i]) / h }
  }
}

/// Right-hand side for GSL; a non-finite derivative stops the driver with GSL_EBADFUNC.
private let odeFunction:
  @convention(c) (Double, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, UnsafeMutableRawPointer?) -> Int32 = {
    t, y, dydt, params in
    let box = Unmanaged<Callbacks>.fromOpaque(params!).takeUnretainedValue()
    let out = UnsafeMutableBufferPointer(start: dydt, count: box.dimension)
    box.f(t, UnsafeBufferPointer(start: y, count: box.dimension), out)
    for v in out where !v.isFinite { return Int32(GSL_EBADFUNC) }
    return Int32(GSL_SUCCESS)
  }

/// Jacobian for GSL: the system's own, or finite differences of its right-hand side.
private let odeJacobian:
  @convention(c) (
    Double, UnsafePointer<Double>?, UnsafeMutablePointer<Double>?, UnsafeMutablePointer<Double>?,
    UnsafeMutableRawPointer?
  ) -> Int32 = { t, y, dfdy, dfdt, params in
    let box = Unmanaged<Callbacks>.fromOpaque(params!).takeUnretainedValue()
    let n = box.dimension
    let state = UnsafeBufferPointer(start: y, count: n)
    let jac = UnsafeMutableBufferPointer(start: dfdy, count: n * n)
    let dt = UnsafeMutableBufferPointer(start: dfdt, count: n)
    if !box.analyticJacobian(t, state, jac, dt) { box.finiteDifferenceJacobian(t, state, jac, dt) }
    for v in jac where !v.isFinite { return Int32(GSL_EBADFUNC) }
    return Int32(GSL_SUCCESS)
  }
