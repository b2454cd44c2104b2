import MesoCore

/// A system that propagates a tangent vector along with its state: dy/dt = f(t, y) and
/// dv/dt = J(t, y)·v, J = ∂f/∂y (the variational equation used for Lyapunov exponents).
public protocol TangentDynamics: ODESystem {
  /// Writes f(t, y) into `dydt` and J(t, y)·v into `dvdt` (all of length `dimension`).
  /// Large systems implement it without forming J and without allocating.
  func derivatives(
    at t: Double, state y: UnsafeBufferPointer<Double>, tangent v: UnsafeBufferPointer<Double>,
    into dydt: UnsafeMutableBufferPointer<Double>, tangentInto dvdt: UnsafeMutableBufferPointer<Double>)
}

extension TangentDynamics {
  /// Default: f from `derivatives`, then J·v with J from the analytic `jacobian` (n² + n temporary
  /// values; the system must have an analytic Jacobian).
  public func derivatives(
    at t: Double, state y: UnsafeBufferPointer<Double>, tangent v: UnsafeBufferPointer<Double>,
    into dydt: UnsafeMutableBufferPointer<Double>, tangentInto dvdt: UnsafeMutableBufferPointer<Double>
  ) {
    derivatives(at: t, state: y, into: dydt)
    let n = dimension
    withUnsafeTemporaryAllocation(of: Double.self, capacity: n * n + n) { scratch in
      let jac = UnsafeMutableBufferPointer(rebasing: scratch[0..<(n * n)])
      let hasJacobian = jacobian(
        at: t, state: y, dfdy: jac, dfdt: UnsafeMutableBufferPointer(rebasing: scratch[(n * n)...]))
      precondition(hasJacobian, "\(Self.self) has no analytic Jacobian: implement derivatives(at:state:tangent:…)")
      for i in 0..<n {
        var sum = 0.0
        for j in 0..<n { sum += jac[i * n + j] * v[j] }
        dvdt[i] = sum
      }
    }
  }
}
