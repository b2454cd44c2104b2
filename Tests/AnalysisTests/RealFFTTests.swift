import Foundation
import GSLBridge
import Testing

@Suite struct RealFFTTests {
  /// |X_k|² from GSL's half-complex layout against the defining sum X_k = Σ_j x_j e^{−2πijk/L}, for
  /// odd, even, prime and trivial lengths. Round-off of both sums is ~L·ε·Σx², far below 1e-10·Σx²·L.
  @Test(arguments: [1, 2, 5, 12, 17, 30])
  func matchesDirectTransform(length: Int) throws {
    let x = gaussianNoise(length, mean: 0.7, sigma: 1, seed: UInt64(length))
    let fft = try RealFFT(length: length)
    let offset = 0.25
    let power = try fft.squaredModuli(of: x, offset: offset)
    #expect(power.count == length / 2 + 1)
    let scale = Double(length) * x.reduce(0) { $0 + ($1 - offset) * ($1 - offset) }
    for k in power.indices {
      var re = 0.0, im = 0.0
      for (j, value) in x.enumerated() {
        let phase = -2 * Double.pi * Double(j * k) / Double(length)
        re += (value - offset) * cos(phase)
        im += (value - offset) * sin(phase)
      }
      #expect(abs(power[k] - (re * re + im * im)) <= 1e-10 * scale, "k = \(k)")
    }
  }

  /// The same plan gives the same answer on reuse (the workspace holds no state between calls).
  @Test func reusable() throws {
    let fft = try RealFFT(length: 24)
    let a = gaussianNoise(24, sigma: 1, seed: 1), b = gaussianNoise(24, sigma: 1, seed: 2)
    let first = try fft.squaredModuli(of: a)
    _ = try fft.squaredModuli(of: b)
    #expect(try fft.squaredModuli(of: a) == first)
  }
}
