import Foundation
import MesoConfig
import MesoCore

/// `report.md`: the comparison's tables (mean ± s.e.m. over trials, micro vs meso, relative
/// difference) and its figures.
struct ComparisonMarkdown {
  let text: String

  init(report: ConfigValue, populations: [String], figures: [String]?) {
    var lines = ["# MesoPop comparison: micro vs meso", ""]
    let trials = report.member("trials").map(Self.format) ?? "?"
    lines.append(
      "\(trials) trials of each level, master seed \(report.member("seed").map(Self.format) ?? "?"), "
        + "\(report.member("duration_s").map(Self.format) ?? "?") s each; the first "
        + "\(report.member("transient_s").map(Self.format) ?? "?") s are discarded. Values are means ± s.e.m. over trials.")
    lines.append("")
    lines.append(Self.windowSentence(report))
    let rows: [(group: String?, label: String, path: [String])] = [
      (nil, "rate (Hz)", ["rate_hz"]), (nil, "std A, 1 ms bins (Hz)", ["std_A_hz", "1ms"]),
      (nil, "std A, 10 ms bins (Hz)", ["std_A_hz", "10ms"]),
      ("up_down", "fraction of time Up", ["up_down", "fraction_up"]), ("up_down", "mean Up duration (s)", ["up_down", "mean_up_s"]),
      ("up_down", "mean Down duration (s)", ["up_down", "mean_down_s"]), ("up_down", "Up/Down transitions", ["up_down", "transitions"]),
      ("population_spikes", "population spikes (Hz)", ["population_spikes", "rate_hz"]),
      ("population_spikes", "mean peak (Hz)", ["population_spikes", "mean_peak_hz"]),
      ("population_spikes", "mean width (s)", ["population_spikes", "mean_width_s"]),
      ("population_spikes", "mean inter-event interval (s)", ["population_spikes", "mean_interval_s"]),
    ]
    for name in populations {
      guard let p = report.member("populations")?.member(name) else { continue }
      let absent = p.member("absent")
      lines += ["", "## Population \(name)", "", "| statistic | micro | meso | (meso − micro)/micro |", "|---|---|---|---|"]
      let relative = p.member("relative_difference")
      let relativeKeys = [
        "rate_hz": "rate_hz", "std_A_hz.10ms": "std_A_hz_10ms", "std_A_hz.1ms": "std_A_hz_1ms",
        "up_down.fraction_up": "fraction_up", "up_down.mean_up_s": "mean_up_s", "up_down.mean_down_s": "mean_down_s",
        "population_spikes.rate_hz": "population_spike_rate_hz",
      ]
      for row in rows where row.group.map({ absent?.member($0) == nil }) ?? true {
        let cells = ["micro", "meso"].map { level in Self.estimate(row.path.reduce(p.member(level)) { $0?.member($1) }) }
        let difference = relativeKeys[row.path.joined(separator: ".")].flatMap { relative?.member($0) }
        lines.append("| \(row.label) | \(cells[0]) | \(cells[1]) | \(difference.map(Self.percent) ?? "") |")
      }
      lines.append("")
      if absent?.member("up_down") == nil {
        let thresholds = ["theta_hi", "theta_lo"].map { p.member("micro")?.member("up_down")?.member($0).map(Self.format) ?? "–" }
        lines.append("Up/Down thresholds θ_hi = \(thresholds[0]) Hz, θ_lo = \(thresholds[1]) Hz (hysteresis on the smoothed activity).")
      }
      if let ks = p.member("dwell_time_ks"), ks != .null {
        let parts = ["up", "down"].compactMap { state -> String? in
          guard let test = ks.member(state), test != .null else { return nil }
          return "\(state): D = \(test.member("D").map(Self.format) ?? "?"), p = \(test.member("p").map(Self.format) ?? "?")"
        }
        if !parts.isEmpty { lines.append("Dwell times, two-sample Kolmogorov–Smirnov micro vs meso — " + parts.joined(separator: "; ") + ".") }
      }
      lines += Self.driftLines(p.member("drift"), threshold: report.member("drift_threshold_z"))
      if case .object(let reasons)? = absent, !reasons.isEmpty {
        lines += (lines.last == "" ? [] : [""]) + ["Not reported:"]
        for key in ["up_down", "population_spikes", "psd"] {
          if case .string(let reason)? = reasons[key] { lines.append("- \(reason).") }
        }
      }
      lines += Self.windowRateLines(p.member("window_rates_hz"))
    }
    lines += ["", "## Figures", ""]
    if let figures, !figures.isEmpty {
      for figure in figures { lines.append("![\(figure)](figures/\(figure))") }
    } else {
      lines.append("No figures: python3 with matplotlib (and notebooks-data/plot_comparison.py) were not available. The tables above are complete.")
    }
    text = lines.joined(separator: "\n") + "\n"
  }

  /// Where the statistics come from: the analysis window and the input changes it avoids.
  private static func windowSentence(_ report: ConfigValue) -> String {
    let changes: [String] =
      if case .array(let times)? = report.member("input_changes_s") { times.map(time) } else { [] }
    let inputs = changes.isEmpty ? "No input changes during the run." : "Inputs change at t = \(changes.joined(separator: ", ")) s."
    guard case .array(let window)? = report.member("analysis_window_s"), window.count == 2 else {
      return inputs + " No input-free window is longer than the transient: the rate and std A span the run after it."
    }
    return inputs + " Statistics are computed in the input-free window [\(time(window[0])), \(time(window[1]))) s "
      + "(the longest; the transient is also discarded after every input change)."
  }

  /// A warning for each level whose mean activity drifts inside the window.
  private static func driftLines(_ drift: ConfigValue?, threshold: ConfigValue?) -> [String] {
    ["micro", "meso"].compactMap { level in
      guard let test = drift?.member(level), test.member("drifts") == .bool(true) else { return nil }
      return "Not stationary (\(level)): the mean activity changes by \(test.member("difference_hz").map(format) ?? "?") Hz "
        + "between the halves of the window (z = \(test.member("z").map(format) ?? "?"), |z| > \(threshold.map(format) ?? "?")); "
        + "the statistics above average over that drift — a longer `analysis.transient` removes it."
    }
  }

  /// The mean rate of every input-free window when there are several.
  private static func windowRateLines(_ windows: ConfigValue?) -> [String] {
    guard case .array(let entries)? = windows, entries.count > 1 else { return [] }
    var lines = ["", "| input-free window (s) | micro rate (Hz) | meso rate (Hz) | (meso − micro)/micro |", "|---|---|---|---|"]
    for w in entries {
      let span = "[\(w.member("start_s").map(time) ?? "?"), \(w.member("end_s").map(time) ?? "?"))"
      lines.append(
        "| \(span) | \(estimate(w.member("micro"))) | \(estimate(w.member("meso"))) | \(w.member("relative_difference").map(percent) ?? "") |")
    }
    return lines
  }

  /// A time as the configuration would write it (12 significant digits, no trailing zeros).
  private static func time(_ value: ConfigValue) -> String {
    guard case .number(let t) = value else { return format(value) }
    return formatNumber(t)
  }

  private static func format(_ value: ConfigValue) -> String {
    guard case .number(let x) = value else { return value == .null ? "–" : value.rendered }
    if x == x.rounded(), abs(x) < 1e9 { return String(Int(x)) }
    return String(format: abs(x) >= 100 ? "%.1f" : abs(x) >= 1 ? "%.3f" : "%.4g", x)
  }

  /// `mean ± sem` with two significant digits of the s.e.m. and the mean to the same decimal place.
  private static func estimate(_ value: ConfigValue?) -> String {
    guard let value, let meanValue = value.member("mean") else { return "–" }
    guard case .number(let mean) = meanValue, case .number(let sem)? = value.member("sem"), sem > 0 else {
      return format(meanValue)
    }
    let decimals = max(0, 1 - Int(log10(sem).rounded(.down)))
    return String(format: "%.\(decimals)f ± %.\(decimals)f", mean, sem)
  }

  private static func percent(_ value: ConfigValue) -> String {
    guard case .number(let x) = value else { return "" }
    return String(format: "%+.1f %%", 100 * x)
  }
}
