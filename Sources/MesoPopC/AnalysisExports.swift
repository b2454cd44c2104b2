import MesoPop

// The statistics of `Analysis` on any series handed over as `n` doubles `x` on bins of `dt` s
// starting at `t0` s (the engines', NEST's or recorded data). Each returns a result (named arrays
// and a JSON text of figures) or NULL with an error of kind `analysis`.

/// The series of `n` values at `x`, copied once.
private func series(_ x: UnsafePointer<Double>?, _ n: Int64, _ dt: Double, _ t0: Double) throws -> TimeSeries {
  guard n >= 0, n == 0 || x != nil else { throw usage("the series is missing (NULL) or has a negative length") }
  return try TimeSeries(values: Array(UnsafeBufferPointer(start: x, count: Int(n))), dt: dt, start: t0)
}

/// `{"mean", "sem"}` of a `MeanEstimate`, or null.
private func estimate(_ e: MeanEstimate?) -> ConfigValue {
  e.map { .object(["mean": jsonNumber($0.mean), "sem": $0.sem.map(jsonNumber) ?? .null]) } ?? .null
}

/// A one-dimensional float64 array.
private func vector(_ name: String, _ values: [Double]) -> NPYArray {
  NPYArray(name: name, shape: [values.count], storage: .float64(values))
}

/// The series rebinned to `width` s (`TimeSeries.rebinned(to:)`): array `x`; figures `dt`, `mean`
/// and `std` (the population standard deviation σ of the rebinned series, as `std_A_hz` of reports).
@_cdecl("mesopop_rebin")
public func mesopop_rebin(
  _ x: UnsafePointer<Double>?, _ n: Int64, _ dt: Double, _ t0: Double, _ width: Double,
  _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> UnsafeMutableRawPointer? {
  catchingErrors(error) {
    let wide = try series(x, n, dt, t0).rebinned(to: width)
    let figures: ConfigValue = .object([
      "dt": jsonNumber(wide.dt), "mean": jsonNumber(wide.mean), "std": jsonNumber(wide.standardDeviation),
    ])
    return retained(ResultHandle(arrays: [vector("x", wide.values)], meta: figures.jsonString()))
  }
}

/// Welch's power spectral density (`PowerSpectrum`) from segments of `segment_length` samples:
/// arrays `f` (Hz) and `S` (two-sided, unit² · s); figures `segments`, `resolution`, `total_power`.
@_cdecl("mesopop_psd")
public func mesopop_psd(
  _ x: UnsafePointer<Double>?, _ n: Int64, _ dt: Double, _ t0: Double, _ segmentLength: Int64,
  _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> UnsafeMutableRawPointer? {
  catchingErrors(error) {
    let psd = try PowerSpectrum(series(x, n, dt, t0), segmentLength: Int(clamping: segmentLength))
    let figures: ConfigValue = .object([
      "segments": .number(Double(psd.segments)), "segment_length": .number(Double(psd.segmentLength)),
      "resolution": jsonNumber(psd.resolution), "total_power": jsonNumber(psd.totalPower),
    ])
    return retained(ResultHandle(arrays: [vector("f", psd.f), vector("S", psd.S)], meta: figures.jsonString()))
  }
}

/// Up/Down states (`UpDownStates.detect`) after boxcar smoothing of `smoothing` s, with thresholds
/// `theta_hi`, `theta_lo` (Hz; both NaN: from the bimodal histogram of the smoothed series). Arrays
/// `smoothed`, `up` (1 in Up bins, 0 in Down, int64), `up_dwell_s`, `down_dwell_s` (complete
/// intervals); figures `found` (false when the histogram is not bimodal), `theta_hi`, `theta_lo`,
/// `fraction_up`, `transitions`, `mean_up_s`, `mean_down_s` (`{"mean", "sem"}` or null).
@_cdecl("mesopop_up_down")
public func mesopop_up_down(
  _ x: UnsafePointer<Double>?, _ n: Int64, _ dt: Double, _ t0: Double, _ smoothing: Double, _ thetaHi: Double,
  _ thetaLo: Double, _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> UnsafeMutableRawPointer? {
  catchingErrors(error) {
    let settings = AnalysisSettings.UpDown(
      smoothing: smoothing, thetaHi: thetaHi.isNaN ? nil : thetaHi, thetaLo: thetaLo.isNaN ? nil : thetaLo)
    guard let states = try UpDownStates.detect(in: series(x, n, dt, t0), settings: settings) else {
      return retained(ResultHandle(arrays: [], meta: ConfigValue.object(["found": .bool(false)]).jsonString()))
    }
    let figures: ConfigValue = .object([
      "found": .bool(true), "theta_hi": jsonNumber(states.thresholds.high), "theta_lo": jsonNumber(states.thresholds.low),
      "fraction_up": jsonNumber(states.fractionUp), "transitions": .number(Double(states.transitions)),
      "mean_up_s": estimate(states.meanUp), "mean_down_s": estimate(states.meanDown),
    ])
    let arrays = [
      vector("smoothed", states.smoothed.values),
      NPYArray(name: "up", shape: [states.states.count], storage: .int64(states.states.map { $0 == .up ? 1 : 0 })),
      vector("up_dwell_s", states.dwellTimes(.up)), vector("down_dwell_s", states.dwellTimes(.down)),
    ]
    return retained(ResultHandle(arrays: arrays, meta: figures.jsonString()))
  }
}

/// Population spikes (`PopulationSpikeEvents.detect`) after boxcar smoothing of `smoothing` s above
/// `threshold` (Hz; NaN: midway between the modes of the smoothed series). Arrays `smoothed`, and per
/// complete event `start`, `width`, `peak`, `peak_time`; figures `found`, `threshold`, `rate_hz`,
/// `mean_peak_hz`, `mean_width_s`, `mean_interval_s`.
@_cdecl("mesopop_population_spikes")
public func mesopop_population_spikes(
  _ x: UnsafePointer<Double>?, _ n: Int64, _ dt: Double, _ t0: Double, _ smoothing: Double, _ threshold: Double,
  _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> UnsafeMutableRawPointer? {
  catchingErrors(error) {
    let settings = AnalysisSettings.PopulationSpikes(smoothing: smoothing, threshold: threshold.isNaN ? nil : threshold)
    guard let found = try PopulationSpikeEvents.detect(in: series(x, n, dt, t0), settings: settings) else {
      return retained(ResultHandle(arrays: [], meta: ConfigValue.object(["found": .bool(false)]).jsonString()))
    }
    let figures: ConfigValue = .object([
      "found": .bool(true), "threshold": jsonNumber(found.threshold), "rate_hz": jsonNumber(found.rate),
      "mean_peak_hz": estimate(found.meanPeak), "mean_width_s": estimate(found.meanWidth),
      "mean_interval_s": estimate(found.meanInterval),
    ])
    let arrays = [
      vector("smoothed", found.smoothed.values), vector("start", found.events.map(\.start)),
      vector("width", found.events.map(\.width)), vector("peak", found.events.map(\.peak)),
      vector("peak_time", found.events.map(\.peakTime)),
    ]
    return retained(ResultHandle(arrays: arrays, meta: figures.jsonString()))
  }
}

/// The two-sample Kolmogorov–Smirnov test (`KolmogorovSmirnovTest`) of `n` values `a` and `m`
/// values `b`: figures `statistic`, `p_value`, `n`, `m`; an error when either sample is empty or
/// holds a value that is not finite.
@_cdecl("mesopop_ks_test")
public func mesopop_ks_test(
  _ a: UnsafePointer<Double>?, _ n: Int64, _ b: UnsafePointer<Double>?, _ m: Int64,
  _ error: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> UnsafeMutableRawPointer? {
  catchingErrors(error) {
    guard n >= 0, m >= 0, n == 0 || a != nil, m == 0 || b != nil else { throw usage("a sample is missing (NULL) or has a negative length") }
    let first = Array(UnsafeBufferPointer(start: a, count: Int(n))), second = Array(UnsafeBufferPointer(start: b, count: Int(m)))
    for (k, value) in (first + second).enumerated() where !value.isFinite {
      throw AnalysisError.nonFiniteValue(index: k < first.count ? k : k - first.count, value: value)
    }
    guard let test = KolmogorovSmirnovTest(first, second) else {
      throw AnalysisError.tooFewSamples(quantity: "a Kolmogorov-Smirnov test", available: min(first.count, second.count), required: 1)
    }
    let figures: ConfigValue = .object([
      "statistic": jsonNumber(test.statistic), "p_value": jsonNumber(test.pValue), "n": .number(Double(test.n)),
      "m": .number(Double(test.m)),
    ])
    return retained(ResultHandle(arrays: [], meta: figures.jsonString()))
  }
}
