import Foundation
import GSLBridge
import MesoCore
import Testing

/// Harmonic oscillator y'' = −ω²y as (y, v): y(t) = cos ωt, v(t) = −ω sin ωt. Analytic Jacobian.
private struct Oscillator: ODESystem {
  var omega = 2.0
  var dimension: Int { 2 }
  func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dydt: UnsafeMutableBufferPointer<Double>) {
    dydt[0] = y[1]
    dydt[1] = -omega * omega * y[0]
  }
  func jacobian(
    at t: Double, state y: UnsafeBufferPointer<Double>,
    dfdy: UnsafeMutableBufferPointer<Double>, dfdt: UnsafeMutableBufferPointer<Double>
  ) -> Bool {
    dfdy[0] = 0; dfdy[1] = 1; dfdy[2] = -omega * omega; dfdy[3] = 0
    dfdt[0] = 0; dfdt[1] = 0
    return true
  }
}

/// Logistic growth y' = y(1 − y) with y(t) = 1/(1 + 9e^{−t}) from y(0) = 0.1, and a forcing term
/// that depends on t explicitly (y' = y(1 − y) + cos t − sin t·… is avoided: the finite-difference
/// Jacobian is exercised on the nonlinear part). No analytic Jacobian.
private struct Logistic: ODESystem {
  var dimension: Int { 1 }
  func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dydt: UnsafeMutableBufferPointer<Double>) {
    dydt[0] = y[0] * (1 - y[0])
  }
}

/// Returns NaN once t passes 1: the driver must stop with an error naming the time.
private struct BlowsUp: ODESystem {
  var dimension: Int { 1 }
  func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dydt: UnsafeMutableBufferPointer<Double>) {
    dydt[0] = t > 1 ? .nan : 1
  }
}

@Suite struct ODEIntegratorTests {
  /// Every stepper against the closed-form oscillator up to t = 10 (about three periods).
  /// Global error ≲ (number of steps) × (local tolerance): ~10⁴ steps × 10⁻¹⁰ for the higher-order
  /// methods. Implicit Euler (first order, error by step doubling) needs h ~ √tol, so ~10⁵ steps at
  /// tolerance 10⁻⁹: bound 10⁻⁴·scale.
  @Test(arguments: ODEStepper.allCases)
  func oscillatorMatchesClosedForm(stepper: ODEStepper) throws {
    let firstOrder = stepper == .rk1imp
    let tol = firstOrder ? 1e-9 : 1e-10
    let bound = firstOrder ? 1e-3 : 1e-6
    let integrator = try ODEIntegrator(Oscillator(), options: ODEOptions(stepper: stepper, absTol: tol, relTol: tol))
    let times = stride(from: 0.0, through: 10.0, by: 0.5).map { $0 }
    let path = try integrator.trajectory(from: [1, 0], at: times)
    for (k, t) in times.enumerated() {
      #expect(abs(path[2 * k] - cos(2 * t)) < bound, "\(stepper) y(\(t))")
      #expect(abs(path[2 * k + 1] + 2 * sin(2 * t)) < 2 * bound, "\(stepper) v(\(t))")
    }
  }

  /// The implicit steppers without an analytic Jacobian fall back to finite differences.
  @Test(arguments: ODEStepper.allCases.filter(\.usesJacobian))
  func finiteDifferenceJacobianSolvesLogistic(stepper: ODEStepper) throws {
    let bound = stepper == .rk1imp ? 1e-4 : 1e-6  // as above: first order needs ~√tol steps
    let integrator = try ODEIntegrator(Logistic(), options: ODEOptions(stepper: stepper, absTol: 1e-10, relTol: 1e-10))
    let path = try integrator.trajectory(from: [0.1], at: [0, 2, 5])
    #expect(abs(path[1] - 1 / (1 + 9 * exp(-2))) < bound)
    #expect(abs(path[2] - 1 / (1 + 9 * exp(-5))) < bound)
  }

  @Test func nonFiniteDerivativeIsAnErrorWithTheTime() throws {
    let integrator = try ODEIntegrator(BlowsUp())
    #expect {
      _ = try integrator.trajectory(from: [0], at: [0, 2])
    } throws: { error in
      guard let e = error as? GSLError else { return false }
      // GSL reports the start of the step whose stages reached t > 1.
      return e.time > 0 && e.time <= 1 && "\(e)".contains("failed at t =")
    }
  }
}
