import Foundation

/// Mean and second moment of the weights of the synapses of one class (σ^v, σ^u) at the test time
/// u⁺: M_{σ^v σ^u} and Ω²_{σ^v σ^u} (Feng & Brunel, eqs. 28, 29; Ω² is the mean of J², as the
/// field variance needs). Index [v][u] with 0 for σ = −1 and 1 for σ = +1.
public struct ClassMoments: Equatable, Sendable {
  /// M_{σ^v σ^u}.
  public var mean: [[Double]]
  /// Ω²_{σ^v σ^u} = ⟨J²⟩.
  public var second: [[Double]]

  /// Moments of the potentiated class (σ^v = +1) for σ^u = ±1; the depressed class follows from
  /// the symmetry g_{−σ}(J) = g_σ(−J): M_{−σ^v, −σ^u} = −M_{σ^v σ^u}, Ω² unchanged.
  public init(meanPlusPlus: Double, meanPlusMinus: Double, secondPlusPlus: Double, secondPlusMinus: Double) {
    mean = [[-meanPlusPlus, -meanPlusMinus], [meanPlusMinus, meanPlusPlus]]
    second = [[secondPlusPlus, secondPlusMinus], [secondPlusMinus, secondPlusPlus]]
  }
}

/// The state reached by a retrieval self-consistency iteration.
public struct RetrievalState: Equatable, Sendable {
  /// m_v, overlap with the tested pattern, eq. (8).
  public var mV: Double
  /// m_u, overlap with the most recent pattern.
  public var mU: Double
  /// Iterations done.
  public var iterations: Int
  /// Whether successive iterates came within the tolerance.
  public var converged: Bool
  /// Pattern v is retrieved: m_v > ½.
  public var retrieved: Bool { mV > 0.5 }
}

/// The parallel-dynamics mean field of the diluted network for the retrieval of pattern v while
/// the most recent pattern u competes (Feng & Brunel, Appendix II, eqs. 30–38), with a Gaussian
/// local field for cN ≫ 1 and the normalisation of eq. (2) (no 1/N: mean ∝ cN, s.d. ∝ √(cN)).
public enum RetrievalMeanField {
  /// The four conditional activities a_{s_v s_u} = P(V_i = 1 | η_i^v = s_v, η_i^u = s_u) iterated to a
  /// fixed point: a presynaptic neuron in (s, s′) (probability ¼) contributes a synapse of class
  /// σ = (2s_v − 1)(2s − 1), σ′ = (2s_u − 1)(2s′ − 1), so
  ///   μ^{s_v s_u} = cN Σ ¼ a_{ss′} M_{σσ′},  (d^{s_v s_u})² = cN Σ ¼ a_{ss′} Ω²_{σσ′},
  ///   a_{s_v s_u} ← ½ erfc[(θ − μ^{s_v s_u}) / (√2 d^{s_v s_u})],
  ///   m_v = ½(a₁₁ + a₁₀ − a₀₁ − a₀₀),  m_u = ½(a₁₁ + a₀₁ − a₁₀ − a₀₀).
  /// Starts from m_v = 1 − ε, m_u = ε: a = (1 − ε)[s_v] + ε[s_u]. With ε = 0 the iteration is held
  /// on m_u = 0 exactly (a averaged over s_u at every step): the retrieval of v alone, without the
  /// competition of the most recent pattern (whose direction can be unstable, and round-off would
  /// find it).
  public static func fourActivities(
    _ moments: ClassMoments, connections cN: Double, theta: Double = 0, epsilon: Double = 0.05, tolerance: Double = 1e-10,
    maxIterations: Int = 200
  ) -> RetrievalState {
    var a = [[0.0, epsilon], [1 - epsilon, 1.0]]
    var iterations = 0, converged = false
    while iterations < maxIterations && !converged {
      var next = a
      for sv in 0...1 {
        for su in 0...1 {
          var mu = 0.0, variance = 0.0
          for s in 0...1 {
            for s2 in 0...1 {
              let sigma = sv == s ? 1 : 0, sigma2 = su == s2 ? 1 : 0
              mu += 0.25 * a[s][s2] * moments.mean[sigma][sigma2]
              variance += 0.25 * a[s][s2] * moments.second[sigma][sigma2]
            }
          }
          mu *= cN
          let d = (cN * variance).squareRoot()
          next[sv][su] = d > 0 ? 0.5 * erfc((theta - mu) / (2.0.squareRoot() * d)) : (mu > theta ? 1 : 0)
        }
      }
      if epsilon == 0 { for sv in 0...1 { next[sv] = [0.5 * (next[sv][0] + next[sv][1]), 0.5 * (next[sv][0] + next[sv][1])] } }
      var change = 0.0
      for sv in 0...1 { for su in 0...1 { change = max(change, abs(next[sv][su] - a[sv][su])) } }
      a = next
      iterations += 1
      converged = change < tolerance
    }
    return RetrievalState(
      mV: 0.5 * (a[1][1] + a[1][0] - a[0][1] - a[0][0]), mU: 0.5 * (a[1][1] + a[0][1] - a[1][0] - a[0][0]),
      iterations: iterations, converged: converged)
  }

  /// Feng & Brunel's eq. (38), valid at θ = 0 where the symmetries (36) make the field s.d. the
  /// same for every neuron, d² = ¼cN(Ω²₊₊ + Ω²₊₋), with Φ(x) = ½ erf(x) and
  ///   μ^{11} = ¼cN[(m_v + m_u)M₊₊ + (m_v − m_u)M₊₋],  μ^{10} = ¼cN[(m_v + m_u)M₊₋ + (m_v − m_u)M₊₊],
  ///   m_v ← Φ(μ^{10}/√2d) − Φ(−μ^{11}/√2d),  m_u ← Φ(−μ^{10}/√2d) − Φ(−μ^{11}/√2d).
  /// The paper starts from (m_v, m_u) = (1, ε); `start` chooses.
  public static func equation38(
    _ moments: ClassMoments, connections cN: Double, start: (mV: Double, mU: Double) = (0.95, 0.05), tolerance: Double = 1e-10,
    maxIterations: Int = 200
  ) -> RetrievalState {
    let mpp = moments.mean[1][1], mpm = moments.mean[1][0]
    let d = (0.25 * cN * (moments.second[1][1] + moments.second[1][0])).squareRoot()
    func phi(_ x: Double) -> Double { 0.5 * erf(x / (2.0.squareRoot() * d)) }
    var (mV, mU) = start
    var iterations = 0, converged = false
    while iterations < maxIterations && !converged {
      let mu11 = 0.25 * cN * ((mV + mU) * mpp + (mV - mU) * mpm)
      let mu10 = 0.25 * cN * ((mV + mU) * mpm + (mV - mU) * mpp)
      let next = (phi(mu10) - phi(-mu11), phi(-mu10) - phi(-mu11))
      converged = max(abs(next.0 - mV), abs(next.1 - mU)) < tolerance
      (mV, mU) = next
      iterations += 1
    }
    return RetrievalState(mV: mV, mU: mU, iterations: iterations, converged: converged)
  }
}
