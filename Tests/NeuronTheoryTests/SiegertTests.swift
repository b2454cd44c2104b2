import Foundation
import GSLBridge
import NeuronTheory
import Testing

/// The reference neuron of spec §5.6.2: τ_m = 20 ms, θ = 20 mV, V_r = 10 mV, τ_ref = 2 ms.
private let neuron = LIFTheoryParameters()

/// |x − y| ≤ tol·|y|.
private func close(_ x: Double, _ y: Double, rel tol: Double) -> Bool { abs(x - y) <= tol * abs(y) }

@Suite struct SiegertRateTests {
  /// Every row of the spec §5.6.2 table, to the table's last printed digit (±0.5·10⁻⁴ Hz), and to
  /// 10⁻¹⁰ relative against the same integral in 40-digit arithmetic (mpmath `quad`, scratch script).
  @Test(arguments: [
    (10.0, 5.0, 0.8819, 0.881923455975667), (15, 5, 9.4608, 9.46079980575913), (20, 5, 27.3406, 27.3405673530773),
    (25, 5, 47.2174, 47.2174433041381), (15, 2, 0.1220, 0.122025522338211), (25, 1e-3, 41.7149, 41.7149071835054),
    (30, 1e-3, 63.0400, 63.040002339668),
  ])
  func specTable(mu: Double, sigma: Double, table: Double, precise: Double) {
    let nu = siegertRate(mu: mu, sigma: sigma, neuron: neuron).rate
    #expect(abs(nu - table) <= 0.5e-4 + 1e-12, "μ = \(mu), σ = \(sigma): \(nu) Hz")
    #expect(close(nu, precise, rel: 1e-10), "μ = \(mu), σ = \(sigma): \(nu) Hz vs \(precise)")
  }

  /// Spec §5.6.2 test 1: the σ → 0 rows against the closed form 1/(τ_ref + τ_m ln((μ − V_r)/(μ − θ)))
  /// to 10⁻⁶ relative (the noise correction is O(σ²)), and a sequence σ → 0 converging to it.
  @Test func smallNoiseTendsToTheDeterministicRate() {
    for mu in [25.0, 30] {
      let exact = 1 / (0.002 + 0.02 * log((mu - 10) / (mu - 20)))
      #expect(close(deterministicLIFRate(mu: mu, neuron: neuron), exact, rel: 1e-14))
      #expect(close(siegertRate(mu: mu, sigma: 1e-3, neuron: neuron).rate, exact, rel: 1e-6))
      for sigma in [1e-5, 1e-8, 1e-12] {
        #expect(close(siegertRate(mu: mu, sigma: sigma, neuron: neuron).rate, exact, rel: 1e-10), "σ = \(sigma)")
      }
    }
    // Below threshold the rate vanishes with σ (through finite logarithms, no NaN).
    let sub = siegertRate(mu: 15, sigma: 1e-3, neuron: neuron)
    #expect(sub.rate == 0 && sub.logRate.isFinite && sub.logRate < -1e7)
    #expect(sub.dRateDMu == 0 && sub.dRateDSigma == 0)
    #expect(deterministicLIFRate(mu: 20, neuron: neuron) == 0)
  }

  /// Drive just at or above threshold with little noise (y_r ≪ y_θ ≲ 0, the integrand ≈ 1/(√π|u|)
  /// over decades of u), against 40-digit quadrature (mpmath, geometric breakpoints) to 10⁻¹⁰.
  @Test(arguments: [(20.1, 0.05, 10.72674893425169), (20, 0.01, 6.258205648168469), (21, 0.001, 20.01685399197623)])
  func nearThresholdWithLittleNoise(mu: Double, sigma: Double, precise: Double) {
    let nu = siegertRate(mu: mu, sigma: sigma, neuron: neuron).rate
    #expect(close(nu, precise, rel: 1e-10), "μ = \(mu), σ = \(sigma): \(nu) Hz")
  }

  /// Strongly sub-threshold drive, against 40-digit quadrature (mpmath) and, far beyond, against the
  /// asymptotic series 1/ν ≈ τ_ref + τ_m √π e^{y²}/y (1 + 1/(2y²) + 3/(4y⁴) + 15/(8y⁶) + 105/(16y⁸))
  /// of the Kramers limit y_θ = (θ − μ)/σ ≫ 1 (truncation error ≈ 945/(32 y¹⁰)).
  @Test func tinyRatesStayFinite() {
    let a = siegertRate(mu: 0, sigma: 2, neuron: neuron)
    #expect(close(a.rate, 1.04411315408462e-41, rel: 1e-10), "\(a.rate)")
    let b = siegertRate(mu: 0, sigma: 1.2, neuron: neuron)
    #expect(close(b.rate, 1.08168910112566e-118, rel: 1e-10), "\(b.rate)")
    #expect(abs(b.logRate - -271.626517171384) < 1e-11)
    let c = siegertRate(mu: -50, sigma: 1, neuron: neuron)
    #expect(c.rate == 0 && abs(c.logRate - -4892.4119487623074556) < 1e-9, "\(c.logRate)")
    for (mu, sigma) in [(0.0, 0.5), (-100, 2), (19, 0.01)] {
      let y = (20 - mu) / sigma, y2 = y * y
      let series = 1 + 1 / (2 * y2) + 3 / (4 * y2 * y2) + 15 / (8 * y2 * y2 * y2) + 105 / (16 * y2 * y2 * y2 * y2)
      let logPassage = log(0.02) + 0.5 * log(Double.pi) + y2 - log(y) + log(series)  // ≫ ln τ_ref
      let r = siegertRate(mu: mu, sigma: sigma, neuron: neuron)
      #expect(abs(r.logRate + logPassage) <= 1e-12 * logPassage, "μ = \(mu), σ = \(sigma): \(r.logRate) vs \(-logPassage)")
      #expect(!r.dRateDMu.isNaN && !r.dRateDSigma.isNaN)
    }
  }

  /// ∂ν/∂μ and ∂ν/∂σ (integrand at the bounds) against five-point central differences with h = 10⁻³ σ:
  /// truncation ≈ h⁴ ν⁽⁵⁾/30 ≲ 10⁻⁹ relative at these points (ν varies on the scale σ/y_θ), round-off
  /// ≈ 10⁻¹⁶ ν/(h ν′) ≪ that; tolerance 10⁻⁷. At (5, 3), deep below threshold, also against 40-digit
  /// mpmath derivatives (3.12975585127877e−8, 6.25951170163404e−9 Hz/mV).
  @Test(arguments: [(10.0, 5.0), (15, 5), (20, 5), (25, 5), (15, 2), (30, 1), (5, 3), (19, 0.5)])
  func derivativesMatchFiniteDifferences(mu: Double, sigma: Double) {
    let r = siegertRate(mu: mu, sigma: sigma, neuron: neuron)
    let h = 1e-3 * sigma
    func stencil(_ f: (Double) -> Double) -> Double { (8 * (f(h) - f(-h)) - (f(2 * h) - f(-2 * h))) / (12 * h) }
    let dMu = stencil { siegertRate(mu: mu + $0, sigma: sigma, neuron: neuron).rate }
    let dSigma = stencil { siegertRate(mu: mu, sigma: sigma + $0, neuron: neuron).rate }
    #expect(close(r.dRateDMu, dMu, rel: 1e-7), "∂ν/∂μ at μ = \(mu), σ = \(sigma): \(r.dRateDMu) vs \(dMu)")
    #expect(close(r.dRateDSigma, dSigma, rel: 1e-7), "∂ν/∂σ at μ = \(mu), σ = \(sigma): \(r.dRateDSigma) vs \(dSigma)")
    if mu == 5 {
      #expect(close(r.dRateDSigma, 3.12975585127877e-8, rel: 1e-10) && close(r.dRateDMu, 6.25951170163404e-9, rel: 1e-10))
    }
  }

  /// Without refractoriness the rate of a long-passage neuron and with it differ as 1/ν does.
  @Test func refractoryPeriodAddsToTheMeanInterval() {
    var free = neuron
    free.tRef = 0
    let with = siegertRate(mu: 20, sigma: 5, neuron: neuron).rate, without = siegertRate(mu: 20, sigma: 5, neuron: free).rate
    #expect(close(1 / with - 1 / without, 0.002, rel: 1e-12))
  }

  @Test func badParametersAreNamed() {
    #expect(throws: (any Error).self) { try LIFTheoryParameters(tauM: 0).validated() }
    do {
      _ = try LIFTheoryParameters(vTh: 10, vReset: 10).validated()
      Issue.record("accepted V_reset = V_th")
    } catch { #expect(error.description == "V_reset = 10: must be < V_th = 10 mV") }
    #expect(throws: (any Error).self) { try LIFTheoryParameters(tRef: -1).validated() }
    #expect((try? neuron.validated()) == neuron)
  }

  @Test func erfcxIsScaledErfc() {
    for x in [-3.0, -0.5, 0, 0.7, 4] { #expect(close(erfcx(x), exp(x * x) * erfc(x), rel: 1e-13)) }
    // Asymptotic series 1/(x√π) (1 − 1/(2x²) + 3/(4x⁴) − 15/(8x⁶)), truncation ≈ 105/(16x⁸) ≈ 10⁻¹¹ at x = 30.
    let x = 30.0, x2 = x * x
    #expect(close(erfcx(x), 1 / (x * Double.pi.squareRoot()) * (1 - 1 / (2 * x2) + 3 / (4 * x2 * x2) - 15 / (8 * x2 * x2 * x2)), rel: 1e-10))
    #expect(close(erfcx(1e8), 1 / (1e8 * Double.pi.squareRoot()), rel: 1e-14))
  }
}

/// The dimensionless form of spec §2.1/§2.3 (Φ(μ, D): v_R = 0, v_T = 1, τ_m = 1, σ² = 2D).
@Suite struct DimensionlessSiegertTests {
  /// Spec §2.6 V-A1: Φ [O] (`siegert_rateD` of the authors' code, 7 digits) and ∂Φ/∂μ, ∂Φ/∂D at
  /// (0.6, 0.2) [O]/[H]; to the printed digits, and to 10⁻¹⁰ against 40-digit quadrature (mpmath).
  @Test(arguments: [
    (0.6, 0.2, 0.3499571, 1e-7, 0.349957106207874), (0.0, 0.1, 0.007446732, 1e-9, 0.00744673244559717),
    (0.9, 0.1, 0.4569771, 1e-7, 0.456977062080712), (1.5, 0.2, 1.101156, 1e-6, 1.10115563443386),
  ])
  func valuesOfVA1(mu: Double, D: Double, printed: Double, lastDigit: Double, precise: Double) {
    let phi = dimensionlessSiegertRate(mu: mu, D: D).rate
    #expect(abs(phi - printed) <= 0.5 * lastDigit * (1 + 1e-9), "Φ(\(mu), \(D)) = \(phi)")
    #expect(close(phi, precise, rel: 1e-10))
  }

  @Test func derivativesOfVA1() {
    let r = dimensionlessSiegertRate(mu: 0.6, D: 0.2)
    #expect(abs(r.dRateDMu - 0.6823319) <= 0.5e-7 && close(r.dRateDMu, 0.682331940144509, rel: 1e-9))
    #expect(abs(r.dRateDD - 1.061610) <= 0.5e-6 && close(r.dRateDD, 1.06161014766907, rel: 1e-9))
    // mpmath derivatives at the other V-A1 points.
    for (mu, D, dMu, dD) in [(0.0, 0.1, 0.0649661367137937, 0.325929591843352), (0.9, 0.1, 0.875735659433729, 1.48928339622708),
      (1.5, 0.2, 0.922965316776461, 0.72183815870333)]
    {
      let s = dimensionlessSiegertRate(mu: mu, D: D)
      #expect(close(s.dRateDMu, dMu, rel: 1e-9) && close(s.dRateDD, dD, rel: 1e-9), "(\(mu), \(D))")
    }
  }

  /// Spec §2.6 V-A2: r₀(w) = Φ(μ + wν, D + ½w²ν) with ν = 0.1, against the [O] column (6 significant
  /// digits; to half the last printed digit).
  @Test(arguments: [
    (0.0, 0.1, 0.10, 0.0082956, 1e-7), (0.0, 0.2, 0.10, 0.0654826, 1e-7), (0.9, 0.1, 0.10, 0.466491, 1e-6),
    (0.9, 0.2, 0.10, 0.583881, 1e-6), (0.9, 0.1, 0.20, 0.477480, 1e-6), (0.6, 0.2, 0.10, 0.357337, 1e-6),
  ])
  func rateColumnOfVA2(mu: Double, D: Double, w: Double, r0: Double, lastDigit: Double) {
    let nu = 0.1
    let phi = dimensionlessSiegertRate(mu: mu + w * nu, D: D + 0.5 * w * w * nu).rate
    #expect(abs(phi - r0) <= 0.5 * lastDigit * (1 + 1e-9), "r₀ = \(phi) vs \(r0)")
  }
}
