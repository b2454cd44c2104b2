import Analysis
import Testing

@Suite struct KolmogorovSmirnovTests {
  /// Q_KS against SciPy's `kstwobign.sf` on both sides of the series switch at λ = 1.18.
  @Test func kolmogorovDistribution() {
    let reference: [(Double, Double)] = [
      (0.3, 0.9999906941986655), (0.5, 0.9639452436648751), (1.0, 0.26999967167735456),
      (1.18, 0.1234538094297657), (1.5, 0.022217962616525127), (2.0, 0.0006709252557796953),
    ]
    for (lambda, q) in reference { #expect(abs(kolmogorovSurvival(lambda) - q) < 1e-14, "λ = \(lambda)") }
    #expect(kolmogorovSurvival(0) == 1)
  }

  /// By hand: a = {1, 2, 2, 3}, b = {2, 3, 3, 4}. After x = 1: F_a = 1/4, F_b = 0; after 2: 3/4 vs 1/4;
  /// after 3: 1 vs 3/4; after 4: 1 vs 1. D = 1/2 (stepping through ties one sample at a time would give
  /// 3/4). N_e = 2, λ = (√2 + 0.12 + 0.11/√2)/2 = 0.80600, Q_KS(λ) = 0.53442 (SciPy).
  /// Ties of unequal multiplicity: a = {0, 1, 1}, b = {1, 1, 1, 1, 2}: D = 1/3 at x = 0 (after x = 1:
  /// 1 vs 4/5; stepping through the tie alternately would pass 2/3 vs 1/5).
  /// Without ties: a = {0.1, 0.4, 0.7}, b = {0.2, 0.3, 0.5, 0.9}: D = 1/3 at x = 0.1. (All as SciPy's ks_2samp.)
  @Test func handExample() throws {
    let tied = try #require(KolmogorovSmirnovTest([3, 2, 1, 2], [2, 4, 3, 3]))
    #expect(abs(tied.statistic - 0.5) < 1e-15)
    #expect(abs(tied.pValue - 0.5344157192165071) < 1e-12)
    #expect(tied.n == 4 && tied.m == 4)
    let uneven = try #require(KolmogorovSmirnovTest([1, 0, 1], [1, 2, 1, 1, 1]))
    #expect(abs(uneven.statistic - 1.0 / 3) < 1e-15)
    let distinct = try #require(KolmogorovSmirnovTest([0.1, 0.4, 0.7], [0.2, 0.3, 0.5, 0.9]))
    #expect(abs(distinct.statistic - 1.0 / 3) < 1e-15)
    #expect(KolmogorovSmirnovTest([], [1]) == nil)
  }

  /// Two samples of 2000 from one exponential: √N_e·D is Kolmogorov distributed, so p is uniform and
  /// p > 0.01 fails with probability 1 %. Exponentials shifted by 0.5 mean: population
  /// D = 1 − e^{−0.5} = 0.393; sampling error of D is ≲ 1.95/√N_e = 0.062 (p = 0.001), and p is tiny.
  @Test func sameVersusShiftedDistributions() throws {
    let a = exponentialSamples(2000, mean: 1, seed: 21)
    let same = try #require(KolmogorovSmirnovTest(a, exponentialSamples(2000, mean: 1, seed: 22)))
    #expect(same.statistic < 0.05 && same.pValue > 0.01, "D = \(same.statistic), p = \(same.pValue)")
    let shifted = try #require(KolmogorovSmirnovTest(a, exponentialSamples(2000, mean: 1, shift: 0.5, seed: 23)))
    #expect(abs(shifted.statistic - 0.3935) < 0.062, "D = \(shifted.statistic)")
    #expect(shifted.pValue < 1e-10)
  }
}
