import Foundation
import GSLBridge
import MesoCore

/// Means and variances of the four weight populations through one training episode (spec §2.5 step 5):
/// post a ∈ {N non-target, T target}, pre b ∈ {n non-cue (rate ν₀), c cue (rate ν₁)}, state order
/// m_Nn, m_Nc, m_Tn, m_Tc, V_Nn, V_Nc, V_Tn, V_Tc, with
///
///     ṁ_ab = D⁽¹⁾_ab = ν_b r_a (Δ_c τ_c + r_ac m_ab τ_ac) + Δ_c ν_b (m_ab α_a + ½ m_ab² β_a)
///     V̇_ab = 2 D⁽¹⁾′_ab V_ab + ½ ν_b r_a (Δ_c² τ_c + r_ac² τ_ac (V_ab + m_ab²))
///
/// where r_a, α_a, β_a (at s = −1/τ_c) are recomputed at every call from the self-consistent rates of
/// the network at the current input statistics. Without correlations the α, β terms are dropped.
///
/// With coupled scores (``STDPScoreModel/coupled``) two more variables follow the variance over
/// neurons of the summed cue weight s_n = Σ_{m ∈ cue} w_nm, S_N and S_T: a neuron's M_c cue weights
/// drive its rate, so the deviation Δ = s_n − M_c m_ac of its score shifts the drift of each of them by
/// c_a Δ, with c_a the implicit D⁽¹⁾′ of a cue synapse (the change of r, α, β through the neuron's input
/// per unit of one cue weight, ``DriftDerivative/implicit``). Then, with q_ac the noise term above,
///
///     V̇_ac = 2 D⁽¹⁾′_ac V_ac + 2 c_a S_a / M_c + q_ac,     Ṡ_a = 2 (D⁽¹⁾′_ac + M_c c_a) S_a + M_c q_ac.
final class EpisodeSystem: ODESystem {
  let p: STDPMemoryParameters
  let correlations: Bool
  let derivative: DriftDerivative
  let coupled: Bool
  let evaluator: LIFResponseEvaluator
  let failure = CallbackFailure()
  /// Last rates, the next root search's starting point.
  var guess = (0.5, 0.1, 0.2)

  init(_ p: STDPMemoryParameters, correlations: Bool, derivative: DriftDerivative) throws {
    self.p = p
    self.correlations = correlations
    self.derivative = derivative
    coupled = p.theory.scores == .coupled
    evaluator = try LIFResponseEvaluator()
  }

  var dimension: Int { coupled ? 10 : 8 }

  /// Rates and the (r, α, β) of T and N at the state (m, V).
  func responses(mean m: [Double], variance V: [Double]) throws -> (rates: PopulationRates, N: LIFResponse, T: LIFResponse) {
    let rates = try p.populationRates(p.feedForwardInput(mean: m, variance: V), guess: guess)
    guess = (rates.T, rates.N, rates.I)
    guard correlations else {
      return (rates, LIFResponse(rate: rates.N, alpha: 0, beta: 0), LIFResponse(rate: rates.T, alpha: 0, beta: 0))
    }
    let s = -1 / p.synapse.tauC
    var n = try evaluator.response(mu: rates.inputN.mu, D: rates.inputN.D, s: s)
    var t = try evaluator.response(mu: rates.inputT.mu, D: rates.inputT.D, s: s)
    n.rate = rates.N
    t.rate = rates.T
    return (rates, n, t)
  }

  /// D⁽¹⁾′ of population (a, b) at m: explicit (r, α, β frozen), implicit (`implicitSlope`), or both.
  func slope(_ response: LIFResponse, input: (mu: Double, D: Double), nu: Double, m: Double) throws -> Double {
    let explicit = SynapseTheory.explicitDerivative(p.synapse, nu: nu, w: m, response: response, correlations: correlations)
    guard derivative != .explicit, nu > 0 else { return explicit }
    let implicit = try implicitSlope(input: input, nu: nu, m: m)
    return derivative == .implicit ? implicit : implicit + explicit
  }

  /// The implicit D⁽¹⁾′ of a synapse of rate ν at weight m: the change of r, α, β through the neuron's
  /// input ν m, ½ν m² at fixed recurrent input, central difference 10⁻⁶.
  func implicitSlope(input: (mu: Double, D: Double), nu: Double, m: Double) throws -> Double {
    let h = 1e-6, s = -1 / p.synapse.tauC
    func at(_ w: Double) throws -> LIFResponse {
      let mu = input.mu + (w - m) * nu, D = input.D + 0.5 * (w * w - m * m) * nu
      guard correlations else { return LIFResponse(rate: try evaluator.response(mu: mu, D: D, s: s).rate, alpha: 0, beta: 0) }
      return try evaluator.response(mu: mu, D: D, s: s)
    }
    let up = try at(m + h), down = try at(m - h)
    let slope = LIFResponse(rate: (up.rate - down.rate) / (2 * h), alpha: (up.alpha - down.alpha) / (2 * h), beta: (up.beta - down.beta) / (2 * h))
    return SynapseTheory.coefficients(p.synapse, nu: nu, w: m, response: slope).drift(correlations: correlations)
  }

  func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dydt: UnsafeMutableBufferPointer<Double>) {
    let m = Array(y[0..<4]), V = Array(y[4..<8])
    let ok = failure.value {
      let (rates, n, tr) = try responses(mean: m, variance: V)
      let q = p.synapse
      for i in 0..<4 {
        let (response, input) = i < 2 ? (n, rates.inputN) : (tr, rates.inputT)
        let nu = i % 2 == 0 ? p.inputs.nu0 : p.inputs.nu1
        dydt[i] = SynapseTheory.coefficients(q, nu: nu, w: m[i], response: response).drift(correlations: correlations)
        let d1 = try slope(response, input: input, nu: nu, m: m[i])
        let noise = 0.5 * nu * response.rate * (q.deltaC * q.deltaC * q.tauC + q.rAC * q.rAC * q.tauAC * (V[i] + m[i] * m[i]))
        dydt[4 + i] = 2 * d1 * V[i] + noise
        guard coupled, i % 2 == 1 else { continue }
        let cue = Double(p.inputs.cueChannels), S = y[8 + i / 2], c = try implicitSlope(input: input, nu: nu, m: m[i])
        dydt[4 + i] += 2 * c * S / cue
        dydt[8 + i / 2] = 2 * (d1 + cue * c) * S + cue * noise
      }
      return 0
    }
    if ok.isNaN { for i in 0..<8 { dydt[i] = .nan } }
  }
}

/// The four populations through one episode from m_ab = m₀, V_ab = V₀.
public struct EpisodeTrajectory: Sendable {
  /// Sample times 0 … T (τ_m).
  public var times: [Double]
  /// m_ab(t), one row of four (N,n), (N,c), (T,n), (T,c) per time.
  public var mean: [[Double]]
  /// V_ab(t), same layout.
  public var variance: [[Double]]
  /// S_N(t), S_T(t): the variance over neurons of a non-target's and a target's cue score (coupled
  /// scores only; empty otherwise).
  public var scoreVariance: [[Double]]
  /// Self-consistent rates at the start and at the end of the episode.
  public var ratesStart: PopulationRates, ratesEnd: PopulationRates
}

extension STDPMemoryParameters {
  /// Integrates the episode ODE from m_ab = m₀, V_ab = `variance` (and, with coupled scores, S_a =
  /// `scoreVariance`, default M_c V) over [0, T] with GSL's rk8pd at the theory's tolerances, sampled at
  /// `samples` + 1 equally spaced times.
  public func episode(variance V0: Double, scoreVariance S0: Double? = nil, correlations: Bool, samples: Int = 1) throws -> EpisodeTrajectory {
    let system = try EpisodeSystem(self, correlations: correlations, derivative: theory.derivative)
    let m0 = [Double](repeating: inputs.m0, count: 4), v0 = [Double](repeating: V0, count: 4)
    let s0 = system.coupled ? [Double](repeating: S0 ?? Double(inputs.cueChannels) * V0, count: 2) : []
    let start = try system.responses(mean: m0, variance: v0).rates
    let integrator = try ODEIntegrator(
      system, options: ODEOptions(stepper: .rk8pd, absTol: theory.absTol, relTol: theory.relTol, initialStep: 1e-2 * training.T))
    let times = (0...samples).map { training.T * Double($0) / Double(samples) }
    let y: [Double], n = system.dimension
    do { y = try integrator.trajectory(from: m0 + v0 + s0, at: times) } catch { try system.failure.rethrow(error) }
    let rows = times.indices.map { Array(y[n * $0..<n * $0 + n]) }
    let end = try system.responses(mean: Array(rows.last![0..<4]), variance: Array(rows.last![4..<8])).rates
    return EpisodeTrajectory(
      times: times, mean: rows.map { Array($0[0..<4]) }, variance: rows.map { Array($0[4..<8]) }, scoreVariance: rows.map { Array($0[8..<n]) },
      ratesStart: start, ratesEnd: end)
  }
}
