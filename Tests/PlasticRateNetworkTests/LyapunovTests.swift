import Foundation
import GSLBridge
import MesoCore
import PlasticRateNetwork
import RateModels
import Testing

/// The Benettin estimates of the plastic network: the exact tangent of the fixed-step map against
/// RateModels' continuous variational equation (GSL), and the static limits.
@Suite struct PlasticLyapunovTests {
  private func network(N: Int, g: Double, k: Double, seed: UInt64 = 5) throws -> PlasticNetwork {
    PlasticNetwork(try PlasticNetworkParameters(N: N, g: g, k: k).validated(), seed: seed)
  }

  /// λ_max of the discrete map (dt = 0.02) against RateModels' Benettin estimate (rkf45 on the
  /// variational equation): at k = 0 against its own `RateNetwork` with W = J (the rate form
  /// ṙ = −r + tanh(W r) is conjugate to ẋ = −x + W tanh x by x = W r, so the exponents agree), at
  /// k = 1 against `PlasticNetworkODE` (the continuous tangent of Eq. 16, plastic terms included).
  /// Tolerance: 4 combined block standard errors plus 0.02 for the O(dt) bias of the map.
  @Test(arguments: [0.0, 1.0])
  func discreteMapAgreesWithVariationalEquation(k: Double) throws {
    let (n, g) = k == 0 ? (200, 3.0) : (30, 3.0)
    let a = try network(N: n, g: g, k: k), b = try network(N: n, g: g, k: k)
    try a.advance(steps: 2000, dt: 0.05)
    try b.advance(steps: 2000, dt: 0.05)
    let map = try a.lyapunovSpectrum(LyapunovSpectrumOptions(count: 1, dt: 0.02, transient: 50, duration: 300, interval: 1))
    let options = LyapunovOptions(transient: 50, duration: 300, interval: 1, ode: ODEOptions(absTol: 1e-7, relTol: 1e-7, initialStep: 1e-3))
    let reference: LyapunovEstimate
    if k == 0 {
      let w = b.couplingMatrix
      let rows = (0..<n).map { i in Array(w[(i * n)..<((i + 1) * n)]) }
      let rates = RateNetwork(RateNetworkParameters(tau: .init(repeating: 1, count: n), W: rows, I: .init(repeating: 0, count: n), r0: b.phi))
      reference = try largestLyapunovExponent(of: rates, from: b.phi, options: options)
      #expect(reference.exponent > 0.05 && map.exponents[0] > 0.05)  // chaotic at g = 3
    } else {
      reference = try largestLyapunovExponent(of: PlasticNetworkODE(b), from: b.stateVector, options: options)
    }
    let se = (map.standardErrors[0] * map.standardErrors[0] + reference.standardError * reference.standardError).squareRoot()
    #expect(abs(map.exponents[0] - reference.exponent) < 4 * se + 0.02)
  }

  /// At the trivial point x = 0 (A = 0 stays 0) the map is linear with constant matrix: the exponents
  /// are ln|e^{−dt} + (1 − e^{−dt}) g μ|/dt over the eigenvalues μ of Z, and −1/p (N² times), sorted.
  @Test func trivialPointExponentsAreEigenvalueLogarithms() throws {
    let (n, g, dt, p) = (12, 1.3, 0.05, 2.5)
    let net = try network(N: n, g: g, k: 1.5)
    net.setX([Double](repeating: 0, count: n))
    let z = try eigenvalues(ofRowMajor: net.couplingMatrix.map { $0 / g }, dimension: n)
    let e = exp(-dt)
    var expected = z.map { mu in log(hypot(e + (1 - e) * g * mu.real, (1 - e) * g * mu.imaginary)) / dt }
    expected += [Double](repeating: -1 / p, count: n * n)
    expected.sort(by: >)
    let m = 3
    let spectrum = try net.lyapunovSpectrum(LyapunovSpectrumOptions(count: m, dt: dt, transient: 100, duration: 400))
    for j in 0..<m { #expect(abs(spectrum.exponents[j] - expected[j]) < 0.01) }
  }

  /// k = 0 is the static network (Sompolinsky et al. 1988): chaotic (λ_max > 0) at g = 3, stable
  /// (λ_max < 0) at g = 0.8; and more exponents than N + N² are refused.
  @Test func staticLimitAndBadCount() throws {
    for (g, positive) in [(3.0, true), (0.8, false)] {
      let net = try network(N: 200, g: g, k: 0)
      let s = try net.lyapunovSpectrum(LyapunovSpectrumOptions(count: 1, transient: 100, duration: 200))
      #expect((s.exponents[0] > 0) == positive)
    }
    let small = try network(N: 3, g: 2, k: 1)
    #expect(throws: ParameterError.self) { try small.lyapunovSpectrum(LyapunovSpectrumOptions(count: 13)) }
  }

  /// Kaplan–Yorke: D = j + Σ_{i≤j} λ_i / |λ_{j+1}|.
  @Test func kaplanYorkeDimension() {
    #expect(LyapunovSpectrum(exponents: [0.5, -0.2, -1], standardErrors: [0, 0, 0]).kaplanYorkeDimension.map { abs($0 - 2.3) < 1e-12 } == true)
    #expect(LyapunovSpectrum(exponents: [0.5, 0.1], standardErrors: [0, 0]).kaplanYorkeDimension == nil)
    #expect(LyapunovSpectrum(exponents: [-0.5], standardErrors: [0]).kaplanYorkeDimension == 0)
  }
}
