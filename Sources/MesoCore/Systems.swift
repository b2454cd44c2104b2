/// A system of ordinary differential equations dy/dt = f(t, y) of fixed dimension.
///
/// Implementations write into caller-owned buffers and must not allocate: integrators call them
/// many times per step.
public protocol ODESystem {
  /// Number of state variables n.
  var dimension: Int { get }
  /// Writes f(t, y) into `dydt` (both of length `dimension`).
  func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dydt: UnsafeMutableBufferPointer<Double>)
  /// Writes the Jacobian ∂f_i/∂y_j into `dfdy` (row-major, n×n) and ∂f/∂t into `dfdt`, and returns
  /// `true`; returns `false` when the system has no analytic Jacobian (integrators then use finite differences).
  func jacobian(
    at t: Double, state y: UnsafeBufferPointer<Double>,
    dfdy: UnsafeMutableBufferPointer<Double>, dfdt: UnsafeMutableBufferPointer<Double>) -> Bool
}

extension ODESystem {
  public func jacobian(
    at t: Double, state y: UnsafeBufferPointer<Double>,
    dfdy: UnsafeMutableBufferPointer<Double>, dfdt: UnsafeMutableBufferPointer<Double>
  ) -> Bool { false }
}

/// An Itô stochastic differential equation with diagonal noise,
/// dX_i = f_i(t, X) dt + g_i(t, X) dW_i, with independent Wiener processes W_i.
/// The drift f is the `ODESystem` part.
public protocol SDESystem: ODESystem {
  /// Writes the diagonal diffusion coefficients g_i(t, X) into `g`.
  func diffusion(at t: Double, state x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>)
  /// Writes ∂g_i/∂X_i (needed by Milstein) into `dg`. The default is zero: additive noise.
  func diffusionDerivative(at t: Double, state x: UnsafeBufferPointer<Double>, into dg: UnsafeMutableBufferPointer<Double>)
}

extension SDESystem {
  public func diffusionDerivative(
    at t: Double, state x: UnsafeBufferPointer<Double>, into dg: UnsafeMutableBufferPointer<Double>
  ) {
    for i in dg.indices { dg[i] = 0 }
  }
}
