import MesoCore

extension TimeSeries {
  /// The bins that lie wholly inside [t0, t1) (s, on the recording's clock): t_k ≥ t0 and
  /// t_k + Δt ≤ t1, up to round-off of 10⁻⁹Δt. Throws if no bin is left.
  public func window(from t0: Double, to t1: Double) throws(AnalysisError) -> TimeSeries {
    guard t1.isFinite else { throw .parameter("t1", t1, "be finite") }
    let tail = try discardingBins(before: t0)
    let kept = Int(((t1 - tail.start) / dt + 1e-9).rounded(.down))
    guard kept >= 1 else {
      throw .tooFewSamples(
        quantity: "the window [\(formatNumber(t0)), \(formatNumber(t1))) s", available: 0, required: 1)
    }
    return try TimeSeries(values: Array(tail.values.prefix(kept)), dt: dt, start: tail.start)
  }
}
