import GSLBridge
import MesoCore
import Testing

/// GSL variates through `RandomStream`: sample means and variances against the distributions'
/// exact moments, with tolerance 4 standard errors of the sample mean (√(var/n)) or of the
/// sample variance (≈ var·√(2/n) for near-Gaussian samples, which is generous for the
/// Poisson/binomial at these parameters: their excess kurtosis is < 0.2).
@Suite struct RandomStreamTests {
  let n = 100_000

  func moments(_ draw: () -> Double) -> (mean: Double, variance: Double) {
    var sum = 0.0, sumSquares = 0.0
    for _ in 0..<n {
      let x = draw()
      sum += x
      sumSquares += x * x
    }
    let mean = sum / Double(n)
    return (mean, (sumSquares - Double(n) * mean * mean) / Double(n - 1))
  }

  func expectMoments(_ m: (mean: Double, variance: Double), mean: Double, variance: Double) {
    #expect(abs(m.mean - mean) < 4 * (variance / Double(n)).squareRoot())
    #expect(abs(m.variance - variance) < 4 * variance * (2 / Double(n)).squareRoot())
  }

  @Test func gaussianBinomialPoisson() {
    var random = RandomStream(master: 11, purpose: .dynamics)
    expectMoments(moments { random.gaussian(sigma: 2) }, mean: 0, variance: 4)
    expectMoments(moments { Double(random.binomial(trials: 200, probability: 0.3)) }, mean: 60, variance: 42)
    expectMoments(moments { Double(random.poisson(mean: 7.5)) }, mean: 7.5, variance: 7.5)
    let p = moments { random.bernoulli(0.2) ? 1 : 0 }
    #expect(abs(p.mean - 0.2) < 4 * (0.16 / Double(n)).squareRoot())
  }

  @Test func sameSeedSameNumbersAndStreamsDiffer() {
    var a = RandomStream(master: 5, purpose: .dynamics), b = RandomStream(master: 5, purpose: .dynamics)
    var c = RandomStream(master: 5, purpose: .connectivity), d = RandomStream(master: 6, purpose: .dynamics)
    let xa = (0..<100).map { _ in a.uniform() }
    #expect(xa == (0..<100).map { _ in b.uniform() })
    #expect(xa != (0..<100).map { _ in c.uniform() })
    #expect(xa != (0..<100).map { _ in d.uniform() })
    #expect(derivedSeed(5, .dynamics, 0) != derivedSeed(5, .dynamics, 1))
  }

  @Test func aCopyReplaysTheStream() {
    var original = RandomStream(seed: 3)
    _ = original.gaussian()
    var copy = original
    #expect((0..<10).map { _ in original.gaussian() } == (0..<10).map { _ in copy.gaussian() })
  }
}
