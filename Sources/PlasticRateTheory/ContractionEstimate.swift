import Foundation

/// The distance to the fixed point of a linearly converging iteration, estimated from its residuals
/// r_n (sup-norm of the step): with the measured contraction λ̂ = (r_n / r_{n−m})^{1/m} over the last
/// m iterations, the error left is ≈ r_n / (1 − λ̂) (the geometric series of the remaining steps).
/// An absolute rule r_n < tolerance stops far from the fixed point when λ̂ → 1 (near g = 1 the DMFT's
/// slowest mode has gain → 1); this rule does not. ∞ until m + 1 residuals are known, and while
/// λ̂ ≥ 1 (not contracting). For damped steps x ← x + α r it overestimates the distance by 1/α.
struct ContractionEstimate {
  /// m, the number of iterations λ̂ is measured over.
  let window: Int
  private var recent: [Double] = []

  init(window: Int) { self.window = window }

  /// Records the residual of the latest iteration.
  mutating func record(_ residual: Double) {
    recent.append(residual)
    if recent.count > window + 1 { recent.removeFirst() }
  }

  /// λ̂ = (r_n / r_{n−m})^{1/m}; nil until m + 1 residuals are recorded.
  var contraction: Double? {
    guard recent.count == window + 1, let last = recent.last, let first = recent.first, first > 0 else { return nil }
    return pow(last / first, 1 / Double(window))
  }

  /// r_n / (1 − λ̂), or ∞ when λ̂ is unknown or ≥ 1.
  var distance: Double {
    guard let lambda = contraction, lambda < 1, let last = recent.last else { return .infinity }
    return last / (1 - lambda)
  }
}
