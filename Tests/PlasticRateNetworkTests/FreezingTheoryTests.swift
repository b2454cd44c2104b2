import Foundation
import PlasticRateTheory
import Testing

/// The two-replica theory of freezing (Clark & Abbott 2024, Sec. VII).
@Suite struct FreezingTheoryTests {
  /// Eq. (39): h(1; k) = 2/(√3π) for every k (C7's limit), h increasing in u; the leading-order
  /// fixed point satisfies Eq. (37) and r = 1 − D + ε.
  @Test func nearCriticalClosedForm() throws {
    let onset = 2 / (3.0.squareRoot() * Double.pi)
    for k in [-1.0, 0, 0.3, 0.9] {
      #expect(abs(nearCriticalFreezingFunction(u: 1, k: k) - onset) < 1e-12)
      #expect(nearCriticalFreezingFunction(u: 1.5, k: k) > nearCriticalFreezingFunction(u: 1.2, k: k) || k >= 1)
    }
    #expect(try nearCriticalFreezing(epsilon: 0.01, k: onset - 1e-3) == nil)
    let fp = try #require(try nearCriticalFreezing(epsilon: 0.01, k: 0.6))
    #expect(abs(nearCriticalFreezingFunction(u: fp.D / 0.01, k: 0.6) - 0.6) < 1e-10)
    #expect(abs(fp.D * fp.D - 0.01 * fp.D - 0.6 * fp.overlapAtHalt * fp.overlapAtHalt) < 1e-14)
    #expect(fp.radius < 1)
  }

  /// C8 from theory at g = 2.25, p = 2.5 (Fig. 7a): k = 1.55 has a stable aligned fixed point
  /// (freezable, r < 1), k = 1.2 an unstable one (semifreezable, r > 1), k = 0.6 none (Q → 0).
  /// Small sampling (a few CPU s): the margins below are what the default sizes give ±0.02
  /// (r = 0.902, 1.106; Q(0) = 0.70, 0.44 with 50 paths of 300), far wider than that change.
  @Test func freezingClassesAtThePapersSettings() throws {
    let dmft = DMFTOptions(dt: 0.2, paths: 60, duration: 150, averagingIterations: 0)
    let replicas = FreezingOptions(paths: 20, duration: 200, tolerance: 1e-6)
    var radius = [Double: Double](), overlap = [Double: Double]()
    for k in [0.6, 1.2, 1.55] {
      let a = try solveDMFT(g: 2.25, k: k, p: 2.5, options: dmft)
      let f = try solveFreezingFixedPoint(g: 2.25, k: k, p: 2.5, correlation: a, options: replicas)
      #expect(f.converged)
      radius[k] = f.radius
      overlap[k] = f.overlapAtHalt
    }
    #expect(abs(overlap[0.6]!) < 1e-3)
    #expect(overlap[1.2]! > 0.3 && radius[1.2]! > 1.05)
    #expect(overlap[1.55]! > 0.6 && radius[1.55]! < 0.95)
  }
}
