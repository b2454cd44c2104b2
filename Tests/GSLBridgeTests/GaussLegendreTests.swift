import Foundation
import GSLBridge
import Testing

@Suite struct GaussLegendreTests {
  /// n points integrate x^{2n−1} exactly and x^{2n} not: ∫_{−1}^{2} x^k dx = (2^{k+1} − (−1)^{k+1})/(k + 1).
  @Test func exactUpToDegreeTwoNMinusOne() {
    let rule = GaussLegendreRule(points: 5)
    #expect(abs(rule.weights.reduce(0, +) - 2) < 1e-15)
    func exact(_ k: Int) -> Double { (pow(2, Double(k + 1)) - pow(-1, Double(k + 1))) / Double(k + 1) }
    let k = 9, odd = rule.integrate(from: -1, to: 2) { pow($0, Double(k)) }
    #expect(abs(odd - exact(k)) < 1e-12 * exact(k))
    let even = rule.integrate(from: -1, to: 2) { pow($0, 10) }
    #expect(abs(even - exact(10)) > 1e-6 * exact(10))
  }

  /// erfcx against e^{x²} erfc(x) where that is accurate, and its logarithm where erfcx overflows.
  @Test func scaledComplementaryErrorFunction() {
    for x in [-5.0, -1, 0, 0.5, 3] { #expect(abs(erfcx(x) - exp(x * x) * erfc(x)) <= 1e-13 * erfcx(x)) }
    #expect(abs(logErfcx(-40) - (1600 + log(2.0))) <= 1e-15 * 1600)
    #expect(abs(logErfc(3) - log(erfc(3))) <= 1e-14)
  }
}
