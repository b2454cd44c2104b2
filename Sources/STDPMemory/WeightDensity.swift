import Foundation
import GSLBridge
import MesoCore

/// D⁽¹⁾ and D⁽²⁾ of one synapse tabulated on the cell centres w_i = (i + ½)h of [0, w_max]: the
/// Fokker–Planck equation ∂_t P = −∂_w[D⁽¹⁾ P] + ∂_w²[D⁽²⁾ P] and the Itô–Langevin equation
/// dw = D⁽¹⁾ dt + √(2D⁽²⁾) dW on that interval, with reflecting (zero-flux) boundaries at 0 and w_max.
public struct WeightDensityGrid: Sendable {
  /// Cell centres (weight).
  public var centres: [Double]
  /// Cell width h.
  public var width: Double
  /// D⁽¹⁾ at the centres (full or rate-only).
  public var drift: [Double]
  /// D⁽²⁾ at the centres.
  public var diffusion: [Double]

  /// The coefficients of `theory` on `cells` cells of [0, `maxWeight`].
  public init(_ theory: SynapseTheory, maxWeight: Double = 0.35, cells: Int = 350, correlations: Bool = true) throws {
    guard maxWeight.isFinite, maxWeight > 0 else { throw ParameterError(path: "w_max", value: maxWeight, requirement: "be > 0") }
    guard (2...1_000_000).contains(cells) else { throw ParameterError(path: "cells", value: "\(cells)", requirement: "be in 2 ... 1000000") }
    let e = try LIFResponseEvaluator()
    width = maxWeight / Double(cells)
    centres = (0..<cells).map { (Double($0) + 0.5) * maxWeight / Double(cells) }
    let c = try centres.map { try theory.coefficients(at: $0, evaluator: e) }
    drift = c.map { $0.drift(correlations: correlations) }
    diffusion = c.map(\.diffusion)
  }

  /// The stationary density of zero flux, P(w) ∝ exp(∫₀^w D⁽¹⁾/D⁽²⁾ dw′)/D⁽²⁾(w), at the centres
  /// (the integral by the trapezoidal rule from the first centre), normalised so that Σ P_i h = 1.
  public func stationaryDensity() -> [Double] {
    var exponent = [0.0]
    for i in 1..<centres.count {
      exponent.append(exponent[i - 1] + 0.5 * width * (drift[i - 1] / diffusion[i - 1] + drift[i] / diffusion[i]))
    }
    let top = exponent.max()!
    let p = exponent.indices.map { exp(exponent[$0] - top) / diffusion[$0] }
    let total = p.reduce(0, +) * width
    return p.map { $0 / total }
  }

  /// The density at `times` from `initial` (cell values, normalised), by the method of lines: conservative
  /// finite volumes with face fluxes F_{i+½} = ½(D⁽¹⁾_i P_i + D⁽¹⁾_{i+1} P_{i+1}) − (D⁽²⁾_{i+1} P_{i+1} − D⁽²⁾_i P_i)/h,
  /// zero at both ends (so Σ P_i h is conserved exactly), integrated by GSL's rkf45 at the given tolerances.
  public func evolve(_ initial: [Double], at times: [Double], relTol: Double = 1e-8, absTol: Double = 1e-10) throws -> [[Double]] {
    guard initial.count == centres.count else {
      throw ParameterError(path: "initial", value: "\(initial.count) values", requirement: "have one value per cell (\(centres.count))")
    }
    let system = FokkerPlanckSystem(drift: drift, diffusion: diffusion, width: width)
    let integrator = try ODEIntegrator(system, options: ODEOptions(stepper: .rkf45, absTol: absTol, relTol: relTol, initialStep: 1e-3))
    let y = try integrator.trajectory(from: initial, at: times)
    return times.indices.map { Array(y[$0 * initial.count..<($0 + 1) * initial.count]) }
  }

  /// Mean and variance of a density given at the centres.
  public func moments(_ p: [Double]) -> (mean: Double, variance: Double) {
    let mass = p.reduce(0, +)
    let mean = zip(p, centres).reduce(0) { $0 + $1.0 * $1.1 } / mass
    return (mean, zip(p, centres).reduce(0) { $0 + $1.0 * ($1.1 - mean) * ($1.1 - mean) } / mass)
  }

  /// Euler–Maruyama paths of dw = D⁽¹⁾(w) dt + √(2D⁽²⁾(w)) dW (Itô; coefficients interpolated linearly
  /// between the centres, constant beyond them), reflected at 0 and w_max, from `start` for `duration`
  /// with step `dt`; path k draws from the stream (seed, noise, k). Returns the final weights.
  public func langevin(from start: [Double], duration: Double, dt: Double, seed: UInt64) throws -> [Double] {
    guard dt.isFinite, dt > 0 else { throw ParameterError(path: "dt", value: dt, requirement: "be > 0 tau_m") }
    let steps = try ResourceBudget.count(duration / dt, of: "steps", key: "duration", value: duration)
    let top = centres.last! + 0.5 * width, n = centres.count
    let noise = diffusion.map { (2 * $0).squareRoot() }
    return start.enumerated().map { k, w0 in
      var random = RandomStream(master: seed, purpose: .noise, index: UInt64(k))
      var w = w0
      let root = dt.squareRoot()
      for _ in 0..<steps {
        let x = min(max(w / width - 0.5, 0), Double(n - 1))
        let i = min(Int(x), n - 2), f = x - Double(i)
        let a = drift[i] + f * (drift[i + 1] - drift[i]), b = noise[i] + f * (noise[i + 1] - noise[i])
        w += a * dt + b * root * random.gaussian()
        if w < 0 { w = -w }
        if w > top { w = 2 * top - w }
      }
      return w
    }
  }
}

/// dP_i/dt = −(F_{i+½} − F_{i−½})/h of ``WeightDensityGrid/evolve(_:at:relTol:absTol:)``.
struct FokkerPlanckSystem: ODESystem {
  let drift: [Double], diffusion: [Double], width: Double
  var dimension: Int { drift.count }

  func derivatives(at t: Double, state p: UnsafeBufferPointer<Double>, into dpdt: UnsafeMutableBufferPointer<Double>) {
    let n = drift.count, h = width
    var left = 0.0
    for i in 0..<n {
      let right = i == n - 1 ? 0 : 0.5 * (drift[i] * p[i] + drift[i + 1] * p[i + 1]) - (diffusion[i + 1] * p[i + 1] - diffusion[i] * p[i]) / h
      dpdt[i] = -(right - left) / h
      left = right
    }
  }
}
