import Foundation
import GSLBridge
import MesoCore

/// Settings of the stationary single-site DMFT of Clark & Abbott (2024), Eqs. (6)–(8).
public struct DMFTOptions: Equatable, Sendable {
  /// h, time step of the lag grid and of the single-site integration (units of the neuronal time constant).
  public var dt: Double
  /// τ_max, largest lag of C(τ); C is taken as 0 beyond. Default max(50, 10p) when nil.
  public var lagWindow: Double?
  /// M, number of sampled single-site paths per iteration.
  public var paths: Int
  /// Averaging time per path after the transient.
  public var duration: Double
  /// Time discarded at the start of each path (the memory term builds up from zero). Default max(20, 5p) when nil.
  public var transient: Double?
  /// α of the damped update C ← (1 − α) C + α C_new (the first step of Anderson mixing).
  public var mixing: Double
  /// Number of previous iterates Anderson mixing combines (0: plain damped iteration).
  public var andersonDepth: Int
  /// The iteration stops when sup_τ |C_new(τ) − C(τ)| < tolerance (with common random numbers the
  /// map is deterministic, so this can be reached below the sampling error).
  public var tolerance: Double
  /// Largest number of iterations; the solution then reports `converged == false`.
  public var maxIterations: Int
  /// Number of groups the paths are split into for the standard error of C.
  public var batches: Int
  /// K, damped iterations with fresh fields after convergence, averaged into the result (0: none).
  /// The common-random-number fixed point carries the sampling noise of one draw, amplified
  /// 1/(1 − λ) along slow modes whose gain λ = g²⟨φ′⟩² approaches 1 (0.92 at g = 2, k = 0); averaging
  /// K independent draws removes that bias.
  public var averagingIterations: Int
  /// Master seed of the Gaussian fields (`.noise` stream); the same numbers are reused every iteration.
  public var seed: UInt64
  /// Quasi-Newton iteration: damped steps C ← C + α y, y = (I(1 + μ) − J⁰)⁻¹ (C_new − C), J⁰ the exact
  /// Jacobian of the map's Gaussian (k = 0) part (`gaussianNewtonSystem`, refactorised every fifth
  /// iteration; `andersonDepth` is not used), and the stopping rule is sup_τ |y| < tolerance: at μ = 0,
  /// y estimates the distance to the fixed point (exactly at k = 0). Needed near g = 1, where the
  /// plain iteration's slow modes have gain → 1.
  public var newton: Bool
  /// μ ≥ 0, the shift of the quasi-Newton system. J⁰ leaves out the O(k C(0)) part of the map, which
  /// the near-singular directions of I − J⁰ (the decaying tail of C) amplify; μ ≈ 0.1–0.2 keeps
  /// k ≠ 0 steps bounded (at g = 1.04, k = −0.5 the iteration diverged with μ = 0).
  public var newtonShift: Double
  /// Anderson mixing (this depth) of the quasi-Newton map C ↦ C + y; the preconditioner is then
  /// refactorised at iterations 0, 5 and 10 only (the mixer restarts each time), so the map it
  /// accelerates stays fixed. 0: damped quasi-Newton steps, refactorised every fifth iteration.
  public var newtonAndersonDepth: Int
  /// Stop on the estimated distance to the fixed point, r/(1 − λ̂) < tolerance, with λ̂ the contraction
  /// measured over the last 8 iterations (`ContractionEstimate`), instead of r < tolerance. Near g = 1
  /// the slowest mode's gain λ → 1 and the absolute rule stops far from the fixed point.
  public var stopOnDistance: Bool
  /// The first iterate.
  public var start: DMFTStart

  /// Every setting as named above.
  public init(
    dt: Double = 0.1, lagWindow: Double? = nil, paths: Int = 400, duration: Double = 400, transient: Double? = nil,
    mixing: Double = 0.5, andersonDepth: Int = 5, tolerance: Double = 1e-4, maxIterations: Int = 200, batches: Int = 10,
    averagingIterations: Int = 10, seed: UInt64 = 1, newton: Bool = false,
    newtonShift: Double = 0, newtonAndersonDepth: Int = 0, stopOnDistance: Bool = false, start: DMFTStart = .exponential
  ) {
    self.dt = dt
    self.lagWindow = lagWindow
    self.paths = paths
    self.duration = duration
    self.transient = transient
    self.mixing = mixing
    self.andersonDepth = andersonDepth
    self.tolerance = tolerance
    self.maxIterations = maxIterations
    self.batches = batches
    self.averagingIterations = averagingIterations
    self.seed = seed
    self.newton = newton
    self.newtonShift = newtonShift
    self.newtonAndersonDepth = newtonAndersonDepth
    self.stopOnDistance = stopOnDistance
    self.start = start
  }
}

/// The first iterate of the DMFT iteration.
public enum DMFTStart: Equatable, Sendable {
  /// C(τ) = 0.5 e^{−τ}.
  case exponential
  /// The leading order at g = 1 + ε, k < 1 (Eq. 13): C(τ) = C₀ sech(C₀ τ/√3), C₀ = ε/(1 − k).
  case nearCritical
  /// C(τ) = a sech(a τ/√3), the near-critical shape with a given amplitude a > 0.
  case sech(amplitude: Double)

  func correlation(lags: Int, h: Double, g: Double, k: Double) throws -> [Double] {
    switch self {
    case .exponential: return (0..<lags).map { 0.5 * exp(-Double($0) * h) }
    case .nearCritical:
      guard g > 1 else { throw ParameterError(path: "g", value: g, requirement: "be > 1 for the near-critical start") }
      guard k < 1 else { throw ParameterError(path: "k", value: k, requirement: "be < 1 for the near-critical start") }
      return try DMFTStart.sech(amplitude: (g - 1) / (1 - k)).correlation(lags: lags, h: h, g: g, k: k)
    case .sech(let a):
      _ = try Require.positive(a, "dmft.start.amplitude")
      return (0..<lags).map { a / cosh(a * Double($0) * h / 3.0.squareRoot()) }
    }
  }
}

/// A stationary DMFT solution C(τ) on the lag grid τ_l = l·h.
public struct DMFTSolution: Equatable, Sendable {
  /// h (lag step).
  public var dt: Double
  /// p of the model (for the derived quantities).
  public var p: Double
  /// C(τ_l) = ⟨φ(t) φ(t + τ_l)⟩, Eq. (8).
  public var correlation: [Double]
  /// Standard error of each C(τ_l): with averaging, from the spread of four block means of the K
  /// averaged iterates (the slow modes are autocorrelated, so this may underestimate); without,
  /// from the spread of the path batches of the last iteration.
  public var standardError: [Double]
  /// Iterations done.
  public var iterations: Int
  /// sup_τ |C_new − C| of the last iteration (with `newton`: of the step y).
  public var residual: Double
  /// Estimated distance to the fixed point, residual/(1 − λ̂) (`DMFTOptions.stopOnDistance`); ∞ when
  /// the contraction λ̂ was not measured or was ≥ 1.
  public var distance: Double
  /// Whether the stopping rule was met: `residual` (or, with `stopOnDistance`, `distance`) below the tolerance.
  public var converged: Bool

  /// τ_l = l·h.
  public var lags: [Double] { correlation.indices.map { Double($0) * dt } }
  /// C(0) = ⟨φ²⟩.
  public var variance: Double { correlation[0] }
  /// τ* = ∫_0^∞ [C(τ)/C(0)]² dτ, Eq. (9) (trapezoid rule on the lag grid).
  public var tauStar: Double { integrateSquaredCorrelation { _ in 1 } }
  /// PR_A = p / T, T = ∫_0^∞ e^{−τ/p} [C(τ)/C(0)]² dτ, Eq. (23).
  public var participationRatio: Double { p / integrateSquaredCorrelation { exp(-$0 / p) } }

  private func integrateSquaredCorrelation(weight: (Double) -> Double) -> Double {
    let c0 = correlation[0]
    var sum = 0.0
    for (l, c) in correlation.enumerated() {
      let value = weight(Double(l) * dt) * (c / c0) * (c / c0)
      sum += (l == 0 || l == correlation.count - 1 ? 0.5 : 1) * value
    }
    return sum * dt
  }
}

/// Solves the single-site DMFT of Eqs. (6)–(8) for the stationary C(τ) by iteration:
///
/// 1. sample M Gaussian paths η with ⟨η(t)η(t+τ)⟩ = g² C(τ) (Eq. 7) by circulant embedding: the
///    covariance, truncated at τ_max, is diagonalised by a real FFT, negative eigenvalues are set to
///    zero, and each path is the inverse transform of Gaussian coefficients scaled by √eigenvalue
///    (as App. C1 of the paper, Fourier coefficients with Hermitian symmetry);
/// 2. integrate each path with the exponential scheme of `PlasticNetwork.advance(steps:dt:)`,
///    x_{n+1} = e^{−h} x_n + (1 − e^{−h}) (η_n + m_n), where the memory term of Eq. (6) is the
///    discrete sum the network computes exactly (identity of Eq. 5 for that scheme):
///    m_n = k (1 − s) Σ_{l≥1} s^{l−1} C(τ_l) φ(x_{n−l}),  s = e^{−h/p}, truncated at lag 12p;
/// 3. estimate C(τ_l) = ⟨φ_n φ_{n+l}⟩ after the transient (FFT autocorrelation, all paths);
/// 4. update C by Anderson mixing of the last few iterates (Anderson 1965; damped iteration
///    C ← (1 − α)C + α C_new when the depth is 0) until sup_τ |C_new − C| < tolerance, and return C_new;
///    with `newton`, damped (or Anderson-mixed) quasi-Newton steps y = ((1 + μ)I − J⁰)⁻¹(C_new − C) until
///    sup_τ |y| < tolerance; with `stopOnDistance`, until the estimated distance sup|y|/(1 − λ̂) < tolerance.
///
/// The same random numbers are used in every iteration, so the map is deterministic and the stopping
/// rule measures convergence, not sampling noise. That fixed point carries one draw's noise, amplified
/// along slow modes; so K = `averagingIterations` more damped iterations with fresh fields follow and
/// their average is the result (its sampling error is `standardError`). k = 0 is the
/// network of Sompolinsky, Crisanti & Sommers (1988). Cost per iteration ∝ M·(T/h)·min(τ_max, 12p)/h.
public func solveDMFT(g: Double, k: Double, p: Double, options o: DMFTOptions = DMFTOptions()) throws -> DMFTSolution {
  _ = try Require.finite(g, "g")
  _ = try Require.finite(k, "k")
  _ = try Require.positive(p, "p")
  let h = try Require.positive(o.dt, "dmft.dt")
  let window = try Require.positive(o.lagWindow ?? max(50, 10 * p), "dmft.lag_window")
  let transientTime = try Require.nonNegative(o.transient ?? max(20, 5 * p), "dmft.transient")
  _ = try Require.positive(o.duration, "dmft.duration")
  guard o.paths >= o.batches, o.batches >= 2 else {
    throw ParameterError(path: "dmft.paths", value: "\(o.paths)", requirement: "be >= dmft.batches >= 2")
  }
  _ = try Require.nonNegative(o.newtonShift, "dmft.newton_shift")
  guard o.newtonAndersonDepth >= 0 else {
    throw ParameterError(path: "dmft.newton_anderson_depth", value: "\(o.newtonAndersonDepth)", requirement: "be >= 0")
  }
  guard o.mixing > 0, o.mixing <= 1 else { throw ParameterError(path: "dmft.mixing", value: o.mixing, requirement: "be in (0, 1]") }
  let lagCount = try ResourceBudget.count(window / h, of: "lags of dmft.dt", key: "dmft.lag_window", value: window) + 1
  guard lagCount >= 2 else {
    throw ParameterError(path: "dmft.lag_window", value: window, requirement: "hold at least one step dmft.dt = \(formatNumber(h))")
  }
  let transientSteps = try ResourceBudget.count(transientTime / h, of: "steps", key: "dmft.transient", value: transientTime)
  let measuredSteps = try ResourceBudget.count(o.duration / h, of: "steps", key: "dmft.duration", value: o.duration)
  guard measuredSteps > lagCount else {
    throw ParameterError(path: "dmft.duration", value: o.duration, requirement: "be longer than the lag window \(formatNumber(window))")
  }
  let total = transientSteps + measuredSteps
  let solver = try SingleSiteSampler(
    lagCount: lagCount, steps: total, measured: measuredSteps, h: h, p: p, k: k, paths: o.paths, batches: o.batches,
    seed: o.seed)
  var c = try o.start.correlation(lags: lagCount, h: h, g: g, k: k)
  var residual = Double.infinity, iterations = 0
  var errors = [Double](repeating: 0, count: lagCount)
  let depth = o.newton ? o.newtonAndersonDepth : o.andersonDepth
  var mixer = AndersonMixer(depth: depth, mixing: o.mixing)
  var contraction = ContractionEstimate(window: 8)
  var newtonSystem: LUFactorization?
  /// Refactorise every fifth iteration; with Anderson mixing of the Newton map only up to iteration 10.
  func refactorises(_ n: Int) -> Bool { newtonSystem == nil || (n % 5 == 0 && (o.newtonAndersonDepth == 0 || n <= 10)) }
  /// The step from c: C_new − c, or the quasi-Newton step (I − J⁰)⁻¹(C_new − c).
  func step(from c: [Double], draw: UInt64) throws -> (step: [Double], standardError: [Double]) {
    let (estimate, se) = try solver.iterate(correlation: c, gain: g, draw: draw)
    try requireFinite(estimate, iteration: iterations, what: "C_new")
    let difference = zip(estimate, c).map { $0 - $1 }
    guard o.newton else { return (difference, se) }
    if refactorises(iterations) {
      newtonSystem = try gaussianNewtonSystem(correlation: c, gain: g, h: h, shift: o.newtonShift)
      if draw == 0, o.newtonAndersonDepth > 0 { mixer = AndersonMixer(depth: depth, mixing: o.mixing) }
    }
    return (try newtonSystem!.solve(difference), se)
  }
  /// The quantity the stopping rule compares with the tolerance.
  var measure: Double { o.stopOnDistance ? contraction.distance : residual }
  while iterations < o.maxIterations, measure >= o.tolerance {
    let (y, se) = try step(from: c, draw: 0)
    try requireFinite(y, iteration: iterations, what: "the step")
    residual = y.reduce(0) { max($0, abs($1)) }
    contraction.record(residual)
    errors = se
    iterations += 1
    if measure < o.tolerance {
      c = zip(c, y).map { $0 + $1 }
      break
    }
    c = mixer.next(point: c, image: zip(c, y).map { $0 + $1 })
    try requireFinite(c, iteration: iterations, what: "C")
  }
  if o.averagingIterations > 0 {
    // Damped steps with fresh fields (plain iteration), or one full quasi-Newton step from the
    // converged C per draw: an estimate of that draw's fixed point (Newton).
    var iterates = [[Double]]()
    let base = c
    for draw in 1...o.averagingIterations {
      let y = try step(from: o.newton ? base : c, draw: UInt64(draw)).step
      c = o.newton ? zip(base, y).map { $0 + $1 } : zip(c, y).map { $0 + o.mixing * $1 }
      try requireFinite(c, iteration: iterations + draw, what: "C (averaging)")
      iterates.append(c)
    }
    let blocks = min(4, iterates.count)
    let blockMeans = (0..<blocks).map { b in
      let part = iterates[(b * iterates.count / blocks)..<((b + 1) * iterates.count / blocks)]
      return (0..<lagCount).map { l in part.reduce(0) { $0 + $1[l] } / Double(part.count) }
    }
    c = (0..<lagCount).map { l in iterates.reduce(0) { $0 + $1[l] } / Double(iterates.count) }
    errors = (0..<lagCount).map { l in
      let spread = blockMeans.reduce(0) { $0 + ($1[l] - c[l]) * ($1[l] - c[l]) } / Double(max(blocks - 1, 1))
      return (spread / Double(blocks)).squareRoot()
    }
  }
  return DMFTSolution(
    dt: h, p: p, correlation: c, standardError: errors, iterations: iterations, residual: residual,
    distance: contraction.distance, converged: measure < o.tolerance)
}

/// Throws a `SolverFailure` (exit 65) naming the iteration and the first lag where `values` is
/// not finite. Needed because `max(_:_:)` skips NaN, so without it a NaN residual reads as 0 (converged).
private func requireFinite(_ values: [Double], iteration: Int, what: String) throws {
  guard let lag = values.firstIndex(where: { !$0.isFinite }) else { return }
  throw SolverFailure("DMFT iteration: \(what) is \(values[lag]) at lag index \(lag)", iteration: iteration)
}
