import Foundation
import GSLBridge
import SDESolvers

/// Errors X_Δt(T) − X(T) of `scheme` at the step sizes Δt = T·2^{−level}, every path driven by the
/// same Brownian path at all step sizes: the increments of the finest grid are summed into the coarse
/// ones, and the exact solution follows the finest grid. Returns errors[level][path].
func pathErrors<S: ExactlySolvable>(
  _ system: S, scheme: SDEScheme, x0: Double, horizon T: Double, levels: [Int], seed: UInt64
) -> [[Double]] {
  let n = system.dimension, finest = levels.max()!, h = T / Double(1 << finest)
  var random = RandomStream(seed: seed)
  var integrator = SDEIntegrator(system, scheme: scheme)
  var exact = [Double](repeating: x0, count: n), dW = exact
  var approx = levels.map { _ in exact }
  var sums = levels.map { _ in [Double](repeating: 0, count: n) }
  for j in 0..<(1 << finest) {
    dW.withUnsafeMutableBufferPointer { system.exactStep(&exact, increments: $0, h: h, random: &random) }
    for (k, level) in levels.enumerated() {
      for i in 0..<n { sums[k][i] += dW[i] }
      let fineSteps = 1 << (finest - level)
      guard (j + 1) % fineSteps == 0 else { continue }
      let dt = h * Double(fineSteps), start = dt * Double(j / fineSteps)
      sums[k].withUnsafeBufferPointer { integrator.step(&approx[k], time: start, dt: dt, increments: $0) }
      for i in 0..<n { sums[k][i] = 0 }
    }
  }
  return approx.map { zip($0, exact).map { $0 - $1 } }
}

/// Least-squares slope of log|v̄_k| against log Δt_k, where v̄_k is the mean over paths of
/// samples[k][path] (|error| for strong order, error for weak order).
///
/// Standard error by the delta method over paths: with weights w_k = (x_k − x̄)/Σ(x_k − x̄)², x = log Δt,
/// slope = Σ w_k log|v̄_k| ≈ const + mean_p s_p with s_p = Σ_k w_k v_{k,p}/v̄_k, so s.e. = sd(s_p)/√paths;
/// this keeps the correlation between step sizes (same paths at every Δt).
struct OrderFit {
  let slope: Double
  let standardError: Double

  init(stepSizes: [Double], samples: [[Double]]) {
    let x = stepSizes.map { log($0) }
    let xMean = x.reduce(0, +) / Double(x.count)
    let sxx = x.reduce(0) { $0 + ($1 - xMean) * ($1 - xMean) }
    let w = x.map { ($0 - xMean) / sxx }
    let paths = samples[0].count
    let means = samples.map { $0.reduce(0, +) / Double(paths) }
    slope = zip(w, means).reduce(0) { $0 + $1.0 * log(abs($1.1)) }
    let s = (0..<paths).map { p in (0..<samples.count).reduce(0) { $0 + w[$1] * samples[$1][p] / means[$1] } }
    let sMean = s.reduce(0, +) / Double(paths)
    let variance = s.reduce(0) { $0 + ($1 - sMean) * ($1 - sMean) } / Double(paths - 1)
    standardError = (variance / Double(paths)).squareRoot()
  }
}
