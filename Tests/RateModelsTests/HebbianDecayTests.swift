import Foundation
import MesoCore
import RateModels
import Testing

/// The Hebbian rule with decay on a rate network (seed-models §5.9): dW/dt = η(r rᵀ − α W).
@Suite struct HebbianDecayTests {
  /// For constant rates W(t) = W₀ e^{−ηαt} + (1 − e^{−ηαt}) r rᵀ/α exactly, whatever the step: the
  /// rates are held constant by τ = 10¹² s (they move by dt/τ ~ 10⁻¹⁴ per step).
  @Test func constantRatesRelaxToTheOuterProductExactly() throws {
    let eta = 3.0, alpha = 0.5, r0 = [0.3, -0.7, 0.9]
    let w0 = [[0.1, 0.2, -0.3], [0.0, 0.5, 0.1], [-0.2, 0.0, 0.4]]
    for dt in [1e-3, 0.05] {
      let p = RateNetworkParameters(
        tau: [1e12, 1e12, 1e12], W: w0, I: [0, 0, 0], activation: .tanh, r0: r0,
        plasticity: HebbianDecayRule(eta: eta, alpha: alpha, dt: dt))
      let spec = RateModelSpec.rateNetwork(try p.validated())
      #expect(spec.dimension == 3 + 9)
      let recording = try spec.simulate(RateSimulationSettings(duration: 1, recordBin: 0.1), seed: 1)
      let w = try #require(recording.traces.first { $0.name == "W" })
      for (b, t) in recording.time.enumerated() {
        let e = exp(-eta * alpha * t)
        for i in 0..<3 {
          for j in 0..<3 {
            let expected = w0[i][j] * e + (1 - e) * r0[i] * r0[j] / alpha
            #expect(abs(w.values[b * 9 + i * 3 + j] - expected) < 1e-10, "t = \(t), W[\(i)][\(j)], dt = \(dt)")
          }
        }
      }
    }
  }

  /// The time constant is 1/(ηα): after one of them the distance to r rᵀ/α has shrunk by e.
  @Test func timeConstantIsOneOverEtaAlpha() {
    let step = HebbianDecayRule(eta: 2, alpha: 4, dt: 0.125).step  // 1/(ηα) = 0.125: one step is one time constant
    #expect(abs(step.decay - exp(-1)) < 1e-15)
    #expect(abs(step.gain - (1 - exp(-1)) / 4) < 1e-15)
  }

  /// Bad rules are refused naming the key.
  @Test func badRulesAreRefused() {
    for (rule, key) in [
      (HebbianDecayRule(eta: -1, alpha: 1, dt: 0.1), "plasticity.eta"), (HebbianDecayRule(eta: 1, alpha: 0, dt: 0.1), "plasticity.alpha"),
      (HebbianDecayRule(eta: 1, alpha: 1, dt: .nan), "plasticity.dt"),
    ] {
      let p = RateNetworkParameters(tau: [0.01], W: [[0]], I: [0], r0: [0], plasticity: rule)
      #expect { try p.validated() } throws: { ($0 as? ParameterError)?.path == key }
    }
  }
}
