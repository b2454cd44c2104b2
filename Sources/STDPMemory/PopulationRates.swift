import Foundation
import GSLBridge
import MesoCore
import NeuronTheory

/// Input statistics (μ, D) of the two E populations from the plastic layer (and the supervisor for T).
public struct FeedForwardInput: Equatable, Sendable {
  /// μ and D onto a non-target neuron, from the feed-forward weights.
  public var muN: Double, DN: Double
  /// μ and D onto a target neuron, feed-forward weights plus supervisor ν_s J_s, ½ ν_s J_s².
  public var muT: Double, DT: Double
}

/// Self-consistent stationary rates of the three populations T (targets), N (non-targets), I of the
/// Brunel network (spec step 3): r_a = Φ(μ_a + μ_rec, D_a + D_rec) with
/// μ_rec,E = J C_E A_E − g J C_I r_I, D_rec,E = ½(J² C_E A_E + g² J² C_I r_I), A_E = f_s r_T + (1 − f_s) r_N,
/// μ_rec,I = h J C_E A_E − g J C_I r_I, D_rec,I = ½(h² J² C_E A_E + g² J² C_I r_I), solved by
/// GSL's hybridsj with the Jacobian from the Siegert derivatives.
public struct PopulationRates: Equatable, Sendable {
  /// r_T, r_N, r_I (per τ_m).
  public var T: Double, N: Double, I: Double
  /// Total input (μ, D) of a target and a non-target neuron at these rates.
  public var inputT: (mu: Double, D: Double), inputN: (mu: Double, D: Double)

  /// Equal rates (the inputs follow from them).
  public static func == (a: Self, b: Self) -> Bool { a.T == b.T && a.N == b.N && a.I == b.I }
}

extension STDPMemoryParameters {
  /// (μ, D) of the E populations (T, N) and of I given the feed-forward input and the rates.
  func totalInputs(_ ff: FeedForwardInput, rT: Double, rN: Double, rI: Double)
    -> (T: (mu: Double, D: Double), N: (mu: Double, D: Double), I: (mu: Double, D: Double))
  {
    let n = network, fs = inputs.fs
    let AE = fs * rT + (1 - fs) * rN, CE = Double(n.CE), CI = Double(n.CI), J2 = n.J * n.J
    let muE = n.J * CE * AE - n.g * n.J * CI * rI, DE = 0.5 * (J2 * CE * AE + n.g * n.g * J2 * CI * rI)
    let muI = n.h * n.J * CE * AE - n.g * n.J * CI * rI, DI = 0.5 * (n.h * n.h * J2 * CE * AE + n.g * n.g * J2 * CI * rI)
    return ((n.muE + ff.muT + muE, n.DE + ff.DT + DE), (n.muE + ff.muN + muE, n.DE + ff.DN + DE), (n.muI + muI, n.DI + DI))
  }

  /// The self-consistent rates for feed-forward input `ff`, starting Newton at `guess` (T, N, I).
  /// Throws a `GSLError` when the hybrid solver does not converge.
  public func populationRates(_ ff: FeedForwardInput, guess: (Double, Double, Double) = (0.5, 0.1, 0.2)) throws(GSLError) -> PopulationRates {
    let fs = inputs.fs, n = network, CE = Double(n.CE), CI = Double(n.CI), J = n.J, J2 = J * J
    // ∂(μ, D)/∂(r_T, r_N, r_I) for E and I inputs (linear in the rates).
    let dMuE = [J * CE * fs, J * CE * (1 - fs), -n.g * J * CI], dDE = [0.5 * J2 * CE * fs, 0.5 * J2 * CE * (1 - fs), 0.5 * n.g * n.g * J2 * CI]
    let dMuI = dMuE.enumerated().map { $0 < 2 ? n.h * $1 : $1 }, dDI = dDE.enumerated().map { $0 < 2 ? n.h * n.h * $1 : $1 }
    let siegert: (UnsafeBufferPointer<Double>) -> [DimensionlessSiegertRate] = { r in
      let x = self.totalInputs(ff, rT: max(r[0], 0), rN: max(r[1], 0), rI: max(r[2], 0))
      return [x.T, x.N, x.I].map { dimensionlessSiegertRate(mu: $0.mu, D: $0.D) }
    }
    let root = try hybridRoot(
      near: [guess.0, guess.1, guess.2], residualTolerance: 1e-14, stepTolerance: 1e-14,
      function: { r, f in
        let phi = siegert(r)
        for i in 0..<3 { f[i] = r[i] - phi[i].rate }
      },
      jacobian: { r, jac in
        let phi = siegert(r)
        for i in 0..<3 {
          let (dMu, dD) = i < 2 ? (dMuE, dDE) : (dMuI, dDI)
          for j in 0..<3 { jac[3 * i + j] = (i == j ? 1 : 0) - (r[j] > 0 ? phi[i].dRateDMu * dMu[j] + phi[i].dRateDD * dD[j] : 0) }
        }
      })
    let x = totalInputs(ff, rT: root[0], rN: root[1], rI: root[2])
    return PopulationRates(T: root[0], N: root[1], I: root[2], inputT: x.T, inputN: x.N)
  }

  /// The feed-forward input of the four weight populations in the order (N,n), (N,c), (T,n), (T,c):
  /// μ_a = M Σ_b f_b ν_b m_ab, D_a = ½ M Σ_b f_b ν_b (m_ab² + V_ab), plus the supervisor on T.
  public func feedForwardInput(mean m: [Double], variance V: [Double]) -> FeedForwardInput {
    let M = Double(inputs.M), fc = inputs.fc, n0 = inputs.nu0, n1 = inputs.nu1
    func mu(_ i: Int) -> Double { M * ((1 - fc) * n0 * m[i] + fc * n1 * m[i + 1]) }
    func d(_ i: Int) -> Double { 0.5 * M * ((1 - fc) * n0 * (m[i] * m[i] + V[i]) + fc * n1 * (m[i + 1] * m[i + 1] + V[i + 1])) }
    let s = inputs.nuS * inputs.JS
    return FeedForwardInput(muN: mu(0), DN: d(0), muT: mu(2) + s, DT: d(2) + 0.5 * s * inputs.JS)
  }
}
