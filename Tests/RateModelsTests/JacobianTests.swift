import Foundation
import GSLBridge
import MesoCore
import RateModels
import Testing

/// Each model's analytic Jacobian against central differences of its drift at a random point, and
/// the tangent products J·v against the Jacobian. Central differences with h = 1e-6 err by
/// ~h²|f‴|/6 + ε|f|/h ≲ 1e-9 for the O(1)–O(10) entries here (τ ≥ 0.1 s); bound 1e-6·max(1, |J_ij|).
@Suite struct JacobianTests {
  static func randomPoint(_ n: Int, scale: Double, seed: UInt64) -> [Double] {
    var random = RandomStream(seed: seed)
    return (0..<n).map { _ in random.gaussian(sigma: scale) }
  }

  static func randomMatrix(_ n: Int, seed: UInt64) -> [[Double]] {
    var random = RandomStream(seed: seed)
    return (0..<n).map { _ in (0..<n).map { _ in random.gaussian() } }
  }

  static func checkJacobian<S: TangentDynamics>(_ system: S, at y: [Double], _ label: String) {
    let n = system.dimension
    let analytic = system.jacobianMatrix(at: y)!
    let numeric = finiteDifferenceJacobian(of: system, at: y)
    for k in 0..<(n * n) {
      #expect(abs(analytic[k] - numeric[k]) < 1e-6 * max(1, abs(numeric[k])), "\(label): J[\(k / n)][\(k % n)]")
    }
    // The tangent product (fused or default) equals J·v, and its drift part equals f.
    let v = randomPoint(n, scale: 1, seed: 99)
    var f = [Double](repeating: 0, count: n)
    var jv = f
    y.withUnsafeBufferPointer { y in
      v.withUnsafeBufferPointer { v in
        f.withUnsafeMutableBufferPointer { f in
          jv.withUnsafeMutableBufferPointer {
            system.derivatives(at: 0, state: y, tangent: v, into: f, tangentInto: $0)
          }
        }
      }
    }
    #expect(f == system.drift(at: y), "\(label): drift")
    for i in 0..<n {
      let expected = (0..<n).reduce(0) { $0 + analytic[i * n + $1] * v[$1] }
      #expect(abs(jv[i] - expected) < 1e-12 * max(1, abs(expected)) * Double(n), "\(label): (J·v)[\(i)]")
    }
  }

  static let activations: [Activation] = [.tanh, .sigmoid(rMax: 2, beta: 1.5, theta: 0.3), .relu, .linear]

  @Test(arguments: activations)
  func rateNetwork(activation: Activation) {
    let n = 12
    let p = RateNetworkParameters(
      tau: (0..<n).map { 0.1 + 0.05 * Double($0) }, W: Self.randomMatrix(n, seed: 1).map { $0.map { $0 / 3 } },
      I: Self.randomPoint(n, scale: 0.5, seed: 2), activation: activation, r0: Array(repeating: 0, count: n))
    let system = RateNetwork(p)
    let y = Self.randomPoint(n, scale: 1, seed: 3)
    // Differences of step 1e-6 must not cross the ReLU kink: every input h_i = Σ_j W_ij y_j + I_i is away from 0.
    let h = (0..<n).map { i in (0..<n).reduce(p.I[i]) { $0 + p.W[i][$1] * y[$1] } }
    #expect(h.allSatisfy { abs($0) > 1e-4 })
    Self.checkJacobian(system, at: y, "rate network, \(activation)")
  }

  @Test func wilsonCowan() {
    for activation in Self.activations {
      let system = WilsonCowan(
        WilsonCowanParameters(
          tauE: 0.2, tauI: 0.5, wEE: 1.3, wEI: 2.1, wIE: 1.7, wII: 0.4, IE: 0.2, II: -0.1, activation: activation))
      Self.checkJacobian(system, at: [0.37, -0.21], "Wilson–Cowan, \(activation)")
    }
  }

  @Test func wilsonCowan1972() {
    Self.checkJacobian(WilsonCowan1972(WilsonCowan1972Parameters(tau: 0.3)), at: [0.23, 0.14], "Wilson–Cowan 1972")
  }

  @Test func ctrnn() {
    let n = 11
    let p = CTRNNParameters(
      tau: (0..<n).map { 0.2 + 0.1 * Double($0) }, W: Self.randomMatrix(n, seed: 4),
      theta: Self.randomPoint(n, scale: 1, seed: 5),
      I: Self.randomPoint(n, scale: 1, seed: 6), y0: Array(repeating: 0, count: n))
    Self.checkJacobian(CTRNN(p), at: Self.randomPoint(n, scale: 2, seed: 7), "CTRNN")
  }

  @Test func winnerTakeAll() {
    // Inputs x_i = I_i − w Σ_{j≠i} r_j = (0.8, 0.55, 0.35, −0.1): both branches, away from the kink.
    let system = WinnerTakeAll(WinnerTakeAllParameters(tau: 0.5, w: 0.5, I: [1.0, 0.8, 0.5, 0.2], r0: [0, 0, 0, 0]))
    Self.checkJacobian(system, at: [0.2, 0.1, 0.3, 0], "winner-take-all")
  }
}
