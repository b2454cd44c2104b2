import GSLBridge
import MesoCore

/// Where a branch of fixed points of a one-parameter family of systems changes stability.
public struct StabilityChange: Equatable, Sendable {
  /// The parameter value at which the largest real part of the Jacobian's eigenvalues is zero.
  public var parameter: Double
  /// The fixed point there.
  public var fixedPoint: [Double]
  /// The critical eigenvalue (imaginary part ≥ 0). A Hopf bifurcation when the imaginary part is
  /// positive: it is the angular frequency ω_c of the emerging oscillation (rad per unit of time).
  public var eigenvalue: Eigenvalue
}

/// Finds the parameter in `range` at which the fixed point of `system(parameter)` loses (or gains)
/// stability: Brent's method on μ(p) = max Re λ(J(y*(p))), with y*(p) continued from `guess` (each
/// fixed-point solve starts from the previous solution, so one branch is followed). μ must change
/// sign on `range`. Systems need an analytic Jacobian. Errors from `system` and GSL are rethrown.
public func stabilityChange<S: ODESystem>(
  in range: ClosedRange<Double>, fixedPointNear guess: [Double], parameterTolerance: Double = 1e-10,
  system: (Double) throws -> S
) throws -> StabilityChange {
  var branch = guess
  func linearization(_ p: Double) throws -> (Eigenvalue, [Double]) {
    let s = try system(p)
    branch = try s.fixedPoint(near: branch)
    return (try s.eigenvalues(at: branch)[0], branch)
  }
  let p = try brentRoot(in: range, absTol: parameterTolerance, relTol: 0) { try linearization($0).0.real }
  let (lambda, y) = try linearization(p)
  return StabilityChange(
    parameter: p, fixedPoint: y, eigenvalue: Eigenvalue(real: lambda.real, imaginary: abs(lambda.imaginary)))
}
