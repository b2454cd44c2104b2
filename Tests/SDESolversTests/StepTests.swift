import GSLBridge
import MesoCore
import SDESolvers
import Testing

/// dX = t dt + dW: the drift depends on time only, so one step shows where each scheme evaluates it.
private struct Ramp: SDESystem {
  var dimension: Int { 1 }
  func derivatives(at t: Double, state x: UnsafeBufferPointer<Double>, into f: UnsafeMutableBufferPointer<Double>) {
    f[0] = t
  }
  func diffusion(at t: Double, state x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
    g[0] = 1
  }
}

@Suite struct StepTests {
  /// One step by hand, GBM f = μX, g = σX, g′ = σ with X = 2, μ = 1, σ = 0.5, Δt = 0.1, ΔW = 0.3:
  /// EM 2 + 0.2 + 0.3 = 2.5; Milstein adds ½·1·0.5·(0.09 − 0.1) = −0.0025; Heun multiplies X by
  /// 1 + z + z²/2 with z = (μ − σ²/2)Δt + σΔW = 0.2375, giving 2.53140625. Rounding only: 10⁻¹⁵.
  @Test(arguments: zip(SDEScheme.allCases, [2.5, 2.4975, 2.531_406_25]))
  func geometricBrownianMotionStepByHand(scheme: SDEScheme, expected: Double) {
    var integrator = SDEIntegrator(GeometricBrownianMotion(mu: 1, sigma: 0.5, paths: 1), scheme: scheme)
    var x = [2.0]
    [0.3].withUnsafeBufferPointer { integrator.step(&x, time: 0, dt: 0.1, increments: $0) }
    #expect(abs(x[0] - expected) < 1e-15)
  }

  /// From t = 1 s with Δt = 0.5 s, ΔW = 0.2: the Euler schemes use f(t) = 1 (X = 0.7); Heun the
  /// trapezoid ½(f(t) + f(t + Δt))Δt = 0.625 (X = 0.825).
  @Test(arguments: zip(SDEScheme.allCases, [0.7, 0.7, 0.825]))
  func timeDependentDriftStepByHand(scheme: SDEScheme, expected: Double) {
    var integrator = SDEIntegrator(Ramp(), scheme: scheme)
    var x = [0.0]
    [0.2].withUnsafeBufferPointer { integrator.step(&x, time: 1, dt: 0.5, increments: $0) }
    #expect(abs(x[0] - expected) < 1e-15)
  }

  /// With g′ = 0 the Milstein term vanishes exactly: bit-identical to Euler–Maruyama.
  @Test func milsteinIsEulerMaruyamaForAdditiveNoise() {
    let system = OrnsteinUhlenbeck(tau: 0.02, noise: 3, paths: 4)
    var paths: [[Double]] = []
    for scheme in [SDEScheme.eulerMaruyama, .milstein] {
      var integrator = SDEIntegrator(system, scheme: scheme)
      var random = RandomStream(seed: 11), x = [1.0, -1, 0.5, 0]
      integrator.advance(&x, time: 0, dt: 1e-3, steps: 1000, random: &random)
      paths.append(x)
    }
    #expect(paths[0] == paths[1])
  }
}
