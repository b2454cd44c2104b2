import Foundation
import MesoCore

/// Exact step propagation of one Tsodyks–Markram synapse in the u⁺x⁻ order (Tsodyks, Pawelzik & Markram 1998; MicroscopicModel article, Eq. 4):
/// between spikes u relaxes to U_0 with τ_F and x to 1 with τ_D; at a spike u⁺ = u⁻ + U(1 − u⁻),
/// the release is r = u⁺x⁻ and x⁺ = x⁻ − r. Without facilitation (τ_F = 0) u⁺ ≡ U.
public struct TsodyksMarkram: Equatable, Sendable {
  /// U, U_0, τ_D, τ_F.
  public let parameters: STPParameters
  /// e^{−Δt/τ_F} (0 without facilitation).
  public let facilitationDecay: Double
  /// e^{−Δt/τ_D}.
  public let recoveryDecay: Double

  /// The propagator of `parameters` over one step `dt` (s).
  public init(_ parameters: STPParameters, dt: Double) {
    self.parameters = parameters
    facilitationDecay = parameters.facilitates ? exp(-dt / parameters.tauF) : 0
    recoveryDecay = exp(-dt / parameters.tauD)
  }

  /// The resting state (u, x) = (U_0, 1).
  public var restingState: (u: Double, x: Double) { (parameters.U0, 1) }

  /// Relaxation over one step.
  @inlinable @inline(__always)
  public func relax(u: inout Double, x: inout Double) {
    u = parameters.U0 + (u - parameters.U0) * facilitationDecay
    x = 1 - (1 - x) * recoveryDecay
  }

  /// A spike: facilitation, release, depletion; returns the released fraction r = u⁺x⁻.
  @inlinable @inline(__always)
  public func spike(u: inout Double, x: inout Double) -> Double {
    let uPlus = parameters.facilitates ? u + parameters.U * (1 - u) : parameters.U
    u = uPlus
    let r = uPlus * x
    x -= r
    return r
  }
}
