import Foundation
import GSLBridge

/// The onset of nonzero fixed points at g = 0 (Clark & Abbott 2024, Sec. VI): fixed points have
/// x_i = ±χ with χ = k φ³(χ) (from x = k C(0) φ(x), Eq. 24, with C(0) = φ²(χ)); the smallest k with a
/// solution satisfies 1 = 3k φ²(χ) φ′(χ), i.e. φ(χ)/φ′(χ) = 3χ (sinh 2χ = 6χ for tanh), and
/// k_c = χ / tanh³χ. The paper rounds to χ = 1.42, k_c = 2.02.
public func fixedPointOnsetAtZeroGain() throws -> (kc: Double, chi: Double) {
  let chi = try brentRoot(in: 0.5...3) { sinh(2 * $0) - 6 * $0 }
  return (chi / pow(tanh(chi), 3), chi)
}

/// The eigenvalues of the reduced Jacobian (Eq. 18) at a g = 0 fixed point at the onset k_c, for
/// time-scale ratio p (Sec. VI): the bulk pair −[1 + p ± √((1 + p)² − 8p/3)]/(2p) (each N − 1 times),
/// −1/p − 2/3 (once) and 0 (once, marginal).
public func onsetReducedJacobianEigenvalues(p: Double) -> (bulk: (Double, Double), outlier: Double, marginal: Double) {
  let root = ((1 + p) * (1 + p) - 8 * p / 3).squareRoot()
  return ((-(1 + p + root) / (2 * p), -(1 + p - root) / (2 * p)), -1 / p - 2.0 / 3, 0)
}

/// The left side of the bulk-spectrum condition, Eq. (21):
///
///     ⟨ | g (1 + pλ) / [ (1 + pλ)(1 + λ)/φ′(x) − k C(0) ] |² ⟩_x
///
/// averaged over the given samples of x (from a simulation or a DMFT); λ = re + i·im lies in the
/// support of the bulk where this is ≥ 1. C(0) = ⟨φ²⟩ over the same samples. For k = 0 the support is
/// the disk |1 + λ| ≤ g √⟨φ′²⟩.
public func bulkSpectrumCondition(re: Double, im: Double, g: Double, k: Double, p: Double, samples x: [Double]) -> Double {
  let c0 = x.reduce(0) { $0 + tanh($1) * tanh($1) } / Double(x.count)
  // a = 1 + pλ, b = (1 + pλ)(1 + λ) as complex numbers.
  let aRe = 1 + p * re, aIm = p * im
  let bRe = aRe * (1 + re) - aIm * im, bIm = aRe * im + aIm * (1 + re)
  var sum = 0.0
  for xi in x {
    let slope = 1 - tanh(xi) * tanh(xi)
    let dRe = bRe / slope - k * c0, dIm = bIm / slope
    sum += g * g * (aRe * aRe + aIm * aIm) / (dRe * dRe + dIm * dIm)
  }
  return sum / Double(x.count)
}
