import Foundation
import MesoConfig

/// `report.md` of `mesopop fit`, from the values of `fit.json`: the estimates with their intervals,
/// ln L, the starts, and the fitted-vs-data statistics of every population.
struct FitMarkdown {
  var text: String

  init(json: ConfigValue, populations: [String]) {
    func number(_ value: ConfigValue?) -> String {
      if case .number(let x)? = value { return String(format: "%.6g", x) }
      return "–"
    }
    func items(_ value: ConfigValue?) -> [ConfigValue] {
      if case .array(let a)? = value { return a }
      return []
    }
    let confidence = number(json.member("confidence"))
    var lines = [
      "# Maximum-likelihood fit", "",
      "\(json.member("likelihood").map { if case .string(let s) = $0 { s } else { "" } } ?? "") likelihood of \(number(json.member("steps"))) steps "
        + "of Δt = \(number(json.member("dt_s"))) s, teacher-forced population equations; "
        + "ln L at the optimum = \(number(json.member("log_likelihood"))), \(number(json.member("evaluations"))) evaluations"
        + (json.member("fit_seconds").map { " in \(number($0)) s" } ?? "") + ".", "",
      "| key | start | estimate | standard error | \(confidence) Wald interval | \(confidence) profile interval |",
      "| --- | --- | --- | --- | --- | --- |",
    ]
    func range(_ value: ConfigValue?) -> String {
      let ends = items(value)
      return ends.count == 2 ? "[\(number(ends[0])), \(number(ends[1]))]" : "–"
    }
    for p in items(json.member("parameters")) {
      let key = p.member("key").map { if case .string(let s) = $0 { s } else { "" } } ?? ""
      let profile = p.member("profile").flatMap { profile -> String? in
        guard profile != .null else { return nil }
        let open = { (side: String) in profile.member("\(side)_crossed") == .bool(false) ? " (open)" : "" }
        return "[\(number(profile.member("lower")))\(open("lower")), \(number(profile.member("upper")))\(open("upper"))]"
      }
      lines.append(
        "| `\(key)` | \(number(p.member("start"))) | \(number(p.member("estimate"))) | \(number(p.member("standard_error"))) | "
          + "\(range(p.member("wald_interval"))) | \(profile ?? "–") |")
    }
    if json.member("intervals") == .string("profile") {
      lines += ["", "Profile ends marked (open): ln L_p stays within the threshold up to there (a bound, or as far as the search went)."]
    }
    if json.member("reparametrization") == .string("threshold-relative") {
      lines += [
        "", "Fitted in threshold-relative coordinates (V_th − mu and V_reset − mu of each population whose mu is free); the "
          + "estimates, standard errors and Wald intervals above are of the parameters as named, carried back by the delta "
          + "method (C = J·I⁻¹·Jᵀ, exact for this linear map).",
      ]
    }
    if case .string(let problem)? = json.member("interval_problem") { lines += ["", "No intervals: \(problem)."] }
    let keys = items(json.member("parameters")).map { p in p.member("key").map { if case .string(let s) = $0 { s } else { "" } } ?? "" }
    let combinations = items(json.member("identifiable_combinations"))
    if !combinations.isEmpty {
      lines += [
        "", "## Identifiable combinations", "",
        "Eigen-directions of the observed information in relative units (θ_i/|θ̂_i|), best determined first: the combination "
          + "c = Σ w_i θ_i/|θ̂_i| has standard error 1/√λ where λ > 0 (conditional on the estimate along the others); λ ≤ 0 is "
          + "a flat or saddle direction the data do not determine. Weights below 0.1 are left out.", "",
        "| λ | combination | c | standard error | \(confidence) interval |", "| --- | --- | --- | --- | --- |",
      ]
      for c in combinations {
        let terms = zip(keys, items(c.member("weights"))).compactMap { key, w -> String? in
          guard case .number(let x) = w, abs(x) >= 0.1 else { return nil }
          return String(format: "%+.2f·`%@`", x, key)
        }
        lines.append(
          "| \(number(c.member("eigenvalue"))) | \(terms.joined(separator: " ")) | \(number(c.member("value"))) | "
            + "\(number(c.member("standard_error"))) | \(range(c.member("interval"))) |")
      }
    }
    let steps = { (value: ConfigValue?) in value == .string("config") ? "meso.history" : items(value).map { number($0) }.joined(separator: ", ") }
    if json.member("history") != .string("config") {
      lines += [
        "", "History lengths K held during the fit: \(steps(json.member("history"))) steps per population, "
          + (json.member("history_consistent") == .bool(true)
            ? "the automatic rule's values at the estimate (as a simulation of the fitted model uses)."
            : "NOT the automatic rule's values at the estimate (they did not settle within the re-fits).")
      ]
    }
    let value = json.member("value_change")
    lines += [
      "", "## Starts", "",
      "Converged: the minimiser's own test, or (marked Δ ln L) a gain of ln L below \(number(value?.member("tolerance"))) over "
        + "\(number(value?.member("window"))) iterations (tolerance 0: that rule off).", "",
      "| start | estimate | ln L | iterations | converged | K |", "| --- | --- | --- | --- | --- | --- |",
    ]
    for s in items(json.member("starts")) {
      let list = { (key: String) in items(s.member(key)).map { number($0) }.joined(separator: ", ") }
      lines.append(
        "| \(list("start")) | \(list("estimate")) | \(number(s.member("log_likelihood"))) | \(number(s.member("iterations"))) | "
          + "\(s.member("converged") == .bool(true) ? (s.member("stopped_on_value_change") == .bool(true) ? "yes (Δ ln L)" : "yes") : "no") | "
          + "\(steps(s.member("history"))) |")
    }
    lines += [
      "", "## Fitted model against the data", "",
      "Free mesoscopic runs of the fitted model (\(number(json.member("statistics_trials"))) trials) against the data, "
        + "in the window \(items(json.member("statistics_window_s")).map { number($0) }.joined(separator: " – ")) s "
        + "(statistics as `mesopop compare` computes them; fit.json holds the PSDs).", "",
      "| population | rate data (Hz) | rate fitted (Hz) | std(A) 1 ms data | std(A) 1 ms fitted | std(A) 10 ms data | std(A) 10 ms fitted | ln L | clipped steps |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for name in populations {
      let entry = json.member("statistics")?.member(name)
      let value = { (level: String, key: String, scale: String?) -> String in
        var v = entry?.member(level)?.member(key)
        if let scale { v = v?.member(scale) }
        return number(v?.member("mean"))
      }
      lines.append(
        "| \(name) | \(value("data", "rate_hz", nil)) | \(value("fitted", "rate_hz", nil)) | \(value("data", "std_A_hz", "1ms")) | "
          + "\(value("fitted", "std_A_hz", "1ms")) | \(value("data", "std_A_hz", "10ms")) | \(value("fitted", "std_A_hz", "10ms")) | "
          + "\(number(entry?.member("log_likelihood"))) | \(number(entry?.member("clipped_steps"))) |")
    }
    lines += [
      "", "Clipped steps: counts impossible under the fitted model (n > 0 where n̄ ≤ 0, or n < N where p = 1); "
        + "each costs ln 10⁻¹² per impossible spike instead of −∞ (Fitting article).",
    ]
    text = lines.joined(separator: "\n") + "\n"
  }
}
