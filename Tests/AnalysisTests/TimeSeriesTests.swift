import Analysis
import MesoCore
import Testing

@Suite struct TimeSeriesTests {
  /// A recording as read from NEST's `.npz` (only `t` and `A`), two populations, 0.5 ms bins from 1 s.
  static func nestLikeRecording(rows: Int = 40) -> Recording {
    let time = (0..<rows).map { 1 + Double($0) * 0.0005 }
    let a = (0..<rows).flatMap { [Double($0), 100 + Double($0)] }
    return Recording(time: time, traces: [Trace(name: "A", unit: "Hz", columns: 2, values: a)])
  }

  @Test func columnOfAnyRecording() throws {
    let series = try TimeSeries(Self.nestLikeRecording(), column: 1)
    #expect(series.count == 40)
    #expect(abs(series.dt - 0.0005) < 1e-15 && series.start == 1)
    #expect(series.values == (0..<40).map { 100 + Double($0) })
    #expect(abs(series.mean - 119.5) < 1e-12)
    #expect(abs(series.time(at: 4) - 1.002) < 1e-12 && abs(series.duration - 0.02) < 1e-15)
  }

  @Test func recordingErrorsNameTheProblem() {
    let recording = Self.nestLikeRecording()
    #expect(throws: AnalysisError.missingTrace("input")) { try TimeSeries(recording, trace: "input", column: 0) }
    #expect(throws: AnalysisError.columnOutOfRange(trace: "A", column: 2, columns: 2)) {
      try TimeSeries(recording, column: 2)
    }
    var gap = recording
    gap.time[7] += 0.0002
    #expect(throws: AnalysisError.self) { try TimeSeries(gap, column: 0) }
    let single = Self.nestLikeRecording(rows: 1)
    #expect(throws: AnalysisError.irregularTimeGrid("1 time(s); a grid needs at least 2")) {
      try TimeSeries(single, column: 0)
    }
    #expect(throws: AnalysisError.nonFiniteValue(index: 2, value: .infinity)) {
      try TimeSeries(values: [1, 2, .infinity], dt: 1e-3)
    }
  }

  /// Bins starting before t0 are dropped: 2 s from a 1 ms series starting at 0.5 s keeps 1.5 s from t = 2 s.
  @Test func discardsTransient() throws {
    let series = try TimeSeries(values: (0..<3000).map(Double.init), dt: 0.001, start: 0.5)
    let kept = try series.discardingBins(before: 2)
    #expect(kept.count == 1500 && kept.values.first == 1500 && abs(kept.start - 2) < 1e-12)
    #expect(try series.discardingBins(before: 0.5) == series && series.discardingBins(before: 0) == series)
    #expect(throws: AnalysisError.self) { try series.discardingBins(before: 3.5) }
  }

  /// Re-binning at 1 ms and 10 ms of 0.5 ms data against block means computed here; the s.d. is the
  /// 1/n standard deviation of those block means. The trailing incomplete block is dropped.
  @Test func rebinnedStandardDeviation() throws {
    let x = gaussianNoise(10_007, mean: 8, sigma: 20, seed: 3)
    let series = try TimeSeries(values: x, dt: 0.0005)
    for (width, m) in [(0.001, 2), (0.01, 20)] {
      let blocks = stride(from: 0, to: x.count - m + 1, by: m).map { mean(Array(x[$0..<($0 + m)])) }
      let blockMean = mean(blocks)
      let sd = (blocks.reduce(0) { $0 + ($1 - blockMean) * ($1 - blockMean) } / Double(blocks.count)).squareRoot()
      let rebinned = try series.rebinned(to: width)
      #expect(rebinned.count == x.count / m && abs(rebinned.dt - width) < 1e-15)
      #expect(zip(rebinned.values, blocks).allSatisfy { abs($0 - $1) < 1e-12 })
      #expect(abs(rebinned.standardDeviation - sd) < 1e-12 * sd)
    }
    // A 1 ms recording grid from t_k = k·0.001 gives Δt with round-off; 10 ms still counts as 10 bins.
    let trace = Trace(name: "A", unit: "Hz", columns: 1, values: Array(x.prefix(100)))
    let recording = Recording(time: (0..<100).map { Double($0) * 0.001 }, traces: [trace])
    #expect(try TimeSeries(recording, column: 0).rebinned(to: 0.01).count == 10)
  }

  @Test func rebinningNeedsWholeMultiples() throws {
    let series = try TimeSeries(values: [Double](repeating: 1, count: 100), dt: 0.0005)
    #expect(throws: AnalysisError.notAMultipleOfBin(quantity: "bin width", width: 0.00075, dt: 0.0005)) {
      try series.rebinned(to: 0.00075)
    }
    #expect(throws: AnalysisError.notAMultipleOfBin(quantity: "bin width", width: 0.0003, dt: 0.0005)) {
      try series.rebinned(to: 0.0003)
    }
    #expect(throws: AnalysisError.tooFewSamples(quantity: "a 0.1 s bin", available: 100, required: 200)) {
      try series.rebinned(to: 0.1)
    }
  }

  /// Centred boxcar: window [k − ⌊w/2⌋, k − ⌊w/2⌋ + w − 1], cut at the ends (mean of what exists).
  @Test func boxcarIsCentredAndCutAtTheEnds() throws {
    let impulse = try TimeSeries(values: [0, 0, 0, 12, 0, 0, 0], dt: 0.01)
    #expect(try impulse.boxcarSmoothed(width: 0.03).values == [0, 0, 4, 4, 4, 0, 0])
    let ramp = try TimeSeries(values: [3, 6, 9], dt: 0.01)
    #expect(try ramp.boxcarSmoothed(width: 0.03).values == [4.5, 6, 7.5])
    #expect(try ramp.boxcarSmoothed(width: 0.02).values == [3, 4.5, 7.5])  // even w: [k − 1, k]
    #expect(try ramp.boxcarSmoothed(width: 0.001).values == ramp.values)  // w rounds up to one bin
    #expect(throws: AnalysisError.self) { try ramp.boxcarSmoothed(width: 0) }
  }
}
