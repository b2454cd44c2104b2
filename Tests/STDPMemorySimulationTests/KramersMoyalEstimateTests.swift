import Foundation
import GSLBridge
import STDPMemorySimulation
import Testing

/// The estimator against trajectories whose drift and diffusion are known exactly.
@Suite("Kramers–Moyal estimates")
struct KramersMoyalEstimateTests {
  /// Brownian motion with drift a and diffusion b (dw = a dt + √(2b) dW) sampled exactly: the estimates
  /// must be a and b in every bin within 4 s.e., and the s.e. must match the exact one,
  /// √(2b/(nΔt)) for the drift, within 4 of its own relative errors 1/√(2G) (G trials in the bin).
  @Test("drift and diffusion of Brownian motion, with their standard errors")
  func brownian() {
    let a = 2e-3, b = 5e-5, window = 0.01, trials = 400, times = 500
    var stream = RandomStream(seed: 3)
    var values = [Double](repeating: 0, count: trials * times)
    for i in 0..<trials { values[i] = 0.1 + 0.2 * stream.uniform() }
    for k in 1..<times {
      for i in 0..<trials { values[k * trials + i] = values[(k - 1) * trials + i] + a * window + (2 * b * window).squareRoot() * stream.gaussian() }
    }
    let km = KramersMoyalEstimate(WeightTrajectories(trials: trials, window: window, values: values), lagWindows: 2, binWidth: 0.05, range: 0...0.4)
    for bin in km.centers.indices where km.counts[bin] > 2000 {
      #expect(abs(km.drift[bin] - a) < 4 * km.driftError[bin], "bin \(km.centers[bin]): \(km.drift[bin]) ± \(km.driftError[bin])")
      #expect(abs(km.diffusion[bin] - b) < 4 * km.diffusionError[bin], "bin \(km.centers[bin]): \(km.diffusion[bin]) ± \(km.diffusionError[bin])")
      let exact = (2 * b / (Double(km.counts[bin]) * km.lag)).squareRoot()
      let tolerance = 4 / (2 * Double(km.clusters[bin])).squareRoot()
      #expect(abs(km.driftError[bin] / exact - 1) < tolerance, "s.e. \(km.driftError[bin]) vs \(exact), \(km.clusters[bin]) trials")
    }
    #expect(km.lag == 2 * window)
  }

  /// A line through known points: the zero and its propagated error.
  @Test("the zero of a fitted line")
  func lineZero() throws {
    let fit = try LinearFit(x: [0, 1, 2, 3], y: [3, 1, -1, -3], weights: [1, 1, 1, 1])
    #expect(abs(fit.zero.value - 1.5) < 1e-12)
    #expect(abs(fit.slope + 2) < 1e-12)
    #expect(fit.zero.standardError > 0)
  }
}
