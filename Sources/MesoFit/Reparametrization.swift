import Foundation
import GSLBridge

/// The coordinates a fit searches in, as `FitOptions.reparametrization` chooses them.
///
/// In the population equations every potential obeys u ← u·E_m + μ(1 − E_m) + Δh_syn, a bin starts
/// at the reset u_r, the free pool at h = μ, and the escape rate depends on u − ϑ with ϑ = u_th + θ.
/// Shifting μ, u_th and u_r of one population by the same δ therefore shifts every potential and
/// every threshold by δ and leaves the likelihood exactly unchanged (an exact invariance). With u_r
/// held, the shift of μ and u_th alone changes u − ϑ only in the bins since the last reset, by
/// δ·e^{−(a − t_ref)/τ_m} at age a: a near-invariance, the flatter the longer the intervals between
/// spikes are compared with τ_m. `thresholdRelative` fits the threshold (and the reset) relative to
/// the drive, so that this ridge lies along one coordinate. (A second exact invariance, the common
/// scale of μ, u_th, u_r, ΔV, J_θ and the couplings onto the population, is not removed by it.)
public enum Reparametrization: String, Sendable, CaseIterable {
  /// The user's parameters themselves.
  case none
  /// For each population whose `populations[i].mu` is free, a free `populations[i].V_th` is fitted
  /// as V_th − μ and a free `populations[i].V_reset` as V_reset − μ; all other parameters as given.
  case thresholdRelative = "threshold-relative"
}

/// The linear map between the user's parameters x and the fit's coordinates y (y_i = x_i − x_{r(i)}
/// for a parameter relative to the drive r(i), y_i = x_i otherwise), with the Jacobian that carries
/// the covariance back (delta method; exact for this linear map): C_x = J C_y Jᵀ, J = ∂x/∂y.
struct LinearReparametrization: Sendable {
  /// The index of the drive μ each parameter is relative to, or nil.
  let reference: [Int?]

  init(_ kind: Reparametrization, free: [FreeParameter]) {
    guard kind == .thresholdRelative else {
      reference = Array(repeating: nil, count: free.count)
      return
    }
    // populations[i].KEY → (i, KEY)
    func split(_ key: String) -> (String, String)? {
      guard key.hasPrefix("populations["), let close = key.firstIndex(of: "]"), key[key.index(after: close)...].hasPrefix(".") else {
        return nil
      }
      return (String(key[..<close]), String(key[key.index(close, offsetBy: 2)...]))
    }
    reference = free.map { p in
      guard let (population, name) = split(p.key), name == "V_th" || name == "V_reset" else { return nil }
      return free.firstIndex { split($0.key).map { $0 == (population, "mu") } ?? false }
    }
  }

  /// Whether any parameter is fitted relative to the drive.
  var isIdentity: Bool { reference.allSatisfy { $0 == nil } }

  /// y of x.
  func fitted(_ x: [Double]) -> [Double] { x.indices.map { i in reference[i].map { x[i] - x[$0] } ?? x[i] } }

  /// x of y (a drive is never itself relative, so y_{r(i)} = x_{r(i)}).
  func natural(_ y: [Double]) -> [Double] { y.indices.map { i in reference[i].map { y[i] + y[$0] } ?? y[i] } }

  /// J = ∂x/∂y, row-major: the identity plus J_{i,r(i)} = 1.
  var jacobian: [Double] {
    let n = reference.count
    var J = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      J[i * n + i] = 1
      if let r = reference[i] { J[i * n + r] = 1 }
    }
    return J
  }

  /// The inverse ∂y/∂x: the identity minus 1 at (i, r(i)).
  var inverseJacobian: [Double] {
    let n = reference.count
    return jacobian.enumerated().map { k, v in k / n == k % n ? v : -v }
  }

  /// The fit's parameters: a relative one is unbounded unless both it and its drive are bounded,
  /// then bounded by (lo_i − hi_r, hi_i − lo_r), the range of the difference.
  func fittedParameters(_ free: [FreeParameter]) -> [FreeParameter] {
    free.indices.map { i in
      guard let r = reference[i] else { return free[i] }
      let p = free[i], drive = free[r]
      let bounded = [p.lower, p.upper, drive.lower, drive.upper].allSatisfy(\.isFinite)
      return bounded ? FreeParameter(key: p.key, lower: p.lower - drive.upper, upper: p.upper - drive.lower) : FreeParameter(key: p.key)
    }
  }
}

/// A B Aᵀ (or, `transposed`, Aᵀ B A) of row-major n×n matrices, by two `BLAS.gemm`.
func congruence(_ A: [Double], _ B: [Double], transposed: Bool = false, dimension n: Int) -> [Double] {
  var AB = [Double](repeating: 0, count: n * n), out = AB
  BLAS.gemm(rows: n, columns: n, inner: n, 1, A, transposeA: transposed, B, 0, &AB)
  BLAS.gemm(rows: n, columns: n, inner: n, 1, AB, A, transposeB: !transposed, 0, &out)
  return out
}

/// A direction of the parameter space and how well the data determine it: an eigenpair of the
/// observed information in relative units, D·I·D with D = diag(s_i), s_i = |θ̂_i| (1 where θ̂_i = 0).
/// The combination c = Σ_i w_i θ_i/s_i (dimensionless, w a unit vector) has the standard error
/// 1/√λ where λ > 0 (a relative standard error: 0.01 is 1 % of the parameters' size), and is not
/// determined (flat or a saddle) where λ ≤ 0.
public struct IdentifiableCombination: Sendable, Equatable {
  /// λ, the information along `weights` in relative units.
  public var eigenvalue: Double
  /// w, the unit weights of the relative parameters θ_i/s_i, in the fit's parameter order.
  public var weights: [Double]
  /// c at the estimate, Σ w_i θ̂_i/s_i.
  public var value: Double
  /// 1/√λ, nil where λ ≤ 0.
  public var standardError: Double?
  /// c ± z·se at the fit's confidence, nil where λ ≤ 0.
  public var interval: ClosedRange<Double>?

  /// The eigenpairs of D·I·D at `estimate`, largest λ first. The intervals of the determined
  /// combinations are conditional on the estimate in the undetermined ones (they are the curvature
  /// there, not a profile over a flat direction).
  static func of(information: [Double], estimate: [Double], z: Double) throws -> [IdentifiableCombination] {
    let n = estimate.count
    let s = estimate.map { $0 == 0 ? 1 : abs($0) }
    let scaled = (0..<(n * n)).map { k in information[k] * s[k / n] * s[k % n] }
    return try symmetricEigenpairs(ofRowMajor: scaled, dimension: n).map { pair in
      // Sign: the largest weight positive, so that the reported combination is reproducible.
      let sign = pair.vector.max { abs($0) < abs($1) }.map { $0 < 0 ? -1.0 : 1.0 } ?? 1
      let w = pair.vector.map { sign * $0 }
      let c = (0..<n).reduce(0.0) { $0 + w[$1] * estimate[$1] / s[$1] }
      let se = pair.value > 0 ? 1 / pair.value.squareRoot() : nil
      return IdentifiableCombination(
        eigenvalue: pair.value, weights: w, value: c, standardError: se, interval: se.map { (c - z * $0)...(c + z * $0) })
    }
  }
}
