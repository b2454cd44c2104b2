import GSLBridge

/// The self-consistent rate of a neuron with spike-triggered adaptation much slower than its interspike
/// intervals: each spike adds b/τ_a to a, so ⟨a⟩ = bν and the rate solves
///
///     ν = f(I − bν)
///
/// for the neuron's rate function f (Hz of mV, non-decreasing), drive I (mV) and adaptation strength
/// b (mV·s). ν − f(I − bν) increases in ν and changes sign on [0, f(I)], where GSL's Brent solver
/// finds the root to 10⁻¹² relative. The adaptation current at the fixed point is a* = bν (mV).
public func adaptedRate(drive: Double, b: Double, rate f: (Double) -> Double) throws -> Double {
  let unadapted = f(drive)
  guard unadapted > 0, b > 0 else { return unadapted }
  return try brentRoot(in: 0...unadapted, absTol: 0, relTol: 1e-12) { nu in nu - f(drive - b * nu) }
}

/// ``adaptedRate(drive:b:rate:)`` of a current-based LIF: the deterministic rate for `sigma` = 0, the
/// Siegert rate with white noise of amplitude `sigma` (mV) otherwise.
public func adaptedLIFRate(drive: Double, b: Double, sigma: Double = 0, neuron: LIFTheoryParameters) throws -> Double {
  try adaptedRate(drive: drive, b: b) { mu in
    sigma > 0 ? siegertRate(mu: mu, sigma: sigma, neuron: neuron).rate : deterministicLIFRate(mu: mu, neuron: neuron)
  }
}
