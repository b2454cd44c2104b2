import Foundation
import GSLBridge

/// The preconditioner of the quasi-Newton DMFT iteration (`DMFTOptions.newton`): (1 + μ)I − J⁰ (μ = `shift`), with J⁰ the
/// Jacobian of the Gaussian part of the map C ↦ C_new, C⁰(τ_l) = ⟨tanh x⁰ tanh x⁰′⟩ (the k = 0 path
/// of the control variate). With Δ_l = g² Σ_j r_|j| C(τ_|l−j|) the path covariance (r from
/// `filteredPathCovariance`, C = 0 beyond the window),
///
///     J⁰_lm = ⟨φ′φ′⟩_l ∂Δ_l/∂C_m + ⟨φ″φ⟩_l ∂Δ_0/∂C_m,   ∂Δ_l/∂C_m = g² (r_|l−m| + r_|l+m|)  (m > 0; g² r_|l| at m = 0).
///
/// Near g = 1 the plain iteration's slow modes (gain ≈ g²/(1 + ω²) → 1 at low frequency ω, and the
/// amplitude) are those of J⁰; the step y = (I − J⁰)⁻¹ (C_new − C) removes them, leaving the O(k C(0))
/// part of the map that J⁰ leaves out. `y` also estimates the distance to the fixed point (exactly at k = 0).
func gaussianNewtonSystem(correlation c: [Double], gain g: Double, h: Double, shift: Double) throws -> LUFactorization {
  let count = c.count
  let r = filteredPathCovariance(h: h, reach: count)
  func weight(_ j: Int) -> Double { j < r.count ? r[j] : 0 }
  func derivative(_ l: Int, _ m: Int) -> Double { g * g * (m == 0 ? weight(l) : weight(abs(l - m)) + weight(l + m)) }
  let delta = (0..<count).map { l in (0..<count).reduce(0) { $0 + derivative(l, $1) * c[$1] } }
  var matrix = [Double](repeating: 0, count: count * count)
  for l in 0..<count {
    let averages = bivariateTanhAverages(variance: delta[0], covariance: delta[l], derivatives: true)
    for m in max(0, l - r.count + 1)..<min(count, l + r.count) {
      matrix[l * count + m] -= averages.slopes * derivative(l, m)
    }
    for m in 0..<min(count, r.count) { matrix[l * count + m] -= averages.curvature * derivative(0, m) }
    matrix[l * count + l] += 1 + shift
  }
  return try LUFactorization(rowMajor: matrix, dimension: count)
}
