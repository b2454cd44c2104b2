import Analysis
import Foundation
import MesoConfig
import MesoCore

/// What `compare` measures on one population in one trial, inside the analysis window; the
/// statistics that do not apply (see `StatisticsPlan`) are nil.
struct TrialStatistics {
  var rate: Double
  /// std of A re-binned at 1 ms and 10 ms (Hz); nil when the recording bin does not divide them.
  var std1ms: Double?
  var std10ms: Double?
  var upDown: UpDownStates?
  var spikes: PopulationSpikeEvents?
  var spectrum: PowerSpectrum?

  init(_ series: TimeSeries, plan: StatisticsPlan, settings: AnalysisSettings) throws {
    rate = series.mean
    std1ms = try? series.rebinned(to: 0.001).standardDeviation
    std10ms = try? series.rebinned(to: 0.01).standardDeviation
    let upDownSmoothing = settings.upDown?.smoothing ?? AnalysisSettings.UpDown().smoothing
    self.upDown = try plan.upDown.value.map { UpDownStates(smoothed: try series.boxcarSmoothed(width: upDownSmoothing), thresholds: $0) }
    let spikeSmoothing = settings.populationSpikes?.smoothing ?? AnalysisSettings.PopulationSpikes().smoothing
    spikes = try plan.populationSpikes.value.map {
      try PopulationSpikeEvents(smoothed: series.boxcarSmoothed(width: spikeSmoothing), threshold: $0)
    }
    spectrum = try plan.spectrumSegment.value.map { try PowerSpectrum(series, segmentLength: $0) }
  }
}

/// Which statistics of one population apply to the data of a comparison, decided before any is
/// computed, and how stationary the activity is inside the analysis window.
struct StatisticsPlan {
  var upDown: Applicability<HysteresisThresholds>
  var populationSpikes: Applicability<Double>
  /// Welch segment length L (bins): 1 s (1 Hz resolution), or the whole window when shorter.
  var spectrumSegment: Applicability<Int>
  /// Drift of the mean activity across the window, per level (nil: too few bins to test).
  var drift: (micro: DriftTest?, meso: DriftTest?)
}

extension Comparison {
  /// [start, end) (s) of the statistics: the analysis window, or everything after the transient
  /// when no input-free window is left.
  var statisticsSpan: (start: Double, end: Double) {
    analysisWindow.map { ($0.start, $0.end) } ?? (transient, model.simulation.duration)
  }

  /// Population α's activity of one recording inside `statisticsSpan`.
  func series(_ recording: Recording, _ α: Int) throws -> TimeSeries {
    try TimeSeries(recording, column: α).window(from: statisticsSpan.start, to: statisticsSpan.end)
  }

  /// The bimodality rule for population α's activity smoothed over `smoothing` (s): the values lie
  /// on the lattice δ = 1/(N·Δt_bin·w) Hz (w recording bins in the boxcar), and the number of bins
  /// follows the Rice rule B = 2 n^{1/3} for the n = trials × window / smoothing independent
  /// samples of one level (at least 8, at most 50), so that a short run's histogram is not noise.
  func histogramRule(_ α: Int, smoothing: Double) -> BimodalHistogram.Rule {
    let bin = model.simulation.recordBin, span = statisticsSpan
    let w = max(1, (smoothing / bin).rounded())
    let independent = Double(trials) * (span.end - span.start) / smoothing
    var rule = BimodalHistogram.Rule()
    rule.resolution = 1 / (Double(model.populations[α].N) * bin * w)
    rule.bins = min(50, max(8, Int(2 * cbrt(independent))))
    return rule
  }

  /// Decides which statistics apply to population α (`UpDownApplicability`,
  /// `PopulationSpikeApplicability`; a spectrum only inside an input-free window).
  func plan(_ α: Int) throws -> StatisticsPlan {
    let a = try micro.map { try series($0, α) }, b = try meso.map { try series($0, α) }
    let upDownSettings = model.analysis.upDown ?? .init(), spikeSettings = model.analysis.populationSpikes ?? .init()
    let upDown = try UpDownApplicability.decide(
      micro: a, meso: b, settings: upDownSettings, rule: histogramRule(α, smoothing: upDownSettings.smoothing))
    let spikes = try PopulationSpikeApplicability.decide(
      micro: a, meso: b, settings: spikeSettings, rule: histogramRule(α, smoothing: spikeSettings.smoothing))
    let spectrum: Applicability<Int> =
      if analysisWindow == nil {
        .absent(reason: "no power spectrum: every stretch between input changes is shorter than the transient discarded after it")
      } else if a[0].count < 2 {
        .absent(reason: "no power spectrum: the analysis window holds a single recording bin")
      } else {
        .applies(min(a[0].count, max(2, Int((1 / a[0].dt).rounded()))))
      }
    return StatisticsPlan(upDown: upDown, populationSpikes: spikes, spectrumSegment: spectrum, drift: (DriftTest(a), DriftTest(b)))
  }
}

/// The trial statistics of one level, summarised as `{mean, sem}` (sem over trials).
struct LevelSummary {
  var values: [String: MeanEstimate?]
  var upDown: HysteresisThresholds?
  /// Mean PSD over trials; nil when the spectrum does not apply.
  var spectrum: (f: [Double], S: [Double])?

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
    let spectra = stats.compactMap(\.spectrum)
    spectrum = spectra.first.map { first in
      (first.f, first.S.indices.map { i in spectra.reduce(0) { $0 + $1.S[i] } / Double(spectra.count) })
    }
  }

  /// `{"mean": x, "sem": y}` (`"sem": null` for one trial).
  static func json(_ estimate: MeanEstimate) -> ConfigValue {
    .object(["mean": .number(estimate.mean), "sem": estimate.sem.map(ConfigValue.number) ?? .null])
  }

  func value(_ key: String) -> ConfigValue { (values[key] ?? nil).map(Self.json) ?? .null }

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
      "psd": spectrum.map { .object(["f": .array($0.f.map(ConfigValue.number)), "S": .array($0.S.map(ConfigValue.number))]) } ?? .null,
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

extension Comparison {
  /// `report.json`: per population and level the trial means and standard errors of every
  /// statistic that applies (null where it does not, with the reason under `absent`), the mean PSD,
  /// relative differences (meso − micro)/micro, the drift test of the window, the mean rates of
  /// every input-free window, and with Up/Down states the pooled dwell times of both levels and
  /// their Kolmogorov–Smirnov test.
  public func report() throws -> ConfigValue {
    var populations = [String: ConfigValue]()
    let windows = model.inputFreeWindows(settling: transient)
    for (α, population) in model.populations.enumerated() {
      let plan = try plan(α)
      func statistics(_ runs: [Recording]) throws -> [TrialStatistics] {
        try runs.map { try TrialStatistics(series($0, α), plan: plan, settings: model.analysis) }
      }
      let microStats = try statistics(micro), mesoStats = try statistics(meso)
      let a = LevelSummary(microStats, upDown: plan.upDown.value), b = LevelSummary(mesoStats, upDown: plan.upDown.value)
      var entry: [String: ConfigValue] = [
        "micro": a.json, "meso": b.json,
        "relative_difference": .object(LevelSummary.relativeDifferences(meso: b, micro: a)),
        "absent": .object(
          [("up_down", plan.upDown.reason), ("population_spikes", plan.populationSpikes.reason), ("psd", plan.spectrumSegment.reason)]
            .reduce(into: [:]) { absent, item in if let reason = item.1 { absent[item.0] = .string(reason) } }),
        "drift": .object(["micro": Self.json(plan.drift.micro), "meso": Self.json(plan.drift.meso)]),
        "population_spike_threshold_hz": plan.populationSpikes.value.map(ConfigValue.number) ?? .null,
        "psd_segment_s": plan.spectrumSegment.value.map { .number(Double($0) * model.simulation.recordBin) } ?? .null,
        "window_rates_hz": .array(try windows.map { try windowRates(α, $0) }),
        "smoothing_s": .object([
          "up_down": .number((model.analysis.upDown ?? .init()).smoothing),
          "population_spikes": .number((model.analysis.populationSpikes ?? .init()).smoothing),
        ]),
        "bimodality_test": .object([
          "up_down": .string(histogramRule(α, smoothing: (model.analysis.upDown ?? .init()).smoothing).summary),
          "population_spikes": .string(histogramRule(α, smoothing: (model.analysis.populationSpikes ?? .init()).smoothing).summary),
        ]),
      ]
      if plan.upDown.value != nil {
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
      } else {
        entry["dwell_times_s"] = .null
        entry["dwell_time_ks"] = .null
      }
      populations[population.name] = .object(entry)
    }
    return .object([
      "trials": .number(Double(trials)), "seed": .number(Double(seed)), "duration_s": .number(model.simulation.duration),
      "transient_s": .number(transient), "config": document, "mesopop_version": .string(mesoPopVersion),
      "analysis_window_s": analysisWindow.map { .array([.number($0.start), .number($0.end)]) } ?? .null,
      "input_changes_s": .array(model.inputChangeTimes.map(ConfigValue.number)),
      "inputs": .array(model.inputs.map(Self.json)),
      "stp_connections": .array(model.connections.filter { $0.stp != nil }.map(Self.json)),
      "drift_threshold_z": .number(DriftTest.threshold),
      "populations": .object(populations),
    ])
  }

  /// Mean rate (Hz, mean ± s.e.m. over trials) of population α in one input-free window, both levels.
  private func windowRates(_ α: Int, _ window: AnalysisWindow) throws -> ConfigValue {
    func rate(_ runs: [Recording]) throws -> MeanEstimate? {
      MeanEstimate(try runs.map { try TimeSeries($0, column: α).window(from: window.start, to: window.end).mean })
    }
    let a = try rate(micro), b = try rate(meso)
    return .object([
      "start_s": .number(window.start), "end_s": .number(window.end),
      "micro": a.map(LevelSummary.json) ?? .null, "meso": b.map(LevelSummary.json) ?? .null,
      "relative_difference": relativeDifference(meso: b?.mean, micro: a?.mean).map(ConfigValue.number) ?? .null,
    ])
  }

  private static func json(_ test: DriftTest?) -> ConfigValue {
    guard let test else { return .null }
    return .object([
      "difference_hz": .number(test.difference), "sem_hz": .number(test.standardError),
      "z": test.z.isFinite ? .number(test.z) : .string(test.z > 0 ? "inf" : "-inf"), "drifts": .bool(test.drifts),
    ])
  }

  private static func json(_ input: ExternalInput) -> ConfigValue {
    var entry: [String: ConfigValue] = ["to": .string(input.to)]
    switch input.kind {
    case .step(let start, let amplitude):
      entry.merge(["kind": .string("step"), "start_s": .number(start), "amplitude": .number(amplitude)]) { $1 }
    case .pulse(let start, let width, let amplitude):
      entry.merge(["kind": .string("pulse"), "start_s": .number(start), "width_s": .number(width), "amplitude": .number(amplitude)]) { $1 }
    case .sine(let amplitude, let frequency, let phase):
      entry.merge(["kind": .string("sine"), "amplitude": .number(amplitude), "frequency_hz": .number(frequency), "phase": .number(phase)]) { $1 }
    }
    return .object(entry)
  }

  private static func json(_ connection: Connection) -> ConfigValue {
    let stp = connection.stp!
    return .object([
      "from": .string(connection.from), "to": .string(connection.to), "U": .number(stp.U), "U_0": .number(stp.U0),
      "tau_D_s": .number(stp.tauD), "tau_F_s": .number(stp.tauF), "facilitates": .bool(stp.facilitates),
    ])
  }
}
