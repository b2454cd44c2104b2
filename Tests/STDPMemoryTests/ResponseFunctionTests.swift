import Foundation
import GSLBridge
import MesoCore
import NeuronTheory
import STDPMemory
import Testing

/// 𝒟_ν(z) of negative order, α(s), β(s): spec tables and independent evaluations.
@Suite struct ResponseFunctionTests {
  /// ν₀ = −1/0.84 and orders ν₀ − 1, ν₀ − 2 (spec §6.2 table, integral representation checked against SciPy's pbdv).
  static let table: [(z: Double, values: [Double])] = [
    (-6, [3.0963441441e4, 1.5690156786e5, 4.4390934391e5]), (-3.16, [4.0745891882e1, 1.1051387445e2, 1.7802966169e2]),
    (-1, [2.9633354692, 3.4854956137, 2.9440315813]), (0, [1.2307399968, 9.2903022228e-1, 5.6185956375e-1]),
    (0.5, [7.7068811155e-1, 4.7354542603e-1, 2.4374398629e-1]), (2, [1.2955403088e-1, 4.7412515225e-2, 1.5854543674e-2]),
    (5, [2.7098248082e-4, 5.0236914003e-5, 9.0381766699e-6]),
  ]

  /// The table to 10⁻⁹ relative (it has 11 digits).
  @Test func parabolicCylinderTable() throws {
    let d = try ParabolicCylinderD(), nu0 = -1 / 0.84
    for row in Self.table {
      for (k, expected) in row.values.enumerated() {
        let value = exp(try d.log(order: nu0 - Double(k), z: row.z))
        #expect(abs(value / expected - 1) < 1e-9, "D_\(nu0 - Double(k))(\(row.z)) = \(value), table \(expected)")
      }
    }
  }

  /// Against GSL's U(−ν/2, ½, z²/2) for z > 0 and 2^{ν/2}√π/Γ((1−ν)/2) at z = 0, both orders regimes
  /// (direct integral for ν ≤ −1, recurrence for −1 < ν < 0), to 10⁻¹⁰.
  @Test func parabolicCylinderAgainstHypergeometricU() throws {
    let d = try ParabolicCylinderD()
    for nu in [-0.3, -0.595, -0.9, -1, -1.19, -2.5, -3.38, -7] {
      for z in [0.1, 0.5, 1, 2, 3.5, 5, 9] {
        let integral = try d.log(order: nu, z: z), u = try logParabolicCylinderDViaHypergeometricU(order: nu, z: z)
        #expect(abs(integral - u) < 1e-10, "ν = \(nu), z = \(z): \(integral) vs U form \(u)")
      }
      let atZero = nu / 2 * log(2) + 0.5 * log(Double.pi) - logGamma((1 - nu) / 2)
      #expect(abs(try d.log(order: nu, z: 0) - atZero) < 1e-10, "ν = \(nu), z = 0")
    }
  }

  /// Orders ≥ 0 and non-finite z are refused by name.
  @Test func parabolicCylinderRefusesNonNegativeOrders() throws {
    let d = try ParabolicCylinderD()
    #expect { _ = try d.log(order: 0, z: 1) } throws: { "\($0)".contains("order = 0: must be < 0") }
    #expect { _ = try d.log(order: 0.5, z: 1) } throws: { "\($0)".contains("order = 0.5") }
    #expect { _ = try d.log(order: -1, z: .nan) } throws: { "\($0)".contains("z = nan") }
  }

  /// V-A1: α(s → 0⁻) = ∂r₀/∂μ and β(s → 0⁻) = ∂r₀/∂D (NeuronTheory's Siegert derivatives) to 7 digits;
  /// spec values at μ = 0.6, D = 0.2: 0.682332, 1.061610. The limit is taken by Richardson extrapolation,
  /// 2f(−h) − f(−2h) with h = 10⁻⁴ (error O(h²) ≈ 10⁻⁸), because at s = −10⁻⁷ the O(s) term and the
  /// cancellation in 𝒟_s(y_T) − e^Δ 𝒟_s(y_R) (which vanishes as s → 0) each leave ~10⁻⁷.
  @Test func responsesTendToSiegertDerivatives() throws {
    let e = try LIFResponseEvaluator()
    for (mu, D) in [(0.6, 0.2), (0.9, 0.1), (0.0, 0.2), (1.5, 0.2)] {
      let siegert = dimensionlessSiegertRate(mu: mu, D: D)
      let near = try e.response(mu: mu, D: D, s: -1e-4), far = try e.response(mu: mu, D: D, s: -2e-4)
      let r = LIFResponse(rate: near.rate, alpha: 2 * near.alpha - far.alpha, beta: 2 * near.beta - far.beta)
      #expect(abs(r.alpha / siegert.dRateDMu - 1) < 1e-7, "α at μ = \(mu), D = \(D): \(r.alpha) vs \(siegert.dRateDMu)")
      #expect(abs(r.beta / siegert.dRateDD - 1) < 1e-7, "β at μ = \(mu), D = \(D): \(r.beta) vs \(siegert.dRateDD)")
    }
    let r = try e.response(mu: 0.6, D: 0.2, s: -1e-7)
    #expect(abs(r.alpha - 0.682332) < 1e-6 && abs(r.beta - 1.061610) < 1e-6)
  }

  /// Where the responses do not exist: D ≤ 0, s ≥ 0.
  @Test func responsesRefuseBadArguments() throws {
    let e = try LIFResponseEvaluator()
    #expect { _ = try e.response(mu: 0.5, D: 0, s: -1) } throws: { "\($0)".contains("D = 0: must be > 0") }
    #expect { _ = try e.response(mu: 0.5, D: -0.1, s: -1) } throws: { "\($0)".contains("D = -0.1") }
    #expect { _ = try e.response(mu: 0.5, D: 0.1, s: 0) } throws: { "\($0)".contains("s = 0: must be in (-1e6, 0)") }
    #expect { _ = try e.response(mu: 0.5, D: 0.1, s: 0.3) } throws: { "\($0)".contains("s = 0.3") }
  }
}
