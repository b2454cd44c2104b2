import CGSL

/// GSL `odeiv2` stepping methods, by the names of the configuration files.
public enum ODEStepper: String, CaseIterable, Codable, Sendable {
  /// Explicit embedded Runge–Kutta (2, 3).
  case rk2
  /// Explicit 4th-order Runge–Kutta (error by step doubling).
  case rk4
  /// Explicit embedded Runge–Kutta–Fehlberg (4, 5): the general-purpose default.
  case rkf45
  /// Explicit embedded Runge–Kutta Cash–Karp (4, 5).
  case rkck
  /// Explicit embedded Runge–Kutta Prince–Dormand (8, 9): the reference method.
  case rk8pd
  /// Implicit Euler (Gaussian 1st order); needs the Jacobian.
  case rk1imp
  /// Implicit Gaussian 2nd-order Runge–Kutta (midpoint); needs the Jacobian.
  case rk2imp
  /// Implicit Gaussian 4th-order Runge–Kutta; needs the Jacobian.
  case rk4imp
  /// Implicit Bulirsch–Stoer (Bader–Deuflhard); needs the Jacobian.
  case bsimp
  /// Variable-order Adams (orders 1–12, functional iteration).
  case msadams
  /// Variable-order backward differentiation formulas (orders 1–5) for stiff systems; needs the Jacobian.
  case msbdf

  /// Whether GSL calls the Jacobian for this method.
  public var usesJacobian: Bool {
    switch self {
    case .rk1imp, .rk2imp, .rk4imp, .bsimp, .msbdf: true
    default: false
    }
  }

  var gslType: UnsafePointer<gsl_odeiv2_step_type> {
    switch self {
    case .rk2: cgsl_step_rk2()
    case .rk4: cgsl_step_rk4()
    case .rkf45: cgsl_step_rkf45()
    case .rkck: cgsl_step_rkck()
    case .rk8pd: cgsl_step_rk8pd()
    case .rk1imp: cgsl_step_rk1imp()
    case .rk2imp: cgsl_step_rk2imp()
    case .rk4imp: cgsl_step_rk4imp()
    case .bsimp: cgsl_step_bsimp()
    case .msadams: cgsl_step_msadams()
    case .msbdf: cgsl_step_msbdf()
    }
  }
}

/// Settings of the adaptive driver: the local error of each component is kept below
/// `absTol + relTol·|y_i|` (GSL's standard control with a_y = 1, a_dydt = 0).
public struct ODEOptions: Equatable, Sendable {
  /// The GSL `odeiv2` stepping method.
  public var stepper: ODEStepper
  /// Absolute error bound per component, in the state's unit.
  public var absTol: Double
  /// Relative error bound per component (dimensionless).
  public var relTol: Double
  /// First trial step (same unit as t).
  public var initialStep: Double
  /// Largest number of steps between two output times before the driver gives up (GSL_EMAXITER).
  public var maxSteps: Int

  /// Driver settings; the defaults are rkf45 with absolute and relative tolerances 10⁻⁸, a first trial
  /// step of 10⁻⁶ and at most 10⁷ steps between two output times.
  public init(
    stepper: ODEStepper = .rkf45, absTol: Double = 1e-8, relTol: Double = 1e-8,
    initialStep: Double = 1e-6, maxSteps: Int = 10_000_000
  ) {
    self.stepper = stepper
    self.absTol = absTol
    self.relTol = relTol
    self.initialStep = initialStep
    self.maxSteps = maxSteps
  }
}
