import Foundation
import PlasticRateTheory
import Testing

/// The fixed-point mean field of Clark & Abbott (2024, Sec. VI, Eqs. 24–26) with the branch count.
@Suite struct FixedPointCountTests {
  /// As g → 0 every unit is bistable (η → 0): the onset tends to the g = 0 value k_c = 2.01700 at
  /// s = χ/tanh χ = 1.5966 (C3), with all 2^N sign patterns stable (log₂#/N → 1). At g = 0.02 the
  /// O(g²) shift of k is below 10⁻³ (measured 2.0178); the s grid's step 0.05 is refined by the parabola.
  @Test func onsetTendsToTheZeroGainValue() throws {
    let (kc, _) = try fixedPointOnsetAtZeroGain()
    let onset = try #require(try fixedPointOnset(g: 0.02, selfCouplings: stride(from: 1.3, through: 1.9, by: 0.05).map { $0 }))
    #expect(abs(onset.k - kc) < 2e-3)
    #expect(onset.log2CountPerNeuron > 0.999)
  }

  /// The paper: the onset of fixed points is discontinuous for g < 0.76. Here k(s) has its minimum
  /// inside the curve at g = 0.7 (the large-s and small-s solutions of one k merge there, with
  /// log₂#/N = 0.021 > 0: a jump), and at its first point at g = 0.8 (k grows with s from where stable
  /// fixed points first exist: a continuous onset). Measured on s = 1.0 … 1.2 in steps of 0.005: the
  /// minimum is inside up to g = 0.76 and at the start from g = 0.78.
  @Test func onsetIsDiscontinuousBelowTheCriticalGain() throws {
    let s = stride(from: 1.0, through: 1.2, by: 0.01).map { $0 }
    func curve(_ g: Double) throws -> [FixedPointSolution] {
      try s.compactMap { try fixedPointSolutions(g: g, selfCoupling: $0).min { $0.k < $1.k } }
    }
    let below = try curve(0.7), above = try curve(0.8)
    let onsetBelow = try #require(try fixedPointOnset(g: 0.7, selfCouplings: s))
    #expect(onsetBelow.k < below[0].k - 1e-3 && onsetBelow.k < below.last!.k - 1e-3)
    #expect(onsetBelow.log2CountPerNeuron > 0.015)
    #expect(zip(above, above.dropFirst()).allSatisfy { $0.k < $1.k })
    // Every solution is stable and, where units are bistable, marginal (Eq. 26) or fully free.
    for solution in below + above {
      #expect(solution.stabilitySum <= 1 + 1e-6)
      #expect(abs(solution.stabilitySum - 1) < 1e-6 || solution.freeField > 0.999 * solution.foldField)
    }
  }

  /// Fixed points at the fold: s chosen so that η₀ = η_m (all bistable units free) at a small g,
  /// where the branch roots ±η₀ sit at the tangency; the count grows with k toward saturation at 1.
  @Test func countGrowsWithKAndSaturates() throws {
    let counts = try [1.2, 1.6, 2.4, 4].map { s in try #require(try fixedPointSolutions(g: 0.5, selfCoupling: s).min { $0.k < $1.k }) }
    #expect(zip(counts, counts.dropFirst()).allSatisfy { $0.k < $1.k && $0.log2CountPerNeuron < $1.log2CountPerNeuron })
    #expect(counts.last!.log2CountPerNeuron > 0.9 && counts.last!.log2CountPerNeuron <= 1)
  }
}
