import GSLBridge
import MesoCore

/// Fixed points and linear stability of any `ODESystem` (allocating conveniences for analysis,
/// not for integration loops).
extension ODESystem {
  /// f(t, y).
  public func drift(at y: [Double], time t: Double = 0) -> [Double] {
    precondition(y.count == dimension, "state has \(y.count) values, system has \(dimension)")
    var f = [Double](repeating: 0, count: dimension)
    y.withUnsafeBufferPointer { y in f.withUnsafeMutableBufferPointer { derivatives(at: t, state: y, into: $0) } }
    return f
  }

  /// The analytic Jacobian ∂f_i/∂y_j at (t, y), row-major (index i·n + j); `nil` if the system has none.
  public func jacobianMatrix(at y: [Double], time t: Double = 0) -> [Double]? {
    precondition(y.count == dimension, "state has \(y.count) values, system has \(dimension)")
    let n = dimension
    var dfdy = [Double](repeating: 0, count: n * n)
    var dfdt = [Double](repeating: 0, count: n)
    let analytic = y.withUnsafeBufferPointer { y in
      dfdy.withUnsafeMutableBufferPointer { dfdy in
        dfdt.withUnsafeMutableBufferPointer { jacobian(at: t, state: y, dfdy: dfdy, dfdt: $0) }
      }
    }
    return analytic ? dfdy : nil
  }

  /// Eigenvalues of the Jacobian at (t, y), by decreasing real part: y is linearly stable if the
  /// first has a negative real part. The system must have an analytic Jacobian.
  public func eigenvalues(at y: [Double], time t: Double = 0) throws(GSLError) -> [Eigenvalue] {
    guard let jac = jacobianMatrix(at: y, time: t) else {
      preconditionFailure("eigenvalues: \(Self.self) has no analytic Jacobian")
    }
    return try GSLBridge.eigenvalues(ofRowMajor: jac, dimension: dimension)
  }

  /// A fixed point f(t, y*) = 0 near `guess`, by Powell's hybrid method (with the analytic Jacobian
  /// when the system has one). Converged when Σ_i |f_i| < `residualTolerance` (state units/s) or an
  /// accepted step is below `stepTolerance·(1 + |y_i|)` (see `hybridRoot`).
  public func fixedPoint(
    near guess: [Double], time t: Double = 0, residualTolerance: Double = 1e-12, stepTolerance: Double = 1e-12,
    maxIterations: Int = 1000
  ) throws(GSLError) -> [Double] {
    precondition(guess.count == dimension, "guess has \(guess.count) values, system has \(dimension)")
    let system = self
    let n = dimension
    let jacobian: ((UnsafeBufferPointer<Double>, UnsafeMutableBufferPointer<Double>) -> Void)? =
      jacobianMatrix(at: guess, time: t) == nil
      ? nil
      : { y, dfdy in
        withUnsafeTemporaryAllocation(of: Double.self, capacity: n) {
          _ = system.jacobian(at: t, state: y, dfdy: dfdy, dfdt: $0)
        }
      }
    return try hybridRoot(
      near: guess, residualTolerance: residualTolerance, stepTolerance: stepTolerance, maxIterations: maxIterations,
      function: { system.derivatives(at: t, state: $0, into: $1) }, jacobian: jacobian)
  }
}
