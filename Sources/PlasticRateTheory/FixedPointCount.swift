import Foundation
import GSLBridge
import MesoCore

/// One solution of the fixed-point mean-field theory of the plastic network (Clark & Abbott 2024,
/// Sec. VI): x = η + s φ(x) with s = k C(0) (Eq. 24), η ~ 𝒩(0, g² C(0)), C(0) = ⟨φ²⟩, and the
/// marginal-stability condition ⟨[g/(cosh²x − s)]²⟩ = 1 (Eq. 26).
public struct FixedPointSolution: Equatable, Sendable {
  /// s = k C(0), the self-coupling the plastic matrix A = (k/N)φφᵀ gives each unit.
  public var selfCoupling: Double
  /// C(0) = ⟨φ²⟩ at the fixed point.
  public var variance: Double
  /// k = s / C(0).
  public var k: Double
  /// η_m = s tanh x_m − x_m, x_m = arccosh √s: the fold of g(x) = x − s φ(x); units with |η| < η_m
  /// have two stable branches (0 when s ≤ 1).
  public var foldField: Double
  /// η₀ ≤ η_m: units with |η| < η₀ take either stable branch, the others the branch aligned with η.
  public var freeField: Double
  /// ⟨[g/(cosh²x − s)]²⟩ (Eq. 26): 1 at a marginal fixed point, < 1 when all bistable units are free.
  public var stabilitySum: Double
  /// log₂(number of stable fixed points)/N = P(|η| < η₀) = erf(η₀ / (g √(2 C(0)))).
  public var log2CountPerNeuron: Double
}

/// The fixed points of the plastic network at gain g and self-coupling s = k C(0), by the counting
/// argument of Stern et al. (2014) that Clark & Abbott (2024, Sec. VI) follow, in this form [derived
/// here; the paper gives the equations, not the procedure]: a fixed point assigns each unit a stable
/// branch of x − s φ(x) = η (Eq. 24; the middle branch is unstable, Eq. 25). Units with |η| < η₀ may
/// take either branch (one bit each, half of them on each), the others take the branch aligned with
/// η. Moving η₀ up puts units nearer the fold, where 1/(cosh²x − s)² diverges, so the stability sum
/// of Eq. (26) grows with η₀; the most numerous stable fixed points are the marginal ones, sum = 1
/// (η₀ ≈ η_m when the sum stays below 1 up to the fold). C(0) = ⟨φ²⟩ closes the equations; each
/// sign change of ⟨φ²⟩ − C(0) on a grid of C(0) in (0, 1) (`gridPoints` uniform, then 0.99, 0.999,
/// 0.9999) is refined by Brent's method.
///
/// The fold (two roots of x − sφ(x) = η merging at |η| = η_m) is handled by parametrising each
/// branch by x instead of η: ⟨f⟩ = 2 ∫_{x_m}^∞ w(G(x)) G′(x) p(G(x)) f(x) dx for even f, G(x) = x − s tanh x,
/// p the density of η and w = ½ on |G| < η₀, 1 above (GSL QAGS, which handles the integrable
/// 1/(x − x_m) singularity of the stability sum). The only roots needed, G(x) = ±η₀ on the right
/// branch, are bracketed from the fold x_m, where G′ = 0 (a tangency root is the bracket's end).
public func fixedPointSolutions(g: Double, selfCoupling s: Double, gridPoints: Int = 40) throws -> [FixedPointSolution] {
  _ = try Require.positive(g, "g")
  _ = try Require.positive(s, "s")
  let model = try FixedPointBranches(g: g, s: s)
  // C(0) → 1 at large s (C(0) = 0.998 at s = 4, g = 0.5): the uniform grid ends with points near 1.
  let grid = (1...gridPoints).map { Double($0) / Double(gridPoints + 1) } + [0.99, 0.999, 0.9999]
  var previous: (c: Double, f: Double)?, solutions = [FixedPointSolution]()
  for c in grid {
    guard let f = try model.closure(variance: c) else { previous = nil; continue }
    if let (c0, f0) = previous, f0 * f <= 0, f0 != f {
      let root = try brentRoot(in: c0...c, absTol: 1e-10, relTol: 1e-10) { try model.closure(variance: $0) ?? .nan }
      if let solution = try model.solution(variance: root) { solutions.append(solution) }
    }
    previous = (c, f)
  }
  return solutions
}

/// The onset of stable fixed points at gain g: the smallest k over the solutions of
/// `fixedPointSolutions` for s on a grid of `selfCouplings`, refined by a parabola through the three
/// grid points around the minimum of k(s) (the fold of the mean-field solutions, where the large-s
/// and small-s solutions of a given k merge). `log2CountPerNeuron` > 0 there means a discontinuous onset.
public func fixedPointOnset(g: Double, selfCouplings: [Double]) throws -> FixedPointSolution? {
  let curve = try selfCouplings.compactMap { try fixedPointSolutions(g: g, selfCoupling: $0).min { $0.k < $1.k } }
  guard let m = curve.indices.min(by: { curve[$0].k < curve[$1].k }) else { return nil }
  guard m > 0, m < curve.count - 1 else { return curve[m] }
  let (a, b, c) = (curve[m - 1], curve[m], curve[m + 1])
  let (xa, xb, xc) = (a.selfCoupling, b.selfCoupling, c.selfCoupling)
  let numerator = (xb - xa) * (xb - xa) * (b.k - c.k) - (xb - xc) * (xb - xc) * (b.k - a.k)
  let denominator = (xb - xa) * (b.k - c.k) - (xb - xc) * (b.k - a.k)
  guard denominator != 0 else { return b }
  let s = xb - 0.5 * numerator / denominator
  return try fixedPointSolutions(g: g, selfCoupling: s).min { $0.k < $1.k } ?? b
}

/// The averages of `fixedPointSolutions` at fixed (g, s) as functions of C(0) and η₀.
private struct FixedPointBranches {
  let g: Double, s: Double
  /// x_m = arccosh √s and η_m = s tanh x_m − x_m (0, 0 when s ≤ 1: one branch, no fold).
  let foldX: Double, foldField: Double
  let integrator: AdaptiveIntegrator

  init(g: Double, s: Double) throws {
    (self.g, self.s) = (g, s)
    foldX = s > 1 ? acosh(s.squareRoot()) : 0
    foldField = s > 1 ? s * tanh(foldX) - foldX : 0
    integrator = try AdaptiveIntegrator(absTol: 1e-12, relTol: 1e-10)
  }

  /// G(x) = x − s tanh x.
  func field(_ x: Double) -> Double { x - s * tanh(x) }

  /// The right-branch root x ≥ x_m of G(x) = y (x_m itself when y ≤ −η_m: the tangency).
  func rightBranch(_ y: Double) throws -> Double {
    guard field(foldX) < y else { return foldX }
    return try brentRoot(in: foldX...(abs(y) + s + 1), absTol: 1e-13, relTol: 1e-13) { field($0) - y }
  }

  /// (⟨φ²⟩, ⟨[g/(cosh²x − s)]²⟩) at C(0) = c with the units of |η| < η₀ = `free` on either branch.
  func averages(variance c: Double, free eta0: Double) throws -> (phi2: Double, stability: Double) {
    let sigma = g * c.squareRoot(), norm = 1 / (sigma * (2 * Double.pi).squareRoot())
    func integrate(_ f: @escaping (Double) -> Double) throws -> Double {
      // G′(x) p(G(x)) f(x), G′ = 1 − s/cosh²x; lower end the fold (or 0), where G′ may vanish.
      let weighted: (Double) -> Double = { x in
        let y = field(x)
        return (1 - s / (cosh(x) * cosh(x))) * norm * exp(-y * y / (2 * sigma * sigma)) * f(x)
      }
      guard s > 1 else { return 2 * (try integrator.integrate(from: 0, toInfinity: weighted)) }
      let lower = try rightBranch(-eta0), upper = try rightBranch(eta0)
      let both = upper > lower ? try integrator.integrate(from: lower, to: upper, weighted) : 0
      return 2 * (0.5 * both + (try integrator.integrate(from: upper, toInfinity: weighted)))
    }
    let phi2 = try integrate { tanh($0) * tanh($0) }
    // At s = 1 the sum diverges at x = 0 (cosh²x − 1 = sinh²x): no stable fixed point.
    let stability = s == 1 ? .infinity : try integrate { x in let d = cosh(x) * cosh(x) - self.s; return self.g * self.g / (d * d) }
    return (phi2, stability)
  }

  /// η₀ of the marginal fixed point (stability sum = 1) at C(0) = c; (1 − 10⁻⁹)η_m if the sum stays
  /// below 1 up to there (its divergence at η_m is logarithmic, so the marginal η₀ lies exponentially
  /// close to the fold; the count changes by less than 10⁻⁹); nil if no stable fixed point.
  func freeField(variance c: Double) throws -> Double? {
    guard try averages(variance: c, free: 0).stability <= 1 else { return nil }
    guard s > 1 else { return 0 }
    let top = foldField * (1 - 1e-9)
    guard try averages(variance: c, free: top).stability > 1 else { return top }
    return try brentRoot(in: 0...top, absTol: 1e-12, relTol: 1e-9) { try averages(variance: c, free: $0).stability - 1 }
  }

  /// ⟨φ²⟩ − C(0) at the marginal (or fully free) assignment; nil where no stable fixed point exists.
  func closure(variance c: Double) throws -> Double? {
    guard let eta0 = try freeField(variance: c) else { return nil }
    return try averages(variance: c, free: eta0).phi2 - c
  }

  /// The solution at a root C(0) = c of `closure`.
  func solution(variance c: Double) throws -> FixedPointSolution? {
    guard let eta0 = try freeField(variance: c) else { return nil }
    let stability = try averages(variance: c, free: eta0).stability
    return FixedPointSolution(
      selfCoupling: s, variance: c, k: s / c, foldField: foldField, freeField: eta0, stabilitySum: stability,
      log2CountPerNeuron: erf(eta0 / (g * (2 * c).squareRoot())))
  }
}
