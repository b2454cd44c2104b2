import Foundation
import GSLBridge

/// The distribution of a population's spike count n in one step given the expected count n̄ that
/// the population equations give, conditioned on the past (René, Longtin & Macke 2020, Eq. 13):
/// the engine's own draw (`meso.spike_count`).
public enum CountLikelihood: String, Sendable, CaseIterable, Codable {
  /// n ~ Binomial(N, p) with p = n̄/N: ln P = ln C(N, n) + n ln p + (N − n) ln(1 − p).
  case binomial
  /// n ~ Poisson(n̄): ln P = n ln n̄ − n̄ − ln n!; the binomial's limit for p → 0 at fixed n̄.
  case poisson

  /// ε, the smallest firing probability the likelihood uses (1 − ε the largest). The population
  /// equations can give n̄ ≤ 0 (the finite-size term Λ·(N − X − x) is signed: after a synchronous
  /// volley it can outweigh the rest) or p = 1 to double precision (escape rate saturated), which
  /// makes an observed n > 0, or n < N, impossible and ln L = −∞. With p clipped to [ε, 1 − ε] such a
  /// step costs ln ε ≈ −27.6 per impossible spike instead, so a fit can leave such a region; a
  /// possible count changes by at most N·ε = N·10⁻¹² per step.
  public static let probabilityFloor = 1e-12

  /// The probability p = n̄/N as the likelihood uses it, clipped to [ε, 1 − ε] (binomial), or the
  /// mean n̄ clipped to [N·ε, ∞) (Poisson).
  public func clipped(expected nBar: Double, N: Int) -> Double {
    let ε = Self.probabilityFloor
    switch self {
    case .binomial: return min(max(nBar / Double(N), ε), 1 - ε)
    case .poisson: return max(nBar, Double(N) * ε)
    }
  }

  /// Whether the count n is impossible at the unclipped n̄ (n > 0 where p ≤ 0, or, binomial, n < N
  /// where p ≥ 1, each to within ε): a step whose term the clipping of ``probabilityFloor`` bounds.
  public func isClipped(count n: Int, expected nBar: Double, N: Int) -> Bool {
    let p = nBar / Double(N), ε = Self.probabilityFloor
    return (n > 0 && p < ε) || (self == .binomial && n < N && p > 1 - ε)
  }

  /// ln P(n | N, n̄) for a whole count 0 ≤ n ≤ N at the clipped probability (``clipped(expected:N:)``).
  public func logProbability(count n: Int, expected nBar: Double, N: Int) -> Double {
    let q = clipped(expected: nBar, N: N)
    switch self {
    case .binomial: return logChoose(N, n) + Double(n) * log(q) + Double(N - n) * log1p(-q)
    case .poisson: return Double(n) * log(q) - q - logFactorial(n)
    }
  }
}
