import Foundation
import MesoPop
import Testing

@Suite struct ProfileTests {
  /// A Poisson source of N neurons at rate r, fitted for r: with S spikes in M = B·N neuron-steps the
  /// binomial ln L(p) = S ln p + (M − S) ln(1 − p), p = 1 − e^{−rΔt}, so the likelihood-ratio interval
  /// is {p : ln L(p̂) − ln L(p) ≤ z²/2}, solved here by bisection and mapped to r.
  func sourceFit(N: Int, duration: Double, rate: Double, seed: UInt64) throws -> (fit: MaximumLikelihoodFit, exact: ClosedRange<Double>) {
    let model = try networkModel("""
      simulation: {dt: 0.001, duration: \(duration), record_bin: 0.001, seed: \(seed)}
      populations: [{name: S, kind: poisson, N: \(N), rate: \(rate) Hz}]
      """)
    let problem = try FitProblem(model: model, data: try mesoRecording(model, seed: seed), free: [FreeParameter(key: "populations[0].rate", lower: 0)])
    let fit = try MaximumLikelihoodFit(problem, options: FitOptions(intervals: .profile))
    let S = problem.data.counts.reduce(0, +), M = Double(problem.data.steps * N), pHat = S / M
    let logL = { (p: Double) in S * log(p) + (M - S) * log1p(-p) }
    let threshold = logL(pHat) - 1.959963984540054 * 1.959963984540054 / 2
    func bisect(_ inside: Double, _ outside: Double) -> Double {
      var (a, b) = (inside, outside)
      for _ in 0..<200 { let m = (a + b) / 2; if logL(m) > threshold { a = m } else { b = m } }
      return (a + b) / 2
    }
    let rate = { (p: Double) in -log1p(-p) / 0.001 }
    return (fit, rate(bisect(pHat, 1e-12))...rate(bisect(pHat, 1 - 1e-12)))
  }

  /// Long data (20 s × 50 neurons, S ≈ 2·10⁴ spikes): ln L is close to quadratic and the two intervals
  /// must agree. The profile ends equal the exact likelihood-ratio ends within 0.01 se (the root is
  /// found to 0.005 se in z = ln r). The Wald ends differ from them by the skewness of ln L: for a
  /// count S, ln L̂ − ln L = δ²/2 − δ³/(3√S) + … in δ = (r − r̂)/se, so both likelihood-ratio ends lie
  /// z²/(3√S)·se to the right of the Wald ones, 0.009 se here; required within 0.03 se.
  @Test func agreesWithWaldOnLongData() throws {
    let (fit, exact) = try sourceFit(N: 50, duration: 20, rate: 20, seed: 5)
    let se = try #require(fit.standardErrors)[0], wald = try #require(fit.waldIntervals)[0]
    let profile = try #require(fit.profiles)[0]
    #expect(profile.lower.crossed && profile.upper.crossed)
    #expect(abs(profile.lower.value - exact.lowerBound) < 0.01 * se && abs(profile.upper.value - exact.upperBound) < 0.01 * se, "\(profile.interval) vs \(exact)")
    #expect(abs(wald.lowerBound - exact.lowerBound) < 0.03 * se && abs(wald.upperBound - exact.upperBound) < 0.03 * se, "\(wald) vs \(exact), se \(se)")
    #expect(fit.intervals == [profile.interval])
  }

  /// Short data (0.5 s × 4 neurons at 5 Hz, S ≈ 10 spikes): ln L is skewed and the likelihood-ratio
  /// interval lies z²/(3√S)·se ≈ 0.4 se to the right of the symmetric Wald one (see above). The
  /// profile follows the exact ends within 0.01 se; both Wald ends are more than 0.2 se to their left.
  @Test func differsFromWaldOnFewSpikes() throws {
    let (fit, exact) = try sourceFit(N: 4, duration: 0.5, rate: 5, seed: 2)
    let se = try #require(fit.standardErrors)[0], wald = try #require(fit.waldIntervals)[0]
    let profile = try #require(fit.profiles)[0]
    #expect(abs(profile.lower.value - exact.lowerBound) < 0.01 * se && abs(profile.upper.value - exact.upperBound) < 0.01 * se, "\(profile.interval) vs \(exact)")
    #expect(exact.lowerBound - wald.lowerBound > 0.2 * se && exact.upperBound - wald.upperBound > 0.2 * se, "\(wald) vs \(exact), se \(se)")
  }
}

@Suite struct ProfileNuisanceTests {
  /// μ and V_th of one population are nearly interchangeable (only the distance of μ from the
  /// threshold and of the reset from it matter), so their estimates are strongly correlated. The
  /// profile of μ must maximise V_th at every point: on 2 s of data (≈ 10⁴ spikes, ln L close to
  /// quadratic) its half-widths match the marginal Wald half-width z·√C_μμ within 15 % and are more
  /// than 1.5 times the conditional one z/√I_μμ (which the profile would give with V_th held at its
  /// estimate; their ratio is 1/√(1 − ρ²), checked here to exceed 2, i.e. |ρ| > 0.87).
  @Test func profileMaximisesTheOtherParameter() throws {
    let model = try networkModel("""
      simulation: {dt: 0.001, duration: 2, record_bin: 0.001, seed: 3}
      populations:
        - {name: P, N: 500, tau_m: 20 ms, t_ref: 4 ms, mu: 12 mV, V_reset: 0 mV, V_th: 10 mV, Delta_V: 2 mV, lambda_0: 10 Hz}
      inputs: [{to: P, kind: step, start: 1 s, amplitude: 5 mV}]
      """)
    let problem = try FitProblem(
      model: model, data: try mesoRecording(model, seed: 3), free: [FreeParameter(key: "populations[0].mu"), FreeParameter(key: "populations[0].V_th")])
    let fit = try MaximumLikelihoodFit(problem, options: FitOptions(intervals: .profile))
    let C = try #require(fit.covariance), I = try #require(fit.information)
    let z = 1.959963984540054, marginal = z * C[0].squareRoot(), conditional = z / I[0].squareRoot()
    #expect(marginal / conditional > 2, "ρ too weak: \(marginal / conditional)")
    let profile = try #require(fit.profiles)[0]
    for halfWidth in [fit.estimate[0] - profile.lower.value, profile.upper.value - fit.estimate[0]] {
      #expect(abs(halfWidth / marginal - 1) < 0.15 && halfWidth > 1.5 * conditional, "\(halfWidth) vs \(marginal), \(conditional)")
    }
    // At each end V_th has moved with μ (along the regression C_12/C_11), not stayed at its estimate.
    let ends = profile.points.filter { $0.values[0] == profile.lower.value || $0.values[0] == profile.upper.value }
    for end in ends {
      let predicted = fit.estimate[1] + C[1] / C[0] * (end.values[0] - fit.estimate[0])
      #expect(abs(end.values[1] - predicted) < 0.2 * abs(predicted - fit.estimate[1]), "\(end.values) vs \(predicted)")
    }
  }
}

@Suite struct ProfileCurvedNuisanceTests {
  /// ln L(x, y) = −½[x²/σ_x² + (y − a x − b x²)²/σ_y²]: the nuisance y follows x along a parabola,
  /// so ln L is not quadratic and the covariance at the maximum knows only the straight part (its
  /// regression slope C_yx/C_xx is a). Maximising y at fixed x gives y = a x + b x² exactly, so the
  /// profile is ln L_p(x) = −½x²/σ_x² and the interval is ±z·σ_x, found to 0.005 se (required
  /// within 0.01 σ_x). Without the re-maximisation, y stays on the regression line y = a x and the
  /// residual b x² makes the deficit ½x² + ½b²x⁴/σ_y², whose interval is ±0.26 here: the
  /// regression shift alone does not land on the maximum.
  @Test func profileFollowsCurvedRidge() throws {
    let (a, b, sx, sy) = (2.0, 3.0, 1.0, 0.1)
    let logL = { (v: [Double]) -> Double? in
      let r = v[1] - a * v[0] - b * v[0] * v[0]
      return -0.5 * (v[0] * v[0] / (sx * sx) + r * r / (sy * sy))
    }
    // I = −∇²ln L at (0, 0): [[1/σ_x² + a²/σ_y², −a/σ_y²], [−a/σ_y², 1/σ_y²]]; C = I⁻¹.
    let covariance = [sx * sx, a * sx * sx, a * sx * sx, sy * sy + a * a * sx * sx]
    let profile = try ProfileInterval(
      parameter: 0, free: [FreeParameter(key: "x"), FreeParameter(key: "y")], estimate: [0, 0], maximum: 0, covariance: covariance,
      confidence: 0.95, logLikelihood: logL)
    let z = 1.959963984540054
    #expect(profile.lower.crossed && profile.upper.crossed)
    #expect(abs(profile.lower.value + z * sx) < 0.01 * sx && abs(profile.upper.value - z * sx) < 0.01 * sx, "\(profile.interval)")
    // At each end y sits on the ridge, far off the regression line (b x² ≈ 11.5 = 115 σ_y).
    for end in profile.points where abs(abs(end.values[0]) - z * sx) < 0.01 * sx {
      let ridge = a * end.values[0] + b * end.values[0] * end.values[0]
      #expect(abs(end.values[1] - ridge) < sy, "\(end.values) vs ridge \(ridge)")
    }
  }
}
