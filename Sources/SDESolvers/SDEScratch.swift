/// Work space of an `SDEIntegrator`: five buffers of n values in one allocation.
///
/// Pure scratch: every call to `step` or `advance` overwrites what it reads, and nothing in it
/// survives the call, so its contents never matter to the integrator's value.
final class SDEScratch {
  /// f (or the Stratonovich drift f − ½ g ∂g/∂X for Heun) at the current point.
  let drift: UnsafeMutableBufferPointer<Double>
  /// g at the current point.
  let diffusion: UnsafeMutableBufferPointer<Double>
  /// ∂g_i/∂X_i at the current point.
  let derivative: UnsafeMutableBufferPointer<Double>
  /// Heun's predicted state.
  let predictor: UnsafeMutableBufferPointer<Double>
  /// Wiener increments drawn by `advance`.
  let increments: UnsafeMutableBufferPointer<Double>
  private let storage: UnsafeMutableBufferPointer<Double>

  init(dimension n: Int) {
    storage = .allocate(capacity: 5 * n)
    storage.initialize(repeating: 0)
    let base = storage.baseAddress!
    drift = UnsafeMutableBufferPointer(start: base, count: n)
    diffusion = UnsafeMutableBufferPointer(start: base + n, count: n)
    derivative = UnsafeMutableBufferPointer(start: base + 2 * n, count: n)
    predictor = UnsafeMutableBufferPointer(start: base + 3 * n, count: n)
    increments = UnsafeMutableBufferPointer(start: base + 4 * n, count: n)
  }

  deinit { storage.deallocate() }
}
