import Foundation
import MesoConfig

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
    let rows: [(String, [String])] = [
      ("rate (Hz)", ["rate_hz"]), ("std A, 1 ms bins (Hz)", ["std_A_hz", "1ms"]), ("std A, 10 ms bins (Hz)", ["std_A_hz", "10ms"]),
      ("fraction of time Up", ["up_down", "fraction_up"]), ("mean Up duration (s)", ["up_down", "mean_up_s"]),
      ("mean Down duration (s)", ["up_down", "mean_down_s"]), ("Up/Down transitions", ["up_down", "transitions"]),
      ("population spikes (Hz)", ["population_spikes", "rate_hz"]), ("mean peak (Hz)", ["population_spikes", "mean_peak_hz"]),
      ("mean width (s)", ["population_spikes", "mean_width_s"]),
      ("mean inter-event interval (s)", ["population_spikes", "mean_interval_s"]),
    ]
    for name in populations {
      guard let p = report.member("populations")?.member(name) else { continue }
      lines += ["", "## Population \(name)", "", "| statistic | micro | meso | (meso − micro)/micro |", "|---|---|---|---|"]
      let relative = p.member("relative_difference")
      let relativeKeys = [
        "rate_hz": "rate_hz", "std_A_hz.10ms": "std_A_hz_10ms", "std_A_hz.1ms": "std_A_hz_1ms",
        "up_down.fraction_up": "fraction_up", "up_down.mean_up_s": "mean_up_s", "up_down.mean_down_s": "mean_down_s",
        "population_spikes.rate_hz": "population_spike_rate_hz",
      ]
      for (label, path) in rows {
        let cells = ["micro", "meso"].map { level in Self.estimate(path.reduce(p.member(level)) { $0?.member($1) }) }
        let difference = relativeKeys[path.joined(separator: ".")].flatMap { relative?.member($0) }
        lines.append("| \(label) | \(cells[0]) | \(cells[1]) | \(difference.map(Self.percent) ?? "") |")
      }
      let thresholds = ["theta_hi", "theta_lo"].map { p.member("micro")?.member("up_down")?.member($0).map(Self.format) ?? "–" }
      lines.append("")
      lines.append("Up/Down thresholds θ_hi = \(thresholds[0]) Hz, θ_lo = \(thresholds[1]) Hz (hysteresis on the smoothed activity).")
      if let ks = p.member("dwell_time_ks") {
        let parts = ["up", "down"].compactMap { state -> String? in
          guard let test = ks.member(state), test != .null else { return nil }
          return "\(state): D = \(test.member("D").map(Self.format) ?? "?"), p = \(test.member("p").map(Self.format) ?? "?")"
        }
        if !parts.isEmpty { lines.append("Dwell times, two-sample Kolmogorov–Smirnov micro vs meso — " + parts.joined(separator: "; ") + ".") }
      }
    }
    lines += ["", "## Figures", ""]
    if let figures, !figures.isEmpty {
      for figure in figures { lines.append("![\(figure)](figures/\(figure))") }
    } else {
      lines.append("No figures: python3 with matplotlib (and notebooks-data/plot_comparison.py) were not available. The tables above are complete.")
    }
    text = lines.joined(separator: "\n") + "\n"
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
