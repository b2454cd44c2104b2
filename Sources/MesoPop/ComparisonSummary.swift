import Analysis
import MesoConfig

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
