import Foundation
import GSLBridge
import MesoCore

/// The first error a right-hand side threw inside a GSL callback (which cannot throw): the callback
/// returns NaN, GSL stops with GSL_EBADFUNC, and the caller rethrows this error instead.
final class CallbackFailure: @unchecked Sendable {
  var error: (any Error)?

  /// `body`'s value, or NaN after storing its error (the first one).
  func value(_ body: () throws -> Double) -> Double {
    do { return try body() } catch {
      if self.error == nil { self.error = error }
      return .nan
    }
  }

  /// Rethrows the stored error if there is one, otherwise `error`.
  func rethrow(_ error: any Error) throws -> Never { throw self.error ?? error }
}

/// Mean m and variance V of one synapse's weight over a window (Stubenrauch et al., ms Eqs. 24–25):
///
///     dm/dt = D⁽¹⁾(m),   dV/dt = 2 D⁽¹⁾′(m) V + ½ ν r₀ (Δ_c² τ_c + r_ac² τ_ac (V + m²)),
///
/// with r₀, α, β at m and D⁽¹⁾′ of the chosen variant.
struct MomentClosureSystem: ODESystem {
  let theory: SynapseTheory
  let derivative: DriftDerivative
  let correlations: Bool
  let evaluator: LIFResponseEvaluator
  let failure: CallbackFailure

  var dimension: Int { 2 }

  func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dydt: UnsafeMutableBufferPointer<Double>) {
    let m = max(y[0], 0), V = y[1], p = theory.synapse
    var rate = Double.nan
    dydt[0] = failure.value {
      let c = try theory.coefficients(at: m, evaluator: evaluator)
      rate = c.response.rate
      return c.drift(correlations: correlations)
    }
    let slope = failure.value { try theory.driftDerivative(at: m, derivative, correlations: correlations, evaluator: evaluator) }
    dydt[1] = 2 * slope * V + 0.5 * theory.nu * rate * (p.deltaC * p.deltaC * p.tauC + p.rAC * p.rAC * p.tauAC * (V + m * m))
  }
}

extension SynapseTheory {
  /// m(t) and V(t) of the moment closure from m(0) = `m0`, V(0) = `V0`, at `times` (increasing, first = 0),
  /// by GSL's rk8pd at the given tolerances.
  public func momentClosure(
    from m0: Double, variance V0: Double = 0, at times: [Double], derivative: DriftDerivative = .implicit, correlations: Bool = true,
    relTol: Double = 1e-10, absTol: Double = 1e-16
  ) throws -> (mean: [Double], variance: [Double]) {
    let failure = CallbackFailure()
    let system = MomentClosureSystem(theory: self, derivative: derivative, correlations: correlations, evaluator: try LIFResponseEvaluator(), failure: failure)
    let integrator = try ODEIntegrator(system, options: ODEOptions(stepper: .rk8pd, absTol: absTol, relTol: relTol, initialStep: 1e-3))
    do {
      let y = try integrator.trajectory(from: [m0, V0], at: times)
      return (stride(from: 0, to: y.count, by: 2).map { y[$0] }, stride(from: 1, to: y.count, by: 2).map { y[$0] })
    } catch { try failure.rethrow(error) }
  }

  /// The cumulated diffusion [V(Δt) + (m(Δt) − m₀)²]/(2Δt) over a window Δt from w = m₀ (V(0) = 0): the
  /// slow estimate ⟨Δw²⟩/(2Δt) of the jump process. The reference uses the implicit-only D⁽¹⁾′ here.
  public func cumulatedDiffusion(
    from m0: Double, window: Double, derivative: DriftDerivative = .implicit, correlations: Bool = true
  ) throws -> Double {
    guard window.isFinite, window > 0 else { throw ParameterError(path: "window", value: window, requirement: "be > 0 tau_m") }
    let r = try momentClosure(from: m0, at: [0, window], derivative: derivative, correlations: correlations)
    let dm = r.mean[1] - m0
    return (r.variance[1] + dm * dm) / (2 * window)
  }
}
