import Foundation
import MesoCore

/// A conductance-based LIF neuron: C_m dV/dt = −g_L(V − E_L) − g_E(V − E_E) − g_I(V − E_I)
/// + I_ext, V ≥ V_th ⇒ V ← V_reset, clamped for τ_ref. Units: pF, nS, mV (absolute potentials), pA, s.
/// Defaults: the values of the NeuronTheory article (NEST's `iaf_cond_exp` uses C_m = 250 pF, g_L = 16.67 nS,
/// E_I = −85 mV).
public struct ConductanceLIFTheoryParameters: Equatable, Sendable {
  /// C_m, membrane capacitance (pF).
  public var cM: Double
  /// g_L, leak conductance (nS).
  public var gL: Double
  /// E_L, leak reversal (resting) potential (mV).
  public var eL: Double
  /// E_E, excitatory reversal potential (mV).
  public var eE: Double
  /// E_I, inhibitory reversal potential (mV).
  public var eI: Double
  /// V_th, threshold (mV).
  public var vTh: Double
  /// V_reset, reset potential (mV).
  public var vReset: Double
  /// τ_ref, absolute refractory period (s).
  public var tRef: Double

  /// A neuron of capacitance `cM` (pF), leak `gL` (nS), reversal potentials `eL`, `eE`, `eI`, threshold
  /// `vTh` and reset `vReset` (mV) and refractory period `tRef` (s).
  public init(
    cM: Double = 200, gL: Double = 10, eL: Double = -70, eE: Double = 0, eI: Double = -70, vTh: Double = -50,
    vReset: Double = -60, tRef: Double = 0.002
  ) {
    self.cM = cM
    self.gL = gL
    self.eL = eL
    self.eE = eE
    self.eI = eI
    self.vTh = vTh
    self.vReset = vReset
    self.tRef = tRef
  }
}

/// The interspike interval under constant conductances g_E, g_I (nS) and current I_ext (pA),
/// exactly: V relaxes to V_∞ = (g_L E_L + g_E E_E + g_I E_I + I_ext)/g_tot with τ_eff = C_m/g_tot,
/// g_tot = g_L + g_E + g_I, so
///
///     T = τ_ref + τ_eff ln((V_∞ − V_reset)/(V_∞ − V_th))   for V_∞ > V_th,   +∞ otherwise   (s).
public func conductanceLIFPeriod(gE: Double, gI: Double, iExt: Double = 0, neuron: ConductanceLIFTheoryParameters)
  -> Double
{
  let gTot = neuron.gL + gE + gI
  let vInf = (neuron.gL * neuron.eL + gE * neuron.eE + gI * neuron.eI + iExt) / gTot
  guard vInf > neuron.vTh else { return .infinity }
  let tauEff = 1e-3 * neuron.cM / gTot  // pF/nS = ms
  return neuron.tRef + tauEff * log((vInf - neuron.vReset) / (vInf - neuron.vTh))
}
