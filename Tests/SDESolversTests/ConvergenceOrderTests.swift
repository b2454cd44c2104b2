import Foundation
import GSLBridge
import SDESolvers
import Testing

/// Strong and weak orders on [0, T = 1 s] at Δt = 2^{−4} … 2^{−8} s, every scheme driven by the same
/// Brownian paths as the exact solution, 10⁴ paths (seed 1).
///
/// Tolerances. Each asserted order must lie within ±0.15 of theory: that band is for the
/// pre-asymptotic terms at these step sizes. The sampling error of the fitted slope is computed
/// from the paths (delta method, `OrderFit`) and must be below 0.15/3 at 4 standard errors, so noise
/// cannot decide the outcome. A priori: the relative s.e. r of a mean over 10⁴ paths is
/// (coefficient of variation)/100 ≈ 1–3 % here, and the slope s.e. ≤ Σ|w_k| r = 0.87 r ≤ 0.03.
/// The measured values are quoted next to each test.
@Suite struct ConvergenceOrderTests {
  static let levels = [4, 5, 6, 7, 8]
  static let stepSizes = levels.map { pow(2, -Double($0)) }
  static let paths = 10_000
  static let orderTolerance = 0.15

  /// Errors at every step size, with the fitted order of the mean |error| (strong) or of the
  /// |mean error| (weak).
  static func fit<S: ExactlySolvable>(_ system: S, _ scheme: SDEScheme, strong: Bool) -> (OrderFit, [[Double]]) {
    let errors = pathErrors(system, scheme: scheme, x0: 1, horizon: 1, levels: levels, seed: 1)
    return (OrderFit(stepSizes: stepSizes, samples: strong ? errors.map { $0.map(abs) } : errors), errors)
  }

  static func expectOrder(_ fit: OrderFit, _ order: Double, _ label: String) {
    #expect(abs(fit.slope - order) < orderTolerance, "\(label): order \(fit.slope) ± \(fit.standardError)")
    #expect(4 * fit.standardError < orderTolerance / 3, "\(label): too few paths, s.e. \(fit.standardError)")
  }

  /// GBM dX = μX dt + σX dW with μ = 1/s, σ = 1/√s. The Euler–Maruyama error is ≈ ½μ²X Δt (drift)
  /// plus ≈ σ²X √(Δt/2)·N(0,1) (the missing Milstein term); their ratio √(2/Δt) σ²/μ² is ≥ 5.7 at
  /// every Δt used, so the asymptotic ½ shows. Heun has strong order 1 for commutative noise.
  /// Measured (s.e.): EM 0.486 (0.007), Milstein 0.981 (0.003), Heun 0.970 (0.005).
  @Test(arguments: zip(SDEScheme.allCases, [0.5, 1.0, 1.0]))
  func geometricBrownianMotionStrongOrder(scheme: SDEScheme, order: Double) {
    let (fit, _) = Self.fit(GeometricBrownianMotion(mu: 1, sigma: 1, paths: Self.paths), scheme, strong: true)
    Self.expectOrder(fit, order, "\(scheme) strong")
  }

  /// Weak error of E[X(T)] for GBM with μ = 1.5/s, σ = 0.5/√s, estimated as the path mean of
  /// X_Δt(T) − X(T) (the exact solution on the same path is a control variate: its s.e. is the strong
  /// error/√paths, not sd X(T)/√paths). Because E[ΔW] = 0 and E[ΔW²] = Δt the means are known
  /// exactly: EM and Milstein E[X_Δt(T)] = (1 + μΔt)^N, Heun (1 + μΔt + ½μ̃²Δt²)^N with μ̃ = μ − σ²/2
  /// (one Heun step multiplies X by 1 + z + z²/2, z = μ̃Δt + σΔW), against e^{μT}; each must match at
  /// every Δt within 4 s.e. The weak bias ∝ μ² while the EM noise ∝ σ²√Δt: here the bias at
  /// Δt = 2^{−8} is ≈ 30 s.e. Measured order (s.e.): EM 0.968 (0.009), Milstein 0.969 (0.0004),
  /// Heun 1.027 (0.002); the closed forms alone give 0.970 (EM, Milstein) and 1.027 (Heun).
  @Test(arguments: SDEScheme.allCases)
  func geometricBrownianMotionWeakOrder(scheme: SDEScheme) {
    let (mu, sigma) = (1.5, 0.5)
    let system = GeometricBrownianMotion(mu: mu, sigma: sigma, paths: Self.paths)
    let (fit, errors) = Self.fit(system, scheme, strong: false)
    Self.expectOrder(fit, 1, "\(scheme) weak")
    let muStratonovich = mu - sigma * sigma / 2
    for (dt, e) in zip(Self.stepSizes, errors) {
      let growth = scheme == .heun ? 1 + mu * dt + muStratonovich * muStratonovich * dt * dt / 2 : 1 + mu * dt
      let bias = pow(growth, 1 / dt) - exp(mu)
      let mean = e.reduce(0, +) / Double(e.count)
      let sd = (e.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(e.count - 1)).squareRoot()
      #expect(abs(mean - bias) < 4 * sd / Double(e.count).squareRoot(), "\(scheme) Δt = \(dt): \(mean) vs \(bias)")
    }
  }

  /// Ornstein–Uhlenbeck dX = −X/τ dt + s dW, τ = 1 s, s = 1/√s, X(0) = 1: additive noise, so every scheme
  /// has strong order 1 (Milstein is Euler–Maruyama). Measured (s.e.): EM 1.008 (0.003), Milstein the
  /// same, Heun 0.998 (0.004).
  @Test(arguments: SDEScheme.allCases)
  func ornsteinUhlenbeckStrongOrder(scheme: SDEScheme) {
    let (fit, _) = Self.fit(OrnsteinUhlenbeck(tau: 1, noise: 1, paths: Self.paths), scheme, strong: true)
    Self.expectOrder(fit, 1, "\(scheme) additive strong")
  }

  /// Negative control: Heun without the Itô correction converges to the Stratonovich solution,
  /// X(T)e^{σ²T/2} for GBM, so its error against the Itô solution does not shrink (order 0).
  /// Measured: −0.032 (s.e. 0.0007).
  @Test func heunWithoutItoCorrectionDoesNotConverge() {
    let system = WithoutItoCorrection(base: GeometricBrownianMotion(mu: 1, sigma: 1, paths: Self.paths))
    let (fit, _) = Self.fit(system, .heun, strong: true)
    Self.expectOrder(fit, 0, "uncorrected Heun strong")
  }
}
