import Foundation
import GSLBridge
import MesoCore

/// The memory of one association under continued training, from the four-population theory
/// (spec §2.5 steps 6–9), for the full or the rate-only drift.
public struct MemoryCurve: Sendable {
  /// Whether the spike-time cross-correlation terms were kept.
  public var correlations: Bool
  /// V*, the stationary weight variance (training from it returns to it after homeostasis).
  public var stationaryVariance: Double
  /// The episode from m₀, V*.
  public var episode: EpisodeTrajectory
  /// γ_N, γ_T: homeostatic factors m₀ / (f_c m_ac + (1 − f_c) m_an).
  public var gammaN: Double, gammaT: Double
  /// a_k, static-readout accuracy of an association after k = 0 … P − 1 later episodes.
  public var accuracy: [Double]
  /// The k minimising |a_k − 0.5| (the reference's definition of capacity).
  public var capacity: Int
}

extension STDPMemoryParameters {
  /// P_a P_b of the four populations (N,n), (N,c), (T,n), (T,c).
  var populationWeights: [Double] {
    let fs = inputs.fs, fc = inputs.fc
    return [(1 - fs) * (1 - fc), (1 - fs) * fc, fs * (1 - fc), fs * fc]
  }

  /// γ_N, γ_T after an episode ending at m_ab(T).
  func homeostaticFactors(_ m: [Double]) -> (N: Double, T: Double) {
    let fc = inputs.fc
    return (inputs.m0 / (fc * m[1] + (1 - fc) * m[0]), inputs.m0 / (fc * m[3] + (1 - fc) * m[2]))
  }

  /// Σ_ab P_a P_b [γ_a² V_ab(T) + (γ_a m_ab(T) − m₀)²]: the variance after an episode and homeostasis.
  func varianceAfterEpisode(_ e: EpisodeTrajectory) -> Double {
    let m = e.mean.last!, V = e.variance.last!, g = homeostaticFactors(m), w = populationWeights
    return (0..<4).reduce(0.0) { sum, i in
      let gamma = i < 2 ? g.N : g.T
      let shift = gamma * m[i] - inputs.m0
      return sum + w[i] * (gamma * gamma * V[i] + shift * shift)
    }
  }

  /// V* solving V = varianceAfterEpisode(episode from V), by Brent on [10⁻¹⁰, 10⁻¹] (relative 10⁻¹⁰).
  public func stationaryVariance(correlations: Bool) throws -> Double {
    try brentRoot(in: 1e-10...1e-1, absTol: 1e-16, relTol: 1e-10) { v in
      try varianceAfterEpisode(episode(variance: v, correlations: correlations)) - v
    }
  }

  /// The memory curve: V*, the episode from it, and a_k for k = 0 … episodes − 1. `samples` sets the
  /// time resolution of the stored episode. `progress` receives the fraction done.
  public func memoryCurve(correlations: Bool, samples: Int = 50, progress: ((Double) throws -> Void)? = nil) throws -> MemoryCurve {
    if let problem = problems().first { throw problem }
    let vStar = try stationaryVariance(correlations: correlations)
    try progress?(0.9)
    let e = try episode(variance: vStar, correlations: correlations, samples: samples)
    let g = homeostaticFactors(e.mean.last!)
    let a = try accuracyCurve(e, stationaryVariance: vStar, episodes: training.episodes)
    try progress?(1)
    let capacity = a.indices.min { abs(a[$0] - 0.5) < abs(a[$1] - 0.5) } ?? 0
    return MemoryCurve(correlations: correlations, stationaryVariance: vStar, episode: e, gammaN: g.N, gammaT: g.T, accuracy: a, capacity: capacity)
  }

  /// a_k from the trace of the association (steps 8–9): K⁽⁰⁾_ac = γ_a m_ac(T), G⁽⁰⁾_ac = γ_a² V_ac(T);
  /// K⁽ᵏ⁾ = (1 − φ) K⁽ᵏ⁻¹⁾ + c, G⁽ᵏ⁾ = Σ P_a′P_b′ γ_a′² [G⁽ᵏ⁻¹⁾ + V_a′b′ − V* + (K⁽ᵏ⁻¹⁾ + m_a′b′ − m₀)²] − (K⁽ᵏ⁾)²;
  /// the summed cue weight onto a target ~ 𝒩(M_c K_Tc, M_c G_Tc), onto a non-target ~ 𝒩(M_c K_Nc, M_c G_Nc);
  /// the threshold s* activates f_s N_E neurons and a_k is the fraction of targets above it.
  func accuracyCurve(_ e: EpisodeTrajectory, stationaryVariance vStar: Double, episodes: Int) throws -> [Double] {
    let m = e.mean.last!, V = e.variance.last!, g = homeostaticFactors(m), w = populationWeights, m0 = inputs.m0
    let gammas = [g.N, g.N, g.T, g.T]
    let c = (0..<4).reduce(0.0) { $0 + w[$1] * gammas[$1] * (m[$1] - m0) }
    let keep = (0..<4).reduce(0.0) { $0 + w[$1] * gammas[$1] }
    // (K, G) of the cue synapses onto targets and non-targets.
    var K = [g.T * m[3], g.N * m[1]], G = [g.T * g.T * V[3], g.N * g.N * V[1]]
    let Mc = inputs.fc * Double(inputs.M), fs = inputs.fs
    var accuracy = [Double]()
    accuracy.reserveCapacity(episodes)
    for _ in 0..<episodes {
      let (muT, sdT) = (Mc * K[0], (Mc * G[0]).squareRoot()), (muN, sdN) = (Mc * K[1], (Mc * G[1]).squareRoot())
      func above(_ s: Double, _ mu: Double, _ sd: Double) -> Double { 0.5 * erfc((s - mu) / (2.0.squareRoot() * sd)) }
      let spread = 40 * max(sdT, sdN)
      let threshold = try brentRoot(in: (min(muT, muN) - spread)...(max(muT, muN) + spread), absTol: 1e-14 * max(abs(muT), spread), relTol: 1e-14) {
        fs * above($0, muT, sdT) + (1 - fs) * above($0, muN, sdN) - fs
      }
      accuracy.append(above(threshold, muT, sdT))
      for j in 0..<2 {
        let second = (0..<4).reduce(0.0) { sum, i in
          let shifted = K[j] + m[i] - m0
          return sum + w[i] * gammas[i] * gammas[i] * (G[j] + V[i] - vStar + shifted * shifted)
        }
        K[j] = keep * K[j] + c
        G[j] = second - K[j] * K[j]
      }
    }
    return accuracy
  }
}
