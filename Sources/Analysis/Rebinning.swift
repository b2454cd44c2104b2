import MesoCore

extension TimeSeries {
  /// The series on wider bins: block means x̄_j = (1/m) Σ_{i<m} x_{jm+i} over m = width/Δt consecutive
  /// bins (for A: spikes per wide bin / (N·width), in Hz). A trailing incomplete block is dropped.
  /// Throws if `width` is not a whole multiple of Δt (to 10⁻⁶ of a bin) or exceeds the series.
  public func rebinned(to width: Double) throws(AnalysisError) -> TimeSeries {
    let ratio = width / dt
    let m = Int(ratio.rounded())
    guard width.isFinite, m >= 1, abs(ratio - Double(m)) <= 1e-6 * ratio else {
      throw .notAMultipleOfBin(quantity: "bin width", width: width, dt: dt)
    }
    guard count >= m else {
      throw .tooFewSamples(quantity: "a \(formatNumber(width)) s bin", available: count, required: m)
    }
    let blocks = (0..<(count / m)).map { j in values[(j * m)..<((j + 1) * m)].reduce(0, +) / Double(m) }
    return try TimeSeries(values: blocks, dt: Double(m) * dt, start: start)
  }
}
