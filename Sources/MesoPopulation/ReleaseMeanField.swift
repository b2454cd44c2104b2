import Foundation
import GSLBridge
import MesoCore
import NetworkCore

/// Mean-field state of the Tsodyks–Markram synapses of one source population and parameter set
/// (ShortTermPlasticity article, Eqs. 2–4, in the spirit of Schmutz, Gerstner & Schwalger 2020): means ū, x̄ and
/// covariances C_uu, C_xx, C_ux of (u, x) across the source's N neurons, closed at second order
/// (Gaussian closure), under the assumption that the neurons that fire in a step are a random
/// sample (Poisson spike arrival).
///
/// Per step (§4.5), given the spike count n: release statistics of r = u⁺x with b = 1 − U,
/// ū⁺ = U + bū:
///
///     m_r = ū⁺x̄ + bC_ux                   c_xr = ū⁺C_xx + b x̄ C_ux
///     c_ur = b x̄ C_uu + ū⁺C_ux            v_r = ū⁺²C_xx + b²(x̄² + C_xx)C_uu + 2bū⁺x̄C_ux + b²C_ux²
///
/// total release R = n·m_r + √(n·v_r)·ξ (noise in MF2 only, and only with `noise`), clamped to [0, N x̄]; Ã = R/(NΔt)
/// drives the targets. Covariances follow the exact two-component mixture of spiking (fraction
/// p = n/N) and silent synapses; means jump (ū += pU(1 − ū), x̄ −= R/N), then everything relaxes
/// exactly over Δt. MF1 keeps all covariances at 0 and has no noise.
struct ReleaseMeanField {
  let synapse: TsodyksMarkram
  let variant: MesoSettings.Variant
  let N: Double
  let dt: Double
  /// Whether MF2 draws the finite-synapse noise ξ (off under teacher forcing: R is its conditional mean).
  let noise: Bool
  /// e^{−2Δt/τ_F}, e^{−2Δt/τ_D}, e^{−Δt/τ_F − Δt/τ_D}.
  let uuDecay: Double, xxDecay: Double, uxDecay: Double
  private(set) var u: Double
  private(set) var x = 1.0
  private(set) var Cuu = 0.0, Cxx = 0.0, Cux = 0.0
  /// Mean u and x just after this step's spikes (before the relaxation): what is recorded, as the
  /// microscopic engine records its synapses right after their spikes. Without facilitation the
  /// spiking synapses hold u⁺ = U for that instant.
  private(set) var recordedU: Double
  private(set) var recordedX = 1.0

  init(_ synapse: TsodyksMarkram, variant: MesoSettings.Variant, N: Int, dt: Double, noise: Bool = true) {
    self.synapse = synapse
    self.noise = noise
    self.variant = variant
    self.N = Double(N)
    self.dt = dt
    uuDecay = synapse.facilitationDecay * synapse.facilitationDecay
    xxDecay = synapse.recoveryDecay * synapse.recoveryDecay
    uxDecay = synapse.facilitationDecay * synapse.recoveryDecay
    u = synapse.parameters.U0
    recordedU = u
  }

  /// One step with n spikes: returns the STP-weighted activity Ã = R/(NΔt) (Hz).
  mutating func release(spikes n: Double, random: inout RandomStream) -> Double {
    let U = synapse.parameters.U
    let facilitates = synapse.parameters.facilitates
    // 1. Release statistics (b-terms vanish without facilitation: u⁺ ≡ U).
    let b = facilitates ? 1 - U : 0
    let uPlus = facilitates ? U + b * u : U
    let mr = uPlus * x + b * Cux
    let cxr = uPlus * Cxx + b * x * Cux
    let cur = b * x * Cuu + uPlus * Cux
    let vr = max(uPlus * uPlus * Cxx + b * b * (x * x + Cxx) * Cuu + 2 * b * uPlus * x * Cux + b * b * Cux * Cux, 0)
    // 2. Total release, with the finite-number-of-synapses noise in MF2.
    var R = 0.0
    if n > 0 {
      R = n * mr
      if variant == .secondOrder && noise { R += (n * vr).squareRoot() * random.gaussian() }
      R = min(max(R, 0), N * x)
    }
    // 4. Covariances: mixture of spiking (fraction p) and silent synapses.
    if variant != .firstOrder {
      let p = n / N
      let du = facilitates ? U * (1 - u) : 0
      Cuu = (1 - p) * Cuu + p * b * b * Cuu + p * (1 - p) * du * du
      Cxx = (1 - p) * Cxx + p * (Cxx - 2 * cxr + vr) + p * (1 - p) * mr * mr
      Cux = (1 - p) * Cux + p * b * (Cux - cur) - p * (1 - p) * du * mr
      Cuu = max(Cuu, 0)
      Cxx = max(Cxx, 0)
      let bound = (Cuu * Cxx).squareRoot()
      Cux = min(max(Cux, -bound), bound)
    }
    // 5. Means: facilitation of the spiking synapses, depletion by the (noisy) release.
    if facilitates { u += n / N * U * (1 - u) }
    x -= R / N
    recordedU = facilitates ? u : u + n / N * (U - u)
    recordedX = x
    // 6. Exact relaxation over the step.
    synapse.relax(u: &u, x: &x)
    Cuu *= uuDecay
    Cxx *= xxDecay
    Cux *= uxDecay
    return R / (N * dt)
  }
}
