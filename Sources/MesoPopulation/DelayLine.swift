/// The recent per-step values of one source (activity, Hz), read back D steps later.
/// Holds the last `capacity` values; `push` at step l, `value(delay: D)` at step l + D.
struct DelayLine {
  private var values: [Double]
  private var newest: Int

  /// A line long enough for delays up to `maxDelay` steps, initially `initial` (everywhere 0 but
  /// the value pushed "at step −1", which arrives at step D − 1).
  init(maxDelay: Int, initial: Double) {
    values = Array(repeating: 0, count: maxDelay)
    newest = maxDelay - 1
    values[newest] = initial
  }

  /// The value pushed D ≥ 1 pushes ago (before the push of the current step).
  @inline(__always)
  func value(delay D: Int) -> Double {
    var i = newest - (D - 1)
    if i < 0 { i += values.count }
    return values[i]
  }

  @inline(__always)
  mutating func push(_ value: Double) {
    newest += 1
    if newest == values.count { newest = 0 }
    values[newest] = value
  }
}
