import Foundation

/// Exact integration of the synaptic input over one step (PopulationEquations article, Eqs. 3–4), for a presynaptic
/// rate A held constant within the step:
///
///     τ_m du/dt = −u + … + τ_m·J·y,   τ_s dy/dt = −y + A
///
/// gives the membrane increment J·τ_m·F(A, y) and the filter update y ← A + (y − A)·E_s, with
///
///     F(A, y) = A(1 − E_m) + (y − A)(E_s − E_m) τ_s/(τ_s − τ_m)     (τ_s ≠ τ_m)
///     F(A, y) = A(1 − E_m) + (y − A) E_m Δt/τ_m                       (τ_s = τ_m)
///     F(A, y) = A(1 − E_m)                                            (τ_s = 0, delta PSC)
///
/// E_m = e^{−Δt/τ_m}, E_s = e^{−Δt/τ_s}. A in Hz, y in Hz, F in s·Hz = 1 (times J τ_m: mV).
public struct SynapticPropagator: Equatable, Sendable {
  /// 1 − E_m: weight of the rate held over the step.
  public let rateWeight: Double
  /// Weight of the filter's deviation (y − A) from the rate; 0 for a delta PSC.
  public let deviationWeight: Double
  /// E_s: decay of the filter's deviation over one step; 0 for a delta PSC.
  public let filterDecay: Double

  /// The propagator of a synapse with decay `tauS` (s; 0: delta PSC) onto a membrane with `tauM` (s).
  public init(tauS: Double, tauM: Double, dt: Double) {
    let em = exp(-dt / tauM)
    rateWeight = 1 - em
    if tauS == 0 {
      deviationWeight = 0
      filterDecay = 0
    } else {
      let es = exp(-dt / tauS)
      filterDecay = es
      // The general formula loses all digits as τ_s → τ_m; switch to the limit within 10⁻⁶.
      deviationWeight = abs(tauS - tauM) <= 1e-6 * tauM ? em * dt / tauM : (es - em) * tauS / (tauS - tauM)
    }
  }

  /// F(A, y): the membrane increment per unit J·τ_m.
  @inlinable @inline(__always)
  public func increment(rate a: Double, filter y: Double) -> Double { a * rateWeight + (y - a) * deviationWeight }

  /// The filter after the step: A + (y − A)·E_s.
  @inlinable @inline(__always)
  public func advanced(rate a: Double, filter y: Double) -> Double { a + (y - a) * filterDecay }
}
