import Analysis
import Foundation
import Testing

@Suite struct PowerSpectrumTests {
  /// White Gaussian noise of variance σ²: E[S(f_k)] = σ²Δt for k > 0 (ComparisonHarness article). Each S_k averages K
  /// squared moduli that are exponential (χ²₂/2) around σ²Δt, so its relative s.d. is 1/√K; the
  /// L/2 = 128 frequencies k ≥ 1 are independent, so their mean has relative s.d. 1/√(128K) = 1.1 %
  /// for K = 64: bound 4/√(128K). Each half (64 frequencies) has relative s.d. 1/√(64K): bound 4/√(64K).
  /// S(0) with the global mean removed: E = σ²Δt(1 − 1/K), a χ²_{K−1} average with relative s.d.
  /// √(2/(K−1)) = 0.18: bound 4√(2/(K−1)) (excludes 0, which per-segment mean removal would give).
  @Test func whiteNoiseNormalisation() throws {
    let sigma = 3.0, dt = 1e-3, length = 256, k = 64
    let series = try TimeSeries(values: gaussianNoise(length * k, mean: 10, sigma: sigma, seed: 11), dt: dt)
    let spectrum = try PowerSpectrum(series, segmentLength: length)
    #expect(spectrum.segments == k)
    #expect(spectrum.f.count == length / 2 + 1 && spectrum.S.count == length / 2 + 1)
    #expect(abs(spectrum.f[1] - 1 / (Double(length) * dt)) < 1e-12 && abs(spectrum.f.last! - 500) < 1e-9)
    let expected = sigma * sigma * dt
    let relative = spectrum.S.map { $0 / expected }
    let all = mean(Array(relative[1...])), low = mean(Array(relative[1...64])), high = mean(Array(relative[65...]))
    #expect(abs(all - 1) < 4 / (128 * Double(k)).squareRoot(), "mean S/σ²Δt = \(all)")
    #expect(abs(low - 1) < 4 / (64 * Double(k)).squareRoot(), "low half \(low)")
    #expect(abs(high - 1) < 4 / (64 * Double(k)).squareRoot(), "high half \(high)")
    #expect(abs(relative[0] - (1 - 1 / Double(k))) < 4 * (2 / Double(k - 1)).squareRoot(), "S(0) \(relative[0])")
  }

  /// a·sin(2πf₀t + φ) + c with f₀ = k₀/(LΔt) on a frequency of the grid and a whole number of periods
  /// per segment: X_{k₀} = ∓i·aL/2·e^{±iφ}, so S(f₀) = a²LΔt/4 exactly and every other S_k is round-off.
  /// Parseval: Δf·2S(f₀) = a²/2, the sine's variance.
  @Test func sineLandsInItsBin() throws {
    let a = 2.0, dt = 1e-3, length = 200, k0 = 10
    let f0 = Double(k0) / (Double(length) * dt)
    let x = (0..<(8 * length)).map { 5 + a * sin(2 * Double.pi * f0 * Double($0) * dt + 0.3) }
    let spectrum = try PowerSpectrum(try TimeSeries(values: x, dt: dt), segmentLength: length)
    let peak = a * a * Double(length) * dt / 4
    #expect(abs(spectrum.f[k0] - 50) < 1e-9)
    #expect(abs(spectrum.S[k0] - peak) < 1e-10 * peak)
    #expect(spectrum.S.indices.allSatisfy { $0 == k0 || spectrum.S[$0] < 1e-12 * peak })
    #expect(abs(spectrum.totalPower - a * a / 2) < 1e-10)
  }

  /// Parseval for the normalisation: Δf Σ_k c_k S_k (c = 1 at 0 and at Nyquist for even L, else 2)
  /// equals the variance (1/n, about the mean) of the K·L samples used, up to round-off. Correlated
  /// AR(1) data, odd, prime and power-of-two L, a remainder that must be ignored.
  @Test(arguments: [105, 97, 128])
  func parsevalIdentity(length: Int) throws {
    let noise = gaussianNoise(2000, sigma: 1, seed: 5)
    var x = [4.0]
    for xi in noise.dropFirst() { x.append(0.4 + 0.9 * x.last! + xi) }
    let spectrum = try PowerSpectrum(try TimeSeries(values: x, dt: 5e-4), segmentLength: length)
    let used = Array(x[0..<(spectrum.segments * length)])
    let m = mean(used)
    let variance = used.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(used.count)
    #expect(spectrum.segments == 2000 / length)
    #expect(abs(spectrum.totalPower - variance) < 1e-12 * variance, "\(spectrum.totalPower) vs \(variance)")
  }

  @Test func rejectsBadSegments() throws {
    let series = try TimeSeries(values: [1, 2, 3, 4], dt: 1e-3)
    #expect(throws: AnalysisError.tooFewSamples(quantity: "a power spectrum", available: 4, required: 5)) {
      try PowerSpectrum(series, segmentLength: 5)
    }
    #expect {
      try PowerSpectrum(series, segmentLength: 1)
    } throws: { error in
      guard case .invalidParameter(let parameter) = error as? AnalysisError else { return false }
      return parameter.path == "segment_length"
    }
  }
}
