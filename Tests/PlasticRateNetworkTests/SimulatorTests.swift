import Foundation
import GSLBridge
import MesoCore
import PlasticRateNetwork
import Testing

/// Exact properties of the simulator (Clark & Abbott 2024, Eqs. 1–5 and App. A).
@Suite struct PlasticSimulatorTests {
  private func network(N: Int, g: Double = 2, k: Double, p: Double = 2.5, rule: PlasticityRule = .hebbian, seed: UInt64 = 3)
    throws -> PlasticNetwork
  {
    PlasticNetwork(try PlasticNetworkParameters(N: N, g: g, k: k, p: p, rule: rule).validated(), seed: seed)
  }

  /// Eq. (5) for the discrete scheme: A(t_n) φ(t_n) = c Σ_{m<n} s^{n−1−m} u(t_m) [φ(t_m)·φ(t_n)], with
  /// s = e^{−dt/p}, c = (1 − s) k/N — the history-buffer form of the plastic input, self-couplings
  /// included. For the presynaptic rule (u = 1) every neuron gets the same input (App. A, C11).
  @Test(arguments: [PlasticityRule.hebbian, .presynaptic])
  func plasticInputEqualsHistoryIdentity(rule: PlasticityRule) throws {
    let n = 200, dt = 0.05, steps = 500, k = 1.3, p = 2.5
    let net = try network(N: n, k: k, p: p, rule: rule)
    var history = [[Double]]()
    for _ in 0..<steps {
      history.append(net.phi)
      try net.advance(steps: 1, dt: dt)
    }
    let now = net.phi, s = exp(-dt / p), c = -expm1(-dt / p) * k / Double(n)
    var expected = [Double](repeating: 0, count: n)
    for (m, past) in history.enumerated() {
      let overlap = zip(past, now).reduce(0) { $0 + $1.0 * $1.1 }
      let weight = c * pow(s, Double(steps - 1 - m)) * overlap
      for i in 0..<n { expected[i] += weight * (rule == .hebbian ? past[i] : 1) }
    }
    let got = net.plasticInput()
    let scale = expected.reduce(0) { max($0, abs($1)) }
    #expect(scale > 0.01)
    #expect(zip(got, expected).allSatisfy { abs($0 - $1) < 1e-10 * max(scale, 1) })
    if rule == .presynaptic { #expect(got.allSatisfy { abs($0 - got[0]) < 1e-13 }) }
  }

  /// A constant rate vector held (neurons clamped) for time t gives A = (1 − e^{−t/p}) (k/N) φ φᵀ.
  @Test func clampedRatesGiveClosedFormA() throws {
    let n = 30, k = -1.7, p = 2.5, dt = 0.1, steps = 137
    let net = try network(N: n, k: k, p: p)
    let phi = net.phi
    try net.advance(steps: steps, dt: dt, clamped: true)
    let factor = -expm1(-Double(steps) * dt / p) * k / Double(n)
    let a = net.plasticMatrix
    for i in 0..<n {
      for j in 0..<n { #expect(abs(a[i * n + j] - factor * phi[i] * phi[j]) < 1e-14) }
    }
    #expect(abs(net.time - Double(steps) * dt) < 1e-12)
  }

  /// k = 0 keeps A = 0 exactly, so the plastic network equals the halted (static) one bit for bit.
  @Test func zeroPlasticityIsTheStaticNetwork() throws {
    let plastic = try network(N: 64, k: 0), halted = try network(N: 64, k: 0)
    halted.plasticityEnabled = false
    try plastic.advance(steps: 300, dt: 0.05)
    try halted.advance(steps: 300, dt: 0.05)
    #expect(plastic.x == halted.x)
    #expect(plastic.plasticMatrix.allSatisfy { $0 == 0 })
  }

  /// C1: at (x, A) = (0, 0) the reduced Jacobian is [[−I + J, 0], [(k/p) I, −I/p]], so its spectrum
  /// is −1 + eig(J) and −1/p: the trivial point is stable iff g·ρ(Z) < 1, for any k.
  @Test(arguments: [-2.0, 0, 2])
  func trivialPointStableIffGainBelowOne(k: Double) throws {
    for g in [0.8, 1.2] {
      let net = try network(N: 150, g: g, k: k)
      net.setX([Double](repeating: 0, count: 150))
      let reduced = try net.reducedJacobianSpectrum()
      let coupling = try eigenvalues(ofRowMajor: net.couplingMatrix, dimension: 150)
      let expected = max(coupling[0].real - 1, -1 / 2.5)
      #expect(abs(reduced[0].real - expected) < 1e-9)
      #expect((reduced[0].real < 0) == (g < 1))
      #expect(reduced.filter { abs($0.real + 1 / 2.5) < 1e-9 && abs($0.imaginary) < 1e-9 }.count == 150)
    }
  }

  /// C5: the full (N + N²) Jacobian has −1/p with multiplicity N² − N, and its other 2N eigenvalues
  /// are those of the reduced Jacobian M̃ (Eqs. 15–18), at a chaotic state with A ≠ 0. (Hebbian rule:
  /// under the presynaptic rule the image of ∂G/∂x meets the kernel of ∂F/∂a, −1/p becomes defective
  /// and GSL resolves it only to ~√ε.)
  @Test func fullJacobianStructure() throws {
    let n = 7, p = 2.5
    let net = try network(N: n, g: 2, k: 1.5, p: p)
    try net.advance(steps: 400, dt: 0.05)
    var full = try eigenvalues(ofRowMajor: net.fullJacobian(), dimension: n + n * n)
    let reduced = try net.reducedJacobianSpectrum()
    // Remove the N² − N eigenvalues nearest −1/p, then match the rest against M̃'s.
    full.sort { hypot($0.real + 1 / p, $0.imaginary) < hypot($1.real + 1 / p, $1.imaginary) }
    let relaxational = full.prefix(n * n - n)
    #expect(relaxational.allSatisfy { hypot($0.real + 1 / p, $0.imaginary) < 1e-9 })
    let rest = full.dropFirst(n * n - n).sorted { ($0.real, $0.imaginary) > ($1.real, $1.imaginary) }
    #expect(rest.count == reduced.count)
    for (a, b) in zip(rest, reduced) { #expect(hypot(a.real - b.real, a.imaginary - b.imaginary) < 1e-9) }
  }

  /// The GSL path integrates the same equations: rk8pd at tight tolerance against the exponential
  /// scheme at dt = 10⁻³ (first order: error ≈ dt·O(1) ≈ 10⁻³ over t = 2).
  @Test func gslStepperAgreesWithFixedStep() throws {
    let a = try network(N: 40, k: 1.2), b = try network(N: 40, k: 1.2)
    try a.advance(duration: 2, options: ODEOptions(stepper: .rk8pd, absTol: 1e-11, relTol: 1e-11))
    try b.advance(steps: 2000, dt: 1e-3)
    let dx = zip(a.x, b.x).reduce(0) { max($0, abs($1.0 - $1.1)) }
    #expect(dx < 5e-3)
    #expect(dx > 1e-6)  // the two schemes are different (first order vs 8th order)
    #expect(abs(a.time - 2) < 1e-12)
  }
}
