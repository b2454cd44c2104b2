import MesoCore
import NetworkCore

/// A release closure beyond the Poisson assumption, for depressing synapses without facilitation
/// (u⁺ ≡ U): the population history already groups the neurons by the time of their last spike,
/// so it can carry the mean resource deficit d = 1 − x of every age bin (docs/stp-history-closure.md).
///
/// Neurons of one bin fired together and have recovered for the same time: x_a = 1 − d_a with
/// d_a ← d_a·e^{−Δt/τ_D} each step. The expected release of a step is
///
///     R̄ = U·[Σ_a P_a m_a (1 − d_a) + P_free·x·(1 − d_free) + P_Λ·(N − X − x)·x_Λ]
///
/// where x_Λ is the resource of the bins weighted like P_Λ itself (by P_a v_a and P_free z)
///
/// and each of the n spikes releases ρ = R̄/n̄ (R = n·ρ). The new bin starts from
/// d = 1 − (1 − U)·ρ/U (the firing neurons' mean x, depleted by U); the free pool's deficit is the
/// survivor-weighted mean of its own and the oldest bin's. Regular firing — long recovery before a
/// spike — is thus credited with more release than the population mean x̄ would give.
struct ReleaseHistory {
  let U: Double
  let recoveryDecay: Double
  let N: Double
  let dt: Double
  private var deficit: [Double]
  private var freeDeficit = 0.0
  /// Mean x just after this step's spikes (recorded).
  private(set) var recordedX = 1.0

  /// The state after the initial volley (all N neurons fired at step −1, each releasing U).
  init(_ synapse: TsodyksMarkram, history: PopulationHistory, dt: Double) {
    U = synapse.parameters.U
    recoveryDecay = synapse.recoveryDecay
    N = history.N
    self.dt = dt
    deficit = Array(repeating: 0, count: history.K)
    deficit[history.K - 1] = U
    history.recordFiring()
  }

  /// STP-weighted activity of the initial volley: N·U/(NΔt).
  var initialActivity: Double { U / dt }

  /// One step after `history.expectedSpikes` and before `history.commit`: the release of the n
  /// spikes (Ã = R/(NΔt), Hz), and the deficits updated (recovery, new bin, free pool).
  mutating func release(spikes n: Double, history h: PopulationHistory) -> Double {
    let K = h.K, firing = h.firing!
    for s in 0..<K { deficit[s] *= recoveryDecay }
    freeDeficit *= recoveryDecay
    // Expected release of the bins and the free pool; the Λ term's neurons carry the resources of
    // the bins it draws its hazard from (weights P·v, as P_Λ itself).
    let firingVariance = h.firingVariance!
    var expected = 0.0, varianceWeighted = 0.0, varianceWeight = 0.0
    for s in 0..<K {
      let x = 1 - deficit[s]
      expected += firing[s] * x
      varianceWeighted += firingVariance[s] * x
      varianceWeight += firingVariance[s]
    }
    let freeX = 1 - freeDeficit, freeVariance = h.lastFreeProbability * h.lastFreeVariance
    expected += h.lastFreeProbability * h.lastFree * freeX
    let lambdaX = varianceWeight + freeVariance > 0 ? (varianceWeighted + freeVariance * freeX) / (varianceWeight + freeVariance) : freeX
    expected += h.lastLambdaProbability * h.lastMismatch * lambdaX
    expected *= U
    let perSpike = h.lastExpected > 0 ? min(max(expected / h.lastExpected, 0), U) : U * (1 - freeDeficit)
    // The free pool takes in the oldest bin (both after this step's firing), weighted by survivors.
    let freeWeight = (1 - h.lastFreeProbability) * h.lastFree, oldWeight = h.survivors[h.oldest]
    if freeWeight + oldWeight > 0 {
      freeDeficit = (freeWeight * freeDeficit + oldWeight * deficit[h.oldest]) / (freeWeight + oldWeight)
    }
    deficit[h.oldest] = 1 - (1 - U) * perSpike / U
    var resources = 0.0, neurons = 0.0
    for s in 0..<K where s != h.oldest {
      resources += h.survivors[s] * (1 - deficit[s])
      neurons += h.survivors[s]
    }
    resources += n * (1 - deficit[h.oldest]) + h.free * (1 - freeDeficit)
    neurons += n + h.free
    recordedX = neurons > 0 ? resources / neurons : 1
    return n * perSpike / (N * dt)
  }
}
