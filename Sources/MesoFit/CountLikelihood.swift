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

  /// ln P(n | N, n̄) for a whole count 0 ≤ n ≤ N; n̄ is clipped to [0, N] (binomial) or [0, ∞)
  /// (Poisson) as the engine clips its draws. −∞ when n is impossible (n > 0 with n̄ = 0, say).
  public func logProbability(count n: Int, expected nBar: Double, N: Int) -> Double {
    switch self {
    case .binomial:
      let p = min(max(nBar / Double(N), 0), 1)
      if p == 0 { return n == 0 ? 0 : -.infinity }
      if p == 1 { return n == N ? 0 : -.infinity }
      return logChoose(N, n) + Double(n) * log(p) + Double(N - n) * log1p(-p)
    case .poisson:
      let mean = max(nBar, 0)
      if mean == 0 { return n == 0 ? 0 : -.infinity }
      return Double(n) * log(mean) - mean - logFactorial(n)
    }
  }
}
