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
  /// S*, the stationary variance over neurons of the summed weight of M_c channels: M_c V* with
  /// independent scores, larger with coupled ones (``STDPScoreModel``).
  public var stationaryScoreVariance: Double
  /// The episode from m₀, V*.
  public var episode: EpisodeTrajectory
  /// γ_N, γ_T: homeostatic factors m₀ / (f_c m_ac + (1 − f_c) m_an).
  public var gammaN: Double, gammaT: Double
  /// The trace of an association after k = 0 … P − 1 later episodes: K⁽ᵏ⁾, G⁽ᵏ⁾ of its cue weights onto
  /// targets and non-targets and the scores they imply for independent weights.
  public var readout: [ReadoutMoments]
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
    try stationaryState(correlations: correlations).V
  }

  /// V* and S*. Independent scores: S* = M_c V*. Coupled scores: the episodes start from S = σ M_c V,
  /// and σ = S*/(M_c V*) is iterated to 10⁻⁹ (S* from `stationaryScoreVariance`).
  func stationaryState(correlations: Bool) throws -> (V: Double, S: Double) {
    let cue = Double(inputs.cueChannels)
    var ratio = 1.0
    for _ in 0..<50 {
      let v = try brentRoot(in: 1e-10...1e-1, absTol: 1e-16, relTol: 1e-10) { v in
        try varianceAfterEpisode(episode(variance: v, scoreVariance: ratio * cue * v, correlations: correlations)) - v
      }
      guard theory.scores == .coupled else { return (v, cue * v) }
      let S = stationaryScoreVariance(try episode(variance: v, scoreVariance: ratio * cue * v, correlations: correlations), stationaryVariance: v)
      let next = S / (cue * v)
      if abs(next - ratio) <= 1e-9 * ratio { return (v, S) }
      ratio = next
    }
    throw SolverFailure("stdp theory: the stationary score variance S* did not converge in 50 iterations", iteration: 50)
  }

  /// The memory curve: V*, the episode from it, and a_k for k = 0 … episodes − 1. `samples` sets the
  /// time resolution of the stored episode. `progress` receives the fraction done.
  public func memoryCurve(correlations: Bool, samples: Int = 50, progress: ((Double) throws -> Void)? = nil) throws -> MemoryCurve {
    if let problem = problems().first { throw problem }
    let (vStar, sStar) = try stationaryState(correlations: correlations)
    try progress?(0.9)
    let e = try episode(variance: vStar, scoreVariance: sStar, correlations: correlations, samples: samples)
    let g = homeostaticFactors(e.mean.last!)
    let readout = trace(e, stationaryVariance: vStar, episodes: training.episodes)
    let a = try readout.map { try $0.gaussianAccuracy(fs: inputs.fs) }
    try progress?(1)
    let capacity = a.indices.min { abs(a[$0] - 0.5) < abs(a[$1] - 0.5) } ?? 0
    return MemoryCurve(
      correlations: correlations, stationaryVariance: vStar, stationaryScoreVariance: sStar, episode: e, gammaN: g.N, gammaT: g.T,
      readout: readout, accuracy: a, capacity: capacity)
  }

  /// E[s′²] after one more episode and homeostasis for a score of mean M_c K and variance S (coupled
  /// scores): the neuron takes the role a′ (P_a′) for all its M_c weights and is rescaled by γ_a′; each
  /// weight is a cue one with probability f_c, shifted by d_a′b′ = m_a′b′(T) − m₀ and given the added
  /// variance V_a′b′(T) − V*:
  /// Σ_a′ P_a′ γ_a′² [S + M_c Σ_b′ P_b′ (V_a′b′ − V*) + M_c² (K + f_c d_a′c + (1 − f_c) d_a′n)² + M_c f_c (1 − f_c)(d_a′c − d_a′n)²].
  func scoreSecondMoment(_ e: EpisodeTrajectory, stationaryVariance vStar: Double, S: Double, K: Double) -> Double {
    let m = e.mean.last!, V = e.variance.last!, g = homeostaticFactors(m), fc = inputs.fc, fs = inputs.fs, cue = Double(inputs.cueChannels)
    return [(1 - fs, g.N, 0), (fs, g.T, 2)].reduce(0.0) { sum, role in
      let (P, gamma, i) = role
      let dn = m[i] - inputs.m0, dc = m[i + 1] - inputs.m0, shift = K + fc * dc + (1 - fc) * dn
      let added = cue * ((1 - fc) * (V[i] - vStar) + fc * (V[i + 1] - vStar))
      return sum + P * gamma * gamma * (S + added + cue * cue * shift * shift + cue * fc * (1 - fc) * (dc - dn) * (dc - dn))
    }
  }

  /// S*, the fixed point of S = `scoreSecondMoment`(S, m₀) − (M_c m₀)² (linear in S, slope Σ_a′ P_a′ γ_a′²).
  func stationaryScoreVariance(_ e: EpisodeTrajectory, stationaryVariance vStar: Double) -> Double {
    let g = homeostaticFactors(e.mean.last!), fs = inputs.fs, cue = Double(inputs.cueChannels)
    let slope = (1 - fs) * g.N * g.N + fs * g.T * g.T
    return (scoreSecondMoment(e, stationaryVariance: vStar, S: 0, K: inputs.m0) - cue * cue * inputs.m0 * inputs.m0) / (1 - slope)
  }

  /// The trace of the association (steps 8–9): K⁽⁰⁾_ac = γ_a m_ac(T), G⁽⁰⁾_ac = γ_a² V_ac(T);
  /// K⁽ᵏ⁾ = (1 − φ) K⁽ᵏ⁻¹⁾ + c, G⁽ᵏ⁾ = Σ P_a′P_b′ γ_a′² [G⁽ᵏ⁻¹⁾ + V_a′b′ − V* + (K⁽ᵏ⁻¹⁾ + m_a′b′ − m₀)²] − (K⁽ᵏ⁾)²;
  /// the summed cue weight onto a target ~ 𝒩(M_c K_Tc, M_c G_Tc), onto a non-target ~ 𝒩(M_c K_Nc, M_c G_Nc)
  /// (the M_c cue weights of a neuron independent). Coupled scores: the score variance starts at
  /// γ_a² S_a(T) and follows S⁽ᵏ⁾ = `scoreSecondMoment`(S⁽ᵏ⁻¹⁾, K⁽ᵏ⁻¹⁾) − (M_c K⁽ᵏ⁾)².
  func trace(_ e: EpisodeTrajectory, stationaryVariance vStar: Double, episodes: Int) -> [ReadoutMoments] {
    let m = e.mean.last!, V = e.variance.last!, g = homeostaticFactors(m), w = populationWeights, m0 = inputs.m0
    let gammas = [g.N, g.N, g.T, g.T]
    let c = (0..<4).reduce(0.0) { $0 + w[$1] * gammas[$1] * (m[$1] - m0) }
    let keep = (0..<4).reduce(0.0) { $0 + w[$1] * gammas[$1] }
    // (K, G) of the cue synapses onto targets and non-targets.
    var K = [g.T * m[3], g.N * m[1]], G = [g.T * g.T * V[3], g.N * g.N * V[1]]
    let coupled = theory.scores == .coupled, cue = Double(inputs.cueChannels)
    var S = coupled ? [g.T * g.T * e.scoreVariance.last![1], g.N * g.N * e.scoreVariance.last![0]] : []
    var trace = [ReadoutMoments]()
    trace.reserveCapacity(episodes)
    for _ in 0..<episodes {
      var moments = ReadoutMoments(independentWeights: inputs.cueChannels, K: (K[0], K[1]), G: (G[0], G[1]))
      if coupled { (moments.targetScoreVariance, moments.nonTargetScoreVariance) = (S[0], S[1]) }
      trace.append(moments)
      for j in 0..<2 {
        let keptK = K[j]
        let second = (0..<4).reduce(0.0) { sum, i in
          let shifted = K[j] + m[i] - m0
          return sum + w[i] * gammas[i] * gammas[i] * (G[j] + V[i] - vStar + shifted * shifted)
        }
        K[j] = keep * K[j] + c
        G[j] = second - K[j] * K[j]
        if coupled { S[j] = scoreSecondMoment(e, stationaryVariance: vStar, S: S[j], K: keptK) - cue * cue * K[j] * K[j] }
      }
    }
    return trace
  }
}

/// The static readout of one association (spec §2.5 step 9): its cue weights onto its targets (T) and
/// non-targets (N), per synapse and summed per neuron, the score s_n = Σ_{m ∈ cue} w_nm.
public struct ReadoutMoments: Equatable, Sendable {
  /// Mean K and variance G of one cue weight onto a target and onto a non-target.
  public var targetWeightMean, targetWeightVariance, nonTargetWeightMean, nonTargetWeightVariance: Double
  /// Mean and variance over neurons of the score of a target and of a non-target.
  public var targetScoreMean, targetScoreVariance, nonTargetScoreMean, nonTargetScoreVariance: Double

  /// The eight moments in the order of `values`.
  public init(values v: [Double]) {
    (targetWeightMean, targetWeightVariance, nonTargetWeightMean, nonTargetWeightVariance) = (v[0], v[1], v[2], v[3])
    (targetScoreMean, targetScoreVariance, nonTargetScoreMean, nonTargetScoreVariance) = (v[4], v[5], v[6], v[7])
  }

  /// The theory's moments: `cue` independent weights of mean K and variance G give a score of mean
  /// M_c K and variance M_c G.
  public init(independentWeights cue: Int, K: (T: Double, N: Double), G: (T: Double, N: Double)) {
    let n = Double(cue)
    self.init(values: [K.T, G.T, K.N, G.N, n * K.T, n * G.T, n * K.N, n * G.N])
  }

  /// K_T, G_T, K_N, G_N, then the score's mean and variance for targets and non-targets.
  public var values: [Double] {
    [
      targetWeightMean, targetWeightVariance, nonTargetWeightMean, nonTargetWeightVariance,
      targetScoreMean, targetScoreVariance, nonTargetScoreMean, nonTargetScoreVariance,
    ]
  }

  /// The mean correlation ρ between two of the M_c cue weights of one neuron that the score variance
  /// implies: Var s = M_c G [1 + (M_c − 1) ρ]; 0 for the theory's independent weights.
  public func weightCorrelation(cue: Int) -> (T: Double, N: Double) {
    let n = Double(cue)
    func rho(_ score: Double, _ weight: Double) -> Double { (score / (n * weight) - 1) / (n - 1) }
    return (rho(targetScoreVariance, targetWeightVariance), rho(nonTargetScoreVariance, nonTargetWeightVariance))
  }

  /// a: the fraction of targets above the threshold s* that activates a fraction f_s of all neurons,
  /// for Gaussian scores of these moments (ms 52–53):
  /// f_s = f_s ½ erfc[(s* − μ_T)/√(2σ_T²)] + (1 − f_s) ½ erfc[(s* − μ_N)/√(2σ_N²)], a = ½ erfc[(s* − μ_T)/√(2σ_T²)].
  public func gaussianAccuracy(fs: Double) throws -> Double {
    let (muT, sdT) = (targetScoreMean, targetScoreVariance.squareRoot()), (muN, sdN) = (nonTargetScoreMean, nonTargetScoreVariance.squareRoot())
    func above(_ s: Double, _ mu: Double, _ sd: Double) -> Double { 0.5 * erfc((s - mu) / (2.0.squareRoot() * sd)) }
    let spread = 40 * max(sdT, sdN)
    let threshold = try brentRoot(in: (min(muT, muN) - spread)...(max(muT, muN) + spread), absTol: 1e-14 * max(abs(muT), spread), relTol: 1e-14) {
      fs * above($0, muT, sdT) + (1 - fs) * above($0, muN, sdN) - fs
    }
    return above(threshold, muT, sdT)
  }
}
