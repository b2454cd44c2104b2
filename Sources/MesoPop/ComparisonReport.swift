import Analysis
import Foundation
import MesoConfig
import MesoCore

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
          "up_down": .string(histogramRule(α, smoothing: (model.analysis.upDown ?? .init()).smoothing).summary(unit: " Hz")),
          "population_spikes": .string(histogramRule(α, smoothing: (model.analysis.populationSpikes ?? .init()).smoothing).summary(unit: " Hz")),
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
      "inputs": model.configValue.member("inputs") ?? .array([]),
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

  private static func json(_ connection: Connection) -> ConfigValue {
    let stp = connection.stp!
    return .object([
      "from": .string(connection.from), "to": .string(connection.to), "U": .number(stp.U), "U_0": .number(stp.U0),
      "tau_D_s": .number(stp.tauD), "tau_F_s": .number(stp.tauF), "facilitates": .bool(stp.facilitates),
    ])
  }
}
