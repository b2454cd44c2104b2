import Foundation
import GSLBridge
import MesoCore
import RateModels
import Testing

/// RateModels article: tanh E–I model with τ_E = 1, τ_I = 2, w_EI = w_IE = 2, w_II = 0, no input.
/// r = 0 is a fixed point with J = [[w_EE − 1, −2], [1, −1/2]]: Hopf at w_EE,c = 1 + τ_E/τ_I = 1.5 with
/// ω_c = √det = √1.75 [D].
@Suite struct WilsonCowanTests {
  static func model(wEE: Double) -> WilsonCowan {
    WilsonCowan(WilsonCowanParameters(tauE: 1, tauI: 2, wEE: wEE, wEI: 2, wIE: 2, wII: 0, rE0: 0.1, rI0: 0))
  }

  /// Brent on max Re λ(w_EE) over [1.2, 1.8] (Re λ = ∓0.15 at the ends). In the complex regime
  /// Re λ = (w_EE − 1.5)/2 is linear, so the only error is Brent's 1e-10 tolerance; the eigenvalues
  /// of a 2×2 matrix are accurate to ~1e-15. Bound 1e-6 as specified.
  @Test func hopfPointIsAnalytic() throws {
    let change = try stabilityChange(in: 1.2...1.8, fixedPointNear: [0, 0]) { Self.model(wEE: $0) }
    #expect(abs(change.parameter - 1.5) < 1e-6)
    #expect(abs(change.eigenvalue.imaginary - 1.75.squareRoot()) < 1e-6)
    #expect(abs(change.eigenvalue.real) < 1e-9)
    #expect(change.fixedPoint == [0, 0])
  }

  /// Supercritical Hopf: at w_EE = 1.51 the half peak-to-peak amplitude of r_E is 0.98 ± 0.01 times
  /// √(w_EE − 1.5) ([H]: 0.984). The cycle attracts at rate ≈ 2 Re λ = 0.01/s, so after 1500 s the
  /// start (r_E = 0.1, near the predicted 0.098) is forgotten to e^{−15}; the amplitude is measured
  /// over three periods sampled every 0.002 s (peak error (ω dt)²/2 ~ 4e-6 relative) and must agree
  /// with the one 500 s earlier to 1e-4 (on the cycle, not still approaching it).
  @Test func amplitudeFollowsSquareRootLaw() throws {
    let system = Self.model(wEE: 1.51)
    let early = try samples(of: system, from: system.initialState, component: 0, window: 1000...1015, dt: 0.002)
    let late = try samples(of: system, from: system.initialState, component: 0, window: 1500...1515, dt: 0.002)
    let ratio = halfPeakToPeak(late) / 0.01.squareRoot()
    #expect(abs(halfPeakToPeak(late) - halfPeakToPeak(early)) < 1e-4 * halfPeakToPeak(late))
    #expect(abs(ratio - 0.98) <= 0.01, "amplitude ratio \(ratio)")
    // [H] period 4.794 at w_EE = 1.51 (4 significant digits); above 2π/ω_c = 4.750 as the cycle grows.
    #expect(abs(period(late, dt: 0.002) - 4.794) < 5e-3, "period \(period(late, dt: 0.002))")
  }

  /// Below the Hopf point r = 0 is a stable focus (Re λ = −0.025/s) and nothing else attracts
  /// (supercritical): from r_E = 0.1 the amplitude after 600 s is ≤ 0.1·e^{−15} ≈ 3e-8, far below 1e-6;
  /// a coexisting cycle would keep it O(0.1).
  @Test func noOscillationBelowHopf() throws {
    let system = Self.model(wEE: 1.45)
    let leading = try system.eigenvalues(at: [0, 0])[0]
    #expect(abs(leading.real + 0.025) < 1e-12)
    let tail = try samples(of: system, from: system.initialState, component: 0, window: 600...615, dt: 0.01)
    #expect(halfPeakToPeak(tail) < 1e-6)
  }
}
