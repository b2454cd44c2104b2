import Foundation
import GSLBridge
import MesoCore

/// The exact step of a matrix relaxing to an outer product, τ_w dM_ij/dt = −M_ij + c u_i v_j, with
/// u and v held over the step dt:
///
///     M ← e^{−dt/τ_w} M + (1 − e^{−dt/τ_w}) c u vᵀ
///
/// (exact for constant u, v; first order in dt otherwise). The synapses of the plastic random
/// network (τ_w = p, c = k/N) and the Hebbian rule with decay of `HebbianDecayRule` are this step.
public struct OuterProductRelaxation: Equatable, Sendable {
  /// e^{−dt/τ_w}.
  public let decay: Double
  /// (1 − e^{−dt/τ_w}) c.
  public let gain: Double

  /// The step of length `dt` for time constant `timeConstant` (τ_w > 0, same unit as dt) and scale c.
  public init(timeConstant: Double, scale c: Double, dt: Double) {
    decay = exp(-dt / timeConstant)
    gain = -expm1(-dt / timeConstant) * c
  }

  /// One line of M, stored contiguously (a column of a column-major M with v = v_j, u the column
  /// vector; or a row of a row-major M with v = u_i and u = v): line ← decay · line + gain · v · u.
  @inline(__always)
  public func apply(line: UnsafeMutablePointer<Double>, coefficient v: Double, vector u: UnsafePointer<Double>, count n: Int) {
    BLAS.scale(decay, line, count: n)
    BLAS.axpy(gain * v, u, line, count: n)
  }
}

/// The Hebbian rule with decay (seed-models §5.9; Dayan & Abbott 2001, ch. 8) on the weights of a
/// `rate_network`: dW_ij/dt = η (r_i r_j − α W_ij). For constant rates W_ij → r_i r_j/α with time
/// constant 1/(ηα). Integrated with fixed steps `dt` (`OuterProductRelaxation` with τ_w = 1/(ηα),
/// c = 1/α, rates held over the step).
public struct HebbianDecayRule: Codable, Equatable, Sendable {
  /// η, learning rate (1/s per squared rate unit).
  public var eta: Double
  /// α, decay coefficient (squared rate units per weight unit), > 0.
  public var alpha: Double
  /// Fixed step of the rates and the weights (s).
  public var dt: Double

  /// The rule with learning rate η, decay α and step dt (s).
  public init(eta: Double, alpha: Double, dt: Double) {
    self.eta = eta
    self.alpha = alpha
    self.dt = dt
  }

  /// Checks η ≥ 0 and finite, α > 0 and finite, dt > 0.
  public func validated() throws(ParameterError) -> Self {
    _ = try Require.nonNegative(eta, "eta")
    _ = try Require.positive(alpha, "alpha")
    _ = try Require.positive(dt, "dt", unit: "s")
    return self
  }

  /// The exact weight step: τ_w = 1/(ηα), c = 1/α (no change when η = 0).
  public var step: OuterProductRelaxation { OuterProductRelaxation(timeConstant: 1 / (eta * alpha), scale: 1 / alpha, dt: dt) }
}
