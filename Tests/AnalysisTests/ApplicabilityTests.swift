import Analysis
import GSLBridge
import MesoCore
import Testing

/// The decisions of `compare` on data that do and do not hold Up/Down states or population spikes,
/// and the drift test on stationary and stepped data.
@Suite struct ApplicabilityTests {
  /// Two 200 s telegraph trials per level (Support.swift; levels 2 and 30 Hz, ~160 switches each):
  /// bimodal, so Up/Down applies, with the histogram's thresholds a third and two thirds of the way
  /// between the levels (to within 1.5 bins of the 50-bin histogram spanning ≈ 40 Hz: ±1.2 Hz).
  @Test func upDownAppliesToBimodalData() throws {
    let trials = try (1...4).map { try TimeSeries(values: Telegraph(duration: 200, dt: 0.002, noise: 10, seed: $0).values, dt: 0.002) }
    let decision = try UpDownApplicability.decide(micro: Array(trials[..<2]), meso: Array(trials[2...]), settings: .init(smoothing: 0.05))
    let thresholds = try #require(decision.value, "\(decision.reason ?? "")")
    #expect(abs(thresholds.low - (2 + 28.0 / 3)) < 1.2 && abs(thresholds.high - (2 + 56.0 / 3)) < 1.2, "\(thresholds)")
    let configured = try UpDownApplicability.decide(
      micro: Array(trials[..<2]), meso: Array(trials[2...]), settings: .init(smoothing: 0.05, thetaHi: 25, thetaLo: 10))
    #expect(configured == .applies(try HysteresisThresholds(high: 25, low: 10)))
  }

  /// Gaussian noise (mean 12 Hz, s.d. 5 Hz per 1 ms bin) is unimodal: no Up/Down states, even with
  /// configured thresholds it crosses (it does cross 25 Hz now and then), and the reason says so.
  @Test func upDownAbsentForUnimodalData() throws {
    let noise = try (1...4).map { try TimeSeries(values: gaussianNoise(100_000, mean: 12, sigma: 5, seed: UInt64(20 + $0)), dt: 0.001) }
    let decision = try UpDownApplicability.decide(
      micro: Array(noise[..<2]), meso: Array(noise[2...]), settings: .init(smoothing: 0.05, thetaHi: 13, thetaLo: 11))
    let reason = try #require(decision.reason)
    #expect(reason.hasPrefix("no Up/Down states: the activity smoothed over 50 ms is not bimodal"))
    #expect(reason.contains("configured θ_hi, θ_lo were not used") && reason.contains("bimodality test:"))
  }

  /// One trial that stays Down and one that stays Up: the pooled histogram is bimodal, but no trial
  /// switches, so there are no Up/Down states to measure.
  @Test func bimodalWithoutSwitchesIsAbsent() throws {
    let down = try TimeSeries(values: gaussianNoise(20_000, mean: 2, sigma: 1, seed: 31), dt: 0.001)
    let up = try TimeSeries(values: gaussianNoise(20_000, mean: 30, sigma: 1, seed: 32), dt: 0.001)
    let decision = try UpDownApplicability.decide(micro: [down, up], meso: [down], settings: .init(smoothing: 0.05))
    #expect(decision.reason?.contains("is bimodal but never crosses") == true, "\(decision)")
  }

  /// A finite population's activity lies on a lattice: N = 200, 1 ms bins and a 10 ms boxcar give
  /// steps of δ = 0.5 Hz. Poisson counts (mean 12 Hz) are unimodal, but 50 bins of 0.3 Hz hold one
  /// or two lattice points each, a comb whose empty-ish bins look like valleys; bins that are whole
  /// multiples of δ remove it.
  @Test func latticeValuesAreNotBimodal() throws {
    var random = RandomStream(seed: 41)
    let counts = (0..<200_000).map { _ in Double(random.poisson(mean: 200 * 12 * 0.001)) / (200 * 0.001) }
    let smoothed = try TimeSeries(values: counts, dt: 0.001).boxcarSmoothed(width: 0.01)
    #expect(BimodalHistogram(smoothed.values) != nil, "the comb this rule guards against")
    var rule = BimodalHistogram.Rule()
    rule.resolution = 0.5
    #expect(BimodalHistogram(smoothed.values, rule: rule) == nil)
  }

  /// 30 bumps of 80 Hz, 40 ms wide, every 1.3 s on 2 Hz noise: events exist, with the threshold from
  /// the data between the baseline and the plateau; configured 50 Hz also applies.
  @Test func populationSpikesPresent() throws {
    var x = gaussianNoise(40_000, mean: 2, sigma: 2, seed: 51)
    for i in 0..<30 { for k in (1000 + 1300 * i)..<(1040 + 1300 * i) { x[k] += 80 } }
    let series = try TimeSeries(values: x, dt: 0.001)
    let fromData = try PopulationSpikeApplicability.decide(micro: [series], meso: [series], settings: .init(smoothing: 0.01))
    let threshold = try #require(fromData.value, "\(fromData.reason ?? "")")
    #expect(threshold > 10 && threshold < 70)
    let configured = try PopulationSpikeApplicability.decide(micro: [series], meso: [series], settings: .init(smoothing: 0.01, threshold: 50))
    #expect(configured == .applies(50))
  }

  /// Gaussian noise (12 ± 5 Hz, 1 ms): no threshold from the data (unimodal), and a configured 50 Hz
  /// is never crossed after 10 ms smoothing (s.d. 1.6 Hz: 50 Hz is 24 s.d. away).
  @Test func populationSpikesAbsent() throws {
    let noise = try TimeSeries(values: gaussianNoise(100_000, mean: 12, sigma: 5, seed: 61), dt: 0.001)
    let unimodal = try PopulationSpikeApplicability.decide(micro: [noise], meso: [noise], settings: .init(smoothing: 0.01))
    #expect(unimodal.reason?.hasPrefix("no population spikes: no threshold is configured") == true, "\(unimodal)")
    let quiet = try PopulationSpikeApplicability.decide(micro: [noise], meso: [noise], settings: .init(smoothing: 0.01, threshold: 50))
    #expect(quiet.reason?.hasPrefix("no population spikes: the activity smoothed over 10 ms never rises above θ = 50 Hz") == true)
  }

  /// Drift test on 4 trials of 10 000 white samples (s.d. 5): block means have s.d. 5/√1000 = 0.158,
  /// so D has standard error √(2/5)·0.158/2 = 0.05 and z is Student-t with 32 degrees of freedom:
  /// stationary data stay below |z| = 4 (P ≈ 3·10⁻⁴ per seed). A step of 0.5 Hz at the middle
  /// gives z ≈ 0.5/0.05 = 10, far above 4.
  @Test func driftTestSeparatesStationaryFromStepped() throws {
    let trials = (1...4).map { gaussianNoise(10_000, mean: 12, sigma: 5, seed: UInt64(70 + $0)) }
    let stationary = try #require(DriftTest(try trials.map { try TimeSeries(values: $0, dt: 0.001) }))
    #expect(!stationary.drifts && abs(stationary.standardError - 0.05) < 0.015, "z = \(stationary.z), se \(stationary.standardError)")
    let stepped = try #require(DriftTest(try trials.map { x in
      try TimeSeries(values: x.enumerated().map { $0.offset < 5000 ? $0.element : $0.element + 0.5 }, dt: 0.001)
    }))
    #expect(stepped.drifts && stepped.z > 6, "z = \(stepped.z)")
    #expect(DriftTest([try TimeSeries(values: [1, 2, 3], dt: 0.1)]) == nil)
  }

  /// A window keeps the bins wholly inside [t0, t1).
  @Test func windowKeepsWholeBins() throws {
    let x = try TimeSeries(values: (0..<10).map(Double.init), dt: 0.1, start: 0)
    let w = try x.window(from: 0.25, to: 0.7)
    #expect(w.values == [3, 4, 5, 6] && abs(w.start - 0.3) < 1e-12)
    #expect(try x.window(from: 0.3, to: 1).values == [3, 4, 5, 6, 7, 8, 9])
    #expect(throws: AnalysisError.self) { try x.window(from: 0.3, to: 0.35) }
  }
}
