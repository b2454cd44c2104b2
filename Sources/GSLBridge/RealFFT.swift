import CGSL

/// Squared moduli of the discrete Fourier transform of real sequences of one length L, by GSL's
/// mixed-radix real FFT (`gsl_fft_real_transform`; any L, fastest when L factors into 2, 3, 4, 5, 6,
/// O(L²) per prime factor otherwise). The wavetable and workspace are allocated once and reused for
/// every sequence, so one instance serves all segments of a Welch estimate. Not thread-safe: the
/// workspace is shared scratch.
public final class RealFFT {
  /// L, the number of samples per transform.
  public let length: Int
  private let wavetable: UnsafeMutablePointer<gsl_fft_real_wavetable>
  private let workspace: UnsafeMutablePointer<gsl_fft_real_workspace>
  /// The sequence being transformed, overwritten in place by GSL (half-complex layout).
  private var buffer: [Double]

  /// Plans transforms of `length` ≥ 1 samples.
  public init(length: Int) throws(GSLError) {
    precondition(length >= 1, "RealFFT: length \(length) < 1")
    _ = gslErrorHandlerOff
    guard let table = gsl_fft_real_wavetable_alloc(length) else {
      throw GSLError(code: Int32(GSL_ENOMEM), time: 0, context: "allocating the FFT wavetable (L = \(length))")
    }
    guard let work = gsl_fft_real_workspace_alloc(length) else {
      gsl_fft_real_wavetable_free(table)
      throw GSLError(code: Int32(GSL_ENOMEM), time: 0, context: "allocating the FFT workspace (L = \(length))")
    }
    self.length = length
    wavetable = table
    workspace = work
    buffer = [Double](repeating: 0, count: length)
  }

  deinit {
    gsl_fft_real_workspace_free(workspace)
    gsl_fft_real_wavetable_free(wavetable)
  }

  /// |X_k|² for k = 0 … ⌊L/2⌋, where X_k = Σ_{j<L} (x_j − offset) e^{−2πijk/L} (no normalisation).
  /// `x` must hold exactly L samples; `offset` is subtracted from each before the transform.
  public func squaredModuli<C: Collection<Double>>(of x: C, offset: Double = 0) throws(GSLError) -> [Double] {
    precondition(x.count == length, "RealFFT: \(x.count) samples for a transform of length \(length)")
    for (j, value) in zip(buffer.indices, x) { buffer[j] = value - offset }
    let status = buffer.withUnsafeMutableBufferPointer {
      gsl_fft_real_transform($0.baseAddress, 1, length, wavetable, workspace)
    }
    guard status == Int32(GSL_SUCCESS) else {
      throw GSLError(code: status, time: 0, context: "real FFT of length \(length)")
    }
    // Mixed-radix half-complex layout: buffer[0] = X_0; (buffer[2k−1], buffer[2k]) = (Re, Im) X_k for
    // 0 < k < L/2; buffer[L−1] = X_{L/2} (real) when L is even.
    return (0...(length / 2)).map { k in
      if k == 0 { return buffer[0] * buffer[0] }
      if 2 * k == length { return buffer[length - 1] * buffer[length - 1] }
      return buffer[2 * k - 1] * buffer[2 * k - 1] + buffer[2 * k] * buffer[2 * k]
    }
  }
}
