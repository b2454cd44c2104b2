import Analysis
import MesoConfig
import MesoCore

/// The statistics of one sweep point: one row per trial × population, the columns of
/// `SweepStatistics.columns`, NaN where a statistic does not apply. They are `compare`'s (same
/// analysis window, applicability rules and estimators) computed on the trials of one level.
public enum SweepStatistics {
  /// Column names and units of a row, in order.
  public static let columns: [(name: String, unit: String)] = [
    ("rate_hz", "Hz"), ("std_A_1ms_hz", "Hz"), ("std_A_10ms_hz", "Hz"), ("psd_peak_hz", "Hz"),
    ("fraction_up", "1"), ("mean_up_s", "s"), ("mean_down_s", "s"), ("up_down_transitions", "1"),
    ("population_spike_rate_hz", "Hz"), ("population_spike_mean_peak_hz", "Hz"),
    ("population_spike_mean_width_s", "s"), ("population_spike_mean_interval_s", "s"),
  ]

  /// Rows of trial k, population α at index k·P + α, for the recordings of one point's trials
  /// (trial k at index k) of `configuration` run at `level`.
  public static func rows(_ configuration: Configuration, level: SimulationLevel, recordings: [Recording]) throws -> [[Double]] {
    guard case .network(let model) = configuration.model else { return [] }
    let comparison = Comparison(
      model: model, document: configuration.document, seed: 0, trials: recordings.count,
      micro: level == .micro ? recordings : [], meso: level == .meso ? recordings : [])
    let plans = try model.populations.indices.map { try comparison.plan($0) }
    return try recordings.flatMap { recording in
      try model.populations.indices.map { α in
        let s = try TrialStatistics(comparison.series(recording, α), plan: plans[α], settings: model.analysis)
        return row(s)
      }
    }
  }

  private static func row(_ s: TrialStatistics) -> [Double] {
    // The highest S(f) above f = 0 (the first of equal ones).
    let peak = s.spectrum.flatMap { spectrum in spectrum.S.dropFirst().firstIndexOfMaximum().map { spectrum.f[$0] } }
    let values: [Double?] = [
      s.rate, s.std1ms, s.std10ms, peak, s.upDown?.fractionUp, s.upDown?.meanUp?.mean, s.upDown?.meanDown?.mean,
      s.upDown.map { Double($0.transitions) }, s.spikes?.rate, s.spikes?.meanPeak?.mean, s.spikes?.meanWidth?.mean,
      s.spikes?.meanInterval?.mean,
    ]
    return values.map { $0 ?? .nan }
  }
}
