import MesoCore

/// Samples x_k of one quantity on a regular grid: x_k belongs to the bin [t_k, t_k + Δt) with
/// t_k = start + kΔt (the convention of `Recording.time`). For the population activity A the values
/// are in Hz. Never empty; every value finite.
public struct TimeSeries: Equatable, Sendable {
  /// x_k, in the unit of the recorded trace.
  public private(set) var values: [Double]
  /// Δt, bin width (s).
  public let dt: Double
  /// t_0, start of the first bin (s).
  public let start: Double

  /// A series of `values` on bins of width `dt` (s) starting at `start` (s).
  public init(values: [Double], dt: Double, start: Double = 0) throws(AnalysisError) {
    guard dt.isFinite, dt > 0 else { throw .parameter("dt", dt, "be > 0 s") }
    guard start.isFinite else { throw .parameter("start", start, "be finite") }
    guard !values.isEmpty else { throw .tooFewSamples(quantity: "a time series", available: 0, required: 1) }
    if let k = values.firstIndex(where: { !$0.isFinite }) { throw .nonFiniteValue(index: k, value: values[k]) }
    self.values = values
    self.dt = dt
    self.start = start
  }

  /// Column `column` of the trace `trace` of `recording` (any source: the engines, NEST's or a user's
  /// `.npz` with arrays `t` and `A`). Δt = (t_{B−1} − t_0)/(B − 1); the grid must be regular
  /// (|t_k − t_0 − kΔt| ≤ 10⁻⁶Δt) with B ≥ 2 bins and the trace must have B rows.
  public init(_ recording: Recording, trace: String = "A", column: Int) throws(AnalysisError) {
    guard let data = recording[trace] else { throw .missingTrace(trace) }
    guard (0..<data.columns).contains(column) else {
      throw .columnOutOfRange(trace: trace, column: column, columns: data.columns)
    }
    let t = recording.time
    guard t.count >= 2 else { throw .irregularTimeGrid("\(t.count) time(s); a grid needs at least 2") }
    guard data.rows == t.count else {
      throw .irregularTimeGrid("\(t.count) times but trace \(trace) has \(data.rows) rows")
    }
    let dt = (t[t.count - 1] - t[0]) / Double(t.count - 1)
    if let k = t.indices.first(where: { !(abs(t[$0] - t[0] - Double($0) * dt) <= 1e-6 * dt) }) {
      throw .irregularTimeGrid(
        "t[\(k)] = \(formatNumber(t[k])) s is off the regular grid of step \(formatNumber(dt)) s")
    }
    try self.init(values: data.column(column), dt: dt, start: t[0])
  }

  /// Number of samples n.
  public var count: Int { values.count }

  /// T = nΔt, the time covered (s).
  public var duration: Double { Double(count) * dt }

  /// t_k = t_0 + kΔt, start of bin k (s).
  public func time(at k: Int) -> Double { start + Double(k) * dt }

  /// The series without an initial transient: drops every bin that starts before the time `t0` (s,
  /// on the recording's clock, as `Recording.time`; "2 s discarded" is `t0 = 2` for a run
  /// from t = 0). Throws if no bin would be left.
  public func discardingBins(before t0: Double) throws(AnalysisError) -> TimeSeries {
    guard t0.isFinite else { throw .parameter("t0", t0, "be finite") }
    let bins = ((t0 - start) / dt - 1e-9).rounded(.up)  // bins with t_k < t0, up to round-off
    guard bins < Double(count) else {
      throw .tooFewSamples(quantity: "the series from t = \(formatNumber(t0)) s", available: 0, required: 1)
    }
    let dropped = bins > 0 ? Int(bins) : 0
    return try TimeSeries(values: Array(values[dropped...]), dt: dt, start: time(at: dropped))
  }

  /// ⟨x⟩ = (1/n) Σ_k x_k; for A the mean rate (Hz).
  public var mean: Double { values.reduce(0, +) / Double(count) }

  /// σ = √((1/n) Σ_k (x_k − ⟨x⟩)²), the population standard deviation (NumPy's `std` default).
  public var standardDeviation: Double {
    let m = mean
    return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(count)).squareRoot()
  }

  /// The same grid with new values (one per bin), for transforms that keep the grid.
  func withValues(_ newValues: [Double]) -> TimeSeries {
    precondition(newValues.count == count, "withValues: \(newValues.count) values for \(count) bins")
    var copy = self
    copy.values = newValues
    return copy
  }
}
