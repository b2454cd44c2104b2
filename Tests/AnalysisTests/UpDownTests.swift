import Analysis
import MesoCore
import Testing

/// 6000 s of the telegraph process (Support.swift) at 2 ms bins with 10 Hz white noise per bin (2 Hz after
/// the 50 ms boxcar). About 4800 Up and 4800 Down episodes: the relative standard error of a mean dwell
/// time is (s.d./mean)/√4800 = 0.8/69 = 1.2 % (Up) and 0.9/69 = 1.3 % (Down), so 5 % is ≥ 3.8 SE.
private let telegraph = Telegraph(duration: 6000, dt: 0.002, noise: 10, seed: 2024)

@Suite struct UpDownTests {
  /// Hand-checked hysteresis on a short smoothed series (θ_hi = 20, θ_lo = 10): 15 stays Up, the first
  /// and last intervals are cut by the ends and left out of the dwell times.
  @Test func hysteresisByHand() throws {
    let x = try TimeSeries(values: [0, 30, 30, 15, 5, 5, 30, 0], dt: 0.1)
    let result = UpDownStates(smoothed: x, thresholds: try HysteresisThresholds(high: 20, low: 10))
    #expect(result.states == [.down, .up, .up, .up, .down, .down, .up, .down])
    #expect(result.intervals.map(\.bins) == [0..<1, 1..<4, 4..<6, 6..<7, 7..<8])
    #expect(result.intervals.map(\.isComplete) == [false, true, true, true, false])
    #expect(result.transitions == 4 && result.fractionUp == 0.5)
    #expect(result.dwellTimes(.up).map { ($0 * 10).rounded() } == [3, 1])
    #expect(result.dwellTimes(.down).map { ($0 * 10).rounded() } == [2])
    #expect(abs(result.meanUp!.mean - 0.2) < 1e-12 && abs(result.meanUp!.sem! - 0.1) < 1e-12)
    #expect(result.meanDown!.sem == nil)
    // Between the thresholds the first bin starts Up at or above the midpoint 15.
    let between = UpDownStates(smoothed: try TimeSeries(values: [15, 12], dt: 0.1), thresholds: result.thresholds)
    #expect(between.states == [.up, .up] && between.meanUp == nil && between.transitions == 0)
  }

  /// Detection with the thresholds given. Against the generated episodes the detector's error per
  /// crossing is the bin (2 ms) plus noise-induced timing jitter (2 Hz over a 560 Hz/s ramp ≈ 4 ms),
  /// unbiased because θ_hi and θ_lo sit symmetrically about the midpoint of the levels; averaged over
  /// 4800 episodes that is far below the 1 % allowed (2.5 ms on Up). Against the true means: 5 %.
  /// Fraction Up: delta-method s.e. of Ū/(Ū + D̄) is √(0.037/4800) = 0.0028; bound 0.012 (4 SE).
  @Test func dwellTimesRecovered() throws {
    let series = try TimeSeries(values: telegraph.values, dt: telegraph.dt)
    let settings = AnalysisSettings.UpDown(smoothing: 0.05, thetaHi: 2 + 28 * 2 / 3, thetaLo: 2 + 28 / 3)
    let result = try #require(try UpDownStates.detect(in: series, settings: settings))
    try expectRecovered(result)
  }

  /// The same with thresholds from the bimodal histogram: the modes are the two levels (to within the
  /// histogram's resolution, 1.5 bins: the peak bin's centre is within half a bin, ±1 bin of count noise).
  @Test func thresholdsFromHistogram() throws {
    let series = try TimeSeries(values: telegraph.values, dt: telegraph.dt)
    let smoothed = try series.boxcarSmoothed(width: 0.05)
    let modes = try #require(BimodalHistogram(smoothed.values))
    let tolerance = 1.5 * modes.binWidth
    #expect(abs(modes.lowMode - Telegraph.downLevel) < tolerance, "low mode \(modes.lowMode)")
    #expect(abs(modes.highMode - Telegraph.upLevel) < tolerance, "high mode \(modes.highMode)")
    #expect(modes.lowMode < modes.valley && modes.valley < modes.highMode)
    let thresholds = modes.upDownThresholds
    #expect(abs(thresholds.low - (2 + 28.0 / 3)) < tolerance && abs(thresholds.high - (2 + 56.0 / 3)) < tolerance)
    let result = try #require(try UpDownStates.detect(in: series, settings: .init(smoothing: 0.05)))
    #expect(result.thresholds == thresholds)
    try expectRecovered(result)
  }

  private func expectRecovered(_ result: UpDownStates) throws {
    let up = try #require(result.meanUp), down = try #require(result.meanDown)
    #expect(abs(up.mean / mean(telegraph.upDwells) - 1) < 0.01, "Up \(up.mean) vs \(mean(telegraph.upDwells))")
    #expect(abs(down.mean / mean(telegraph.downDwells) - 1) < 0.01, "Down \(down.mean)")
    #expect(abs(up.mean / Telegraph.upMean - 1) < 0.05 && abs(down.mean / Telegraph.downMean - 1) < 0.05)
    #expect(abs(result.fractionUp - telegraph.fractionUp) < 0.002, "fraction Up \(result.fractionUp)")
    #expect(abs(result.fractionUp - 0.2) < 0.012)
    // Every generated episode is seen once: as many transitions as generated boundaries (the last may
    // fall too close to the end to be crossed by the smoothed series).
    let boundaries = telegraph.upDwells.count + telegraph.downDwells.count
    #expect((boundaries - 1...boundaries).contains(result.transitions), "\(result.transitions) of \(boundaries)")
    #expect(abs(up.sem! / up.mean - 0.8 / Double(result.dwellTimes(.up).count).squareRoot()) < 0.002)
  }

  /// Unimodal samples have no thresholds: a Gaussian and a skewed (exponential) one.
  @Test func unimodalHasNoThresholds() throws {
    #expect(BimodalHistogram(gaussianNoise(100_000, mean: 5, sigma: 2, seed: 8)) == nil)
    #expect(BimodalHistogram(exponentialSamples(100_000, mean: 3, seed: 9)) == nil)
    #expect(BimodalHistogram([Double](repeating: 4, count: 100)) == nil)
    let flat = try TimeSeries(values: gaussianNoise(20_000, mean: 5, sigma: 2, seed: 10), dt: 0.001)
    #expect(try UpDownStates.detect(in: flat, settings: .init(smoothing: 0.01)) == nil)
  }

  @Test func thresholdErrors() throws {
    let series = try TimeSeries(values: [1, 2, 3], dt: 0.001)
    #expect(throws: AnalysisError.self) {
      try UpDownStates.detect(in: series, settings: .init(smoothing: 0.05, thetaHi: 25, thetaLo: nil))
    }
    #expect(throws: AnalysisError.self) { try HysteresisThresholds(high: 10, low: 25) }
  }
}
