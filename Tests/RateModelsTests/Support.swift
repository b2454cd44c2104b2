import Foundation
import GSLBridge
import MesoCore

/// Integrates `system` from `y0` at t = 0 to `t1` (rkf45, tolerance `tol`) and returns y(t1).
func state<S: ODESystem>(of system: S, from y0: [Double], at t1: Double, tol: Double = 1e-10) throws -> [Double] {
  let integrator = try ODEIntegrator(system, options: ODEOptions(absTol: tol, relTol: tol))
  var y = y0
  var t = 0.0
  try integrator.advance(&y, time: &t, to: t1)
  return y
}

/// Component `k` of the trajectory from `y0`, sampled every `dt` on the window [t0, t1].
func samples<S: ODESystem>(
  of system: S, from y0: [Double], component k: Int, window: ClosedRange<Double>, dt: Double, tol: Double = 1e-10
) throws -> [Double] {
  let count = Int(((window.upperBound - window.lowerBound) / dt).rounded())
  let times = [0] + (0...count).map { window.lowerBound + Double($0) * dt }
  let path = try ODEIntegrator(system, options: ODEOptions(absTol: tol, relTol: tol)).trajectory(from: y0, at: times)
  let n = system.dimension
  return (1..<times.count).map { path[$0 * n + k] }
}

/// Half the peak-to-peak range, (max − min)/2.
func halfPeakToPeak(_ x: [Double]) -> Double { (x.max()! - x.min()!) / 2 }

/// Mean period from upward crossings of the mean, with linear interpolation between samples `dt` apart.
func period(_ x: [Double], dt: Double) -> Double {
  let mean = x.reduce(0, +) / Double(x.count)
  let crossings = (1..<x.count).compactMap { i -> Double? in
    guard x[i - 1] < mean, x[i] >= mean else { return nil }
    return (Double(i - 1) + (mean - x[i - 1]) / (x[i] - x[i - 1])) * dt
  }
  return (crossings.last! - crossings.first!) / Double(crossings.count - 1)
}

/// Central-difference Jacobian of the drift, row-major; error O(h²·f‴) + O(ε/h).
func finiteDifferenceJacobian<S: ODESystem>(of system: S, at y: [Double], step h: Double = 1e-6) -> [Double] {
  let n = system.dimension
  var jac = [Double](repeating: 0, count: n * n)
  for j in 0..<n {
    var plus = y
    var minus = y
    plus[j] += h
    minus[j] -= h
    let fPlus = system.drift(at: plus)
    let fMinus = system.drift(at: minus)
    for i in 0..<n { jac[i * n + j] = (fPlus[i] - fMinus[i]) / (2 * h) }
  }
  return jac
}
