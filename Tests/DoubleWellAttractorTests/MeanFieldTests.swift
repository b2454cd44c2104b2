import Foundation
import Testing

@testable import DoubleWellAttractor

/// The balanced network at cN connections per neuron (N = cN/c with the default c = 0.05).
private func balanced(cN: Double, r1: Double = 0.1, C: Double) -> DoubleWellParameters {
  DoubleWellParameters(N: Int((cN / 0.05).rounded()), r1: r1, C: C)
}

private func capacity(cN: Double, r1: Double = 0.1, C: Double) throws -> Int {
  try MeanFieldTheory(balanced(cN: cN, r1: r1, C: C)).capacity()
}

@Suite struct MeanFieldCapacityTests {
  /// The capacities of an independent re-implementation of the same density evolution and
  /// four-activity mean field (integers; agreement within ±1 is required, exact is expected).
  @Test func independentReimplementationCapacities() throws {
    let cases: [(cN: Double, C: Double, p: Int)] = [
      (500, 0, 7), (500, 2.5, 15), (500, 4, 4), (500, 2.0, 15), (500, 2.7, 15),
      (2000, 0, 9), (2000, 2.7, 31), (2000, 2.9, 33), (2000, 3.1, 33), (200, 0, 5), (200, 2, 9),
    ]
    for c in cases { #expect(abs(try capacity(cN: c.cN, C: c.C) - c.p) <= 1, "cN = \(c.cN), C = \(c.C)") }
    #expect(abs(try MeanFieldTheory(balanced(cN: 500, r1: 0.002, C: 0)).capacity() - 11) <= 1)
  }

  /// Feng & Brunel, Fig. 4: C* = 2.7 at cN = 2000, r₁ = 0.1. The optimum is flat: p(2.7) must be
  /// within 2 of p* and C* within [2.4, 3.1].
  @Test func optimalSeparationAtFigure4() throws {
    let scan = try MeanFieldTheory.scanWellSeparation(balanced(cN: 2000, C: 0), C: stride(from: 0, through: 4, by: 0.1).map { $0 })
    #expect((2.4...3.1).contains(scan.optimalC))
    #expect(try capacity(cN: 2000, C: 2.7) >= scan.best - 2)
    #expect(scan.best == 33 && scan.plateau.lowerBound > 2.85 && scan.plateau.upperBound < 3.15)
  }

  /// Feng & Brunel, Fig. 3A: below r₁* the single well is optimal. At cN = 500 the mean field puts
  /// r₁* between 0.004 (C* = 0) and 0.009 (C* > 0, gain ≥ +3); the paper's r₁* ≈ 0.0075 at every N.
  /// At cN = 1500 the paper's C* = 0 at r₁ = 0.004 does not hold here (p(0) = 89, p* = 105).
  @Test func criticalWellDepth() throws {
    let C = stride(from: 0, through: 5, by: 0.25).map { $0 }
    let low = try MeanFieldTheory.scanWellSeparation(balanced(cN: 500, r1: 0.004, C: 0), C: C)
    let high = try MeanFieldTheory.scanWellSeparation(balanced(cN: 500, r1: 0.009, C: 0), C: C)
    #expect(low.optimalC == 0)
    #expect(high.optimalC > 0 && high.best - high.capacity[0] >= 3)
    let above = try MeanFieldTheory.scanWellSeparation(balanced(cN: 1500, r1: 0.012, C: 0), C: C)
    #expect(above.optimalC > 1)
  }

  /// Feng & Brunel, eq. (10): with a single well p = (τ/2) ln(τ₀/τ), τ₀ ∝ N, so dp/d ln N = τ/2.
  /// τ = 50 (r₁ = 0.01), cN = 10³…3·10⁴, retrieval of pattern v alone (ε = 0): slope within 10 %.
  /// (With the most recent pattern competing, its direction turns unstable first and the slope
  /// over this range is 21.6, a ln ln N correction; not tested.)
  @Test func singleWellLogarithmicGrowth() throws {
    let cN: [Double] = [1000, 3000, 10000, 30000]
    let p = try cN.map { Double(try MeanFieldTheory(balanced(cN: $0, r1: 0.01, C: 0)).capacity(epsilon: 0)) }
    let slope = leastSquaresSlope(cN.map { log($0) }, p)
    #expect(abs(slope / 25 - 1) < 0.1, "slope \(slope)")
  }

  /// The four-activity iteration reduces to the paper's eq. (38) when θ = 0: same fixed points
  /// from the same start, for retrieved and lost patterns.
  @Test func fourActivitiesAgreeWithEquation38() throws {
    let theory = try MeanFieldTheory(balanced(cN: 2000, C: 2.7))
    var compared = 0
    theory.forEachAge(maxAge: 40) { _, moments in
      let four = RetrievalMeanField.fourActivities(moments, connections: 2000)
      let paper = RetrievalMeanField.equation38(moments, connections: 2000)
      #expect(abs(four.mV - paper.mV) < 1e-9 && abs(four.mU - paper.mU) < 1e-9)
      compared += 1
      return true
    }
    #expect(compared == 40)
  }

  /// Feng & Brunel, Fig. 5 (cN = 500, r₁ = 0.1): below C* noise only hurts, so p(r₃) does not
  /// increase for C = 0 and 2, and R = |dp/dr̃₃|⁻¹ is finite; the single well is more robust
  /// (larger R) than the double well at C = 2, whose p₀ is larger (Fig. 6 trade-off).
  @Test func noiseRobustness() throws {
    let r3 = [0, 0.25, 0.5, 0.75, 1]
    let single = try MeanFieldTheory.robustness(balanced(cN: 500, C: 0), r3: r3)
    let double = try MeanFieldTheory.robustness(balanced(cN: 500, C: 2), r3: r3)
    for result in [single, double] {
      #expect(zip(result.capacity, result.capacity.dropFirst()).allSatisfy { $0 >= $1 }, "\(result.capacity), R = \(result.R)")
      #expect(result.R.isFinite && result.R > 0)
    }
    #expect(double.capacity[0] > single.capacity[0] && single.R > double.R)
  }

  /// One capacity (grid, stationary density, age scan) in well under 100 ms; timed loosely here
  /// (debug and loaded machines), measured in Benchmarks/double_well.
  @Test func capacityIsCheap() throws {
    let start = Date()
    _ = try capacity(cN: 500, C: 2.5)
    #expect(Date().timeIntervalSince(start) < 1)
  }
}

@Suite struct SignalToNoiseTests {
  /// Feng & Brunel, eqs. (12)–(14): the binarised double well starts at the SNR of the two-state
  /// Markov synapse with the same switching probability, √(cN) q (exact on the symmetric grid),
  /// with q = 0.0998 at C = 2.7, r₁ = 0.1 (independent re-implementation).
  @Test func initialSignalEqualsMarkov() throws {
    let theory = try MeanFieldTheory(balanced(cN: 2000, C: 2.7))
    let q = theory.switchingProbability
    #expect(abs(q - 0.0998) < 0.00005)
    let markov = MarkovSynapse(q: q)
    #expect(abs(theory.signalToNoise(maxTime: 0)[0] - markov.signalToNoise(connections: 2000, time: 0)) < 1e-12)
  }

  /// The closed form √(cN) q (1 − q)^t against the two-state chain iterated event by event
  /// (½ potentiation, ½ depression): equal to 1e-12.
  @Test func markovClosedFormEqualsChain() {
    let q = 0.0998, cN = 2000.0
    var up = 0.5 + q / 2  // P(w = +1) just after a potentiation
    for t in 0...30 {
      let chain = cN.squareRoot() * (2 * up - 1)
      #expect(abs(chain - MarkovSynapse(q: q).signalToNoise(connections: cN, time: t)) < 1e-12)
      up = 0.5 * (up + q * (1 - up)) + 0.5 * (up * (1 - q))
    }
  }

  /// Feng & Brunel, Fig. 4B: the double-well SNR is not monotonic and stays above the Markov
  /// curve. Values of an independent re-implementation (t = random presentations since learning):
  /// 4.46, 4.46, 6.69, 6.12, 6.60, 6.63, 6.42, 6.55, 6.23, and 4.50 at t = 20 (±0.01).
  @Test func doubleWellSignalIsNonMonotonic() throws {
    let theory = try MeanFieldTheory(balanced(cN: 2000, C: 2.7))
    let snr = theory.signalToNoise(maxTime: 20)
    let expected = [4.46, 4.46, 6.69, 6.12, 6.60, 6.63, 6.42, 6.55, 6.23]
    for (t, value) in expected.enumerated() { #expect(abs(snr[t] - value) < 0.015, "t = \(t): \(snr[t])") }
    #expect(abs(snr[20] - 4.50) < 0.015)
    #expect(snr[3] < snr[2] && snr[4] > snr[3])
    let markov = MarkovSynapse(q: theory.switchingProbability)
    for t in 1...20 { #expect(snr[t] > markov.signalToNoise(connections: 2000, time: t)) }
  }
}

@Suite struct WeightDensityTests {
  /// At C = 0 the flow is linear, J ↦ λJ with λ = e^{−2r₁}, so the density at v⁻ has mean 0 and
  /// ⟨J²⟩ = λ²r₂²/(1 − λ²) exactly; the grid's linear splitting adds at most h²/4 per step,
  /// i.e. ≤ (h²/4)/(1 − λ²) in all.
  @Test func singleWellStationaryVariance() throws {
    let p = balanced(cN: 500, C: 0)
    let theory = try MeanFieldTheory(p)
    let exact = exp(-4 * p.r1) / (1 - exp(-4 * p.r1)), h = p.r2 / 50
    let error = theory.stationaryRMS * theory.stationaryRMS - exact
    #expect(error >= 0 && error < h * h / 4 / (1 - exp(-4 * p.r1)))
    #expect(abs(theory.grid.moments(theory.stationaryMass).mean) < 1e-12)
  }

  /// Gaussian synaptic noise adds r₃² to the variance of every increment: ⟨J²⟩ = λ²(r₂² + r₃²)/(1 − λ²).
  @Test func noiseAddsItsVariance() throws {
    var p = balanced(cN: 500, C: 0)
    p.r3 = 0.5
    let theory = try MeanFieldTheory(p)
    let exact = exp(-4 * p.r1) * (1 + 0.25) / (1 - exp(-4 * p.r1)), h = p.r2 / 50
    #expect(abs(theory.stationaryRMS * theory.stationaryRMS - exact) < h * h / 4 / (1 - exp(-4 * p.r1)))
    #expect(abs(theory.relativeNoise - 0.5 / exact.squareRoot()) < 1e-3)
  }
}
