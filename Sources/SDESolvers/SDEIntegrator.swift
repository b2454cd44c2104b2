import GSLBridge
import MesoCore

/// Fixed-step integrator of an Itô SDE with diagonal noise, dX_i = f_i(t, X) dt + g_i(t, X) dW_i
/// (`SDESystem`: f = `derivatives`, g = `diffusion`, g′ = `diffusionDerivative` = ∂g_i/∂X_i).
///
/// Time t and step Δt in seconds; Wiener increments ΔW_i ~ N(0, Δt) in √s; f in units of X per s,
/// g in units of X per √s. One step from (t, X), componentwise:
///
///     Euler–Maruyama  X ← X + f Δt + g ΔW
///     Milstein        X ← X + f Δt + g ΔW + ½ g g′ (ΔW² − Δt)
///     Heun            f̃ = f − ½ g g′                      (Itô → Stratonovich drift)
///                     X̄ = X + f̃(t, X) Δt + g(t, X) ΔW     (predictor)
///                     X ← X + ½[f̃(t, X) + f̃(t + Δt, X̄)] Δt + ½[g(t, X) + g(t + Δt, X̄)] ΔW
///
/// Heun alone converges to the Stratonovich solution; run on f̃ it solves the same Itô SDE as the
/// other two (for additive noise g′ = 0 and f̃ = f).
///
/// A value type. The scratch buffers (drift, diffusion, derivative, predictor, increments) live in
/// one class instance allocated once, so steps never allocate. They hold nothing between calls, and
/// a copy gets its own buffers on its first step (copy on write), so copies are independent.
public struct SDEIntegrator<System: SDESystem> {
  /// The drift f and diffusion g being integrated.
  public let system: System
  /// Euler–Maruyama, Milstein or stochastic Heun.
  public let scheme: SDEScheme
  private var scratch: SDEScratch

  /// An integrator of `system` with `scheme`; the scratch buffers are allocated once here.
  public init(_ system: System, scheme: SDEScheme) {
    precondition(system.dimension > 0, "SDE system has no state variables")
    self.system = system
    self.scheme = scheme
    scratch = SDEScratch(dimension: system.dimension)
  }

  /// One step of size dt (s) from time t (s) with the given Wiener increments dW (length n, each ~ N(0, dt)).
  public mutating func step(
    _ x: inout [Double], time t: Double, dt: Double, increments dW: UnsafeBufferPointer<Double>
  ) {
    precondition(dW.count == system.dimension, "\(dW.count) increments for \(system.dimension) variables")
    let s = preparedScratch(for: x)
    x.withUnsafeMutableBufferPointer { step($0, time: t, dt: dt, increments: dW, scratch: s) }
  }

  /// `steps` steps of size dt (s) starting at time t (s), drawing the increments from `random`
  /// (n Gaussians of standard deviation √dt per step, in component order). Step k starts at t + k·dt.
  public mutating func advance(
    _ x: inout [Double], time t: Double, dt: Double, steps: Int, random: inout RandomStream
  ) {
    precondition(steps >= 0, "negative number of steps")
    let s = preparedScratch(for: x)
    let sqrtDt = dt.squareRoot()
    x.withUnsafeMutableBufferPointer { x in
      for k in 0..<steps {
        random.fillGaussian(s.increments, sigma: sqrtDt)
        step(x, time: t + Double(k) * dt, dt: dt, increments: UnsafeBufferPointer(s.increments), scratch: s)
      }
    }
  }

  /// The scratch for stepping `x` (checked to have n values), reallocated first if a copy of this
  /// integrator shares it.
  private mutating func preparedScratch(for x: [Double]) -> SDEScratch {
    precondition(x.count == system.dimension, "state has \(x.count) values, system has \(system.dimension)")
    if !isKnownUniquelyReferenced(&scratch) { scratch = SDEScratch(dimension: system.dimension) }
    return scratch
  }

  private func step(
    _ x: UnsafeMutableBufferPointer<Double>, time t: Double, dt: Double,
    increments dW: UnsafeBufferPointer<Double>, scratch s: SDEScratch
  ) {
    let (f, g, dg) = (s.drift, s.diffusion, s.derivative)
    switch scheme {
    case .eulerMaruyama:
      system.derivatives(at: t, state: UnsafeBufferPointer(x), into: f)
      system.diffusion(at: t, state: UnsafeBufferPointer(x), into: g)
      for i in x.indices { x[i] += f[i] * dt + g[i] * dW[i] }
    case .milstein:
      system.derivatives(at: t, state: UnsafeBufferPointer(x), into: f)
      system.diffusion(at: t, state: UnsafeBufferPointer(x), into: g)
      system.diffusionDerivative(at: t, state: UnsafeBufferPointer(x), into: dg)
      for i in x.indices { x[i] += f[i] * dt + g[i] * dW[i] + 0.5 * g[i] * dg[i] * (dW[i] * dW[i] - dt) }
    case .heun:
      let p = s.predictor
      stratonovichCoefficients(at: t, state: UnsafeBufferPointer(x), scratch: s)
      for i in x.indices {
        let increment = f[i] * dt + g[i] * dW[i]
        p[i] = x[i] + increment
        x[i] += 0.5 * increment
      }
      stratonovichCoefficients(at: t + dt, state: UnsafeBufferPointer(p), scratch: s)
      for i in x.indices { x[i] += 0.5 * (f[i] * dt + g[i] * dW[i]) }
    }
  }

  /// Writes the Stratonovich drift f̃ = f − ½ g ∂g/∂X and g at (t, state) into the scratch.
  private func stratonovichCoefficients(at t: Double, state: UnsafeBufferPointer<Double>, scratch s: SDEScratch) {
    system.derivatives(at: t, state: state, into: s.drift)
    system.diffusion(at: t, state: state, into: s.diffusion)
    system.diffusionDerivative(at: t, state: state, into: s.derivative)
    for i in state.indices { s.drift[i] -= 0.5 * s.diffusion[i] * s.derivative[i] }
  }
}

/// Copies never share scratch while stepping (copy on write in every mutating method), so an
/// integrator of a `Sendable` system can move between tasks.
extension SDEIntegrator: @unchecked Sendable where System: Sendable {}
