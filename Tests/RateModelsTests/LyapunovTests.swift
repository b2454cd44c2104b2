import Foundation
import GSLBridge
import MesoCore
import RateModels
import Testing

/// dy/dt = A y with A = [[−0.5, 1], [0, −2]]: eigenvalues −0.5 and −2, so λ_max = −0.5 exactly.
/// Uses the default tangent product (through the analytic Jacobian).
private struct Linear: TangentDynamics {
  var dimension: Int { 2 }
  func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dydt: UnsafeMutableBufferPointer<Double>) {
    dydt[0] = -0.5 * y[0] + y[1]
    dydt[1] = -2 * y[1]
  }
  func jacobian(
    at t: Double, state y: UnsafeBufferPointer<Double>,
    dfdy: UnsafeMutableBufferPointer<Double>, dfdt: UnsafeMutableBufferPointer<Double>
  ) -> Bool {
    dfdy[0] = -0.5
    dfdy[1] = 1
    dfdy[2] = 0
    dfdy[3] = -2
    dfdt[0] = 0
    dfdt[1] = 0
    return true
  }
}

@Suite struct LyapunovTests {
  /// After a transient of 20 s the tangent vector's component along the faster eigenvector is
  /// suppressed by e^{−1.5·20} ≈ 1e-13, so every interval grows by exactly e^{−0.5}; the integrator
  /// (tolerance 1e-10) limits the error. Bound 1e-6, and the blocks agree to the same. Also with a
  /// multistep method, whose history is restarted at every renormalisation.
  @Test(arguments: [ODEStepper.rkf45, .msadams])
  func linearSystemGivesLeadingEigenvalue(stepper: ODEStepper) throws {
    let ode = ODEOptions(stepper: stepper, absTol: 1e-10, relTol: 1e-10)
    let estimate = try largestLyapunovExponent(
      of: Linear(), from: [1, 1],
      options: LyapunovOptions(transient: 20, duration: 50, interval: 0.5, blocks: 5, ode: ode))
    #expect(abs(estimate.exponent + 0.5) < 1e-6)
    #expect(estimate.blockExponents.allSatisfy { abs($0 + 0.5) < 1e-6 } && estimate.standardError < 1e-6)
  }

  /// On a stable limit cycle (tanh E–I model at w_EE = 1.6, τ_E = 1 s) λ_max = 0: the tangent vector
  /// aligns with the flow f(y), so ln‖v‖ changes by at most ln(max‖f‖/min‖f‖) over the averaging
  /// time T — that ratio, measured on the cycle, divided by T is the bound.
  @Test func limitCycleHasZeroExponent() throws {
    let system = WilsonCowanTests.model(wEE: 1.6)
    let onCycle = try state(of: system, from: system.initialState, at: 500)
    let estimate = try largestLyapunovExponent(
      of: system, from: onCycle,
      options: LyapunovOptions(
        transient: 100, duration: 500, interval: 1, ode: ODEOptions(absTol: 1e-10, relTol: 1e-10)))
    let e = try samples(of: system, from: onCycle, component: 0, window: 0...10, dt: 0.01)
    let i = try samples(of: system, from: onCycle, component: 1, window: 0...10, dt: 0.01)
    let speeds = zip(e, i).map { y in system.drift(at: [y.0, y.1]).reduce(0) { $0 + $1 * $1 }.squareRoot() }
    let bound = log(speeds.max()! / speeds.min()!) / 500
    #expect(abs(estimate.exponent) < bound, "λ = \(estimate.exponent), bound \(bound)")
  }
}
