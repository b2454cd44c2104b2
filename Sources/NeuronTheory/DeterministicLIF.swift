import Foundation

/// The interspike interval of the noiseless LIF under constant drive μ (mV above rest):
///
///     T = τ_ref + τ_m ln((μ − V_r)/(μ − θ))   for μ > θ,   +∞ otherwise   (s).
public func deterministicLIFPeriod(mu: Double, neuron: LIFTheoryParameters) -> Double {
  guard mu > neuron.vTh else { return .infinity }
  return neuron.tRef + neuron.tauM * log((mu - neuron.vReset) / (mu - neuron.vTh))
}

/// 1/T of ``deterministicLIFPeriod(mu:neuron:)`` (Hz); 0 for μ ≤ θ.
public func deterministicLIFRate(mu: Double, neuron: LIFTheoryParameters) -> Double {
  1 / deterministicLIFPeriod(mu: mu, neuron: neuron)
}
