import MesoCore

/// Whether a statistic applies to the data: the value it needs (a threshold, say), or the reason
/// it is left out of a report.
public enum Applicability<Value: Equatable & Sendable>: Equatable, Sendable {
  /// The statistic applies, computed with this value.
  case applies(Value)
  /// The statistic is left out, for this reason (a sentence for the report).
  case absent(reason: String)

  /// The value when the statistic applies.
  public var value: Value? {
    if case .applies(let value) = self { value } else { nil }
  }

  /// Why the statistic is absent; nil when it applies.
  public var reason: String? {
    if case .absent(let reason) = self { reason } else { nil }
  }
}

extension BimodalHistogram.Rule {
  /// The rule in words, for reports; `unit` follows the lattice step (" Hz" for A).
  public func summary(unit: String = "") -> String {
    let lattice = resolution > 0 ? " (bin width a whole multiple of the count resolution \(formatNumber(resolution))\(unit))" : ""
    return "\(bins)-bin histogram\(lattice) of the values between the \(formatNumber(100 * tailFraction)) % and "
      + "\(formatNumber(100 * (1 - tailFraction))) % quantiles; bimodal when its deepest valley, with at least "
      + "\(formatNumber(100 * minimumSideFraction)) % of the values on each side, is at most "
      + "\(formatNumber(maximumValleyRatio)) × the lower of the two modes"
  }
}

/// Up/Down states apply when the smoothed activity is bimodal and switches state.
public enum UpDownApplicability {
  /// Decides from the trials of both levels (each already restricted to the analysis window):
  /// boxcar smoothing of `settings.smoothing`, then `BimodalHistogram` of the pooled micro trials and
  /// of the pooled meso trials. Absent when neither level is bimodal, or when no trial of either
  /// level changes state. Otherwise the thresholds: the configured θ_hi, θ_lo, else those of the
  /// micro histogram, else of the meso histogram (the same thresholds then serve both levels).
  public static func decide(
    micro: [TimeSeries], meso: [TimeSeries], settings: AnalysisSettings.UpDown, rule: BimodalHistogram.Rule = .init()
  ) throws(AnalysisError) -> Applicability<HysteresisThresholds> {
    let smoothed = try [micro, meso].map { level throws(AnalysisError) in
      try level.map { trial throws(AnalysisError) in try trial.boxcarSmoothed(width: settings.smoothing) }
    }
    let histograms = smoothed.map { BimodalHistogram($0.flatMap(\.values), rule: rule) }
    let smoothing = "smoothed over \(formatNumber(1000 * settings.smoothing)) ms"
    guard let histogram = histograms[0] ?? histograms[1] else {
      let configured = settings.thetaHi != nil ? " (the configured θ_hi, θ_lo were not used)" : ""
      return .absent(
        reason: "no Up/Down states: the activity \(smoothing) is not bimodal in either level\(configured); "
          + "bimodality test: \(rule.summary(unit: " Hz"))")
    }
    let thresholds =
      if let high = settings.thetaHi, let low = settings.thetaLo {
        try HysteresisThresholds(high: high, low: low)
      } else {
        histogram.upDownThresholds
      }
    let switches = smoothed.joined().contains { UpDownStates(smoothed: $0, thresholds: thresholds).transitions > 0 }
    guard switches else {
      return .absent(
        reason: "no Up/Down states: the activity \(smoothing) is bimodal but never crosses θ_hi = "
          + "\(formatNumber(thresholds.high)) Hz and θ_lo = \(formatNumber(thresholds.low)) Hz inside the window")
    }
    return .applies(thresholds)
  }
}

/// Population-spike statistics apply when there is a threshold and the activity crosses it.
public enum PopulationSpikeApplicability {
  /// Decides from the trials of both levels (each restricted to the analysis window): boxcar
  /// smoothing of `settings.smoothing`; the threshold is the configured one, else the midpoint of
  /// the modes of the pooled micro activity's `BimodalHistogram`, else of the meso one. Absent when
  /// there is no threshold or when no trial of either level holds a complete event above it.
  public static func decide(
    micro: [TimeSeries], meso: [TimeSeries], settings: AnalysisSettings.PopulationSpikes,
    rule: BimodalHistogram.Rule = .init()
  ) throws(AnalysisError) -> Applicability<Double> {
    let smoothed = try [micro, meso].map { level throws(AnalysisError) in
      try level.map { trial throws(AnalysisError) in try trial.boxcarSmoothed(width: settings.smoothing) }
    }
    let smoothing = "smoothed over \(formatNumber(1000 * settings.smoothing)) ms"
    guard
      let threshold = settings.threshold
        ?? smoothed.lazy.compactMap({ BimodalHistogram($0.flatMap(\.values), rule: rule)?.midpoint }).first
    else {
      return .absent(
        reason: "no population spikes: no threshold is configured and the activity \(smoothing) is not "
          + "bimodal in either level; bimodality test: \(rule.summary(unit: " Hz"))")
    }
    var hasEvents = false
    for trial in smoothed.joined() where !hasEvents {
      hasEvents = try !PopulationSpikeEvents(smoothed: trial, threshold: threshold).events.isEmpty
    }
    guard hasEvents else {
      return .absent(
        reason: "no population spikes: the activity \(smoothing) never rises above θ = \(formatNumber(threshold)) Hz "
          + "and falls back inside the window in any trial")
    }
    return .applies(threshold)
  }
}
