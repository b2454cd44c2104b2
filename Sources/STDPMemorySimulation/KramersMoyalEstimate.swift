import Foundation
import GSLBridge

/// Kramers–Moyal estimates of a weight's drift and diffusion from trajectories (STDPMemorySimulation
/// article): increments Δw = w(t + Δt) − w(t) over non-overlapping windows Δt, binned by w(t),
///
///     D⁽¹⁾(w) ≈ ⟨Δw⟩/Δt,     D⁽²⁾(w) ≈ ⟨Δw²⟩/(2Δt),
///
/// with standard errors that treat each trial as one cluster (increments of one trial are correlated
/// through its traces and membrane; trials are independent): for a ratio m = Σ_i S_i / Σ_i n_i over the
/// trials i in a bin, var m = G/(G − 1) · Σ_i (S_i − m n_i)² / (Σ_i n_i)², G the trials in the bin.
public struct KramersMoyalEstimate: Equatable, Sendable {
  /// Bin centres w (bins of equal width from the range's lower end).
  public var centers: [Double]
  /// Increments per bin.
  public var counts: [Int]
  /// Trials with an increment in the bin (the clusters of the standard errors).
  public var clusters: [Int]
  /// ⟨Δw⟩/Δt per bin and its standard error (per τ_m; NaN without increments, resp. with fewer than two trials).
  public var drift: [Double]
  /// See `drift`.
  public var driftError: [Double]
  /// ⟨Δw²⟩/(2Δt) per bin and its standard error (per τ_m).
  public var diffusion: [Double]
  /// See `diffusion`.
  public var diffusionError: [Double]
  /// The lag Δt (τ_m).
  public var lag: Double

  /// Estimates from one set of trajectories (`KramersMoyalAccumulator` for several).
  public init(_ trajectories: WeightTrajectories, lagWindows: Int, binWidth: Double, range: ClosedRange<Double>) {
    var accumulator = KramersMoyalAccumulator(lagWindows: lagWindows, window: trajectories.window, binWidth: binWidth, range: range)
    accumulator.add(trajectories)
    self = accumulator.estimate
  }

  init(centers: [Double], counts: [Int], clusters: [Int], moments: [(value: [Double], error: [Double])], lag: Double) {
    self.centers = centers
    self.counts = counts
    self.clusters = clusters
    (drift, driftError) = moments[0]
    (diffusion, diffusionError) = moments[1]
    self.lag = lag
  }

  /// The zero of the drift from a straight line fitted, with weights 1/s.e.², to the bins whose centres
  /// lie in `range` (and that have an error): value and standard error (`LinearFit.zero`), and the fit.
  public func driftZero(fittedOver range: ClosedRange<Double>) throws -> (value: Double, standardError: Double, fit: LinearFit) {
    let used = centers.indices.filter { range.contains(centers[$0]) && driftError[$0].isFinite && driftError[$0] > 0 }
    let fit = try LinearFit(x: used.map { centers[$0] }, y: used.map { drift[$0] }, weights: used.map { 1 / (driftError[$0] * driftError[$0]) })
    let zero = fit.zero
    return (zero.value, zero.standardError, fit)
  }
}

/// The cluster sums behind `KramersMoyalEstimate`, added trial set by trial set (independent runs of
/// the same experiment, e.g. batches of trials that do not fit in memory together).
public struct KramersMoyalAccumulator: Equatable, Sendable {
  /// Lag in grid steps, grid spacing (τ_m), bin width and covered range of w.
  public let lagWindows: Int
  /// See `lagWindows`.
  public let window: Double
  /// See `lagWindows`.
  public let binWidth: Double
  /// See `lagWindows`.
  public let range: ClosedRange<Double>
  let bins: Int
  /// Per bin: Σ n_i, Σ n_i², trials G; per moment (Δw, Δw²) Σ S_i, Σ S_i², Σ S_i n_i over trials i.
  var n: [Double], nSquared: [Double], g: [Int]
  var sums: [[Double]], squares: [[Double]], cross: [[Double]]

  /// An empty accumulator: increments over `lagWindows` grid steps of `window`, bins of `binWidth` over
  /// `range` (increments that start outside it are not used).
  public init(lagWindows: Int, window: Double, binWidth: Double, range: ClosedRange<Double>) {
    precondition(lagWindows >= 1 && window > 0 && binWidth > 0, "lag, window and bin width must be positive")
    self.lagWindows = lagWindows
    self.window = window
    self.binWidth = binWidth
    self.range = range
    bins = max(1, Int(((range.upperBound - range.lowerBound) / binWidth).rounded()))
    n = Array(repeating: 0, count: bins)
    nSquared = n
    g = Array(repeating: 0, count: bins)
    sums = Array(repeating: n, count: 2)
    squares = sums
    cross = sums
  }

  /// Adds the increments of every trial of `trajectories` (on the accumulator's grid).
  public mutating func add(_ trajectories: WeightTrajectories) {
    precondition(abs(trajectories.window - window) <= 1e-12 * window, "trajectories on another grid")
    let K = trajectories.trials, times = trajectories.times
    var trialN = [Double](repeating: 0, count: bins)
    var trialS = [[Double]](repeating: trialN, count: 2)
    var touched = [Int]()
    trajectories.values.withUnsafeBufferPointer { w in
      for i in 0..<K {
        var k = 0
        while k + lagWindows < times {
          let start = w[k * K + i], increment = w[(k + lagWindows) * K + i] - start
          k += lagWindows
          guard start >= range.lowerBound, start <= range.upperBound else { continue }
          let bin = min(Int(((start - range.lowerBound) / binWidth).rounded(.down)), bins - 1)
          if trialN[bin] == 0 { touched.append(bin) }
          trialN[bin] += 1
          trialS[0][bin] += increment
          trialS[1][bin] += increment * increment
        }
        for bin in touched {
          n[bin] += trialN[bin]
          nSquared[bin] += trialN[bin] * trialN[bin]
          g[bin] += 1
          for m in 0..<2 {
            sums[m][bin] += trialS[m][bin]
            squares[m][bin] += trialS[m][bin] * trialS[m][bin]
            cross[m][bin] += trialS[m][bin] * trialN[bin]
            trialS[m][bin] = 0
          }
          trialN[bin] = 0
        }
        touched.removeAll(keepingCapacity: true)
      }
    }
  }

  /// The estimates from everything added so far.
  public var estimate: KramersMoyalEstimate {
    let lag = Double(lagWindows) * window
    let moments = [lag, 2 * lag].enumerated().map { m, scale -> (value: [Double], error: [Double]) in
      var value = [Double](), error = [Double]()
      for bin in 0..<bins {
        let mean = n[bin] > 0 ? sums[m][bin] / n[bin] : .nan
        let residual = squares[m][bin] - 2 * mean * cross[m][bin] + mean * mean * nSquared[bin]
        let G = Double(g[bin])
        let variance = g[bin] > 1 ? G / (G - 1) * max(residual, 0) / (n[bin] * n[bin]) : .nan
        value.append(mean / scale)
        error.append(variance.squareRoot() / scale)
      }
      return (value, error)
    }
    return KramersMoyalEstimate(
      centers: (0..<bins).map { range.lowerBound + (Double($0) + 0.5) * binWidth }, counts: n.map { Int($0) }, clusters: g,
      moments: moments, lag: lag)
  }
}
