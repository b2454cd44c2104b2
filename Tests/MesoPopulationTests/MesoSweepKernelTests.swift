import Foundation
import MesoKernels
import NetworkCore
import Testing

/// The C bin sweep (eight bins per block, in-register threshold scan, masked last block, table lookup)
/// against a plain per-bin loop with exp(): every length from 0 to 40 (all block/tail splits), both
/// hazard rules, with and without the per-bin firing output. Every array has the 7 further
/// elements the sweep may read; they must come back unchanged and add nothing to the sums. The only expected difference is the
/// table's error (< 10⁻¹⁰ in G, see SurvivalTableTests) and rounding; a wrong lane, shift or tail
/// copy shows up as an error of order 10⁻² or more. The kernel takes potentials and thresholds in
/// table cells (× k = 1/(ΔV h)); the reference works in mV.
@Suite struct MesoSweepKernelTests {
  struct Bins {
    var theta, thetaTilde, n, u, m, v, g: [Double]
  }

  static func bins(_ count: Int, seed: UInt64) -> Bins {
    var state = seed
    func uniform() -> Double {  // SplitMix64: independent of the code under test
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return Double((z ^ (z >> 31)) >> 11) / 0x1p53
    }
    func array(_ f: () -> Double) -> [Double] { (0..<count).map { _ in f() } }
    return Bins(
      theta: array { 10 * uniform() }, thetaTilde: array { 0.003 * uniform() }, n: array { (8 * uniform()).rounded() },
      u: array { 5 + 20 * uniform() }, m: array { 800 * uniform() }, v: array { 200 * uniform() },
      g: array { uniform() })
  }

  @Test(arguments: [false, true], [false, true])
  func matchesAPlainLoop(trapezoid: Bool, record: Bool) {
    let (E, dh, softness, scale, start) = (0.975, 0.6, 0.4, 0.005, 15.0)
    let table = SurvivalTable(scale: scale)
    for count in 0...40 {
      var kernel = Self.bins(count + 7, seed: UInt64(count))
      var expected = kernel
      // Reference: serial threshold sum, exact G, per-bin updates.
      var running = start
      var (W, X, Y, Z) = (0.0, 0.0, 0.0, 0.0)
      var firedReference = [Double](repeating: 0, count: count)
      for i in 0..<count {
        let threshold = expected.theta[i] + running
        running += expected.n[i] * expected.thetaTilde[i]
        expected.u[i] = expected.u[i] * E + dh
        let G = exp(-scale * exp((expected.u[i] - threshold) * softness))
        let P = trapezoid ? 1 - expected.g[i] * G : 1 - G
        if trapezoid { expected.g[i] = G }
        let (m, v) = (expected.m[i], expected.v[i])
        (W, X, Y, Z) = (W + P * m, X + m, Y + P * v, Z + v)
        firedReference[i] = P * m
        expected.v[i] = (1 - P) * (1 - P) * v + P * m
        expected.m[i] = (1 - P) * m
      }
      let k = table.inverseSpacing * softness
      (kernel.theta, kernel.thetaTilde, kernel.u) = (kernel.theta.map { $0 * k }, kernel.thetaTilde.map { $0 * k }, kernel.u.map { $0 * k })
      let before = kernel
      var sums = mk_bin_sums(running: start * k, W: 0, X: 0, Y: 0, Z: 0)
      var fired = [Double](repeating: -1, count: count + 7)
      var firedVariance = fired
      fired.withUnsafeMutableBufferPointer { f in
        firedVariance.withUnsafeMutableBufferPointer { fv in
          mk_meso_sweep(
            Int32(count), E, dh * k, kernel.theta, kernel.thetaTilde, kernel.n, &kernel.u, &kernel.m, &kernel.v,
            &kernel.g, trapezoid ? 1 : 0, record ? f.baseAddress : nil, record ? fv.baseAddress : nil, table.coefficients,
            table.origin, table.lastPosition, &sums)
        }
      }
      func close(_ a: Double, _ b: Double, scale: Double) -> Bool { abs(a - b) <= 1e-9 * max(scale, 1) }
      #expect(close(sums.running / k, running, scale: running), "count \(count): running")
      #expect(close(sums.W, W, scale: X) && close(sums.X, X, scale: X), "count \(count): W \(sums.W) vs \(W)")
      #expect(close(sums.Y, Y, scale: Z) && close(sums.Z, Z, scale: Z), "count \(count): Y \(sums.Y) vs \(Y)")
      for i in 0..<count {
        #expect(close(kernel.u[i] / k, expected.u[i], scale: 1e-4), "count \(count), bin \(i): u")
        #expect(close(kernel.m[i], expected.m[i], scale: 800) && close(kernel.v[i], expected.v[i], scale: 800))
        #expect(close(kernel.g[i], expected.g[i], scale: 1), "count \(count), bin \(i): g")
        #expect(!record || close(fired[i], firedReference[i], scale: 800), "count \(count), bin \(i): fired")
      }
      for i in count..<(count + 7) {
        #expect(kernel.u[i] == before.u[i] && kernel.m[i] == before.m[i] && kernel.v[i] == before.v[i], "count \(count), slack \(i)")
        #expect(kernel.g[i] == before.g[i] && fired[i] == -1 && firedVariance[i] == -1, "count \(count), slack \(i)")
      }
    }
  }

  /// Without a threshold kernel (NULL θ, θ̃) the sweep gives the same bits as with arrays of zeros:
  /// every length 0…40, both hazard rules, with the per-bin output.
  @Test(arguments: [false, true])
  func noKernelGivesTheBitsOfZeroKernels(trapezoid: Bool) {
    let table = SurvivalTable(scale: 0.005)
    for count in 0...40 {
      var zeros = Self.bins(count + 7, seed: UInt64(100 + count))
      zeros.u = zeros.u.map { $0 * 20 }  // table cells: 1/(ΔV h) = 20 per mV for ΔV = 5 mV
      zeros.theta = Array(repeating: 0, count: count + 7)
      zeros.thetaTilde = zeros.theta
      var none = zeros
      func sweep(_ b: inout Bins, kernel: Bool) -> (mk_bin_sums, [Double], [Double]) {
        var sums = mk_bin_sums(running: 15 * 20, W: 0, X: 0, Y: 0, Z: 0)
        var fired = [Double](repeating: -1, count: count + 7), firedVariance = fired
        let (theta, thetaTilde) = (b.theta, b.thetaTilde)
        fired.withUnsafeMutableBufferPointer { f in
          firedVariance.withUnsafeMutableBufferPointer { fv in
            theta.withUnsafeBufferPointer { t in
              thetaTilde.withUnsafeBufferPointer { tt in
                mk_meso_sweep(
                  Int32(count), 0.99, 0.3 * 20, kernel ? t.baseAddress : nil, kernel ? tt.baseAddress : nil, b.n, &b.u, &b.m, &b.v,
                  &b.g, trapezoid ? 1 : 0, f.baseAddress, fv.baseAddress, table.coefficients, table.origin,
                  table.lastPosition, &sums)
              }
            }
          }
        }
        return (sums, fired, firedVariance)
      }
      let (a, firedA, varianceA) = sweep(&zeros, kernel: true)
      let (b, firedB, varianceB) = sweep(&none, kernel: false)
      #expect(a.running == b.running && a.W == b.W && a.X == b.X && a.Y == b.Y && a.Z == b.Z, "count \(count)")
      #expect(zeros.u == none.u && zeros.m == none.m && zeros.v == none.v && zeros.g == none.g, "count \(count)")
      #expect(firedA == firedB && varianceA == varianceB, "count \(count)")
    }
  }
}
