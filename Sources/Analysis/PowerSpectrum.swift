import GSLBridge

/// Power spectral density by Welch's method with the normalisation of the authors' C code (Schwalger
/// et al. 2017): the first K·L samples are cut into K = ⌊n/L⌋ non-overlapping segments of L samples
/// (a trailing remainder is dropped), ⟨x⟩ is the mean of those K·L samples, and with no window
/// (rectangular)
///
///   S(f_k) = (1/K) Σ_segments |X_k|² Δt / L,   X_k = Σ_{j<L} (x_j − ⟨x⟩) e^{−2πijk/L},
///   f_k = k/(LΔt),  k = 0 … ⌊L/2⌋.
///
/// S is the **two-sided** density evaluated at f ≥ 0: a white sequence of variance σ² has
/// E[S(f_k)] = σ²Δt at every k > 0 (one-sided density: 2S for 0 < f < f_Nyquist). Removing one global
/// mean rather than each segment's changes only k = 0 (a constant has no other Fourier component);
/// S(0) = LΔt · mean over segments of (segment mean − ⟨x⟩)², which estimates the density at 0 with
/// relative bias −1/K for uncorrelated segments. Unit: (unit of x)²·s, so Hz for A in Hz.
/// For k > 0 this equals SciPy's `welch(x − ⟨x⟩, window="boxcar", nperseg=L, noverlap=0, detrend=False,
/// return_onesided=False, scaling="density")`, as used by Benchmarks/peers/compare.py.
public struct PowerSpectrum: Equatable, Sendable {
  /// f_k, frequencies (Hz), from 0 to the Nyquist frequency (L even) or just below it (L odd).
  public let f: [Double]
  /// S(f_k), two-sided density ((unit of x)²·s).
  public let S: [Double]
  /// L, samples per segment.
  public let segmentLength: Int
  /// K, number of segments averaged.
  public let segments: Int
  /// Δt of the series (s).
  public let dt: Double

  /// Welch estimate from segments of `segmentLength` ≥ 2 samples; the series must hold at least one.
  /// Any L works (GSL mixed radix); lengths with only small prime factors are fastest.
  public init(_ series: TimeSeries, segmentLength: Int) throws(AnalysisError) {
    guard segmentLength >= 2 else { throw .parameter("segment_length", Double(segmentLength), "be >= 2 samples") }
    let k = series.count / segmentLength
    guard k >= 1 else {
      throw .tooFewSamples(quantity: "a power spectrum", available: series.count, required: segmentLength)
    }
    let used = series.values[0..<(k * segmentLength)]
    let mean = used.reduce(0, +) / Double(used.count)
    var sum = [Double](repeating: 0, count: segmentLength / 2 + 1)
    do throws(GSLError) {
      let fft = try RealFFT(length: segmentLength)
      for s in 0..<k {
        let segment = used[(s * segmentLength)..<((s + 1) * segmentLength)]
        for (i, power) in try fft.squaredModuli(of: segment, offset: mean).enumerated() { sum[i] += power }
      }
    } catch {
      throw .gsl(error)
    }
    let scale = series.dt / (Double(segmentLength) * Double(k))
    f = sum.indices.map { Double($0) / (Double(segmentLength) * series.dt) }
    S = sum.map { $0 * scale }
    self.segmentLength = segmentLength
    segments = k
    dt = series.dt
  }

  /// Δf = 1/(LΔt), frequency resolution (Hz).
  public var resolution: Double { 1 / (Double(segmentLength) * dt) }

  /// ∫ S df over one period (−f_N, f_N] as Δf Σ_k c_k S(f_k), c_k = 1 at f = 0 and at f_Nyquist (L even),
  /// 2 otherwise. Parseval makes this exactly the variance (1/n, about ⟨x⟩) of the K·L samples used.
  public var totalPower: Double {
    let weightedSum = S.indices.reduce(0) { sum, k in
      sum + (k == 0 || 2 * k == segmentLength ? 1 : 2) * S[k]
    }
    return weightedSum * resolution
  }
}
