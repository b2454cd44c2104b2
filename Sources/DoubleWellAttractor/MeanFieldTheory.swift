import Foundation
import MesoCore

/// The mean-field theory of the balanced network (f = ½, learning rule of eq. 5) of Feng & Brunel:
/// the weight densities of §II and Appendix I, the retrieval self-consistency of Appendix II, the
/// storage capacity. Everything depends on N and c only through cN.
public struct MeanFieldTheory: Sendable {
  /// The network described (validated; only cN = N·c, θ and the synapses enter).
  public let parameters: DoubleWellParameters
  let grid: WeightGrid
  /// g_∞ on the grid nodes (probability per node).
  let stationaryMass: [Double]

  /// Builds the grid (h = r₂/`cellsPerStep`) and the stationary density of the synapses of `p`.
  /// Needs r₁ > 0 (at r₁ = 0 there is no stationary density: the Hopfield limit).
  public init(_ p: DoubleWellParameters, cellsPerStep: Int = 50) throws {
    let p = try p.validated()
    guard p.r1 > 0 else { throw ParameterError(path: "synapses.r1", value: p.r1, requirement: "be > 0 for the mean-field theory") }
    guard p.rule == .balanced else {
      throw ParameterError(path: "synapses.rule", value: "\(p.rule)", requirement: "be balanced for the mean-field theory")
    }
    parameters = p
    grid = WeightGrid(p, cellsPerStep: cellsPerStep)
    stationaryMass = try grid.stationary(C: p.C, sd: grid.sd)
  }

  /// Ω, the RMS weight of the stationary density (eq. 23; its mean M is 0 by symmetry).
  public var stationaryRMS: Double { grid.moments(stationaryMass).second.squareRoot() }

  /// The stationary density g_∞(J) = mass / h at the nodes J_k.
  public var stationaryDensity: (J: [Double], g: [Double]) { (grid.nodes, stationaryMass.map { $0 / grid.h }) }

  /// q, the probability that a potentiation moves a synapse from the low well to the high one:
  /// P(−r₂ < J < 0) / P(J < 0) under g_∞.
  public var switchingProbability: Double {
    let half = grid.n / 2
    return 2 * stationaryMass[(half - grid.step)..<half].reduce(0, +)
  }

  /// The density of a synapse potentiated at v (σ^v = +1) at v⁺, eq. (24).
  func potentiated() -> [Double] { grid.present(stationaryMass, sign: 1) }

  /// Moments of the four synapse classes at u⁺ for ages u − v = 1, 2, …, `maxAge`, passed to
  /// `body` in turn; `body` returns false to stop. Between v⁺ and u⁻ a synapse goes through u − v
  /// flows and u − v − 1 random presentations; at u the known increment σ^u r₂ (+ noise) adds
  /// σ^u r₂ to the mean and 2σ^u r₂ M + r₂² + r₃² to ⟨J²⟩ (eq. 27).
  func forEachAge(maxAge: Int, _ body: (Int, ClassMoments) -> Bool) {
    let r2 = parameters.r2, r3 = parameters.r3
    var g = potentiated()
    for age in 1...max(1, maxAge) {
      g = grid.flow(g)
      let (m, s, _) = grid.moments(g)
      let moments = ClassMoments(
        meanPlusPlus: m + r2, meanPlusMinus: m - r2, secondPlusPlus: s + 2 * r2 * m + r2 * r2 + r3 * r3,
        secondPlusMinus: s - 2 * r2 * m + r2 * r2 + r3 * r3)
      guard body(age, moments), age < maxAge else { return }
      g = grid.present(g)
    }
  }

  /// m_v and m_u after the retrieval of patterns of ages 1…`maxAge`, by the four-activity form
  /// started from m_v = 1 − ε, m_u = ε.
  public func overlaps(maxAge: Int, epsilon: Double = 0.05) -> [RetrievalState] {
    var states = [RetrievalState]()
    forEachAge(maxAge: maxAge) { _, moments in
      states.append(
        RetrievalMeanField.fourActivities(moments, connections: parameters.connections, theta: parameters.theta, epsilon: epsilon))
      return true
    }
    return states
  }

  /// The storage capacity p: the last age before the first age whose pattern is not retrieved
  /// (m_v ≤ ½), scanning up to `maxAge` (returned when every age up to it is retrieved). The
  /// iteration starts from m_v = 1 − ε, m_u = ε: ε > 0 also asks that the most recent pattern does
  /// not take over, which limits p to about τ ln((1 − ε)/ε) whatever N (the first iterate of μ¹⁰ is
  /// negative beyond it); ε = 0 leaves the most recent pattern out (see `RetrievalMeanField`).
  public func capacity(maxAge: Int = 100_000, epsilon: Double = 0.05) -> Int {
    var p = 0
    forEachAge(maxAge: maxAge) { age, moments in
      let state = RetrievalMeanField.fourActivities(
        moments, connections: parameters.connections, theta: parameters.theta, epsilon: epsilon)
      guard state.retrieved else { return false }
      p = age
      return true
    }
    return p
  }
}

/// Capacities over a list of well separations C and the optimum.
public struct WellSeparationScan: Equatable, Sendable {
  /// The values of C scanned.
  public var C: [Double]
  /// p(C).
  public var capacity: [Int]
  /// p* = max p(C).
  public var best: Int { capacity.max() ?? 0 }
  /// C*, the smallest C reaching p* (0 when the single well is optimal).
  public var optimalC: Double { C[capacity.firstIndex(of: best) ?? 0] }
  /// The range of C reaching p* (the optimum is often a plateau).
  public var plateau: ClosedRange<Double> {
    let at = C.indices.filter { capacity[$0] == best }.map { C[$0] }
    return (at.min() ?? 0)...(at.max() ?? 0)
  }
}

extension MeanFieldTheory {
  /// p(C) of `p` for every C in `values`, theories built concurrently.
  public static func scanWellSeparation(_ p: DoubleWellParameters, C values: [Double], cellsPerStep: Int = 50) throws
    -> WellSeparationScan
  {
    let capacities = try values.concurrentMap { C in
      var q = p
      q.C = C
      return try MeanFieldTheory(q, cellsPerStep: cellsPerStep).capacity()
    }
    return WellSeparationScan(C: values, capacity: capacities)
  }

  /// The exponent a of p* ∝ (cN)^a: the least-squares slope of ln p* against ln cN, C optimised
  /// over `C` at each N (Feng & Brunel, Fig. 3B), with the scans.
  public static func capacityExponent(_ p: DoubleWellParameters, N values: [Int], C: [Double]) throws
    -> (exponent: Double, scans: [WellSeparationScan])
  {
    let scans = try values.map { n in
      var q = p
      q.N = n
      return try scanWellSeparation(q, C: C)
    }
    let x = values.map { log(Double($0) * p.c) }, y = scans.map { log(Double($0.best)) }
    return (leastSquaresSlope(x, y), scans)
  }

  /// r₁*, the smallest r₁ in `r1` (ascending) at which C* > 0, or nil (Feng & Brunel, Fig. 3A),
  /// with the scans.
  public static func criticalWellDepth(_ p: DoubleWellParameters, r1 values: [Double], C: [Double]) throws
    -> (r1: Double?, scans: [WellSeparationScan])
  {
    let scans = try values.map { r1 in
      var q = p
      q.r1 = r1
      return try scanWellSeparation(q, C: C)
    }
    return (zip(values, scans).first { $0.1.optimalC > 0 }?.0, scans)
  }
}

/// Least-squares slope of y against x.
func leastSquaresSlope(_ x: [Double], _ y: [Double]) -> Double {
  let n = Double(x.count), mx = x.reduce(0, +) / n, my = y.reduce(0, +) / n
  let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
  let sxx = x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
  return sxy / sxx
}
