import Foundation
import GSLBridge
import MesoCore

/// The Kramers–Moyal coefficients of one STDP synapse of weight w from a Poisson source of rate ν onto a
/// LIF neuron with background drive (μ, D), in the diffusion approximation of the synapse's own input
/// μ_tot = μ + wν, D_tot = D + ½w²ν, r₀ = Φ(μ_tot, D_tot), α, β at s = −1/τ_c (Stubenrauch et al. 2025):
///
///     D⁽¹⁾(w) = ν r₀ (Δ_c τ_c + r_ac w τ_ac)  +  Δ_c ν w α  +  ½ Δ_c ν w² β
///     D⁽²⁾(w) = ¼ ν r₀ (Δ_c² τ_c + r_ac² w² τ_ac)
public struct SynapseCoefficients: Equatable, Sendable {
  /// The neuron's rate and responses at this w.
  public var response: LIFResponse
  /// ν r₀ (Δ_c τ_c + r_ac w τ_ac): the drift of uncorrelated pre- and postsynaptic trains.
  public var rateDrift: Double
  /// Δ_c ν w α(−1/τ_c): potentiation by postsynaptic spikes the presynaptic spike caused (mean input).
  public var alphaDrift: Double
  /// ½ Δ_c ν w² β(−1/τ_c): the same through the noise intensity.
  public var betaDrift: Double
  /// D⁽²⁾(w).
  public var diffusion: Double

  /// The drift with (`correlations` true) or without the spike-time cross-correlation parts.
  public func drift(correlations: Bool = true) -> Double { rateDrift + (correlations ? alphaDrift + betaDrift : 0) }
}

/// One synapse in a fixed background: its drift, diffusion, their derivatives and the moment closure.
public struct SynapseTheory: Sendable {
  /// The STDP rule.
  public var synapse: STDPSynapseParameters
  /// Background mean input μ and noise intensity D of the postsynaptic neuron.
  public var mu: Double, D: Double
  /// ν, presynaptic rate (per τ_m).
  public var nu: Double

  /// The theory of one synapse; checks the rule's ranges, D > 0 and ν ≥ 0 (`ParameterError`).
  public init(synapse: STDPSynapseParameters, mu: Double, D: Double, nu: Double) throws(ParameterError) {
    if let problem = synapse.problems().first { throw problem.prefixed("synapse") }
    guard mu.isFinite else { throw ParameterError(path: "mu", value: mu, requirement: "be finite") }
    guard D.isFinite, D > 0 else { throw ParameterError(path: "D", value: D, requirement: "be > 0 (white-noise intensity)") }
    guard nu.isFinite, nu >= 0 else { throw ParameterError(path: "nu", value: nu, requirement: "be >= 0 per tau_m") }
    self.synapse = synapse
    self.mu = mu
    self.D = D
    self.nu = nu
  }

  /// The neuron's input statistics with the synapse's own input: (μ + wν, D + ½w²ν).
  public func input(w: Double) -> (mu: Double, D: Double) { (mu + w * nu, D + 0.5 * w * w * nu) }

  /// D⁽¹⁾ parts and D⁽²⁾ at weight w ≥ 0.
  public func coefficients(at w: Double, evaluator: LIFResponseEvaluator) throws -> SynapseCoefficients {
    guard w.isFinite, w >= 0 else { throw ParameterError(path: "w", value: w, requirement: "be finite and >= 0") }
    let (m, d) = input(w: w)
    let r = try evaluator.response(mu: m, D: d, s: -1 / synapse.tauC)
    return Self.coefficients(synapse, nu: nu, w: w, response: r)
  }

  /// D⁽¹⁾ parts and D⁽²⁾ of a synapse of weight w, presynaptic rate ν, onto a neuron with `response`.
  public static func coefficients(_ p: STDPSynapseParameters, nu: Double, w: Double, response r: LIFResponse) -> SynapseCoefficients {
    SynapseCoefficients(
      response: r, rateDrift: nu * r.rate * (p.deltaC * p.tauC + p.rAC * w * p.tauAC), alphaDrift: p.deltaC * nu * w * r.alpha,
      betaDrift: 0.5 * p.deltaC * nu * w * w * r.beta, diffusion: 0.25 * nu * r.rate * (p.deltaC * p.deltaC * p.tauC + p.rAC * p.rAC * w * w * p.tauAC))
  }

  /// ∂D⁽¹⁾/∂w with r₀, α, β frozen: ν r₀ r_ac τ_ac + Δ_c ν (α + w β) (without correlations: the first term).
  public static func explicitDerivative(_ p: STDPSynapseParameters, nu: Double, w: Double, response r: LIFResponse, correlations: Bool) -> Double {
    nu * r.rate * p.rAC * p.tauAC + (correlations ? p.deltaC * nu * (r.alpha + w * r.beta) : 0)
  }

  /// D⁽¹⁾′(w) of the chosen variant (``DriftDerivative``). The implicit part, the change of r₀, α, β through
  /// μ_tot, D_tot with the factors w, w² fixed, is a central difference with step 10⁻⁶ (truncation ~10⁻¹²).
  public func driftDerivative(at w: Double, _ variant: DriftDerivative, correlations: Bool = true, evaluator: LIFResponseEvaluator) throws -> Double {
    let here = try coefficients(at: w, evaluator: evaluator)
    let explicit = Self.explicitDerivative(synapse, nu: nu, w: w, response: here.response, correlations: correlations)
    if variant == .explicit { return explicit }
    let h = 1e-6
    let up = try coefficients(at: w + h, evaluator: evaluator).response, down = try coefficients(at: max(w - h, 0), evaluator: evaluator).response
    let span = w + h - max(w - h, 0)
    let slope = LIFResponse(rate: (up.rate - down.rate) / span, alpha: (up.alpha - down.alpha) / span, beta: (up.beta - down.beta) / span)
    // D⁽¹⁾ is linear in (r₀, α, β) at fixed w: the implicit part is D⁽¹⁾ evaluated on their slopes.
    let implicit = Self.coefficients(synapse, nu: nu, w: w, response: slope).drift(correlations: correlations)
    return variant == .implicit ? implicit : implicit + explicit
  }

  /// The zeros of D⁽¹⁾ on [lower, upper]: sign changes on a scan of `points` equally spaced weights, each
  /// refined by Brent's method to 10⁻¹² (none: the drift keeps one sign there).
  public func driftZeros(
    in range: ClosedRange<Double> = 0.005...0.4, points: Int = 80, correlations: Bool = true, evaluator: LIFResponseEvaluator
  ) throws -> [Double] {
    let grid = (0..<points).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(points - 1) }
    let drift = try grid.map { try coefficients(at: $0, evaluator: evaluator).drift(correlations: correlations) }
    var zeros = [Double]()
    for i in 1..<points where (drift[i - 1] < 0) != (drift[i] < 0) {
      zeros.append(try brentRoot(in: grid[i - 1]...grid[i], absTol: 1e-12, relTol: 0) { try self.coefficients(at: $0, evaluator: evaluator).drift(correlations: correlations) })
    }
    return zeros
  }
}
