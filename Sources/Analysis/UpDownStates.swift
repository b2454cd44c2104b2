import MesoCore

/// State of a population in Up/Down analysis.
public enum ActivityState: String, Equatable, Sendable {
  /// `down`: below the Up→Down threshold since the last crossing; `up`: above the Down→Up threshold.
  case down, up
}

/// A maximal run of bins in one state.
public struct StateInterval: Equatable, Sendable {
  /// The state held during the whole run.
  public let state: ActivityState
  /// Bins k of the run (indices into the series).
  public let bins: Range<Int>
  /// Start of the first bin (s).
  public let start: Double
  /// End of the last bin (s); end − start = (number of bins)·Δt.
  public let end: Double
  /// false for the first and the last interval: cut by the ends of the series, their true dwell
  /// time is unknown.
  public let isComplete: Bool

  /// Dwell time end − start (s).
  public var duration: Double { end - start }
}

/// Up/Down states of a smoothed activity by hysteresis (ComparisonHarness article): a bin in Down turns Up
/// when its value exceeds θ_hi (x_k > θ_hi), a bin in Up turns Down when it falls below θ_lo
/// (x_k < θ_lo); otherwise the state carries over. The first bin is Up when x_0 ≥ (θ_hi + θ_lo)/2.
/// Dwell-time statistics use complete intervals only (not the first and the last).
public struct UpDownStates: Equatable, Sendable {
  /// The smoothed activity the states were read from.
  public let smoothed: TimeSeries
  /// θ_hi and θ_lo used.
  public let thresholds: HysteresisThresholds
  /// State of every bin of `smoothed`.
  public let states: [ActivityState]
  /// The runs of equal state, in time order; they tile the series.
  public let intervals: [StateInterval]

  /// States of an already smoothed series.
  public init(smoothed: TimeSeries, thresholds: HysteresisThresholds) {
    let x = smoothed.values
    var state: ActivityState = x[0] >= (thresholds.high + thresholds.low) / 2 ? .up : .down
    let states = x.map { value in
      if state == .down, value > thresholds.high { state = .up }
      if state == .up, value < thresholds.low { state = .down }
      return state
    }
    var runStarts = [0] + states.indices.dropFirst().filter { states[$0] != states[$0 - 1] }
    runStarts.append(states.count)
    intervals = zip(runStarts, runStarts.dropFirst()).map { first, end in
      StateInterval(
        state: states[first], bins: first..<end, start: smoothed.time(at: first), end: smoothed.time(at: end),
        isComplete: first > 0 && end < states.count)
    }
    self.smoothed = smoothed
    self.thresholds = thresholds
    self.states = states
  }

  /// The analysis of a raw activity `activity` as configured: boxcar smoothing of
  /// `settings.smoothing` s, then `settings.thetaHi`/`thetaLo` or, when both are nil, the thresholds
  /// of `BimodalHistogram` of the smoothed activity. nil when the thresholds come from the data and
  /// the histogram is not bimodal. Throws for a bad smoothing width or when only one threshold is given.
  public static func detect(
    in activity: TimeSeries, settings: AnalysisSettings.UpDown, rule: BimodalHistogram.Rule = .init()
  ) throws(AnalysisError) -> UpDownStates? {
    let smoothed = try activity.boxcarSmoothed(width: settings.smoothing)
    switch (settings.thetaHi, settings.thetaLo) {
    case (let high?, let low?):
      return UpDownStates(smoothed: smoothed, thresholds: try HysteresisThresholds(high: high, low: low))
    case (nil, nil):
      return BimodalHistogram(smoothed.values, rule: rule).map {
        UpDownStates(smoothed: smoothed, thresholds: $0.upDownThresholds)
      }
    case (let given?, nil), (nil, let given?):
      throw .parameter("theta_hi/theta_lo", given, "come with the other threshold (give both or neither)")
    }
  }

  /// Fraction of the series' time spent Up (all intervals).
  public var fractionUp: Double {
    Double(states.count(where: { $0 == .up })) / Double(states.count)
  }

  /// Number of state changes, Down→Up and Up→Down together.
  public var transitions: Int { intervals.count - 1 }

  /// Dwell times (s) of the complete intervals in `state`.
  public func dwellTimes(_ state: ActivityState) -> [Double] {
    intervals.filter { $0.isComplete && $0.state == state }.map(\.duration)
  }

  /// Mean Up dwell time (s) with standard error s.d./√count over complete Up intervals; nil if none.
  /// (For exponential dwell times s.d. ≈ mean, so this is close to mean/√count.)
  public var meanUp: MeanEstimate? { MeanEstimate(dwellTimes(.up)) }

  /// Mean Down dwell time (s), as `meanUp`.
  public var meanDown: MeanEstimate? { MeanEstimate(dwellTimes(.down)) }
}
