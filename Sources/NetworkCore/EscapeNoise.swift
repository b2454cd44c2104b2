import Foundation

/// The exponential escape rate of the GIF neuron, λ = c·exp((u − ϑ)/ΔV) (Schwalger et al. 2017; MicroscopicModel article, Eq. 3),
/// and the probability to fire within a step.
public struct EscapeNoise: Equatable, Sendable {
  /// c, rate at threshold (Hz).
  public let rateAtThreshold: Double
  /// 1/ΔV (1/mV).
  public let inverseSoftness: Double

  /// The escape rate with c = `lambda0` (Hz) and softness ΔV = `deltaV` (mV).
  public init(lambda0: Double, deltaV: Double) {
    rateAtThreshold = lambda0
    inverseSoftness = 1 / deltaV
  }

  /// λ (Hz) at distance `u − ϑ` (mV) from threshold; the exponent is capped at 700 so that λ stays finite.
  @inlinable @inline(__always)
  public func rate(_ distance: Double) -> Double { rateAtThreshold * exp(min(distance * inverseSoftness, 700)) }
}

/// Probability of at least one event of a Poisson process of integrated intensity Λ = ∫λ dt: 1 − e^{−Λ}.
@inlinable @inline(__always)
public func firingProbability(integratedRate: Double) -> Double { -expm1(-integratedRate) }
