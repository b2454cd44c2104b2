import Foundation
import GSLBridge
import MesoCore

/// Settings of `linearizeFreezingMap`.
public struct FreezingLinearOptions: Equatable, Sendable {
  /// Sampled paths of replica A (the plastic network's single site).
  public var paths: Int
  /// Length of each path after its transient (units of the neuronal time constant).
  public var duration: Double
  /// Spacing of the perturbation times along a path (units of the neuronal time constant).
  public var startSpacing: Double
  /// Points of the Gauss–Hermite rule for D* and the averages over the static field of replica B.
  public var quadraturePoints: Int
  /// The power iteration stops when max_l |(T q̂)_l − λ q̂_l| < tolerance (‖q̂‖_∞ = 1).
  public var tolerance: Double
  /// Largest number of power iterations.
  public var maxIterations: Int
  /// Seed of the A paths (`.noise` stream, draw 2000).
  public var seed: UInt64
  /// τ_Q, the half-window of the lag grid of Q (default nil: the DMFT's lag window τ_max). The leading
  /// mode decays slowly for t > 0, so τ_Q may need to be several τ_max; C is 0 beyond τ_max and R
  /// beyond 2τ_max.
  public var window: Double?

  /// Every setting as named above.
  public init(
    paths: Int = 100, duration: Double = 400, startSpacing: Double = 2, quadraturePoints: Int = 48, tolerance: Double = 1e-10,
    maxIterations: Int = 100_000, seed: UInt64 = 1, window: Double? = nil
  ) {
    self.paths = paths
    self.duration = duration
    self.startSpacing = startSpacing
    self.quadraturePoints = quadraturePoints
    self.tolerance = tolerance
    self.maxIterations = maxIterations
    self.seed = seed
    self.window = window
  }
}

/// The two-replica fixed-point map of `solveFreezingFixedPoint` linearised at its trivial solution
/// Q ≡ 0, and the gain λ of its leading mode: an aligned fixed point branches off Q ≡ 0 where λ = 1.
public struct FreezingLinearization: Equatable, Sendable {
  /// h, the lag step (that of the DMFT solution).
  public var dt: Double
  /// D* > 0 with D* = ⟨tanh²(g √D* z)⟩ (z standard normal; 0 for g ≤ 1): D at Q ≡ 0.
  public var autocovariance: Double
  /// ⟨φ′(g √D* z)⟩, the slope of the η^B average at Q ≡ 0.
  public var slope: Double
  /// r = g √⟨φ′(g √D* z)²⟩ (Eq. 30) at Q ≡ 0.
  public var radius: Double
  /// R(τ_j) = ⟨∂φ^A(t + τ_j)/∂η^A(t)⟩, j = 0 … 2L: the single-site response of replica A
  /// (R(0) = 0: the field acts one step later).
  public var response: [Double]
  /// λ, the leading eigenvalue of the linearised map T (power iteration; the largest real eigenvalue
  /// where the power iteration does not settle).
  public var gain: Double
  /// Its eigenvector q̂(t_l), l = −L … L, with max |q̂| = 1 and q̂(0) ≥ 0.
  public var mode: [Double]
  /// Power iterations done (more than `maxIterations`: it did not settle, and the inverse iteration
  /// of the largest real eigenvalue took the rest).
  public var iterations: Int

  /// L, the largest lag index.
  public var halfWindow: Int { (mode.count - 1) / 2 }
}

/// Linearises the two-replica fixed-point map (Clark & Abbott 2024, Eqs. 32–34; the map of
/// `solveFreezingFixedPoint`) at its trivial solution Q ≡ 0. There δ = Q C⁻¹ Q and hence D′ are of
/// second order in Q, so D stays at D* = ⟨tanh²(g √D* z)⟩ and only Q moves, by the linear map
///
///     Q′(t_l) = ⟨φ′⟩_{D*} Σ_t [ g² R(t_l − t) + κ(t) C(t_l − t) ] Q(t),
///     κ(t) = k (1 − s) s^{−t/h − 1} for t ≤ −h (else 0),  s = e^{−h/p},
///
/// on the lag grid t, t_l ∈ [−τ_max, τ_max]: the first term is the conditional mean of η^B given the A
/// path, Σ_t Q(t)(C⁻¹η^A)(t_l − t), written with Gaussian integration by parts as the mean response
/// R(τ) = ⟨∂φ^A(t + τ)/∂η^A(t)⟩ of the single-site process (Eq. 6 in the network's exact
/// discretisation, memory term included); the second is the plastic input I^B of Eq. (32b). C(τ) is the
/// DMFT correlation (0 beyond τ_max). R is averaged over tangent paths started every `startSpacing`
/// along sampled stationary A paths (0 beyond 2τ_max), rescaled so that ⟨φ′⟩ = 1 − C(0). λ is the leading eigenvalue of T by power iteration, or,
/// where that does not settle, the largest real eigenvalue of a dense solve (`SolverFailure` if its
/// vector does not settle either); the aligned fixed point branches off Q ≡ 0 where λ = 1,
/// and is stable there iff `radius` < 1.
public func linearizeFreezingMap(
  g: Double, k: Double, p: Double, correlation a: DMFTSolution, options o: FreezingLinearOptions = FreezingLinearOptions()
) throws -> FreezingLinearization {
  _ = try Require.finite(g, "g")
  _ = try Require.finite(k, "k")
  _ = try Require.positive(p, "p")
  _ = try Require.positive(o.duration, "freezing.duration")
  _ = try Require.positive(o.startSpacing, "freezing.start_spacing")
  _ = try Require.positive(o.tolerance, "freezing.tolerance")
  guard o.paths >= 1 else { throw ParameterError(path: "freezing.paths", value: "\(o.paths)", requirement: "be >= 1") }
  guard o.quadraturePoints >= 2 else {
    throw ParameterError(path: "freezing.quadrature_points", value: "\(o.quadraturePoints)", requirement: "be >= 2")
  }
  let h = a.dt, c = a.correlation, reach = c.count - 1
  let lagMax = try o.window.map { try ResourceBudget.count(try Require.positive($0, "freezing.window") / h, of: "lags", key: "freezing.window", value: $0) } ?? reach
  guard lagMax >= 1 else { throw ParameterError(path: "freezing.window", value: o.window ?? 0, requirement: "hold at least one step h = \(h)") }
  let (nodes, weights) = try gaussHermiteRule(points: o.quadraturePoints)
  let d = try trivialAutocovariance(g: g, nodes: nodes, weights: weights)
  var slope = 0.0, slopeSquared = 0.0
  for (z, w) in zip(nodes, weights) {
    let t = tanh(g * d.squareRoot() * z), s = 1 - t * t
    slope += w * s
    slopeSquared += w * s * s
  }
  let response = try meanResponse(g: g, k: k, p: p, correlation: a, options: o)
  // T (row l + L, column t + L), row-major.
  let n = 2 * lagMax + 1, decay = exp(-h / p), memoryGain = -expm1(-h / p) * k
  var budget = ResourceBudget()
  budget.add("the linearised map, \(n) × \(n)", key: "freezing.window", count: n, times: n, bytesEach: 8)
  try budget.check(against: .machine())
  // κ(t) of the columns t < 0 (column index < L), computed once per column.
  let kappa = (0..<lagMax).map { memoryGain * pow(decay, Double(lagMax - $0 - 1)) }
  var t = [Double](repeating: 0, count: n * n)
  for row in 0..<n {
    for column in 0..<n {
      let lag = row - column
      var entry = lag >= 1 && lag < response.count ? g * g * response[lag] : 0
      if column < lagMax, abs(lag) <= reach { entry += kappa[column] * c[abs(lag)] }
      t[row * n + column] = slope * entry
    }
  }
  let (gain, mode, iterations) = try leadingEigenpair(rowMajor: t, dimension: n, options: o)
  return FreezingLinearization(
    dt: h, autocovariance: d, slope: slope, radius: g * slopeSquared.squareRoot(), response: response, gain: gain, mode: mode,
    iterations: iterations)
}

/// D* > 0 solving D = ⟨tanh²(g √D z)⟩ (Gauss–Hermite average), by Brent's method on
/// ⟨tanh²(g √D z)⟩/D − 1 (→ g² − 1 > 0 as D → 0⁺, < 0 at D = 1); 0 when g ≤ 1 (the only solution).
private func trivialAutocovariance(g: Double, nodes: [Double], weights: [Double]) throws -> Double {
  guard g > 1 else { return 0 }
  func excess(_ d: Double) -> Double {
    zip(nodes, weights).reduce(0) { sum, node in
      let t = tanh(g * d.squareRoot() * node.0)
      return sum + node.1 * t * t
    } / d - 1
  }
  return try brentRoot(in: 1e-12...1, absTol: 1e-15, relTol: 1e-13, maxIterations: 200, of: excess)
}

/// R(τ_j), j = 0 … 2L, averaged over tangent paths: a unit kick of η at step n gives
/// δx_{n+1} = 1 − e^{−h}, then δx_{m+1} = e^{−h} δx_m + (1 − e^{−h}) Σ_l K_l φ′_{m−l} δx_{m−l} (the
/// memory kernel of `SingleSiteSampler`), and R(τ_j) is the average of φ′_{n+j} δx_{n+j}, rescaled so
/// that the φ′ it is taken at average to 1 − C(0) (a ratio estimator; see the body).
private func meanResponse(g: Double, k: Double, p: Double, correlation a: DMFTSolution, options o: FreezingLinearOptions) throws
  -> [Double]
{
  let h = a.dt, c = a.correlation, span = 2 * (c.count - 1)
  let transient = Int((max(20, 5 * p) / h).rounded()), spacing = max(1, Int((o.startSpacing / h).rounded()))
  let measured = Int((o.duration / h).rounded()) + span + 1
  let sampler = try SingleSiteSampler(
    lagCount: c.count, steps: transient + measured, measured: measured, h: h, p: p, k: k, paths: o.paths, batches: 1,
    seed: o.seed)
  let kernel = sampler.reversedMemoryKernel(correlation: c), memory = kernel.count
  let decay = exp(-h), gainFactor = -expm1(-h)
  var sum = [Double](repeating: 0, count: span + 1), slopes = sum
  var kicked = [Double](repeating: 0, count: span + 1)  // φ′_{n+j} δx_{n+j}
  try sampler.forEachPath(correlation: c, gain: g, draw: 2000, count: o.paths) { _, phi in
    var n = transient
    while n + span < phi.count {
      var dx = gainFactor
      kicked[0] = 0
      for j in 1...span {
        kicked[j] = (1 - phi[n + j] * phi[n + j]) * dx
        let reach = min(j, memory)
        let feedback =
          k == 0 ? 0 : kernel.withUnsafeBufferPointer { kb in
            kicked.withUnsafeBufferPointer { BLAS.dot(kb.baseAddress! + (memory - reach), $0.baseAddress! + (j + 1 - reach), count: reach) }
          }
        dx = decay * dx + gainFactor * feedback
      }
      for j in 0...span {
        sum[j] += kicked[j]
        slopes[j] += 1 - phi[n + j] * phi[n + j]
      }
      n += spacing
    }
  }
  // Ratio estimator: ⟨φ′⟩ = 1 − C(0) exactly (φ′ = 1 − φ²), so each lag's sum is rescaled by
  // (1 − C(0))/(mean of the φ′_{n+j} it was taken at): exact at k = 0, where R(τ_j) = (1 − C(0))(1 − e^{−h})e^{−(j−1)h}.
  return (0...span).map { j in j == 0 ? 0 : sum[j] / slopes[j] * (1 - c[0]) }
}

/// The leading eigenpair of the n×n row-major matrix T by power iteration from q = (1, …, 1):
/// q ← T q / max|T q|, λ = (T q)_i / q_i at the largest |q_i|, until max |T q − λ q| < tolerance.
/// Where it does not settle within `maxIterations` (seen at g = 1.1 for two of four seeds; two
/// eigenvalues of nearly equal modulus would do that), `largestRealEigenpair` instead.
private func leadingEigenpair(rowMajor t: [Double], dimension n: Int, options o: FreezingLinearOptions) throws
  -> (value: Double, vector: [Double], iterations: Int)
{
  var q = [Double](repeating: 1, count: n)
  for iteration in 1...max(o.maxIterations, 1) {
    let image = product(t, q)
    let top = q.indices.max { abs(q[$0]) < abs(q[$1]) }!
    let value = image[top] / q[top]
    let residual = zip(image, q).reduce(0) { max($0, abs($1.0 - value * $1.1)) }
    guard value.isFinite, residual.isFinite else {
      throw SolverFailure("freezing linearisation: power iteration not finite", iteration: iteration)
    }
    let scale = image.reduce(0) { max($0, abs($1)) }
    guard scale > 0 else { return (0, q, iteration) }
    q = image.map { $0 / scale }
    if residual < o.tolerance { return (value, oriented(q), iteration) }
  }
  return try largestRealEigenpair(rowMajor: t, dimension: n, options: o)
}

/// T q for the n×n row-major T.
private func product(_ t: [Double], _ q: [Double]) -> [Double] {
  var image = q
  t.withUnsafeBufferPointer { m in
    q.withUnsafeBufferPointer { x in
      image.withUnsafeMutableBufferPointer { y in
        BLAS.gemm(rows: q.count, columns: 1, inner: q.count, 1, m.baseAddress!, x.baseAddress!, 0, y.baseAddress!)
      }
    }
  }
  return image
}

/// q with max |q| = 1 and the sign that makes its middle entry (t = 0) ≥ 0.
private func oriented(_ q: [Double]) -> [Double] {
  let scale = q.reduce(0) { max($0, abs($1)) }, sign: Double = q[q.count / 2] < 0 ? -1 : 1
  return q.map { sign * $0 / scale }
}

/// The largest real eigenvalue λ of T (GSL's nonsymmetric solver) and its vector by inverse
/// iteration, q ← (T − λI)⁻¹ q normalised, until max |T q − λ q| < tolerance (at most 50 steps;
/// else a `SolverFailure`). The iteration count reported is `maxIterations` plus these steps.
private func largestRealEigenpair(rowMajor t: [Double], dimension n: Int, options o: FreezingLinearOptions) throws
  -> (value: Double, vector: [Double], iterations: Int)
{
  guard let value = try eigenvalues(ofRowMajor: t, dimension: n).first(where: { $0.imaginary == 0 })?.real else {
    throw SolverFailure("freezing linearisation: the map has no real eigenvalue", iteration: o.maxIterations)
  }
  var shifted = t
  for i in 0..<n { shifted[i * n + i] -= value }
  let lu = try LUFactorization(rowMajor: shifted, dimension: n)
  var q = [Double](repeating: 1, count: n)
  for step in 1...50 {
    q = oriented(try lu.solve(q))
    let residual = zip(product(t, q), q).reduce(0) { max($0, abs($1.0 - value * $1.1)) }
    guard residual.isFinite else { break }
    if residual < o.tolerance { return (value, q, o.maxIterations + step) }
  }
  throw SolverFailure("freezing linearisation: inverse iteration at λ = \(value) did not settle", iteration: o.maxIterations + 50)
}

/// The onset of the aligned fixed point of the halted network at given (g, p): the k where the
/// gain of `linearizeFreezingMap` crosses 1, λ(k*) = 1, by Brent's method on λ(k) − 1 in `bracket`
/// (each evaluation solves the DMFT at that k with `dmft`, then linearises with `linear`). Clark &
/// Abbott (2024, Eq. 39) give k* → 2/(√3π) ≈ 0.3676 as g → 1⁺, where D* → ε and r → 1 at the onset.
/// Returns k*, every evaluation (k, λ, r) in order, and the linearisation at the last one. λ − 1 of one
/// sign at both ends of the bracket: `SolverFailure`.
public func freezingOnset(
  g: Double, p: Double, bracket: ClosedRange<Double>, tolerance: Double, dmft: DMFTOptions,
  linear: FreezingLinearOptions = FreezingLinearOptions()
) throws -> (k: Double, evaluations: [(k: Double, gain: Double, radius: Double)], last: FreezingLinearization) {
  _ = try Require.finite(bracket.lowerBound, "freezing.k_low")
  _ = try Require.finite(bracket.upperBound, "freezing.k_high")
  _ = try Require.positive(tolerance, "freezing.onset_tolerance")
  var evaluations = [(k: Double, gain: Double, radius: Double)](), last: FreezingLinearization?
  var cache = [Double: Double]()  // GSL's Brent evaluates the bracket's ends again
  func excess(_ k: Double) throws -> Double {
    if let known = cache[k] { return known }
    let l = try linearizeFreezingMap(g: g, k: k, p: p, correlation: try solveDMFT(g: g, k: k, p: p, options: dmft), options: linear)
    evaluations.append((k, l.gain, l.radius))
    last = l
    cache[k] = l.gain - 1
    return l.gain - 1
  }
  let low = try excess(bracket.lowerBound), high = try excess(bracket.upperBound)
  guard low * high <= 0 else {
    throw SolverFailure(
      "freezing onset not bracketed: λ = \(low + 1) at k = \(bracket.lowerBound), \(high + 1) at k = \(bracket.upperBound)",
      iteration: 2)
  }
  let k = try brentRoot(in: bracket, absTol: tolerance, relTol: 0, maxIterations: 60, of: excess)
  return (k, evaluations, last!)
}
