import Analysis
import Foundation
import MesoConfig
import MesoCore

/// What `compare` measures on one population in one trial.
struct TrialStatistics {
  var rate: Double
  /// std of A re-binned at 1 ms and 10 ms (Hz); nil when the recording bin does not divide them.
  var std1ms: Double?
  var std10ms: Double?
  var upDown: UpDownStates?
  var spikes: PopulationSpikeEvents?
  var spectrum: PowerSpectrum

  init(_ series: TimeSeries, upDown: HysteresisThresholds?, spikeThreshold: Double?, settings: AnalysisSettings) throws {
    rate = series.mean
    std1ms = try? series.rebinned(to: 0.001).standardDeviation
    std10ms = try? series.rebinned(to: 0.01).standardDeviation
    let upDownSmoothing = settings.upDown?.smoothing ?? 0.05
    self.upDown = try upDown.map { UpDownStates(smoothed: try series.boxcarSmoothed(width: upDownSmoothing), thresholds: $0) }
    let spikeSmoothing = settings.populationSpikes?.smoothing ?? 0.01
    spikes = try spikeThreshold.map { try PopulationSpikeEvents(smoothed: series.boxcarSmoothed(width: spikeSmoothing), threshold: $0) }
    // Segments of 1 s (1 Hz resolution), or the whole series when shorter.
    spectrum = try PowerSpectrum(series, segmentLength: min(series.count, max(2, Int((1 / series.dt).rounded()))))
  }
}

extension Comparison {
  /// Population α's activity of one recording after the transient.
  func series(_ recording: Recording, _ α: Int) throws -> TimeSeries {
    try TimeSeries(recording, column: α).discardingBins(before: transient)
  }

  /// Up/Down thresholds of population α: configured, or from the bimodal histogram of the pooled,
  /// smoothed microscopic activity (the same thresholds then serve both levels). nil when not bimodal.
  func upDownThresholds(_ α: Int) throws -> HysteresisThresholds? {
    let settings = model.analysis.upDown ?? AnalysisSettings.UpDown()
    if let high = settings.thetaHi, let low = settings.thetaLo { return try HysteresisThresholds(high: high, low: low) }
    return try BimodalHistogram(pooledMicro(α, smoothing: settings.smoothing))?.upDownThresholds
  }

  /// Population-spike threshold of population α: configured, or the midpoint of the modes of the pooled micro activity.
  func spikeThreshold(_ α: Int) throws -> Double? {
    let settings = model.analysis.populationSpikes ?? AnalysisSettings.PopulationSpikes()
    if let threshold = settings.threshold { return threshold }
    return try BimodalHistogram(pooledMicro(α, smoothing: settings.smoothing))?.midpoint
  }

  private func pooledMicro(_ α: Int, smoothing: Double) throws -> [Double] {
    try micro.flatMap { try series($0, α).boxcarSmoothed(width: smoothing).values }
  }

  /// `report.json`: per population and level the trial means and
  /// standard errors of every statistic, the mean PSD, relative differences (meso − micro)/micro;
  /// beyond the schema, the pooled dwell times of both levels and their Kolmogorov–Smirnov test.
  public func report() throws -> ConfigValue {
    var populations = [String: ConfigValue]()
    for (α, population) in model.populations.enumerated() {
      let upDown = try upDownThresholds(α), threshold = try spikeThreshold(α)
      func statistics(_ runs: [Recording]) throws -> [TrialStatistics] {
        try runs.map { try TrialStatistics(series($0, α), upDown: upDown, spikeThreshold: threshold, settings: model.analysis) }
      }
      let microStats = try statistics(micro), mesoStats = try statistics(meso)
      let a = LevelSummary(microStats, upDown: upDown), b = LevelSummary(mesoStats, upDown: upDown)
      var entry: [String: ConfigValue] = [
        "micro": a.json, "meso": b.json,
        "relative_difference": .object(LevelSummary.relativeDifferences(meso: b, micro: a)),
      ]
      let pooled = { (stats: [TrialStatistics], state: ActivityState) in stats.flatMap { $0.upDown?.dwellTimes(state) ?? [] } }
      entry["dwell_times_s"] = .object(
        Dictionary(uniqueKeysWithValues: [("micro", microStats), ("meso", mesoStats)].map { level, stats in
          (level, ConfigValue.object([
            "up": .array(pooled(stats, .up).map(ConfigValue.number)), "down": .array(pooled(stats, .down).map(ConfigValue.number)),
          ]))
        }))
      entry["dwell_time_ks"] = .object(
        Dictionary(uniqueKeysWithValues: [ActivityState.up, .down].map { state in
          let test = KolmogorovSmirnovTest(pooled(microStats, state), pooled(mesoStats, state))
          return (state.rawValue, test.map { ConfigValue.object(["D": .number($0.statistic), "p": .number($0.pValue)]) } ?? .null)
        }))
      populations[population.name] = .object(entry)
    }
    return .object([
      "trials": .number(Double(trials)), "seed": .number(Double(seed)), "duration_s": .number(model.simulation.duration),
      "transient_s": .number(transient), "config": document, "mesopop_version": .string(mesoPopVersion),
      "populations": .object(populations),
    ])
  }
}

/// The trial statistics of one level, summarised as `{mean, sem}` (sem over trials).
struct LevelSummary {
  var values: [String: MeanEstimate?]
  var upDown: HysteresisThresholds?
  var spectrum: (f: [Double], S: [Double])

  init(_ stats: [TrialStatistics], upDown: HysteresisThresholds?) {
    func estimate(_ value: (TrialStatistics) -> Double?) -> MeanEstimate? {
      let values = stats.compactMap(value)
      return values.count == stats.count ? MeanEstimate(values) : nil
    }
    values = [
      "rate_hz": estimate(\.rate), "std_1ms": estimate(\.std1ms), "std_10ms": estimate(\.std10ms),
      "fraction_up": estimate { $0.upDown?.fractionUp }, "mean_up_s": estimate { $0.upDown?.meanUp?.mean },
      "mean_down_s": estimate { $0.upDown?.meanDown?.mean },
      "transitions": estimate { $0.upDown.map { Double($0.transitions) } },
      "spike_rate_hz": estimate { $0.spikes?.rate }, "mean_peak_hz": estimate { $0.spikes?.meanPeak?.mean },
      "mean_width_s": estimate { $0.spikes?.meanWidth?.mean },
      "mean_interval_s": estimate { $0.spikes?.meanInterval?.mean },
    ]
    self.upDown = upDown
    let first = stats[0].spectrum
    let S = first.S.indices.map { i in stats.reduce(0) { $0 + $1.spectrum.S[i] } / Double(stats.count) }
    spectrum = (first.f, S)
  }

  func value(_ key: String) -> ConfigValue {
    guard let estimate = values[key] ?? nil else { return .null }
    return .object(["mean": .number(estimate.mean), "sem": estimate.sem.map(ConfigValue.number) ?? .null])
  }

  var json: ConfigValue {
    .object([
      "rate_hz": value("rate_hz"),
      "std_A_hz": .object(["1ms": value("std_1ms"), "10ms": value("std_10ms")]),
      "up_down": .object([
        "fraction_up": value("fraction_up"), "mean_up_s": value("mean_up_s"), "mean_down_s": value("mean_down_s"),
        "transitions": value("transitions"),
        "theta_hi": upDown.map { .number($0.high) } ?? .null, "theta_lo": upDown.map { .number($0.low) } ?? .null,
      ]),
      "population_spikes": .object([
        "rate_hz": value("spike_rate_hz"), "mean_peak_hz": value("mean_peak_hz"), "mean_width_s": value("mean_width_s"),
        "mean_interval_s": value("mean_interval_s"),
      ]),
      "psd": .object(["f": .array(spectrum.f.map(ConfigValue.number)), "S": .array(spectrum.S.map(ConfigValue.number))]),
    ])
  }

  /// (meso − micro)/micro of the trial means, null where undefined.
  static func relativeDifferences(meso: LevelSummary, micro: LevelSummary) -> [String: ConfigValue] {
    let keys = [
      ("rate_hz", "rate_hz"), ("std_A_hz_1ms", "std_1ms"), ("std_A_hz_10ms", "std_10ms"), ("fraction_up", "fraction_up"),
      ("mean_up_s", "mean_up_s"), ("mean_down_s", "mean_down_s"), ("population_spike_rate_hz", "spike_rate_hz"),
    ]
    return Dictionary(uniqueKeysWithValues: keys.map { name, key in
      let d = relativeDifference(meso: (meso.values[key] ?? nil)?.mean, micro: (micro.values[key] ?? nil)?.mean)
      return (name, d.map(ConfigValue.number) ?? .null)
    })
  }
}
