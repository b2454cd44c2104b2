import Foundation
import MesoCore

/// Exact stationary statistics of a GIF population without threshold kernel driven by a constant
/// input, for the discrete-time neuron of the MicroscopicModel article: a renewal process whose hazard
/// depends only on the number of steps since the last spike.
///
/// After a spike (age 0) the membrane is held at u_r for k_ref steps; from age k_ref + 1 on,
/// u_a = u_{a−1}E_m + μ_eff(1 − E_m) and the firing probability of age a is
/// P_a = 1 − exp(−λ_aΔt) (end of step) or 1 − exp(−½(λ_{a−1} + λ_a)Δt) with λ_{k_ref} = 0
/// (trapezoid). The ISI distribution is f_a = P_a ∏_{b<a}(1 − P_b), the rate 1/(Δt Σ a f_a).
public struct RenewalTheory: Sendable {
  /// Probability that the interval is a steps, f_a at index a − 1, until the survival is < 10⁻¹⁶.
  public let intervalDistribution: [Double]
  /// Time step (s).
  public let dt: Double

  /// `drive` is μ_eff = μ + the constant synaptic input potential (mV).
  public init(population p: DiscretePopulation, drive: Double, dt: Double, trapezoid: Bool = false) {
    precondition(!p.isPoisson && p.kernelJump.isEmpty, "renewal theory: GIF population without threshold kernel")
    self.dt = dt
    let threshold = p.parameters.vTh
    var u = p.parameters.vReset, survival = 1.0, previousRate = 0.0
    var f = [Double]()
    var a = 0
    while survival > 1e-16 && a < 100_000_000 {
      a += 1
      var P = 0.0
      if a > p.refractorySteps {
        u = u * p.membraneDecay + drive * (1 - p.membraneDecay)
        let rate = p.escape.rate(u - threshold)
        P = firingProbability(integratedRate: trapezoid ? 0.5 * (previousRate + rate) * dt : rate * dt)
        previousRate = rate
      }
      f.append(survival * P)
      survival *= 1 - P
    }
    intervalDistribution = f
  }

  /// Mean interspike interval (s).
  public var meanInterval: Double {
    var mean = 0.0
    for (i, f) in intervalDistribution.enumerated() { mean += Double(i + 1) * f }
    return mean * dt
  }

  /// Stationary rate 1/⟨ISI⟩ (Hz).
  public var rate: Double { 1 / meanInterval }

  /// Variance of the interspike interval (s²).
  public var intervalVariance: Double {
    var second = 0.0
    for (i, f) in intervalDistribution.enumerated() { second += Double((i + 1) * (i + 1)) * f }
    let mean = meanInterval
    return second * dt * dt - mean * mean
  }
}
