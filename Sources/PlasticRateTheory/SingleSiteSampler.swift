import Foundation
import GSLBridge
import MesoCore

/// One DMFT iteration's machinery (see `solveDMFT`): Gaussian paths by circulant embedding, the
/// single-site integration with the plastic memory term, and the autocorrelation of φ. Buffers and
/// FFT plans are allocated once.
///
/// Control variate: every field also drives the k = 0 path x⁰ (no memory term), which is Gaussian
/// with the covariance Δ of the filtered field, known exactly; its correlation C⁰ = ⟨tanh x⁰ tanh x⁰′⟩
/// is a two-dimensional Gaussian integral. The estimate is Ĉ − Ĉ⁰ + C⁰: unbiased, and exact at k = 0,
/// with the sampling noise that x and x⁰ share (the slow fluctuations of the field) cancelled.
final class SingleSiteSampler {
  let lagCount: Int, steps: Int, measured: Int, h: Double, p: Double, k: Double, paths: Int, batches: Int, seed: UInt64
  private let embedding: HalfComplexFFT
  private let correlator: HalfComplexFFT
  private var spectrum: [Double]
  private var field: [Double]
  private var rates: [Double]
  private var gaussianRates: [Double]
  /// Covariance of the sampled field (the circulant with clipped eigenvalues), length of the embedding.
  private var fieldCovariance: [Double]
  /// Eigenvalues F_j ≥ 0 of that circulant in half-complex slots (0, 2j − 1, n − 1; even slots 0).
  private(set) var fieldEigenvalues: [Double]
  private var padded: [Double]
  private var kernel: [Double]

  init(
    lagCount: Int, steps: Int, measured: Int, h: Double, p: Double, k: Double, paths: Int, batches: Int, seed: UInt64
  ) throws(GSLError) {
    (self.lagCount, self.steps, self.measured, self.h, self.p, self.k) = (lagCount, steps, measured, h, p, k)
    (self.paths, self.batches, self.seed) = (paths, batches, seed)
    let nc = powerOfTwo(atLeast: steps + lagCount), nf = powerOfTwo(atLeast: measured + lagCount)
    embedding = try HalfComplexFFT(length: nc)
    correlator = try HalfComplexFFT(length: nf)
    spectrum = [Double](repeating: 0, count: nc)
    field = [Double](repeating: 0, count: nc)
    rates = [Double](repeating: 0, count: steps)
    gaussianRates = [Double](repeating: 0, count: steps)
    fieldCovariance = [Double](repeating: 0, count: nc)
    fieldEigenvalues = fieldCovariance
    padded = [Double](repeating: 0, count: nf)
    // The memory kernel decays as e^{−τ/p}: lags beyond 12p (weight < 10⁻⁵) are dropped.
    kernel = [Double](repeating: 0, count: min(lagCount - 1, Int((12 * p / h).rounded(.up))))
  }

  /// C_new(τ_l) from fields with covariance g² C(τ_l), and its standard error over path batches; the
  /// fields come from stream `draw` of the seed (the same draw gives the same numbers).
  func iterate(correlation c: [Double], gain g: Double, draw: UInt64 = 0) throws -> (mean: [Double], standardError: [Double]) {
    try prepareSpectrum(c, gain: g)
    prepareKernel(c)
    var random = RandomStream(master: seed, purpose: .noise, index: draw)
    var batchSums = [[Double]](repeating: [Double](repeating: 0, count: lagCount), count: batches)
    for path in 0..<paths {
      try sampleField(&random)
      integratePath()
      // Ĉ − Ĉ⁰ accumulated per batch; the exact C⁰ is added below.
      try accumulateCorrelation(of: rates, sign: 1, into: &batchSums[path * batches / paths])
      try accumulateCorrelation(of: gaussianRates, sign: -1, into: &batchSums[path * batches / paths])
    }
    let exact = gaussianPathCorrelation()
    let counts = (0..<batches).map { b in Double((0..<paths).filter { $0 * batches / paths == b }.count) }
    var mean = [Double](repeating: 0, count: lagCount), se = mean
    for l in 0..<lagCount {
      let values = (0..<batches).map { batchSums[$0][l] / counts[$0] }
      let m = values.reduce(0, +) / Double(batches)
      let variance = values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(batches - 1)
      mean[l] = batchSums.reduce(0) { $0 + $1[l] } / Double(paths) + exact[l]
      se[l] = (variance / Double(batches)).squareRoot()
    }
    return (mean, se)
  }

  /// Samples `count` stationary paths from stream `draw` with field covariance g² C and hands each to
  /// `body`: the periodic field η (embedding length, `fieldEigenvalues` its spectrum) and φ_n = tanh x_n
  /// for the `steps` integrated steps (the first ones are the transient).
  func forEachPath(
    correlation c: [Double], gain g: Double, draw: UInt64, count: Int,
    _ body: (_ field: [Double], _ rates: [Double]) throws -> Void
  ) throws {
    try prepareSpectrum(c, gain: g)
    prepareKernel(c)
    var random = RandomStream(master: seed, purpose: .noise, index: draw)
    for _ in 0..<count {
      try sampleField(&random)
      integratePath()
      try body(field, rates)
    }
  }

  /// √(max(λ_k, 0)·n) per half-complex slot, λ_k the eigenvalues of the circulant covariance.
  private func prepareSpectrum(_ c: [Double], gain g: Double) throws(GSLError) {
    let n = spectrum.count
    for j in 0..<n {
      let lag = min(j, n - j)
      spectrum[j] = lag < lagCount ? g * g * c[lag] : 0
    }
    try spectrum.withUnsafeMutableBufferPointer { buffer throws(GSLError) in try embedding.forward(buffer.baseAddress!) }
    // Half-complex: slot 0 = λ_0, (2k−1, 2k) = (Re, Im) λ_k, slot n−1 = λ_{n/2}; λ is real (symmetric c).
    // The covariance actually sampled: the inverse transform of the clipped eigenvalues.
    for j in 0..<n { fieldCovariance[j] = j == 0 || j == n - 1 || j % 2 == 1 ? max(spectrum[j], 0) : 0 }
    fieldEigenvalues = fieldCovariance
    try fieldCovariance.withUnsafeMutableBufferPointer { buffer throws(GSLError) in try embedding.inverse(buffer.baseAddress!) }
    spectrum[0] = (max(spectrum[0], 0) * Double(n)).squareRoot()
    spectrum[n - 1] = (max(spectrum[n - 1], 0) * Double(n)).squareRoot()
    for kk in 1..<(n / 2) {
      let amplitude = (max(spectrum[2 * kk - 1], 0) * Double(n) / 2).squareRoot()
      spectrum[2 * kk - 1] = amplitude
      spectrum[2 * kk] = amplitude
    }
  }

  /// kernel[j] = K_{L−j}, K_l = k (1 − s) s^{l−1} C(τ_l), l = 1 … L ≤ 12p/h (reversed for a forward dot product).
  private func prepareKernel(_ c: [Double]) { kernel = reversedMemoryKernel(correlation: c) }

  /// (K_L, …, K_1), K_l = k (1 − s) s^{l−1} C(τ_l), s = e^{−h/p}, L ≤ 12p/h the kernel's length: the memory term
  /// of step n is Σ_l K_l φ_{n−l}, a forward dot product with this array.
  func reversedMemoryKernel(correlation c: [Double]) -> [Double] {
    let s = exp(-h / p), gainFactor = -expm1(-h / p) * k, last = kernel.count
    var reversed = [Double](repeating: 0, count: last)
    for l in 1...last { reversed[last - l] = gainFactor * pow(s, Double(l - 1)) * c[l] }
    return reversed
  }

  /// One stationary Gaussian path: half-complex Gaussian coefficients times √λ, inverse FFT.
  private func sampleField(_ random: inout RandomStream) throws(GSLError) {
    for j in field.indices { field[j] = spectrum[j] * random.gaussian() }
    try field.withUnsafeMutableBufferPointer { buffer throws(GSLError) in try embedding.inverse(buffer.baseAddress!) }
  }

  /// x_{n+1} = e^{−h} x_n + (1 − e^{−h})(η_n + m_n), from x_0 = η_0, storing φ_n = tanh x_n, and the
  /// same without the memory term (x⁰, the control variate).
  private func integratePath() {
    let decay = exp(-h), gainFactor = -expm1(-h), last = kernel.count
    var x = field[0], x0 = field[0]
    kernel.withUnsafeBufferPointer { kernel in
      rates.withUnsafeMutableBufferPointer { phi in
        for n in 0..<steps {
          phi[n] = tanh(x)
          gaussianRates[n] = tanh(x0)
          let span = min(n, last)
          let memory = k == 0 || span == 0 ? 0 : BLAS.dot(kernel.baseAddress! + (last - span), phi.baseAddress! + (n - span), count: span)
          x = decay * x + gainFactor * (field[n] + memory)
          x0 = decay * x0 + gainFactor * field[n]
        }
      }
    }
  }

  /// C⁰(τ_l) = ⟨tanh x⁰ tanh x⁰′⟩ for the stationary Gaussian x⁰ = Σ_{m≥1} (1 − a) a^{m−1} η_{n−m},
  /// a = e^{−h}: Δ_l = Σ_j r_|j| c_{l−j} with r_j = (1 − a) a^j/(1 + a) and c the sampled field's
  /// covariance; then a two-dimensional trapezoid rule (step 0.25 on [−7.5, 7.5]², error below 10⁻¹²).
  private func gaussianPathCorrelation() -> [Double] {
    let n = fieldCovariance.count
    let r = filteredPathCovariance(h: h, reach: n / 2), reach = r.count - 1
    func delta(_ l: Int) -> Double {
      var sum = 0.0
      for j in -reach...reach { sum += r[abs(j)] * fieldCovariance[((l - j) % n + n) % n] }
      return sum
    }
    let d0 = delta(0)
    return (0..<lagCount).map { l in bivariateTanhAverages(variance: d0, covariance: delta(l)).correlation }
  }

  /// Adds sign · Σ_n φ_n φ_{n+l} / (T − l) over the measured part of `phi` (zero-padded FFT) to `sums`.
  private func accumulateCorrelation(of phi: [Double], sign: Double, into sums: inout [Double]) throws(GSLError) {
    let n = padded.count, start = steps - measured
    for j in 0..<n { padded[j] = j < measured ? phi[start + j] : 0 }
    try padded.withUnsafeMutableBufferPointer { buffer throws(GSLError) in
      let b = buffer.baseAddress!
      try correlator.forward(b)
      b[0] *= b[0]
      b[n - 1] *= b[n - 1]
      for kk in 1..<(n / 2) {
        b[2 * kk - 1] = b[2 * kk - 1] * b[2 * kk - 1] + b[2 * kk] * b[2 * kk]
        b[2 * kk] = 0
      }
      try correlator.inverse(b)
    }
    for l in 0..<lagCount { sums[l] += sign * padded[l] / Double(measured - l) }
  }
}

/// r_j = (1 − a) a^j/(1 + a), a = e^{−h}, j = 0 … min(⌈30/h⌉, reach): the covariance at lag j of
/// x⁰_n = Σ_{m≥1} (1 − a) a^{m−1} η_{n−m} for white η of unit variance, so Cov x⁰ = Σ_j r_|j| Cov η(· − j).
func filteredPathCovariance(h: Double, reach: Int) -> [Double] {
  let a = exp(-h)
  return (0...min(Int((30 / h).rounded(.up)), reach)).map { (1 - a) * pow(a, Double($0)) / (1 + a) }
}

/// For a centred Gaussian pair (x, x′) with Var x = Var x′ = Δ₀ and Cov = Δ: the correlation
/// ⟨tanh x tanh x′⟩ and, when `derivatives`, its partial derivatives ⟨φ′(x)φ′(x′)⟩ (∂/∂Δ, Price's theorem)
/// and ⟨φ″(x)φ(x′)⟩ (∂/∂Δ₀ at fixed Δ). Two-dimensional trapezoid rule, step 0.25 on [−7.5, 7.5]²
/// in standard-normal coordinates (error below 10⁻¹²).
func bivariateTanhAverages(variance d0: Double, covariance d: Double, derivatives: Bool = false)
  -> (correlation: Double, slopes: Double, curvature: Double)
{
  let s0 = d0.squareRoot(), rho = d0 > 0 ? max(-1, min(1, d / d0)) : 0, side = s0 * (1 - rho * rho).squareRoot()
  var c = 0.0, slopes = 0.0, curvature = 0.0
  for (z1, w1) in standardNormalTrapezoid {
    let t1 = tanh(s0 * z1)
    var inner = 0.0, innerSlope = 0.0
    for (z2, w2) in standardNormalTrapezoid {
      let t2 = tanh(rho * s0 * z1 + side * z2)
      inner += w2 * t2
      if derivatives { innerSlope += w2 * (1 - t2 * t2) }
    }
    c += w1 * t1 * inner
    if derivatives {
      slopes += w1 * (1 - t1 * t1) * innerSlope
      curvature += w1 * (-2 * t1 * (1 - t1 * t1)) * inner
    }
  }
  return (c, slopes, curvature)
}

/// Nodes z = 0.25 j, |j| ≤ 30, and weights 0.25 e^{−z²/2}/√(2π) of the trapezoid rule for 𝒩(0, 1).
private let standardNormalTrapezoid: [(Double, Double)] = (-30...30).map { j in
  let z = Double(j) * 0.25
  return (z, exp(-z * z / 2) * 0.25 / (2 * Double.pi).squareRoot())
}

/// The smallest power of two ≥ n.
func powerOfTwo(atLeast n: Int) -> Int {
  var m = 1
  while m < n { m <<= 1 }
  return m
}
