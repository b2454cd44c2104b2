import Foundation
import GSLBridge
import MesoCore

/// Settings of a Benettin estimate of the largest Lyapunov exponent.
public struct LyapunovOptions: Equatable, Sendable {
  /// Time discarded first (s): the state reaches its attractor and the tangent vector aligns with
  /// the most unstable direction.
  public var transient: Double
  /// Averaging time after the transient (s).
  public var duration: Double
  /// Time between renormalisations of the tangent vector (s).
  public var interval: Double
  /// Number of consecutive blocks the averaging time is split into for the standard error.
  public var blocks: Int
  /// Integrator of the joint (state, tangent) system; use an explicit stepper.
  public var ode: ODEOptions
  /// Master seed of the initial tangent direction (its `.initialConditions` stream, index 1).
  public var seed: UInt64

  /// Benettin settings: discard `transient` (s), then average over `duration` (s) with
  /// renormalisation every `interval` (s), in `blocks` blocks for the standard error.
  public init(
    transient: Double, duration: Double, interval: Double, blocks: Int = 10,
    ode: ODEOptions = ODEOptions(absTol: 1e-8, relTol: 1e-8, initialStep: 1e-3), seed: UInt64 = 1
  ) {
    self.transient = transient
    self.duration = duration
    self.interval = interval
    self.blocks = blocks
    self.ode = ode
    self.seed = seed
  }
}

/// The result of `largestLyapunovExponent`.
public struct LyapunovEstimate: Equatable, Sendable {
  /// λ_max (1/s): the mean logarithmic growth rate of the tangent vector after the transient.
  public var exponent: Double
  /// The same average over each block (1/s).
  public var blockExponents: [Double]
  /// Standard error of `exponent` from the spread of the block averages, s.d./√blocks (1/s).
  public var standardError: Double
  /// The state at the end of the run.
  public var finalState: [Double]
}

/// The largest Lyapunov exponent along the trajectory from `y0` (Benettin et al. 1980): integrate
/// the state and one tangent vector v (dv/dt = J v) together, rescale v to unit length every
/// `interval`, and average ln‖v‖ growth per time over `duration` after `transient`.
public func largestLyapunovExponent<S: TangentDynamics>(
  of system: S, from y0: [Double], options: LyapunovOptions
) throws(GSLError) -> LyapunovEstimate {
  let n = system.dimension
  precondition(y0.count == n, "initial state has \(y0.count) values, system has \(n)")
  precondition(options.interval > 0 && options.transient >= 0 && options.duration > 0 && options.blocks > 0)
  let skipped = Int((options.transient / options.interval).rounded())
  let averaged = Int((options.duration / options.interval).rounded())
  precondition(averaged >= options.blocks, "Lyapunov: fewer renormalisation intervals than blocks")

  var random = RandomStream(master: options.seed, purpose: .initialConditions, index: 1)
  var state = y0 + (0..<n).map { _ in random.gaussian() }
  normalizeTangent(&state, n)
  let integrator = try ODEIntegrator(TangentSystem(base: system), options: options.ode)
  let hasHistory = options.ode.stepper == .msadams || options.ode.stepper == .msbdf

  var t = 0.0
  var growth = [Double]()
  growth.reserveCapacity(averaged)
  for k in 1...(skipped + averaged) {
    try integrator.advance(&state, time: &t, to: Double(k) * options.interval)
    let logNorm = normalizeTangent(&state, n)
    if hasHistory { integrator.reset() }  // the rescaled tangent invalidates a multistep history
    if k > skipped { growth.append(logNorm) }
  }

  let blockExponents = (0..<options.blocks).map { b in
    let block = growth[(b * averaged / options.blocks)..<((b + 1) * averaged / options.blocks)]
    return block.reduce(0, +) / (Double(block.count) * options.interval)
  }
  let exponent = growth.reduce(0, +) / (Double(averaged) * options.interval)
  let mean = blockExponents.reduce(0, +) / Double(options.blocks)
  let variance = blockExponents.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(options.blocks - 1, 1))
  return LyapunovEstimate(
    exponent: exponent, blockExponents: blockExponents,
    standardError: (variance / Double(options.blocks)).squareRoot(), finalState: Array(state[0..<n]))
}

/// Rescales the tangent half of (y, v) to unit length and returns ln‖v‖ before rescaling.
@discardableResult
private func normalizeTangent(_ state: inout [Double], _ n: Int) -> Double {
  let norm = state[n...].reduce(0) { $0 + $1 * $1 }.squareRoot()
  for i in n..<(2 * n) { state[i] /= norm }
  return log(norm)
}

/// The joint system (y, v) with dy/dt = f(t, y), dv/dt = J(t, y) v.
private struct TangentSystem<Base: TangentDynamics>: ODESystem {
  let base: Base
  var dimension: Int { 2 * base.dimension }

  func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dydt: UnsafeMutableBufferPointer<Double>) {
    let n = base.dimension
    base.derivatives(
      at: t, state: UnsafeBufferPointer(rebasing: y[0..<n]), tangent: UnsafeBufferPointer(rebasing: y[n...]),
      into: UnsafeMutableBufferPointer(rebasing: dydt[0..<n]),
      tangentInto: UnsafeMutableBufferPointer(rebasing: dydt[n...]))
  }
}
