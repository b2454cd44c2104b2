import Foundation
import MesoPop
import Testing

@Suite struct LikelihoodTests {
  /// A Poisson source of N = 3 at rate r fires each neuron with p = 1 − e^{−rΔt} per step, so n̄ = Np
  /// and ln L = Σ_l ln C(3, n_l) + n_l ln p + (3 − n_l) ln(1 − p), written out here by hand.
  @Test func poissonSourceByHand() throws {
    let model = try networkModel("""
      simulation: {dt: 0.01, duration: 0.04, record_bin: 0.01}
      populations: [{name: S, kind: poisson, N: 3, rate: 20 Hz}]
      """)
    let counts = [0.0, 1, 3, 2]
    let data = Recording(time: [0, 0.01, 0.02, 0.03], traces: [Trace(name: "counts", unit: "1", columns: 1, values: counts)])
    let p = 1 - exp(-20 * 0.01)
    let choose = [1.0, 3, 3, 1]
    let byHand = counts.reduce(0.0) { $0 + log(choose[Int($1)]) + $1 * log(p) + (3 - $1) * log(1 - p) }
    let result = try TeacherForcedLikelihood(model: model, data: SpikeCounts(data, model: model), likelihood: .binomial)
    #expect(abs(result.logLikelihood - byHand) < 1e-12 * abs(byHand))
    #expect(result.expected.allSatisfy { abs($0 - 3 * p) < 1e-14 })
    let poisson = try TeacherForcedLikelihood(model: model, data: SpikeCounts(data, model: model), likelihood: .poisson)
    let byHandPoisson = counts.reduce(0.0) { $0 + $1 * log(3 * p) - 3 * p - log([1.0, 1, 6, 2][Int($1)]) }
    #expect(abs(poisson.logLikelihood - byHandPoisson) < 1e-12 * abs(byHandPoisson))
  }

  /// For GIF populations: the sum over steps and populations of the binomial log-probabilities of the
  /// observed counts at the forced run's n̄, recomputed with lgamma, equals ln L.
  @Test func gifSumByHand() throws {
    let model = try networkModel(eiNetwork(duration: 0.1))
    let data = try SpikeCounts(mesoRecording(model, seed: 3), model: model)
    let result = try TeacherForcedLikelihood(model: model, data: data, likelihood: .binomial)
    var total = 0.0
    for (i, n) in data.counts.enumerated() {
      let N = Double(data.sizes[i % 2]), p = result.expected[i] / N
      // 0·ln 0 = 0: a refractory population can have p = 0 with n = 0.
      total += lgamma(N + 1) - lgamma(n + 1) - lgamma(N - n + 1) + (n > 0 ? n * log(p) : 0) + (N > n ? (N - n) * log(1 - p) : 0)
    }
    #expect(abs(result.logLikelihood - total) < 1e-9 * abs(total))
    #expect(abs(result.perPopulation.reduce(0, +) - result.logLikelihood) < 1e-9 * abs(total))
  }

  /// Forced by its own drawn counts, the engine's expected counts are bit for bit those it recorded
  /// while drawing: the recorded A_expected of both runs are equal (without STP, and with STP in the
  /// noise-free first-order and history mean fields).
  @Test(arguments: [nil, "first_order", "history"])
  func forcedByOwnCountsReproducesExpected(stp: String?) throws {
    let model = try networkModel(eiNetwork(duration: 0.5, stp: stp))
    let free = try mesoRecording(model, seed: 11)
    let data = try SpikeCounts(free, model: model)
    let network = try DiscreteNetwork(model)
    var forced = try MesoscopicSimulator(
      network: network, seed: 99, memoryLimit: .machine(), forcing: TeacherForcing(observed: data.counts, populations: 2))
    let replay = try forced.run(progress: nil)
    #expect(replay["A"]!.values == free["A"]!.values)
    #expect(replay["A_expected"]!.values == free["A_expected"]!.values)
    #expect(free["A"]!.values.contains { $0 > 0 })
  }

  /// ln Binomial(n; N, n̄/N) − ln Poisson(n; n̄) = (n·n̄ − n̄²/2 − n(n − 1)/2)/N + O(N⁻²): at N = 10⁶ the
  /// difference (up to 5·10⁻⁶ here) is that first-order term within 10⁻⁸ (the O(N⁻²) rest is ~10⁻¹⁰;
  /// ln C(N, n) from ln N! ≈ 1.3·10⁷ carries an absolute rounding error of ~10⁻⁹); at N = 10 they
  /// differ by more than 0.01.
  @Test func binomialApproachesPoisson() {
    for n in 0...6 {
      let nBar = 2.0, N = 1_000_000
      let difference = CountLikelihood.binomial.logProbability(count: n, expected: nBar, N: N)
        - CountLikelihood.poisson.logProbability(count: n, expected: nBar, N: N)
      let firstOrder = (Double(n) * nBar - nBar * nBar / 2 - Double(n * (n - 1)) / 2) / Double(N)
      #expect(abs(difference - firstOrder) < 1e-8)
    }
    #expect(
      abs(CountLikelihood.binomial.logProbability(count: 4, expected: 2, N: 10) - CountLikelihood.poisson.logProbability(count: 4, expected: 2, N: 10))
        > 0.01)
  }
}

@Suite struct ClippingTests {
  /// An impossible count (n > 0 at n̄ ≤ 0, n < N at n̄ = N) costs ln ε per impossible spike, ε = 10⁻¹²,
  /// and is flagged; a possible count keeps its exact term (n̄ = 0.5 of N = 200: p far inside [ε, 1 − ε]).
  @Test func impossibleCountsAreClippedAndCounted() {
    let ε = CountLikelihood.probabilityFloor, b = CountLikelihood.binomial
    #expect(ε == 1e-12)
    let negative = b.logProbability(count: 2, expected: -0.1, N: 200)
    #expect(abs(negative - (logChoose(200, 2) + 2 * log(ε) + 198 * log1p(-ε))) < 1e-12 * abs(negative))
    #expect(b.isClipped(count: 2, expected: -0.1, N: 200) && !b.isClipped(count: 0, expected: -0.1, N: 200))
    let saturated = b.logProbability(count: 190, expected: 200, N: 200)
    // 1 − ε is a double within 1.1·10⁻¹⁶ of it, so ln(1 − (1 − ε)) is ln ε within 1.1·10⁻¹⁶/ε = 1.1·10⁻⁴ per spike.
    #expect(abs(saturated - (logChoose(200, 190) + 190 * log1p(-ε) + 10 * log(ε))) < 10 * 1.2e-4)
    #expect(b.isClipped(count: 190, expected: 200, N: 200) && !b.isClipped(count: 200, expected: 200, N: 200))
    let p = 0.5 / 200
    #expect(b.logProbability(count: 1, expected: 0.5, N: 200) == logChoose(200, 1) + log(p) + 199 * log1p(-p))
    #expect(!b.isClipped(count: 1, expected: 0.5, N: 200))
    #expect(abs(CountLikelihood.poisson.logProbability(count: 3, expected: 0, N: 100) - (3 * log(100 * ε) - 100 * ε - log(6.0))) < 1e-12)
  }
}
