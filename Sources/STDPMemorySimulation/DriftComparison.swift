import Foundation
import STDPMemory

/// Kramers–Moyal drift estimates against the theory's D⁽¹⁾ (V-A3): per bin, the full and the
/// rate-only drift at the bin centre and the distance of the estimate from each in standard errors.
public struct DriftComparison: Equatable, Sendable {
  /// Bin centres compared (those in the range with a finite standard error).
  public var centers: [Double]
  /// Estimated drift and its standard error.
  public var estimate: [Double]
  /// See `estimate`.
  public var standardError: [Double]
  /// D⁽¹⁾ of the full theory (with the spike-time cross-correlation terms) and of the rate-only theory.
  public var full: [Double]
  /// See `full`.
  public var rateOnly: [Double]

  /// Compares `km`'s drift with `theory` on the bins whose centres lie in `range`.
  public init(_ km: KramersMoyalEstimate, theory: SynapseTheory, range: ClosedRange<Double>) throws {
    let evaluator = try LIFResponseEvaluator()
    let used = km.centers.indices.filter { range.contains(km.centers[$0]) && km.driftError[$0].isFinite && km.driftError[$0] > 0 }
    centers = used.map { km.centers[$0] }
    estimate = used.map { km.drift[$0] }
    standardError = used.map { km.driftError[$0] }
    let coefficients = try centers.map { try theory.coefficients(at: $0, evaluator: evaluator) }
    full = coefficients.map { $0.drift(correlations: true) }
    rateOnly = coefficients.map { $0.drift(correlations: false) }
  }

  /// Largest |estimate − theory|/s.e. over the bins, for the full and for the rate-only theory.
  public var largestDeviation: (full: Double, rateOnly: Double) {
    func largest(_ theory: [Double]) -> Double { centers.indices.map { abs(estimate[$0] - theory[$0]) / standardError[$0] }.max() ?? .nan }
    return (largest(full), largest(rateOnly))
  }
}
