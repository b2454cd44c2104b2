import Foundation
import NetworkCore
import Testing

/// The exact one-step synaptic propagator against a fine Euler integration of
/// τ_m du/dt = −u + τ_m y, τ_s dy/dt = −y + A over one step (u(0) = 0), for τ_s ≠ τ_m, τ_s = τ_m and
/// a delta PSC; tolerance: the fine integration's own error, O(Δt/steps) ≈ 10⁻⁶ relative.
@Suite struct SynapticPropagatorTests {
  func fineIntegration(tauS: Double, tauM: Double, dt: Double, rate a: Double, filter y0: Double) -> (u: Double, y: Double) {
    let steps = 200_000, h = dt / Double(steps)
    var u = 0.0, y = y0
    for _ in 0..<steps {
      let du = (-u + tauM * y) / tauM, dy = (-y + a) / tauS
      u += h * du
      y += h * dy
    }
    return (u, y)
  }

  @Test(arguments: [0.003, 0.02, 0.0201])
  func exponentialSynapseIsExact(tauS: Double) {
    let (tauM, dt, a, y0) = (0.02, 0.0005, 40.0, 10.0)
    let propagator = SynapticPropagator(tauS: tauS, tauM: tauM, dt: dt)
    let fine = fineIntegration(tauS: tauS, tauM: tauM, dt: dt, rate: a, filter: y0)
    #expect(abs(tauM * propagator.increment(rate: a, filter: y0) / fine.u - 1) < 1e-5)
    #expect(abs(propagator.advanced(rate: a, filter: y0) / fine.y - 1) < 1e-6)
  }

  /// Delta PSC: a rate A held over the step moves u by A·τ_m(1 − E_m).
  @Test func deltaSynapseHoldsTheRate() {
    let propagator = SynapticPropagator(tauS: 0, tauM: 0.02, dt: 0.0005)
    #expect(abs(propagator.increment(rate: 40, filter: 0) - 40 * (1 - exp(-0.0005 / 0.02))) < 1e-15)
  }
}
