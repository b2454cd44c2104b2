import Foundation
import GSLBridge
import MesoCore

extension PlasticNetwork {
  /// K = (∂F/∂a)(∂G/∂x) of Eq. (17a), N×N row-major: with G = u φᵀ/N,
  /// K_im = δ_im u′_i (φ·φ)/N + u_i φ_m φ′_m / N. Hebbian: K = C(0) Φ′ + φ (φ∘φ′)ᵀ/N (Eq. 20).
  private func plasticCoupling(phi: [Double]) -> [Double] {
    let n = size, c0 = phi.reduce(0) { $0 + $1 * $1 } / Double(n)
    let hebbian = parameters.rule == .hebbian
    var k = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      let ui = hebbian ? phi[i] : 1
      for m in 0..<n { k[i * n + m] = ui * phi[m] * (1 - phi[m] * phi[m]) / Double(n) }
      if hebbian { k[i * n + i] += c0 * (1 - phi[i] * phi[i]) }
    }
    return k
  }

  /// The reduced Jacobian M̃ of Eq. (18) at the current state, 2N×2N row-major, acting on (δx, δã):
  ///
  ///     M̃ = [[ −I + W Φ′ , K ], [ (k/p) I , −I/p ]],   W = J + A,  Φ′ = diag φ′(x)
  ///
  /// with K from Eq. (17a). Its 2N eigenvalues and −1/p (N² − N times) are the spectrum of the full
  /// (N + N²) Jacobian (Eq. 15). While plasticity is halted the synaptic rows vanish and only
  /// `haltedJacobian` matters.
  public func reducedJacobian() -> [Double] {
    let n = size, phi = self.phi, w = totalMatrix, kMatrix = plasticCoupling(phi: phi)
    let kp = parameters.k / parameters.p
    var m = [Double](repeating: 0, count: 4 * n * n)
    for i in 0..<n {
      for j in 0..<n {
        m[i * 2 * n + j] = w[i * n + j] * (1 - phi[j] * phi[j])
        m[i * 2 * n + n + j] = kMatrix[i * n + j]
      }
      m[i * 2 * n + i] -= 1
      m[(n + i) * 2 * n + i] = kp
      m[(n + i) * 2 * n + n + i] = -1 / parameters.p
    }
    return m
  }

  /// The full (N + N²)-dimensional Jacobian of Eqs. (1)–(3) at the current state (Eq. 15), row-major;
  /// state order x, then A column-major (`stateVector`). (N + N²)² entries: for small N only (tests of the structure).
  public func fullJacobian() -> [Double] {
    let n = size, d = n + n * n, phi = self.phi, w = totalMatrix, p = parameters.p, c = parameters.k / Double(n)
    let hebbian = parameters.rule == .hebbian
    var m = [Double](repeating: 0, count: d * d)
    for i in 0..<n {
      for j in 0..<n {
        m[i * d + j] = w[i * n + j] * (1 - phi[j] * phi[j])  // ∂ẋ_i/∂x_j
        m[i * d + n + j * n + i] = phi[j]  // ∂ẋ_i/∂A_ij
      }
      m[i * d + i] -= 1
    }
    for i in 0..<n {
      for j in 0..<n {
        let r = n + j * n + i
        m[r * d + r] = -1 / p
        let u = hebbian ? phi[i] : 1
        m[r * d + j] += c * u * (1 - phi[j] * phi[j]) / p  // ∂(u_i φ_j)/∂x_j
        if hebbian { m[r * d + i] += c * phi[j] * (1 - phi[i] * phi[i]) / p }  // ∂(φ_i φ_j)/∂x_i
      }
    }
    return m
  }

  /// −I + W Φ′, the N×N Jacobian of the neurons with A halted (Sec. VII), row-major.
  public func haltedJacobian() -> [Double] {
    let n = size, phi = self.phi
    var m = totalMatrix
    for i in 0..<n {
      for j in 0..<n { m[i * n + j] *= 1 - phi[j] * phi[j] }
      m[i * n + i] -= 1
    }
    return m
  }

  /// Eigenvalues of `reducedJacobian()` (2N of them), sorted by decreasing real part.
  public func reducedJacobianSpectrum() throws(GSLError) -> [Eigenvalue] {
    try eigenvalues(ofRowMajor: reducedJacobian(), dimension: 2 * size)
  }

  /// Eigenvalues of `haltedJacobian()` (N of them), sorted by decreasing real part.
  public func haltedJacobianSpectrum() throws(GSLError) -> [Eigenvalue] {
    try eigenvalues(ofRowMajor: haltedJacobian(), dimension: size)
  }

  /// Whether (x, A) is a joint fixed point: max_i |ẋ_i| ≤ `tolerance` and, unless plasticity is
  /// halted, max_ij |A_ij − (k/N) u_i φ_j| ≤ `tolerance`/N (Eq. 24: A = (k/N) φ φᵀ).
  public func isJointFixedPoint(tolerance: Double) -> Bool {
    guard speed <= tolerance else { return false }
    guard plasticityEnabled else { return true }
    let n = size, c = parameters.k / Double(n), phi = self.phi, hebbian = parameters.rule == .hebbian
    for i in 0..<n {
      let u = hebbian ? phi[i] : 1
      for j in 0..<n where abs(state[n + j * n + i] - c * u * phi[j]) > tolerance / Double(n) { return false }
    }
    return true
  }
}
