import Foundation
import MesoCore
import STDPMemory

/// The mapping of the model's dimensionless units onto the engine's (STDPMemorySimulation article):
/// time t ↦ t·τ_m with τ_m = 20 ms, membrane potential v ↦ v mV (reset 0 mV, threshold 1 mV, weights
/// and jumps in mV), rates ν per τ_m ↦ ν/τ_m Hz, noise intensity D ↦ σ = √(2D) mV (the engine's
/// dv = (μ − v)dt/τ_m + σ√(2/τ_m) dW has the stationary variance σ²/2 = D of dv = (μ − v)dt + √(2D) dW).
public enum EngineUnits {
  /// τ_m of the engine's neurons (s): the unit of time.
  public static let tauM = 0.02
  /// w_max of the engine's rule (mV): the network caps weights at 1 (spec §2.2).
  public static let wMax = 1.0

  /// A noisy LIF population of the model: reset 0, threshold 1, no refractory period, drive μ, noise D.
  public static func lif(name: String, N: Int, mu: Double, D: Double) -> Population {
    var neuron = Population(name: name, N: N, tauM: tauM, tRef: 0, mu: mu, vReset: 0, vTh: 1, deltaV: 0, lambda0: 0)
    neuron.kind = .lif(LIFNeuron(sigma: (2 * D).squareRoot()))
    return neuron
  }
}

/// The STDP rule of the model as the engine's rule.
extension STDPSynapseParameters {
  /// The rule on the engine: its pair rule with μ₊ = 0 (additive potentiation λ w_max x = Δ_c A_pre),
  /// μ₋ = 1 (multiplicative depression −αλ w o₁ = r_ac w A_post), λ = Δ_c/w_max, α = −r_ac/λ,
  /// τ₊ = τ_c τ_m, τ₋ = τ_ac τ_m, weights in [0, w_max].
  public func engineRule(record: WeightRecording = WeightRecording()) -> STDPRule {
    let lambda = deltaC / EngineUnits.wMax
    return STDPRule(
      kind: .pair, tauPlus: tauC * EngineUnits.tauM, tauMinus: tauAC * EngineUnits.tauM, lambda: lambda, alpha: lambda > 0 ? -rAC / lambda : 0,
      muPlus: 0, muMinus: 1, wMax: EngineUnits.wMax, wMin: 0, record: record)
  }
}
