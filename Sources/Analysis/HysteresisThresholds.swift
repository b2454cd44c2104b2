/// θ_hi and θ_lo of Up/Down detection (Hz for A): Down→Up when the smoothed activity exceeds θ_hi,
/// Up→Down when it falls below θ_lo; θ_lo ≤ θ_hi.
public struct HysteresisThresholds: Equatable, Sendable {
  /// θ_hi, Down→Up threshold.
  public let high: Double
  /// θ_lo, Up→Down threshold.
  public let low: Double

  /// Checked thresholds: both finite, θ_lo ≤ θ_hi.
  public init(high: Double, low: Double) throws(AnalysisError) {
    guard high.isFinite else { throw .parameter("theta_hi", high, "be finite") }
    guard low.isFinite, low <= high else { throw .parameter("theta_lo", low, "be finite and <= theta_hi") }
    self.init(uncheckedHigh: high, low: low)
  }

  init(uncheckedHigh high: Double, low: Double) {
    self.high = high
    self.low = low
  }
}
