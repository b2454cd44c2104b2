import MesoCore

/// A current-based leaky integrate-and-fire neuron for the rate formulas of this module (Brunel
/// 2000): τ_m dV/dt = −V + μ(t), V ≥ θ ⇒ spike, V ← V_r, clamped for τ_ref. Voltages are
/// measured from the resting potential (mV), times in s. Defaults: the reference neuron of the NeuronTheory article
/// (τ_m = 20 ms, θ = 20 mV, V_r = 10 mV, τ_ref = 2 ms).
public struct LIFTheoryParameters: Equatable, Sendable {
  /// τ_m, membrane time constant (s).
  public var tauM: Double
  /// θ, threshold above rest (mV).
  public var vTh: Double
  /// V_r, reset above rest (mV), below θ.
  public var vReset: Double
  /// τ_ref, absolute refractory period (s).
  public var tRef: Double

  /// A neuron of membrane time constant `tauM` (s), threshold `vTh` and reset `vReset` (mV above rest)
  /// and refractory period `tRef` (s).
  public init(tauM: Double = 0.02, vTh: Double = 20, vReset: Double = 10, tRef: Double = 0.002) {
    self.tauM = tauM
    self.vTh = vTh
    self.vReset = vReset
    self.tRef = tRef
  }

  /// The parameters, or the first that is out of range named by its key (`tau_m`, `V_th`, `V_reset`, `t_ref`).
  public func validated() throws(ParameterError) -> Self {
    _ = try Require.positive(tauM, "tau_m", unit: "s")
    _ = try Require.finite(vTh, "V_th")
    _ = try Require.finite(vReset, "V_reset")
    guard vReset < vTh else { throw ParameterError(path: "V_reset", value: vReset, requirement: "be < V_th = \(formatNumber(vTh)) mV") }
    _ = try Require.nonNegative(tRef, "t_ref", unit: "s")
    return self
  }
}
