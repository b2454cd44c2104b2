import Foundation
import MesoCore
import STDPMemory
import Testing

/// V-A2: drift parts, diffusion and drift zeros of one synapse at the Fig. 2 parameters (ν = 0.1).
@Suite struct SynapseDriftTests {
  /// [O] rows of spec V-A2: μ, D, w, r₀, rate part, α part, β part, total, D⁽²⁾.
  static let rows: [[Double]] = [
    [0.0, 0.1, 0.10, 0.0082956, 2.75412e-7, 7.64372e-7, 2.89477e-7, 1.32926e-6, 9.20475e-10],
    [0.0, 0.2, 0.10, 0.0654826, 2.17402e-6, 3.19055e-6, 6.69841e-7, 6.03441e-6, 7.26595e-9],
    [0.9, 0.1, 0.10, 0.466491, 1.54875e-5, 1.53205e-5, 2.49403e-6, 3.33020e-5, 5.17618e-8],
    [0.9, 0.2, 0.10, 0.583881, 1.93848e-5, 1.36583e-5, 1.56528e-6, 3.46084e-5, 6.47874e-8],
    [0.9, 0.1, 0.20, 0.477480, -4.85120e-5, 3.07791e-5, 9.84933e-6, -7.88360e-6, 9.15998e-8],
    [0.6, 0.2, 0.10, 0.357337, 1.18636e-5, 1.06397e-5, 1.49282e-6, 2.39961e-5, 3.96501e-8],
  ]

  /// Every [O] entry to 5·10⁻⁵ relative (the table has 6 digits).
  @Test func driftAndDiffusionTable() throws {
    let e = try LIFResponseEvaluator()
    for row in Self.rows {
      let theory = try SynapseTheory(synapse: STDPSynapseParameters(), mu: row[0], D: row[1], nu: 0.1)
      let c = try theory.coefficients(at: row[2], evaluator: e)
      let got = [c.response.rate, c.rateDrift, c.alphaDrift, c.betaDrift, c.drift(), c.diffusion]
      for (k, value) in got.enumerated() {
        #expect(abs(value / row[3 + k] - 1) < 5e-5, "μ = \(row[0]), D = \(row[1]), w = \(row[2]), column \(k): \(value) vs \(row[3 + k])")
      }
    }
  }

  /// Drift zeros [O]: 0.180534, 0.156417, 0.277751 and none for μ = 0, D = 0.1 (to 10⁻⁴); rate-only:
  /// w* = Δ_c τ_c/(|r_ac| τ_ac) = 0.124629 for every background.
  @Test func driftZeros() throws {
    let e = try LIFResponseEvaluator()
    for (mu, D, expected) in [(0.9, 0.1, [0.180534]), (0.9, 0.2, [0.156417]), (0.0, 0.2, [0.277751]), (0.0, 0.1, [])] {
      let theory = try SynapseTheory(synapse: STDPSynapseParameters(), mu: mu, D: D, nu: 0.1)
      let zeros = try theory.driftZeros(evaluator: e)
      #expect(zeros.count == expected.count, "μ = \(mu), D = \(D): zeros \(zeros)")
      for (z, x) in zip(zeros, expected) { #expect(abs(z - x) < 1e-4, "μ = \(mu), D = \(D): \(z) vs \(x)") }
      let rateOnly = try theory.driftZeros(correlations: false, evaluator: e)
      #expect(rateOnly.count == 1 && abs(rateOnly[0] - 0.002 * 0.84 / (0.008 * 1.685)) < 1e-9)
    }
  }

  /// The three D⁽¹⁾′ variants: explicit + implicit = total, and the total against a central difference of D⁽¹⁾.
  @Test func driftDerivativeVariants() throws {
    let e = try LIFResponseEvaluator()
    let theory = try SynapseTheory(synapse: STDPSynapseParameters(), mu: 0.9, D: 0.1, nu: 0.1)
    let w = 0.15, h = 1e-5
    let explicit = try theory.driftDerivative(at: w, .explicit, evaluator: e)
    let implicit = try theory.driftDerivative(at: w, .implicit, evaluator: e)
    let total = try theory.driftDerivative(at: w, .total, evaluator: e)
    let numeric = (try theory.coefficients(at: w + h, evaluator: e).drift() - theory.coefficients(at: w - h, evaluator: e).drift()) / (2 * h)
    #expect(abs(explicit + implicit - total) < 1e-12 * abs(total))
    #expect(abs(total / numeric - 1) < 1e-6, "total \(total) vs finite difference \(numeric)")
    #expect(implicit != 0 && explicit < 0, "explicit \(explicit), implicit \(implicit)")
  }

  /// Bad backgrounds are refused by name.
  @Test func badBackgroundsAreRefused() {
    #expect { _ = try SynapseTheory(synapse: STDPSynapseParameters(), mu: 0.9, D: 0, nu: 0.1) } throws: { "\($0)".contains("D = 0: must be > 0") }
    #expect { _ = try SynapseTheory(synapse: STDPSynapseParameters(tauC: -1), mu: 0.9, D: 0.1, nu: 0.1) } throws: {
      "\($0)".contains("synapse.tau_c = -1")
    }
  }
}
