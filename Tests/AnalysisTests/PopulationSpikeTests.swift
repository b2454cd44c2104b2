import Analysis
import MesoCore
import Testing

/// 40 rectangular bumps of known onset, width W (30–45 ms) and height P (60/75/90 Hz) on a 2 Hz baseline
/// with 2 Hz white noise per 1 ms bin, 60 s.
private struct Bumps {
  static let dt = 0.001, baseline = 2.0, duration = 60.0
  let onsets = (0..<40).map { (i: Int) -> Double in 1.0 + 1.4 * Double(i) + 0.0137 * Double(i % 5) }
  let widths = (0..<40).map { (i: Int) -> Double in 0.03 + 0.005 * Double(i % 4) }
  let heights = (0..<40).map { (i: Int) -> Double in 60 + 15 * Double(i % 3) }

  var series: TimeSeries {
    get throws {
      var x = gaussianNoise(Int(Self.duration / Self.dt), mean: Self.baseline, sigma: 2, seed: 77)
      for i in onsets.indices {
        let first = Int((onsets[i] / Self.dt).rounded())
        for k in first..<(first + Int((widths[i] / Self.dt).rounded())) { x[k] += heights[i] }
      }
      return try TimeSeries(values: x, dt: Self.dt)
    }
  }
}

@Suite struct PopulationSpikeTests {
  /// Threshold θ = 30 Hz, 10 ms centred boxcar (w = 10 bins). A bump of height P and width W smoothed
  /// is a trapezoid with ramps of w·Δt = 10 ms centred on its edges, so it is above θ from
  /// t_on − wΔt/2 + wΔt(θ − B)/P for W + wΔt(1 − 2(θ − B)/P). Sampling moves each crossing by up to one
  /// bin, noise (0.63 Hz after smoothing, ramps of ≥ 6 Hz per bin) by at most one more: ±2 ms. Peak:
  /// B + P plus the largest of ~20–35 correlated noise values on the plateau, < 3σ = 1.9 Hz: bound 4 Hz.
  @Test func bumpsRecovered() throws {
    let bumps = Bumps()
    let settings = AnalysisSettings.PopulationSpikes(smoothing: 0.01, threshold: 30)
    let result = try #require(try PopulationSpikeEvents.detect(in: try bumps.series, settings: settings))
    #expect(result.events.count == 40)
    #expect(abs(result.rate - 40 / Bumps.duration) < 1e-12)
    let rampWidth = 10 * Bumps.dt, excess = 30 - Bumps.baseline
    for (i, event) in result.events.enumerated() {
      let p = bumps.heights[i]
      let start = bumps.onsets[i] - rampWidth / 2 + rampWidth * excess / p
      let width = bumps.widths[i] + rampWidth * (1 - 2 * excess / p)
      #expect(abs(event.start - start) <= 2 * Bumps.dt + 1e-9, "event \(i) start \(event.start) vs \(start)")
      #expect(abs(event.width - width) <= 2 * Bumps.dt + 1e-9, "event \(i) width \(event.width) vs \(width)")
      #expect(abs(event.peak - (Bumps.baseline + p)) < 4, "event \(i) peak \(event.peak)")
      #expect(event.peakTime >= event.start && event.peakTime < event.start + event.width)
    }
    let gaps = zip(bumps.onsets, bumps.onsets.dropFirst()).map { $1 - $0 }
    #expect(zip(result.interEventIntervals, gaps).allSatisfy { abs($0 - $1) <= 4 * Bumps.dt + 1e-9 })
    let meanPeak = try #require(result.meanPeak), meanWidth = try #require(result.meanWidth)
    #expect(abs(meanPeak.mean - (Bumps.baseline + 75)) < 1 && meanPeak.sem! > 0)
    #expect(abs(meanWidth.mean - mean(result.events.map(\.width))) < 1e-15)
    #expect(abs(result.meanInterval!.mean - mean(gaps)) < 2 * Bumps.dt)
  }

  /// Without a threshold the midpoint of the histogram's modes (baseline ≈ 2 Hz, plateaus at 62–92 Hz)
  /// lies between baseline and every peak: the same 40 events.
  @Test func thresholdFromData() throws {
    let series = try Bumps().series
    let result = try #require(try PopulationSpikeEvents.detect(in: series, settings: .init(smoothing: 0.01)))
    #expect(result.events.count == 40 && result.threshold > 10 && result.threshold < 60)
  }

  /// Runs touching either end are incomplete and not counted; the one inside is.
  @Test func incompleteEventsExcluded() throws {
    let x = try TimeSeries(values: [50, 50, 0, 0, 50, 70, 0, 0, 50, 50], dt: 0.1)
    let result = try PopulationSpikeEvents(smoothed: x, threshold: 10)
    #expect(result.events.map(\.bins) == [4..<6])
    #expect(result.events[0].peak == 70 && abs(result.events[0].peakTime - 0.5) < 1e-12)
    #expect(abs(result.rate - 1) < 1e-12 && result.meanInterval == nil && result.meanWidth!.sem == nil)
  }
}
