import MesoCore

/// One population spike: a maximal run of bins of the smoothed activity above the threshold.
public struct PopulationSpike: Equatable, Sendable {
  /// Bins above threshold (indices into the smoothed series).
  public let bins: Range<Int>
  /// Start of the first bin above threshold (s): the upward crossing.
  public let start: Double
  /// Width, time above threshold (s) = (number of bins)·Δt.
  public let width: Double
  /// Peak amplitude, the largest smoothed value in the event (Hz for A).
  public let peak: Double
  /// Start of the bin holding the peak (s).
  public let peakTime: Double
}

/// Population spikes as threshold crossings of a smoothed activity (ComparisonHarness article): an event starts
/// at a bin with x_k > θ after a bin with x_{k−1} ≤ θ and lasts while x > θ. Only complete events count
/// (both crossings inside the series): a run already above θ in the first bin or still above θ in the
/// last one is left out of every statistic, the rate included.
public struct PopulationSpikeEvents: Equatable, Sendable {
  /// The smoothed activity the events were read from.
  public let smoothed: TimeSeries
  /// θ (Hz for A).
  public let threshold: Double
  /// The complete events in time order.
  public let events: [PopulationSpike]

  /// Events of an already smoothed series above `threshold`.
  public init(smoothed: TimeSeries, threshold: Double) throws(AnalysisError) {
    guard threshold.isFinite else { throw .parameter("threshold", threshold, "be finite") }
    let x = smoothed.values
    var events: [PopulationSpike] = []
    var k = 1
    while k < x.count {
      guard x[k] > threshold, x[k - 1] <= threshold else {
        k += 1
        continue
      }
      guard let end = x[k...].firstIndex(where: { $0 <= threshold }) else { break }
      let peakBin = x[k..<end].firstIndexOfMaximum()!
      events.append(
        PopulationSpike(
          bins: k..<end, start: smoothed.time(at: k), width: Double(end - k) * smoothed.dt, peak: x[peakBin],
          peakTime: smoothed.time(at: peakBin)))
      k = end + 1
    }
    self.smoothed = smoothed
    self.threshold = threshold
    self.events = events
  }

  /// Events of a raw activity `activity` as configured: boxcar smoothing of `settings.smoothing` s,
  /// threshold `settings.threshold` or, when nil, `BimodalHistogram.midpoint` of the smoothed activity
  /// (midway between its two modes). nil when the threshold comes from the data and the histogram is
  /// not bimodal.
  public static func detect(
    in activity: TimeSeries, settings: AnalysisSettings.PopulationSpikes, rule: BimodalHistogram.Rule = .init()
  ) throws(AnalysisError) -> PopulationSpikeEvents? {
    let smoothed = try activity.boxcarSmoothed(width: settings.smoothing)
    guard let threshold = settings.threshold ?? BimodalHistogram(smoothed.values, rule: rule)?.midpoint else {
      return nil
    }
    return try PopulationSpikeEvents(smoothed: smoothed, threshold: threshold)
  }

  /// Event rate: complete events per second of the series (Hz).
  public var rate: Double { Double(events.count) / smoothed.duration }

  /// Intervals between the starts of successive events (s).
  public var interEventIntervals: [Double] { zip(events, events.dropFirst()).map { $1.start - $0.start } }

  /// Mean inter-event interval (s) with standard error s.d./√count; nil without two events.
  public var meanInterval: MeanEstimate? { MeanEstimate(interEventIntervals) }

  /// Mean peak amplitude (Hz for A) with standard error; nil without events.
  public var meanPeak: MeanEstimate? { MeanEstimate(events.map(\.peak)) }

  /// Mean width (s) with standard error; nil without events.
  public var meanWidth: MeanEstimate? { MeanEstimate(events.map(\.width)) }
}
