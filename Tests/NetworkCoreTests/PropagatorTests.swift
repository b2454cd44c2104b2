import Foundation
import MesoCore
import NetworkCore
import Testing

/// The shared per-step propagators against independent answers.
@Suite("NetworkCore propagators")
struct PropagatorTests {
  /// τ_m du/dt = −u + τ_m y, τ_s dy/dt = −y + A over one step Δt from u = 0, y = y0, integrated by
  /// RK4 with 20 000 substeps (error ~ (Δt/20 000)^4, far below 1e-12): u(Δt) must equal τ_m F(A, y0)
  /// and y(Δt) the propagator's update. Includes τ_s within 10⁻⁶ of τ_m (the limit formula).
  @Test(arguments: [0.003, 0.006, 0.02 * (1 + 1e-7), 0.05])
  func exactOverOneStep(tauS: Double) {
    let tauM = 0.02, dt = 0.0005, a = 400.0, y0 = 150.0
    let propagator = SynapticPropagator(tauS: tauS, tauM: tauM, dt: dt)
    func derivative(_ u: Double, _ y: Double) -> (Double, Double) { ((-u + tauM * y) / tauM, (-y + a) / tauS) }
    var u = 0.0, y = y0
    let n = 20_000, h = dt / Double(n)
    for _ in 0..<n {
      let k1 = derivative(u, y)
      let k2 = derivative(u + h / 2 * k1.0, y + h / 2 * k1.1)
      let k3 = derivative(u + h / 2 * k2.0, y + h / 2 * k2.1)
      let k4 = derivative(u + h * k3.0, y + h * k3.1)
      u += h / 6 * (k1.0 + 2 * k2.0 + 2 * k3.0 + k4.0)
      y += h / 6 * (k1.1 + 2 * k2.1 + 2 * k3.1 + k4.1)
    }
    #expect(abs(tauM * propagator.increment(rate: a, filter: y0) - u) < 1e-9 * max(1, abs(u)))
    #expect(abs(propagator.advanced(rate: a, filter: y0) - y) < 1e-9 * max(1, abs(y)))
  }

  /// Delta PSC: the rate held over the step gives A(1 − E_m) and the filter is the rate itself.
  @Test func deltaSynapse() {
    let propagator = SynapticPropagator(tauS: 0, tauM: 0.02, dt: 0.0005)
    #expect(propagator.increment(rate: 2000, filter: 77) == 2000 * (1 - exp(-0.0005 / 0.02)))
    #expect(propagator.advanced(rate: 2000, filter: 77) == 2000)
  }

  /// u⁺ = U + (1 − U)u⁻, r = u⁺x⁻, x⁺ = x⁻(1 − u⁺); without facilitation u⁺ ≡ U and u relaxes to U_0 at once.
  @Test func tsodyksMarkramSpikeAndRelaxation() {
    let facilitating = TsodyksMarkram(STPParameters(U: 0.2, U0: 0.1, tauD: 0.3, tauF: 0.5), dt: 0.001)
    var u = 0.4, x = 0.7
    let r = facilitating.spike(u: &u, x: &x)
    #expect(abs(u - (0.2 + 0.8 * 0.4)) < 1e-15 && abs(r - u * 0.7) < 1e-15 && abs(x - 0.7 * (1 - u)) < 1e-15)
    facilitating.relax(u: &u, x: &x)
    #expect(abs(u - (0.1 + (0.52 - 0.1) * exp(-0.002))) < 1e-15)
    let depressing = TsodyksMarkram(STPParameters(U: 0.5, U0: 0.2, tauD: 0.3), dt: 0.001)
    u = 0.2
    x = 1
    #expect(depressing.spike(u: &u, x: &x) == 0.5)
    depressing.relax(u: &u, x: &x)
    #expect(u == 0.2 && abs(x - (1 - 0.5 * exp(-0.001 / 0.3))) < 1e-15)
  }

  /// λ = c·exp((u − ϑ)/ΔV), finite even far above threshold; P = 1 − e^{−Λ}.
  @Test func escapeRate() {
    let escape = EscapeNoise(lambda0: 10, deltaV: 2)
    #expect(escape.rate(0) == 10)
    #expect(abs(escape.rate(-4) - 10 * exp(-2)) < 1e-15)
    #expect(escape.rate(1e6).isFinite)
    #expect(abs(firingProbability(integratedRate: 1e-20) - 1e-20) < 1e-35)
  }
}
