import Foundation
import GSLBridge

/// A point of a likelihood profile: the profiled parameter at a fixed value, the other free
/// parameters where ln L is largest given it, and that largest ln L.
public struct ProfilePoint: Sendable, Equatable {
  /// Every free parameter (base units), the profiled one at its fixed value.
  public var values: [Double]
  /// ln L_p = max over the other parameters of ln L; −∞ where the model is invalid or ln L = −∞.
  public var logLikelihood: Double
}

/// One end of a profile-likelihood interval.
public struct ProfileEnd: Sendable, Equatable {
  /// The end (base units).
  public var value: Double
  /// Whether 2[ln L(θ̂) − ln L_p] reaches the threshold there. False when the profile stays below it
  /// as far as the search went (up to the parameter's bound, or 20 widening steps): `value` is the
  /// last point searched and the interval is open on that side.
  public var crossed: Bool
}

/// The profile-likelihood interval of one free parameter θ_i (Venzon & Moolgavkar 1988; Pawitan
/// 2001, §3.4): with ln L_p(θ_i) = max over the other free parameters of ln L,
///
///     { θ_i : 2[ln L(θ̂) − ln L_p(θ_i)] ≤ χ²_{1,c} },   χ²_{1,c} = z²_{(1+c)/2},
///
/// whose coverage is c asymptotically, as the Wald interval's, but which follows ln L where it is
/// not quadratic (few spikes, a parameter near a bound or a validity edge, a skewed likelihood) and
/// does not depend on how the parameter is written (τ or 1/τ give the same interval).
///
/// Each end is the root of g(z) = √(2[ln L(θ̂) − ln L_p]) − z_{(1+c)/2} in the parameter's unbounded
/// coordinate z (``FreeParameter``), which is linear in z where ln L is quadratic in z: from θ̂ the
/// search steps out by the Wald half-width (the root for a quadratic ln L), extrapolates g linearly
/// (steps growing at most 4 times) until g changes sign, then GSL's Brent solver finds the root to
/// 0.005 standard errors. At every point the other parameters are maximised by the Nelder–Mead
/// simplex in their z, started from the nearest point already profiled shifted along the
/// regression of the covariance (θ_j + C_ji/C_ii·Δθ_i), with initial steps of their conditional
/// standard deviations √(C_jj − C_ji²/C_ii) and a simplex size tolerance of 1 % of the smallest.
public struct ProfileInterval: Sendable, Equatable {
  /// Index of the profiled parameter among the free ones.
  public var parameter: Int
  /// Lower end.
  public var lower: ProfileEnd
  /// Upper end.
  public var upper: ProfileEnd
  /// Every point evaluated, in increasing order of the profiled value (the estimate included).
  public var points: [ProfilePoint]

  /// [lower, upper].
  public var interval: ClosedRange<Double> { lower.value...upper.value }

  /// The largest number of widening steps on each side before the end is reported open.
  static let maxWidenings = 20

  /// Profiles parameter `i` of `free` about the estimate `estimate` with ln L(θ̂) = `maximum`, using
  /// `covariance` (I⁻¹, row-major; nil: steps of 0.1 in z) for the scales; `logLikelihood` returns
  /// nil where the model is invalid.
  public init(
    parameter i: Int, free: [FreeParameter], estimate: [Double], maximum: Double, covariance: [Double]?, confidence: Double,
    logLikelihood: ([Double]) throws -> Double?
  ) throws {
    let n = free.count
    let p = free[i]
    let quantile = normalQuantile((1 + confidence) / 2)
    // Scales in z: the standard error (Wald half-width / quantile), conditional ones of the others.
    let variance = covariance.map { $0[i * n + i] }.flatMap { $0 > 0 ? $0 : nil }
    let scaleZ = variance.map { $0.squareRoot() / p.slope(at: estimate[i]) } ?? 0.1
    let others = (0..<n).filter { $0 != i }
    let nuisanceSteps = others.map { j -> Double in
      guard let c = covariance, let v = variance else { return 0.1 }
      let conditional = max(c[j * n + j] - c[j * n + i] * c[j * n + i] / v, 0).squareRoot() / free[j].slope(at: estimate[j])
      return conditional > 0 && conditional.isFinite ? conditional : 0.1
    }
    let nuisanceTolerance = 0.01 * (nuisanceSteps.min() ?? 1)
    var cache = [Double: ProfilePoint]()
    let centre = p.coordinate(estimate[i])
    cache[centre] = ProfilePoint(values: estimate, logLikelihood: maximum)

    /// ln L_p at z_i = zi, the others maximised.
    func profile(_ zi: Double) throws -> ProfilePoint {
      if let known = cache[zi] { return known }
      let xi = p.value(zi)
      let nearest = cache.min { abs($0.key - zi) < abs($1.key - zi) }!.value.values
      var start = nearest
      start[i] = xi
      if let c = covariance, let v = variance {
        for j in others {
          let shifted = nearest[j] + c[j * n + i] / v * (xi - nearest[i])
          if free[j].contains(shifted) { start[j] = shifted }
        }
      }
      func full(_ z: [Double]) -> [Double] {
        var x = start
        for (k, j) in others.enumerated() { x[j] = free[j].value(z[k]) }
        return x
      }
      let point: ProfilePoint
      if others.isEmpty {
        point = ProfilePoint(values: start, logLikelihood: try logLikelihood(start) ?? -.infinity)
      } else {
        let result = try nelderMeadMinimum(
          start: others.map { free[$0].coordinate(start[$0]) }, stepSizes: nuisanceSteps, sizeTolerance: nuisanceTolerance,
          maxIterations: 400
        ) { z in
          guard let value = try logLikelihood(full(z)), value.isFinite else { return MaximumLikelihoodFit.penalty }
          return -value
        }
        point = ProfilePoint(values: full(result.x), logLikelihood: result.value >= MaximumLikelihoodFit.penalty ? -.infinity : -result.value)
      }
      cache[zi] = point
      return point
    }
    /// g(z): √(2·deficit) − quantile; a large finite value where ln L_p = −∞ (Brent needs finite g).
    func g(_ zi: Double) throws -> Double {
      let deficit = maximum - (try profile(zi).logLikelihood)
      guard deficit.isFinite else { return 1e10 }
      return (2 * max(deficit, 0)).squareRoot() - quantile
    }
    func end(_ side: Double) throws -> ProfileEnd {
      var inside = centre
      var distance = quantile * scaleZ
      for _ in 0..<Self.maxWidenings {
        let trial = centre + side * distance
        // Stop at a bound: z so far out that x no longer moves.
        if p.value(trial) == p.value(inside) { break }
        let value = try g(trial)
        if value >= 0 {
          let root = try brentRoot(in: min(inside, trial)...max(inside, trial), absTol: 0.005 * scaleZ, relTol: 0, of: g)
          return ProfileEnd(value: p.value(root), crossed: true)
        }
        inside = trial
        // √(2·deficit) grows about linearly in z: aim 20 % past its predicted crossing.
        let root = value + quantile
        distance *= min(4, max(1.2, 1.2 * quantile / max(root, 1e-12)))
      }
      return ProfileEnd(value: p.value(inside), crossed: false)
    }
    parameter = i
    lower = try end(-1)
    upper = try end(1)
    points = cache.values.sorted { $0.values[i] < $1.values[i] }
  }
}
