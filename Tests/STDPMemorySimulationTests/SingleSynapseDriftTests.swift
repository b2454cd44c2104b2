import Foundation
import GSLBridge
import MesoCore
import STDPMemorySimulation
import Testing

/// V-A3 in CI size (STDPMemorySimulation article): the single-synapse experiment on the microscopic
/// engine at μ = 0.9, D = 0.1, 5 000 trials of T = 20 τ_m after 4 τ_m of warm-up, dt = 10⁻³ τ_m (the
/// benchmark shows the zero unchanged at 10⁻⁴ within its error); Kramers–Moyal drift over
/// Δt = 0.01 τ_m in bins of 0.005 and a straight line fitted over w ∈ [0.12, 0.24].
///
/// Tolerance: the zero's standard error (trials as clusters, propagated through the fit) is
/// ≈ 0.0048 here, so the spec's ±0.02 is ≥ 4 s.e.; the test asserts both that the s.e. is that small
/// and that the zero is within 4 s.e. of the full theory's 0.1805 (V-A2 [O]: 0.180534). The rate-only
/// theory's zero 0.1246 lies ≈ 11 s.e. away and must be rejected at 4 s.e.
@Suite("Single synapse: Kramers–Moyal drift (V-A3, CI size)")
struct SingleSynapseDriftTests {
  static let experiment = SingleSynapseExperiment(trials: 5000, T: 20, TWarm: 4, dt: 1e-3, seed: 7)
  static let fullZero = 0.180534, rateOnlyZero = 0.124629

  @Test("the drift is positive below, negative above, and its zero is the full theory's, not the rate-only one")
  func driftZero() throws {
    let km = KramersMoyalEstimate(try Self.experiment.run(), lagWindows: 1, binWidth: 0.005, range: 0...0.31)
    let zero = try km.driftZero(fittedOver: 0.12...0.24)
    #expect(zero.standardError < 0.005, "s.e. \(zero.standardError): ±0.02 would be less than 4 s.e.")
    #expect(abs(zero.value - Self.fullZero) < 4 * zero.standardError, "zero \(zero.value) ± \(zero.standardError)")
    #expect(abs(zero.value - Self.rateOnlyZero) > 4 * zero.standardError, "rate-only zero not rejected: \(zero.value) ± \(zero.standardError)")
    #expect(zero.fit.slope < -4 * zero.fit.varianceSlope.squareRoot())
    // Sign: the weighted mean drift over [0.02, 0.10] is > 0 and over [0.26, 0.31] < 0, each by 4 s.e.
    for (range, sign) in [(0.02...0.10, 1.0), (0.26...0.31, -1.0)] {
      let bins = km.centers.indices.filter { range.contains(km.centers[$0]) }
      let weights = bins.map { 1 / (km.driftError[$0] * km.driftError[$0]) }
      let total = weights.reduce(0, +)
      let mean = zip(bins, weights).reduce(0) { $0 + km.drift[$1.0] * $1.1 } / total
      #expect(sign * mean > 4 / total.squareRoot(), "mean drift \(mean) ± \(1 / total.squareRoot()) over \(range)")
    }
  }
}
