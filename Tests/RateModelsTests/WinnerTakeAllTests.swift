import Foundation
import GSLBridge
import MesoCore
import RateModels
import Testing

/// RateModels article: I = (1.0, 0.8, 0.5), τ = 1 s, r(0) = 0.
@Suite struct WinnerTakeAllTests {
  static func model(w: Double) -> WinnerTakeAll {
    WinnerTakeAll(WinnerTakeAllParameters(tau: 1, w: w, I: [1.0, 0.8, 0.5], r0: [0, 0, 0]))
  }

  /// Soft WTA at w = 0.5 → (0.8, 0.4, 0); hard WTA at w = 2 → (1, 0, 0) [D]. The slowest rate at
  /// either fixed point is 1 − w = 0.5/s (w = 0.5) or 1/s, so at t = 200 the distance is ≲ e^{−100};
  /// the integrator (tolerance 1e-12) then limits the error, bound 1e-8 as specified.
  @Test(arguments: [(0.5, [0.8, 0.4, 0]), (2, [1, 0, 0])] as [(Double, [Double])])
  func convergesToAnalyticFixedPoint(w: Double, expected: [Double]) throws {
    let system = Self.model(w: w)
    let r = try state(of: system, from: system.initialState, at: 200, tol: 1e-12)
    for i in 0..<3 { #expect(abs(r[i] - expected[i]) < 1e-8, "w = \(w): r = \(r)") }
  }

  /// Stability [D]: on an active set of n units the eigenvalues are (w − 1)/τ (n − 1 times) and
  /// ((w − 1) − n w)/τ; inactive units relax at −1/τ. So the two-winner state is stable for w = 0.5,
  /// and for w = 2 the two-winner state (0.2, 0.4, 0) is a fixed point but unstable (w − 1 = +1),
  /// while single winners i with I_j < w I_i are stable (all eigenvalues −1).
  @Test func stabilityOfActiveSets() throws {
    func spectrum(_ w: Double, _ r: [Double]) throws -> [Double] {
      let system = Self.model(w: w)
      #expect(system.drift(at: r).allSatisfy { abs($0) < 1e-15 }, "\(r) is a fixed point at w = \(w)")
      let lambda = try system.eigenvalues(at: r)
      #expect(lambda.allSatisfy { abs($0.imaginary) < 1e-12 })
      return lambda.map(\.real)
    }
    let expectations: [(Double, [Double], [Double])] = [
      (0.5, [0.8, 0.4, 0], [-0.5, -1, -1.5]),
      (2, [0.2, 0.4, 0], [1, -1, -3]),
      (2, [1, 0, 0], [-1, -1, -1]),
      (2, [0, 0.8, 0], [-1, -1, -1]),
    ]
    for (w, r, expected) in expectations {
      let real = try spectrum(w, r)
      for (a, b) in zip(real, expected) { #expect(abs(a - b) < 1e-12, "w = \(w), r = \(r): \(real)") }
    }
  }
}
