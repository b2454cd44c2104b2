import Foundation
import GSLBridge
import MesoCore

/// A diagonal SDE whose exact solution can be sampled jointly with the Brownian increments that
/// drive it; one component per independent path.
protocol ExactlySolvable: SDESystem {
  /// Draws the Wiener increments of one step of size h (s) into dW and advances the exact solution
  /// `x` along the same Brownian path.
  func exactStep(
    _ x: inout [Double], increments dW: UnsafeMutableBufferPointer<Double>, h: Double, random: inout RandomStream)
}

/// Geometric Brownian motion dX = μX dt + σX dW, exactly X(t + h) = X(t) exp((μ − σ²/2)h + σΔW).
struct GeometricBrownianMotion: ExactlySolvable {
  /// μ (1/s) and σ (1/√s).
  var mu: Double, sigma: Double
  var paths: Int
  var dimension: Int { paths }

  func derivatives(at t: Double, state x: UnsafeBufferPointer<Double>, into f: UnsafeMutableBufferPointer<Double>) {
    for i in x.indices { f[i] = mu * x[i] }
  }
  func diffusion(at t: Double, state x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
    for i in x.indices { g[i] = sigma * x[i] }
  }
  func diffusionDerivative(
    at t: Double, state x: UnsafeBufferPointer<Double>, into dg: UnsafeMutableBufferPointer<Double>
  ) {
    for i in x.indices { dg[i] = sigma }
  }
  func exactStep(
    _ x: inout [Double], increments dW: UnsafeMutableBufferPointer<Double>, h: Double, random: inout RandomStream
  ) {
    random.fillGaussian(dW, sigma: h.squareRoot())
    for i in x.indices { x[i] *= exp((mu - sigma * sigma / 2) * h + sigma * dW[i]) }
  }
}

/// Ornstein–Uhlenbeck process dX = −X/τ dt + s dW (additive noise, the `SDESystem` convention).
///
/// Exact step: X(t + h) = e^{−h/τ} X(t) + s I with I = ∫ e^{−(t+h−u)/τ} dW(u) over [t, t + h]; (ΔW, I)
/// is Gaussian with Var ΔW = h, Var I = τ(1 − e^{−2h/τ})/2, Cov(I, ΔW) = τ(1 − e^{−h/τ}).
struct OrnsteinUhlenbeck: ExactlySolvable {
  /// τ (s) and s (units of X per √s).
  var tau: Double, noise: Double
  var paths: Int
  var dimension: Int { paths }

  func derivatives(at t: Double, state x: UnsafeBufferPointer<Double>, into f: UnsafeMutableBufferPointer<Double>) {
    for i in x.indices { f[i] = -x[i] / tau }
  }
  func diffusion(at t: Double, state x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
    for i in x.indices { g[i] = noise }
  }
  func exactStep(
    _ x: inout [Double], increments dW: UnsafeMutableBufferPointer<Double>, h: Double, random: inout RandomStream
  ) {
    let variance = -tau * expm1(-2 * h / tau) / 2, covariance = -tau * expm1(-h / tau)
    // I = a z₁ + b z₂ with ΔW = √h z₁: a√h = Cov(I, ΔW), a² + b² = Var I.
    let a = covariance / h.squareRoot(), b = (variance - a * a).squareRoot(), decay = exp(-h / tau)
    for i in x.indices {
      let z1 = random.gaussian(), z2 = random.gaussian()
      dW[i] = h.squareRoot() * z1
      x[i] = decay * x[i] + noise * (a * z1 + b * z2)
    }
  }
}

/// `base` with drift f + ½ g ∂g/∂X: the Heun scheme's Itô correction cancels, leaving plain Heun on
/// f, which converges to the Stratonovich solution instead of the Itô one (the negative control).
struct WithoutItoCorrection<Base: ExactlySolvable>: ExactlySolvable {
  var base: Base
  var dimension: Int { base.dimension }

  func derivatives(at t: Double, state x: UnsafeBufferPointer<Double>, into f: UnsafeMutableBufferPointer<Double>) {
    base.derivatives(at: t, state: x, into: f)
    var g = [Double](repeating: 0, count: dimension), dg = g
    g.withUnsafeMutableBufferPointer { base.diffusion(at: t, state: x, into: $0) }
    dg.withUnsafeMutableBufferPointer { base.diffusionDerivative(at: t, state: x, into: $0) }
    for i in x.indices { f[i] += 0.5 * g[i] * dg[i] }
  }
  func diffusion(at t: Double, state x: UnsafeBufferPointer<Double>, into g: UnsafeMutableBufferPointer<Double>) {
    base.diffusion(at: t, state: x, into: g)
  }
  func diffusionDerivative(
    at t: Double, state x: UnsafeBufferPointer<Double>, into dg: UnsafeMutableBufferPointer<Double>
  ) {
    base.diffusionDerivative(at: t, state: x, into: dg)
  }
  func exactStep(
    _ x: inout [Double], increments dW: UnsafeMutableBufferPointer<Double>, h: Double, random: inout RandomStream
  ) {
    base.exactStep(&x, increments: dW, h: h, random: &random)
  }
}
