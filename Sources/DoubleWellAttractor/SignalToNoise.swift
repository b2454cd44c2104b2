import Foundation

extension MeanFieldTheory {
  /// SNR(t) of the binarised weights w = sgn J of the synapses potentiated at time 0 (Feng & Brunel,
  /// eq. 14): √(cN) ∫ g₊(J, t) sgn J dJ, for t = 0…`maxTime` random presentations after the learning
  /// event (t = 0 just after it; the flow never changes sgn J).
  public func signalToNoise(maxTime: Int) -> [Double] {
    let scale = parameters.connections.squareRoot()
    var g = potentiated()
    var snr = [scale * grid.moments(g).signMean]
    for _ in 0..<max(0, maxTime) {
      g = grid.present(grid.flow(g))
      snr.append(scale * grid.moments(g).signMean)
    }
    return snr
  }

  /// r̃₃ = r₃/Ω, the noise in units of the stationary RMS weight (Feng & Brunel, eq. 15).
  public var relativeNoise: Double { parameters.r3 / stationaryRMS }
}

/// The two-state Markov synapse w ∈ {−1, +1} compared with the double well (Feng & Brunel,
/// eqs. 12–13): every potentiation (depression) event moves a depressed (potentiated) synapse to the
/// other state with probability q.
public struct MarkovSynapse: Equatable, Sendable {
  /// q, the switching probability per event.
  public var q: Double

  /// A synapse switching with probability `q`.
  public init(q: Double) { self.q = q }

  /// SNR(t) = √(cN) q (1 − q)^t: ⟨w⟩ = q just after a potentiation, and each random (½ potentiation,
  /// ½ depression) event multiplies ⟨w⟩ by 1 − q.
  public func signalToNoise(connections cN: Double, time t: Int) -> Double { cN.squareRoot() * q * pow(1 - q, Double(t)) }
}

/// The palimpsest (single-well, C = 0) capacity of Feng & Brunel's eq. (10): p = (τ/2) ln(τ₀/τ) with
/// τ = 1/(2r₁) and τ₀ = 2A(f)N; 0 (blackout) when τ ≥ τ₀.
public func singleWellCapacity(r1: Double, tau0: Double) -> Double {
  let tau = 1 / (2 * r1)
  return tau < tau0 ? 0.5 * tau * log(tau0 / tau) : 0
}

extension MeanFieldTheory {
  /// Robustness R = |dp/dr̃₃|⁻¹ (Feng & Brunel, eq. 15, Figs. 5, 6): the least-squares slope of the
  /// capacity against r̃₃ = r₃/Ω over the noise levels `r3` (Ω of each level's stationary density),
  /// with the capacities.
  public static func robustness(_ p: DoubleWellParameters, r3 values: [Double]) throws
    -> (R: Double, relativeNoise: [Double], capacity: [Int])
  {
    let theories = try values.map { r3 in
      var q = p
      q.r3 = r3
      return try MeanFieldTheory(q)
    }
    let x = theories.map(\.relativeNoise), capacities = theories.map { $0.capacity() }
    return (1 / abs(leastSquaresSlope(x, capacities.map(Double.init))), x, capacities)
  }
}
