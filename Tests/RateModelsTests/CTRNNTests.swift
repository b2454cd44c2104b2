import Foundation
import GSLBridge
import MesoCore
import RateModels
import Testing

/// RateModels article (Beer 1995): one neuron with self-weight w, bias θ = −w/2, I = 0. With u = y − w/2
/// the fixed points solve u = (w/2) tanh(u/2): bistable iff w > 4 [D].
@Suite struct CTRNNTests {
  static func neuron(w: Double, y0: Double) -> CTRNN {
    CTRNN(CTRNNParameters(tau: [1], W: [[w]], theta: [-w / 2], I: [0], y0: [y0]))
  }

  /// Stable fixed points [H] (6 decimals: half-unit 5e-7, compared at 1e-6), reached from w/2 ± 0.1.
  /// The slowest relaxation is at w = 4.1, rate 1 − wσ′ ≈ 0.049/s, so after 1000 s the distance is
  /// ~e^{−49}, and the fixed-point residual |−y + wσ(y + θ)| is checked to 1e-8.
  @Test(arguments: [
    (4.1, 1.500906, 2.599094), (5, 0.723971, 4.276029), (6, 0.424321, 5.575679), (8, 0.169984, 7.830016),
  ])
  func bistableFixedPoints(w: Double, low: Double, high: Double) throws {
    for (offset, expected) in [(-0.1, low), (0.1, high)] {
      let system = Self.neuron(w: w, y0: w / 2 + offset)
      let y = try state(of: system, from: system.initialState, at: 1000, tol: 1e-12)
      #expect(abs(y[0] - expected) < 1e-6, "w = \(w): y = \(y[0])")
      #expect(abs(system.drift(at: y)[0]) < 1e-8)
      #expect(try system.eigenvalues(at: y)[0].real < 0)
    }
    #expect(try Self.neuron(w: w, y0: 0).eigenvalues(at: [w / 2])[0].real > 0)  // the middle one is unstable
  }

  /// w = 3.9 < 4: the single fixed point y = w/2 = 1.95 (u = 0) attracts both starts; it relaxes at
  /// 1 − w/4 = 0.025/s, so after 1000 s the distance is 0.1·e^{−25} ≈ 1e-12 (checked to 1e-8).
  @Test func singleFixedPointBelowBistability() throws {
    for offset in [-0.1, 0.1] {
      let system = Self.neuron(w: 3.9, y0: 1.95 + offset)
      let y = try state(of: system, from: system.initialState, at: 1000, tol: 1e-12)
      #expect(abs(y[0] - 1.95) < 1e-8)
    }
    #expect(abs(try Self.neuron(w: 3.9, y0: 0).eigenvalues(at: [1.95])[0].real + 0.025) < 1e-12)
  }
}
