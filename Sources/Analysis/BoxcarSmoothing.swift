extension TimeSeries {
  /// Centred boxcar (moving average) over w = round(width/Δt) bins, at least one:
  /// y_k = mean of x_j over j ∈ [k − ⌊w/2⌋, k − ⌊w/2⌋ + w − 1], so the window covers
  /// [t_k − wΔt/2, t_k + wΔt/2) up to half a bin (no lag). Near the ends the window is cut to the
  /// samples that exist and y_k is the mean of those: same length and grid as x, no padding.
  /// `width` in s (50 ms for Up/Down in `compare`).
  public func boxcarSmoothed(width: Double) throws(AnalysisError) -> TimeSeries {
    guard width.isFinite, width > 0 else { throw .parameter("smoothing", width, "be > 0 s") }
    let w = max(1, Int((width / dt).rounded()))
    // prefix[i] = Σ_{j<i} x_j
    var prefix = [Double](repeating: 0, count: count + 1)
    for (j, x) in values.enumerated() { prefix[j + 1] = prefix[j] + x }
    let smoothed = (0..<count).map { k in
      let lower = max(0, k - w / 2)
      let upper = min(count, k - w / 2 + w)
      return (prefix[upper] - prefix[lower]) / Double(upper - lower)
    }
    return withValues(smoothed)
  }
}
