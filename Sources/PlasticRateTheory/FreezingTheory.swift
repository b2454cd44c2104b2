import Foundation
import GSLBridge
import MesoCore

/// How `solveFreezingFixedPoint` looks for the fixed point.
public enum FreezingSolver: String, Equatable, Sendable, CaseIterable {
  /// Anderson mixing of the map (Q, D) ↦ (Q′, D′) from Q = 0.9 C, D = C(0).
  case iteration
  /// Q = a q̂ with ‖q̂‖ = 1: the shape (q̂, D) is iterated at fixed amplitude a, and the amplitude
  /// equation R(a) = ⟨Q′, q̂⟩/a = 1 is solved by a scan of a and Brent's method. Needed where the
  /// amplitude mode of the iteration has gain → 1 (near the onset of the aligned fixed point).
  case amplitude
}

/// Settings of the two-replica fixed-point theory of freezing (`solveFreezingFixedPoint`).
public struct FreezingOptions: Equatable, Sendable {
  /// M, sampled paths of replica A (the plastic network) per iteration.
  public var paths: Int
  /// Length of each A path after its transient (units of the neuronal time constant).
  public var duration: Double
  /// Points of the Gauss–Hermite rule for the conditional average over η^B.
  public var quadraturePoints: Int
  /// α of the damped update (first step of Anderson mixing).
  public var mixing: Double
  /// Previous iterates Anderson mixing combines (0: damped iteration).
  public var andersonDepth: Int
  /// Stop when sup |ΔQ|, |ΔD| < tolerance (common random numbers: the map is deterministic).
  public var tolerance: Double
  /// Largest number of iterations.
  public var maxIterations: Int
  /// Spectral cut of C⁻¹: Fourier modes whose field eigenvalue is below `spectralCut` × the largest
  /// are left out of the conditional mean (they carry sampling noise, not signal).
  public var spectralCut: Double
  /// Seed of the A paths (`.noise` stream, draw 1000 so it differs from the DMFT's draws).
  public var seed: UInt64
  /// Stop on the estimated distance to the fixed point, r/(1 − λ̂) < tolerance (λ̂ measured over the
  /// last 8 iterations, `ContractionEstimate`), instead of r < tolerance (needed near g = 1).
  public var stopOnDistance: Bool
  /// The solver (`FreezingSolver`).
  public var solver: FreezingSolver
  /// Amplitudes ‖Q‖ = (h Σ_l Q_l²)^{1/2} of the `amplitude` solver's scan: geometric over three decades
  /// below ‖C‖ (2 … 1000).
  public var amplitudePoints: Int

  /// Every setting as named above.
  public init(
    paths: Int = 100, duration: Double = 400, quadraturePoints: Int = 24, mixing: Double = 0.5, andersonDepth: Int = 5,
    tolerance: Double = 1e-6, maxIterations: Int = 300, spectralCut: Double = 1e-4, seed: UInt64 = 1,
    stopOnDistance: Bool = false, solver: FreezingSolver = .iteration, amplitudePoints: Int = 12
  ) {
    self.paths = paths
    self.duration = duration
    self.quadraturePoints = quadraturePoints
    self.mixing = mixing
    self.andersonDepth = andersonDepth
    self.tolerance = tolerance
    self.maxIterations = maxIterations
    self.spectralCut = spectralCut
    self.seed = seed
    self.stopOnDistance = stopOnDistance
    self.solver = solver
    self.amplitudePoints = amplitudePoints
  }
}

/// A fixed-point solution of the two-replica DMFT (Clark & Abbott 2024, Eqs. 32–34 with D(τ) = D).
public struct FreezingFixedPoint: Equatable, Sendable {
  /// h, the lag step (that of the DMFT solution).
  public var dt: Double
  /// Q(t_l) = ⟨φ^A(t_l) φ^B⟩, Eq. (28), at t_l = l·h, l = −L … L (index l + L).
  public var overlap: [Double]
  /// D = ⟨(φ^B)²⟩, Eq. (29) at a fixed point.
  public var autocovariance: Double
  /// r = g √⟨φ′(x^B)²⟩, Eq. (30): the bulk radius of −I + W(0) diag φ′(x^B); stable iff r < 1.
  public var radius: Double
  /// δ = ∫∫ Q C⁻¹ Q (Eq. C1c): the part of D explained by the A path.
  public var explained: Double
  /// C(0) of replica A.
  public var correlationAtZero: Double
  /// Iterations done.
  public var iterations: Int
  /// sup |Δ| of the last iteration.
  public var residual: Double
  /// Estimated distance to the fixed point, residual/(1 − λ̂); ∞ when λ̂ was not measured or was ≥ 1.
  public var distance: Double
  /// Whether the stopping rule was met: `residual` (with `stopOnDistance`: `distance`) below the tolerance.
  public var converged: Bool
  /// R(a) = ⟨Q′, q̂⟩/a at the smallest amplitude of the `amplitude` solver's scan, the gain of the
  /// amplitude mode at the trivial solution (an aligned fixed point branches off where it crosses 1);
  /// nil for the `iteration` solver.
  public var linearGain: Double?

  /// L, the largest lag index.
  public var halfWindow: Int { (overlap.count - 1) / 2 }
  /// t_l = l·h for l = −L … L.
  public var times: [Double] { (0..<overlap.count).map { Double($0 - halfWindow) * dt } }
  /// Q(0), the halt-time overlap.
  public var overlapAtHalt: Double { overlap[halfWindow] }
  /// ρ(0) = Q(0)/√(D C(0)), Eq. (35).
  public var correlationCoefficient: Double { overlapAtHalt / (autocovariance * correlationAtZero).squareRoot() }
  /// Whether the iteration went to the trivial solution Q ≡ 0 (|Q(0)| < 10⁻³ C(0)).
  public var isTrivial: Bool { abs(overlapAtHalt) < 1e-3 * correlationAtZero }
}

/// Solves the two-replica DMFT of Clark & Abbott (2024, Sec. VII, App. C2) for its fixed-point
/// solution D(τ) = D. Replica A is the plastic network (its single-site DMFT `correlation`); replica B
/// is the same J with the couplings W(0) = J + A(0) halted at t = 0 (Eq. 27). At a fixed point,
///
///     x^B = η^B + I^B,   I^B = (k/p) ∫_0^∞ dt e^{−t/p} Q(−t) φ^A(−t)                    (32b)
///
/// with η^B static, ⟨η^B η^B⟩ = g² D and ⟨η^A(t) η^B⟩ = g² Q(t) (Eq. 33), closed by Q(t) = ⟨φ^A(t) φ^B⟩
/// and D = ⟨(φ^B)²⟩ (Eq. 34). Given an A path, η^B is Gaussian with mean μ = ∫∫ C⁻¹(t − t′) Q(t) η^A(t′)
/// and variance g²(D − δ), δ = ∫∫ Q C⁻¹ Q (Eq. C1), so the η^B average is a Gauss–Hermite sum.
///
/// Numerics: M paths of A from the DMFT's sampler (common random numbers); every step n₀ of the
/// stationary part is a halt time (the paper's shifts of η^A). The field is periodic with a circulant
/// covariance, so C⁻¹, the memory sum of I^B (k(1 − s) Σ_{l≥1} s^{l−1} Q(−l h) φ^A(n₀ − l), s = e^{−h/p},
/// the network's exact discretisation) and the new Q are products in Fourier space. Start Q = 0.9 C,
/// D = C(0); Anderson mixing until sup|Δ| < tolerance. The trivial solution Q ≡ 0 always exists; a
/// start that flows to it means there is no fixed point aligned with the halt-time state.
public func solveFreezingFixedPoint(
  g: Double, k: Double, p: Double, correlation a: DMFTSolution, options o: FreezingOptions = FreezingOptions()
) throws -> FreezingFixedPoint {
  _ = try Require.finite(g, "g")
  _ = try Require.finite(k, "k")
  _ = try Require.positive(p, "p")
  _ = try Require.positive(o.duration, "freezing.duration")
  guard o.paths >= 1 else { throw ParameterError(path: "freezing.paths", value: "\(o.paths)", requirement: "be >= 1") }
  guard o.mixing > 0, o.mixing <= 1 else { throw ParameterError(path: "freezing.mixing", value: o.mixing, requirement: "be in (0, 1]") }
  guard (2...1000).contains(o.amplitudePoints) else {
    throw ParameterError(path: "freezing.amplitude_points", value: "\(o.amplitudePoints)", requirement: "be in 2 ... 1000")
  }
  let h = a.dt, c = a.correlation, lagMax = c.count - 1
  let transient = Int((max(20, 5 * p) / h).rounded()) + lagMax
  let measured = Int((o.duration / h).rounded()) + 2 * lagMax
  let sampler = try SingleSiteSampler(
    lagCount: c.count, steps: transient + measured, measured: measured, h: h, p: p, k: k, paths: o.paths, batches: 1,
    seed: o.seed)
  // The replica problem keeps three arrays of the embedding length per path: refuse what does not fit.
  var budget = ResourceBudget()
  budget.add(
    "\(o.paths) stored paths × 3 arrays of \(sampler.fieldEigenvalues.count)", key: "freezing.paths", count: o.paths,
    times: 3 * sampler.fieldEigenvalues.count, bytesEach: 8)
  try budget.check(against: .machine())
  let problem = try ReplicaProblem(
    sampler: sampler, correlation: c, g: g, k: k, p: p, first: transient, last: transient + measured - lagMax - 1,
    options: o)
  // Unknowns y = (Q(−L … L), D).
  var y = (0...(2 * lagMax)).map { 0.9 * c[abs($0 - lagMax)] } + [c[0]]
  if o.solver == .amplitude { return try solveAmplitude(problem, start: y, correlationAtZero: c[0], options: o) }
  var mixer = AndersonMixer(depth: o.andersonDepth, mixing: o.mixing)
  var residual = Double.infinity, iterations = 0
  var estimate = ContractionEstimate(window: 8)
  var measure: Double { o.stopOnDistance ? estimate.distance : residual }
  var result = try problem.evaluate(y)
  while iterations < o.maxIterations {
    iterations += 1
    residual = zip(result.image, y).reduce(0) { max($0, abs($1.0 - $1.1)) }
    estimate.record(residual)
    if measure < o.tolerance { break }
    y = mixer.next(point: y, image: result.image)
    guard y.allSatisfy(\.isFinite) else { throw SolverFailure("freezing iteration diverged", iteration: iterations) }
    result = try problem.evaluate(y)
  }
  return FreezingFixedPoint(
    dt: h, overlap: Array(result.image.dropLast()), autocovariance: result.image.last!, radius: result.radius,
    explained: result.explained, correlationAtZero: c[0], iterations: iterations, residual: residual,
    distance: estimate.distance, converged: measure < o.tolerance, linearGain: nil)
}

/// The `amplitude` solver: scan R(a) upward on the geometric grid of `amplitudePoints` from 10⁻³‖C‖ to ‖C‖
/// (Q = C, complete freezing), warm-starting each shape from the last, until R crosses 1 from above
/// (the root is then refined by Brent's method to `tolerance`/10 in a) or the shape stops settling
/// (large a, where δ = Q C⁻¹ Q exceeds D, is outside the physical range). R < 1 wherever settled: the
/// trivial solution Q ≡ 0 with D settled. No settled shape, or R > 1 without a crossing: `SolverFailure`.
private func solveAmplitude(
  _ problem: ReplicaProblem, start: [Double], correlationAtZero c0: Double, options o: FreezingOptions
) throws -> FreezingFixedPoint {
  var map = AmplitudeMap(problem: problem, start: start, options: o)
  let top = AmplitudeMap.norm(start.dropLast(), h: problem.h) / 0.9
  let grid = (0..<o.amplitudePoints).map { top * pow(1e-3, Double(o.amplitudePoints - 1 - $0) / Double(o.amplitudePoints - 1)) }
  var linearGain = Double.nan, previous: (a: Double, ratio: Double, shape: [Double])?, bracket: ClosedRange<Double>?
  for a in grid {
    guard let ratio = try map.settle(a)?.ratio else { break }
    if previous == nil { linearGain = ratio }
    if let last = previous, last.ratio > 1, ratio <= 1 {
      bracket = last.a...a
      map.shape = last.shape
      break
    }
    previous = (a, ratio, map.shape)
  }
  // Trivial only when R < 1 wherever the shape settled; R > 1 without a crossing, or no settled shape, is a failure.
  guard bracket != nil || (linearGain < 1 && (previous?.ratio ?? 2) <= 1) else {
    throw SolverFailure(
      "freezing amplitude scan found no crossing of R = 1 (R(0⁺) = \(linearGain)) before the shape stopped settling",
      iteration: map.evaluations)
  }
  let settled: AmplitudeMap.Settled?
  if let bracket {
    let root = try brentRoot(in: bracket, absTol: 0.1 * o.tolerance, relTol: 0, maxIterations: 60) {
      guard let s = try map.settle($0) else {
        throw SolverFailure("freezing shape iteration did not settle at amplitude \($0)", iteration: map.evaluations)
      }
      return s.ratio - 1
    }
    settled = try map.settle(root)
  } else {
    settled = try map.settle(0)
  }
  guard let settled else { throw SolverFailure("freezing shape iteration did not settle at the root", iteration: map.evaluations) }
  let residual = zip(settled.image, settled.point).reduce(0) { max($0, abs($1.0 - $1.1)) }
  return FreezingFixedPoint(
    dt: problem.h, overlap: Array(settled.image.dropLast()), autocovariance: settled.image.last!, radius: settled.radius,
    explained: settled.explained, correlationAtZero: c0, iterations: map.evaluations, residual: residual,
    distance: residual, converged: residual < o.tolerance, linearGain: linearGain)
}

/// The shape iteration of the `amplitude` solver, a power iteration at fixed amplitude: Q = a q̂ with
/// h Σ_l q̂_l² = 1; with (Q′, D′) the image of (a q̂, D), R(a) = h Σ_l Q′_l q̂_l / a and
/// (q̂, D) ← (±Q′/‖Q′‖, D′) (sign of R), Anderson-mixed until sup |a Δq̂|, |ΔD| < tolerance; at a = 0 only
/// D moves.
private struct AmplitudeMap {
  /// The image and the point it was taken at, with R(a) (0 at a = 0).
  struct Settled {
    var point: [Double], image: [Double], ratio: Double, radius: Double, explained: Double
  }

  let problem: ReplicaProblem, options: FreezingOptions
  /// (q̂(−L … L), D), carried from one amplitude to the next.
  var shape: [Double]
  var evaluations = 0

  init(problem: ReplicaProblem, start: [Double], options: FreezingOptions) {
    (self.problem, self.options) = (problem, options)
    let norm = Self.norm(start.dropLast(), h: problem.h)
    shape = start.dropLast().map { $0 / norm } + [start.last!]
  }

  static func norm(_ q: ArraySlice<Double>, h: Double) -> Double { (h * q.reduce(0) { $0 + $1 * $1 }).squareRoot() }

  /// The settled shape at amplitude a; nil when it does not settle in `maxIterations`.
  mutating func settle(_ a: Double) throws -> Settled? {
    let h = problem.h
    var mixer = AndersonMixer(depth: options.andersonDepth, mixing: options.mixing)
    for _ in 0..<options.maxIterations {
      let point = shape.dropLast().map { a * $0 } + [shape.last!]
      let result = try problem.evaluate(point)
      evaluations += 1
      let q = result.image.dropLast(), projection = h * zip(q, shape).reduce(0) { $0 + $1.0 * $1.1 }
      let ratio = a > 0 ? projection / a : 0, norm = Self.norm(q, h: h)
      let target =
        a > 0 && norm > 0 ? q.map { (projection < 0 ? -$0 : $0) / norm } + [result.image.last!] : shape.dropLast() + [result.image.last!]
      let change = zip(target, shape).enumerated().reduce(0.0) {
        max($0, abs($1.element.0 - $1.element.1) * ($1.offset == shape.count - 1 ? 1 : a))
      }
      if change < options.tolerance {
        return Settled(point: point, image: result.image, ratio: ratio, radius: result.radius, explained: result.explained)
      }
      shape = mixer.next(point: shape, image: target)
      guard shape.allSatisfy(\.isFinite) else {
        throw SolverFailure("freezing shape iteration diverged at amplitude \(a)", iteration: evaluations)
      }
      let renorm = Self.norm(shape.dropLast(), h: h)
      if renorm > 0 { shape = shape.dropLast().map { $0 / renorm } + [shape.last!] }
    }
    return nil
  }
}

/// The fixed-point map (Q, D) ↦ (Q_new, D_new) of `solveFreezingFixedPoint` on stored A paths: their
/// field spectra Ê, rate spectra Φ̂ and rates φ, all of the embedding length n.
private final class ReplicaProblem {
  let n: Int, lagMax: Int, first: Int, last: Int, g: Double, k: Double, h: Double, p: Double
  let fft: HalfComplexFFT
  let eigenvalues: [Double]
  let fieldSpectra: [[Double]], rateSpectra: [[Double]], rates: [[Double]]
  let nodes: [Double], weights: [Double]
  let mask: [Bool]

  init(
    sampler: SingleSiteSampler, correlation c: [Double], g: Double, k: Double, p: Double, first: Int, last: Int,
    options o: FreezingOptions
  ) throws {
    (self.g, self.k, self.p, self.h) = (g, k, p, sampler.h)
    (self.lagMax, self.first, self.last) = (c.count - 1, first, last)
    var fields = [[Double]](), spectra = [[Double]](), phis = [[Double]]()
    var length = 0
    try sampler.forEachPath(correlation: c, gain: g, draw: 1000, count: o.paths) { field, phi in
      length = field.count
      fields.append(field)
      phis.append(phi + [Double](repeating: 0, count: field.count - phi.count))
    }
    n = length
    fft = try HalfComplexFFT(length: n)
    for j in fields.indices {
      try fft.forward(&fields[j])
      var s = phis[j]
      try fft.forward(&s)
      spectra.append(s)
    }
    fieldSpectra = fields
    rateSpectra = spectra
    rates = phis
    let spectrum = sampler.fieldEigenvalues, largest = spectrum.max() ?? 0
    eigenvalues = spectrum
    mask = spectrum.enumerated().map { j, f in (j == 0 || j == length - 1 || j % 2 == 1) && f > o.spectralCut * largest }
    (nodes, weights) = try gaussHermiteRule(points: o.quadraturePoints)
  }

  /// The image of y = (Q(−L … L), D), with δ and the bulk radius r at y.
  func evaluate(_ y: [Double]) throws -> (image: [Double], explained: Double, radius: Double) {
    let L = lagMax, d = y[2 * L + 1]
    // Q̂ (lag l at index l mod n) and K̂, the memory kernel κ_l = k(1 − s)s^{l−1} Q(−l h), l ≥ 1.
    var q = [Double](repeating: 0, count: n), kernel = q
    for l in -L...L { q[(l + n) % n] = y[l + L] }
    let s = exp(-h / p), gain = -expm1(-h / p) * k
    for l in 1...L { kernel[l] = gain * pow(s, Double(l - 1)) * y[L - l] }
    try fft.forward(&q)
    try fft.forward(&kernel)
    // δ = q C⁻¹ q = (g²/n) Σ_ω |Q̂|²/F (F = g² Ĉ, the field eigenvalues).
    var delta = 0.0
    for j in 0..<n where mask[j] {
      let power = j == 0 || j == n - 1 ? q[j] * q[j] : 2 * (q[j] * q[j] + q[j + 1] * q[j + 1])
      delta += power / eigenvalues[j]
    }
    delta *= g * g / Double(n)
    let sigma = g * max(d - delta, 0).squareRoot()
    var accumulated = [Double](repeating: 0, count: n), m = accumulated, f1 = accumulated
    var dSum = 0.0, slopeSum = 0.0
    for path in rates.indices {
      let e = fieldSpectra[path], phi = rateSpectra[path]
      // m̂ = g² conj(Q̂) Ê / F + K̂ Φ̂: conditional mean of η^B plus I^B, for every halt step at once.
      for j in 0..<n where j == 0 || j == n - 1 || j % 2 == 1 {
        let w = mask[j] ? g * g / eigenvalues[j] : 0
        if j == 0 || j == n - 1 {
          m[j] = w * q[j] * e[j] + kernel[j] * phi[j]
        } else {
          let (qr, qi, er, ei, kr, ki, pr, pi) = (q[j], q[j + 1], e[j], e[j + 1], kernel[j], kernel[j + 1], phi[j], phi[j + 1])
          m[j] = w * (qr * er + qi * ei) + (kr * pr - ki * pi)
          m[j + 1] = w * (qr * ei - qi * er) + (kr * pi + ki * pr)
        }
      }
      try fft.inverse(&m)
      for j in 0..<n { f1[j] = 0 }
      for n0 in first...last {
        var t1 = 0.0, t2 = 0.0, t4 = 0.0
        for (z, w) in zip(nodes, weights) {
          let phiB = tanh(m[n0] + sigma * z), slope = 1 - phiB * phiB
          t1 += w * phiB
          t2 += w * phiB * phiB
          t4 += w * slope * slope
        }
        f1[n0] = t1
        dSum += t2
        slopeSum += t4
      }
      // Q_new(l) ∝ Σ_{n₀} F1(n₀) φ^A(n₀ + l): conj(F̂1) Φ̂ accumulated over paths.
      try fft.forward(&f1)
      accumulated[0] += f1[0] * phi[0]
      accumulated[n - 1] += f1[n - 1] * phi[n - 1]
      var j = 1
      while j < n - 1 {
        accumulated[j] += f1[j] * phi[j] + f1[j + 1] * phi[j + 1]
        accumulated[j + 1] += f1[j] * phi[j + 1] - f1[j + 1] * phi[j]
        j += 2
      }
    }
    try fft.inverse(&accumulated)
    let samples = Double(rates.count * (last - first + 1))
    var image = (-L...L).map { accumulated[($0 + n) % n] / samples }
    image.append(dSum / samples)
    return (image, delta, g * (slopeSum / samples).squareRoot())
  }
}

/// The freezing class the fixed-point theory decides (Clark & Abbott 2024, Sec. VII).
public enum FreezingPhase: Int, Sendable, CustomStringConvertible {
  /// No fixed point aligned with the halt-time state (Q ≡ 0 at the fixed point): nonfreezable, or
  /// semifreezable without a fixed point (that needs the dynamic solution, not computed here).
  case noAlignedFixedPoint = 0
  /// An aligned fixed point exists but is unstable (r > 1): semifreezable.
  case semifreezable = 1
  /// An aligned fixed point exists and is stable (r < 1): freezable.
  case freezable = 2

  /// The class of a fixed-point solution.
  public init(fixedPoint f: FreezingFixedPoint) {
    self = f.isTrivial ? .noAlignedFixedPoint : f.radius < 1 ? .freezable : .semifreezable
  }

  /// "no aligned fixed point", "semifreezable" or "freezable".
  public var description: String {
    switch self {
    case .noAlignedFixedPoint: "no aligned fixed point"
    case .semifreezable: "semifreezable"
    case .freezable: "freezable"
    }
  }
}
