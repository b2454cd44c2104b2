import CGSL

/// In-place real discrete Fourier transforms of one length L and their inverses, by GSL's mixed-radix
/// routines (`gsl_fft_real_transform`, `gsl_fft_halfcomplex_inverse`). The forward transform leaves
/// X_k = Σ_j x_j e^{−2πijk/L} in GSL's half-complex layout: `[X_0, Re X_1, Im X_1, …]`, with X_{L/2}
/// (real) last for even L; the inverse applies 1/L. Wavetables and workspace are allocated once.
/// Not thread-safe (shared workspace).
public final class HalfComplexFFT {
  /// L, the number of samples per transform.
  public let length: Int
  private let realTable: UnsafeMutablePointer<gsl_fft_real_wavetable>
  private let inverseTable: UnsafeMutablePointer<gsl_fft_halfcomplex_wavetable>
  private let workspace: UnsafeMutablePointer<gsl_fft_real_workspace>

  /// Plans transforms of `length` ≥ 1 samples.
  public init(length: Int) throws(GSLError) {
    precondition(length >= 1, "HalfComplexFFT: length \(length) < 1")
    _ = gslErrorHandlerOff
    guard let real = gsl_fft_real_wavetable_alloc(length) else { throw Self.outOfMemory(length) }
    guard let inverse = gsl_fft_halfcomplex_wavetable_alloc(length) else {
      gsl_fft_real_wavetable_free(real)
      throw Self.outOfMemory(length)
    }
    guard let work = gsl_fft_real_workspace_alloc(length) else {
      gsl_fft_halfcomplex_wavetable_free(inverse)
      gsl_fft_real_wavetable_free(real)
      throw Self.outOfMemory(length)
    }
    self.length = length
    realTable = real
    inverseTable = inverse
    workspace = work
  }

  deinit {
    gsl_fft_real_workspace_free(workspace)
    gsl_fft_halfcomplex_wavetable_free(inverseTable)
    gsl_fft_real_wavetable_free(realTable)
  }

  private static func outOfMemory(_ length: Int) -> GSLError {
    GSLError(code: Int32(GSL_ENOMEM), time: 0, context: "allocating FFT tables (L = \(length))")
  }

  /// x ← half-complex X (forward transform, no normalisation) of the L values at `x`.
  public func forward(_ x: UnsafeMutablePointer<Double>) throws(GSLError) {
    let status = gsl_fft_real_transform(x, 1, length, realTable, workspace)
    guard status == Int32(GSL_SUCCESS) else { throw GSLError(code: status, time: 0, context: "real FFT (L = \(length))") }
  }

  /// x ← (1/L) Σ_k X_k e^{2πijk/L}, the inverse of `forward`, from half-complex values at `x`.
  public func inverse(_ x: UnsafeMutablePointer<Double>) throws(GSLError) {
    let status = gsl_fft_halfcomplex_inverse(
      x, 1, length, inverseTable, workspace)
    guard status == Int32(GSL_SUCCESS) else {
      throw GSLError(code: status, time: 0, context: "inverse half-complex FFT (L = \(length))")
    }
  }
}
