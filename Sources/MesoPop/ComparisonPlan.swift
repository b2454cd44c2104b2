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

  /// Decides which statistics apply to population α: without an input-free window only the rate
  /// and std A; otherwise `UpDownApplicability`, `PopulationSpikeApplicability` and a spectrum.
  func plan(_ α: Int) throws -> StatisticsPlan {
    let a = try micro.map { try series($0, α) }, b = try meso.map { try series($0, α) }
    let driven = "every stretch between input changes is shorter than the transient discarded after it"
    guard analysisWindow != nil else {
      return StatisticsPlan(
        upDown: .absent(reason: "no Up/Down states: \(driven), so states would be the inputs' doing"),
        populationSpikes: .absent(reason: "no population spikes: \(driven), so events would be the inputs' doing"),
        spectrumSegment: .absent(reason: "no power spectrum: \(driven)"), drift: (nil, nil))
    }
    let upDownSettings = model.analysis.upDown ?? .init(), spikeSettings = model.analysis.populationSpikes ?? .init()
    let upDown = try UpDownApplicability.decide(
      micro: a, meso: b, settings: upDownSettings, rule: histogramRule(α, smoothing: upDownSettings.smoothing))
    let spikes = try PopulationSpikeApplicability.decide(
      micro: a, meso: b, settings: spikeSettings, rule: histogramRule(α, smoothing: spikeSettings.smoothing))
    // A sweep analyses one level: its first trial then sizes the spectrum.
    let first = (a + b)[0]
    let spectrum: Applicability<Int> =
      first.count < 2
      ? .absent(reason: "no power spectrum: the analysis window holds a single recording bin")
      : .applies(min(first.count, max(2, Int((1 / first.dt).rounded()))))
    return StatisticsPlan(upDown: upDown, populationSpikes: spikes, spectrumSegment: spectrum, drift: (DriftTest(a), DriftTest(b)))
  }
}
