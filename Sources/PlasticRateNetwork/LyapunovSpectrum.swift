import Foundation
import GSLBridge
import MesoCore

/// A partial Lyapunov spectrum of the joint (x, A) dynamics and its Kaplan–Yorke dimension.
public struct LyapunovSpectrum: Equatable, Sendable {
  /// λ_1 ≥ λ_2 ≥ … ≥ λ_m (per unit time), the m largest exponents.
  public var exponents: [Double]
  /// Standard error of each exponent from the spread of `blocks` consecutive block averages.
  public var standardErrors: [Double]

  /// Exponents in decreasing order with their standard errors.
  public init(exponents: [Double], standardErrors: [Double]) {
    self.exponents = exponents
    self.standardErrors = standardErrors
  }
  /// Kaplan–Yorke dimension D = j + Σ_{i≤j} λ_i / |λ_{j+1}|, j the largest index with Σ_{i≤j} λ_i ≥ 0;
  /// nil when even the sum of all m exponents is ≥ 0 (then D ≥ m: ask for more exponents).
  public var kaplanYorkeDimension: Double? {
    var sum = 0.0
    for (j, lambda) in exponents.enumerated() {
      if sum + lambda < 0 { return Double(j) + sum / abs(lambda) }
      sum += lambda
    }
    return nil
  }
}

/// Settings of `PlasticNetwork.lyapunovSpectrum`.
public struct LyapunovSpectrumOptions: Equatable, Sendable {
  /// m, number of exponents (1 ≤ m ≤ N + N²).
  public var count: Int
  /// Fixed step of the exponential scheme (units of the neuronal time constant).
  public var dt: Double
  /// Time before averaging starts; the tangent vectors align meanwhile.
  public var transient: Double
  /// Averaging time.
  public var duration: Double
  /// Time between re-orthonormalisations (Benettin et al. 1980).
  public var interval: Double
  /// Consecutive blocks of the averaging time, for the standard errors.
  public var blocks: Int
  /// Master seed of the initial tangent vectors (`.initialConditions` stream, index 1).
  public var seed: UInt64

  /// Every setting as named above.
  public init(
    count: Int, dt: Double = 0.05, transient: Double = 100, duration: Double = 200, interval: Double = 1,
    blocks: Int = 10, seed: UInt64 = 1
  ) {
    self.count = count
    self.dt = dt
    self.transient = transient
    self.duration = duration
    self.interval = interval
    self.blocks = blocks
    self.seed = seed
  }
}

extension PlasticNetwork {
  /// The m largest Lyapunov exponents of the exponential-Euler map of `advance(steps:dt:)`, whose
  /// tangent map is propagated exactly with the state (no J·v approximation):
  ///
  ///     δφ = φ′∘δx,  δx′ = e^{−dt} δx + (1 − e^{−dt}) [(J + A) δφ + δA φ]
  ///     δA′ = e^{−dt/p} δA + (1 − e^{−dt/p}) (k/N) (δu φᵀ + u δφᵀ)
  ///
  /// m tangent vectors of N + N² entries are re-orthonormalised (modified Gram–Schmidt) every
  /// `interval`; the exponents are the time averages of ln R_ii. The network's state advances.
  /// Throws a `ParameterError` for m outside 1…N + N² and a `NumericalFailure` on blow-up.
  public func lyapunovSpectrum(_ options: LyapunovSpectrumOptions) throws -> LyapunovSpectrum {
    let n = size, d = n + n * n, m = options.count
    guard m >= 1, m <= d else {
      throw ParameterError(path: "lyapunov.count", value: "\(m)", requirement: "be in 1…N + N² = \(d)")
    }
    _ = try Require.positive(options.dt, "lyapunov.dt")
    let stepsPerInterval = max(1, Int((options.interval / options.dt).rounded()))
    let skipped = Int((options.transient / (Double(stepsPerInterval) * options.dt)).rounded())
    let averaged = Int((options.duration / (Double(stepsPerInterval) * options.dt)).rounded())
    guard averaged >= options.blocks, options.blocks >= 1 else {
      throw ParameterError(
        path: "lyapunov.duration", value: options.duration, requirement: "hold at least `blocks` re-orthonormalisations")
    }
    let tangents = UnsafeMutableBufferPointer<Double>.allocate(capacity: m * d)
    let scratch = UnsafeMutableBufferPointer<Double>.allocate(capacity: 2 * m * n)  // δφ and δinput per vector
    defer {
      tangents.deallocate()
      scratch.deallocate()
    }
    var random = RandomStream(master: options.seed, purpose: .initialConditions, index: 1)
    random.fillGaussian(tangents)
    _ = orthonormalize(tangents, count: m, dimension: d)
    var sums = [[Double]](repeating: [Double](repeating: 0, count: m), count: options.blocks)
    for interval in 0..<(skipped + averaged) {
      for _ in 0..<stepsPerInterval { try stepWithTangents(tangents, count: m, dt: options.dt, scratch: scratch) }
      let logs = orthonormalize(tangents, count: m, dimension: d)
      if interval >= skipped {
        let block = (interval - skipped) * options.blocks / averaged
        for j in 0..<m { sums[block][j] += logs[j] }
      }
    }
    let span = Double(stepsPerInterval) * options.dt
    let blockLength = Double(averaged) / Double(options.blocks) * span
    var exponents = [Double](repeating: 0, count: m), errors = exponents
    for j in 0..<m {
      let values = sums.map { $0[j] / blockLength }
      let mean = values.reduce(0, +) / Double(values.count)
      let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(values.count - 1, 1))
      exponents[j] = sums.reduce(0) { $0 + $1[j] } / (Double(averaged) * span)
      errors[j] = (variance / Double(values.count)).squareRoot()
    }
    return LyapunovSpectrum(exponents: exponents, standardErrors: errors)
  }

  /// One exponential-Euler step of the state and of m tangent vectors (column by column, so each
  /// column of Z and A is read once for all vectors).
  private func stepWithTangents(
    _ v: UnsafeMutableBufferPointer<Double>, count m: Int, dt: Double, scratch: UnsafeMutableBufferPointer<Double>
  ) throws(NumericalFailure) {
    let n = size, d = n + n * n
    let e = exp(-dt), eGain = -expm1(-dt)
    let sA = exp(-dt / parameters.p), cA = -expm1(-dt / parameters.p) * parameters.k / Double(n)
    let x = state.baseAddress!, a = x + n, z = couplings.baseAddress!, g = gain
    computeRates(from: x)
    let phi = rates.baseAddress!, u = post.baseAddress!, inputs = input.baseAddress!
    let hebbian = parameters.rule == .hebbian, plastic = plasticityEnabled
    let dphi = scratch.baseAddress!, dinput = scratch.baseAddress! + m * n
    for r in 0..<m {
      for i in 0..<n { dphi[r * n + i] = (1 - phi[i] * phi[i]) * v[r * d + i] }
    }
    UnsafeMutableBufferPointer(start: dinput, count: m * n).update(repeating: 0)
    input.update(repeating: 0)
    for j in 0..<n {
      let zColumn = z + j * n, aColumn = a + j * n
      for r in 0..<m {
        let dp = dphi + r * n, out = dinput + r * n, dA = v.baseAddress! + r * d + n + j * n
        BLAS.axpy(g * dp[j], zColumn, out, count: n)  // J δφ
        BLAS.axpy(dp[j], aColumn, out, count: n)  // A δφ
        BLAS.axpy(phi[j], dA, out, count: n)  // δA φ
        if plastic {  // δA_ij ← s δA_ij + c (δu_i φ_j + u_i δφ_j)
          BLAS.scale(sA, dA, count: n)
          BLAS.axpy(cA * dp[j], u, dA, count: n)
          if hebbian { BLAS.axpy(cA * phi[j], dp, dA, count: n) }
        }
      }
      BLAS.axpy(g * phi[j], zColumn, inputs, count: n)
      BLAS.axpy(phi[j], aColumn, inputs, count: n)
      if plastic {
        BLAS.scale(sA, aColumn, count: n)
        BLAS.axpy(cA * phi[j], u, aColumn, count: n)
      }
    }
    for r in 0..<m {
      for i in 0..<n { v[r * d + i] = e * v[r * d + i] + eGain * dinput[r * n + i] }
    }
    let start = time
    for i in 0..<n {
      x[i] = e * x[i] + eGain * inputs[i]
      guard x[i].isFinite else {
        throw NumericalFailure(time: start + dt, what: "plastic network: x is not finite (blow-up)")
      }
    }
    time = start + dt
  }
}

/// Modified Gram–Schmidt on m vectors of dimension d stored one after the other; returns ln R_jj.
private func orthonormalize(_ v: UnsafeMutableBufferPointer<Double>, count m: Int, dimension d: Int) -> [Double] {
  var logs = [Double](repeating: 0, count: m)
  let base = v.baseAddress!
  for j in 0..<m {
    let vj = base + j * d
    for i in 0..<j {
      let vi = base + i * d
      BLAS.axpy(-BLAS.dot(vi, vj, count: d), vi, vj, count: d)
    }
    let norm = BLAS.dot(vj, vj, count: d).squareRoot()
    BLAS.scale(1 / norm, vj, count: d)
    logs[j] = log(norm)
  }
  return logs
}
