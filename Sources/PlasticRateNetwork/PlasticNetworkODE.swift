import Foundation
import GSLBridge
import MesoCore
import RateModels

/// The network of Eqs. (1)–(3) as one ODE system of dimension N + N² for GSL's steppers (and, as
/// `TangentDynamics`, for RateModels' Benettin estimate of λ_max). State layout as `PlasticNetwork`
/// (`stateVector`): x, then A column-major. Reads J = g·Z, p, k and the plasticity switch from the network; uses its
/// scratch vectors, so one system per network and one integration at a time.
public struct PlasticNetworkODE: TangentDynamics {
  /// The network whose couplings and settings define the system.
  public let network: PlasticNetwork
  /// δφ = φ′(x)∘δx of the tangent product (N values).
  private let rateTangent: UnsafeMutableBufferPointer<Double>
  private let owner: ScratchOwner

  /// The system of `network` as it is now (gain, plasticity switch read at every evaluation).
  public init(_ network: PlasticNetwork) {
    self.network = network
    owner = ScratchOwner(count: network.size)
    rateTangent = owner.buffer
  }

  /// N + N².
  public var dimension: Int { network.size * (network.size + 1) }

  /// ẋ = −x + (J + A)φ and Ȧ = (−A + (k/N) u φᵀ)/p (Ȧ = 0 while plasticity is halted).
  public func derivatives(at t: Double, state y: UnsafeBufferPointer<Double>, into dydt: UnsafeMutableBufferPointer<Double>) {
    let net = network, n = net.size, p = net.parameters.p, c = net.parameters.k / Double(n)
    net.computeRates(from: y.baseAddress!)
    let x = y.baseAddress!, a = y.baseAddress! + n, dx = dydt.baseAddress!, da = dydt.baseAddress! + n
    let phi = net.rates.baseAddress!, u = net.post.baseAddress!
    for i in 0..<n { dx[i] = -x[i] }
    BLAS.gemvColumnMajor(rows: n, columns: n, net.gain, net.couplings.baseAddress!, phi, 1, dx)
    for j in 0..<n {
      let column = a + j * n, out = da + j * n
      BLAS.axpy(phi[j], column, dx, count: n)
      if net.plasticityEnabled {
        BLAS.copy(column, out, count: n)
        BLAS.scale(-1 / p, out, count: n)
        BLAS.axpy(c * phi[j] / p, u, out, count: n)
      } else {
        UnsafeMutableBufferPointer(start: out, count: n).update(repeating: 0)
      }
    }
  }

  /// f(y) and the tangent product M·v: δẋ = −δx + (J + A)(φ′∘δx) + δA φ,
  /// p δȦ = −δA + (k/N)(δu φᵀ + u δφᵀ) with δu = δφ (Hebbian) or 0 (presynaptic), Eq. (16).
  public func derivatives(
    at t: Double, state y: UnsafeBufferPointer<Double>, tangent v: UnsafeBufferPointer<Double>,
    into dydt: UnsafeMutableBufferPointer<Double>, tangentInto dvdt: UnsafeMutableBufferPointer<Double>
  ) {
    derivatives(at: t, state: y, into: dydt)
    let net = network, n = net.size, p = net.parameters.p, c = net.parameters.k / Double(n)
    let a = y.baseAddress! + n, dx = v.baseAddress!, dA = v.baseAddress! + n
    let outX = dvdt.baseAddress!, outA = dvdt.baseAddress! + n
    let phi = net.rates.baseAddress!, u = net.post.baseAddress!, dphi = rateTangent.baseAddress!
    for i in 0..<n {
      dphi[i] = (1 - phi[i] * phi[i]) * dx[i]
      outX[i] = -dx[i]
    }
    BLAS.gemvColumnMajor(rows: n, columns: n, net.gain, net.couplings.baseAddress!, dphi, 1, outX)
    let hebbian = net.parameters.rule == .hebbian
    for j in 0..<n {
      let column = dA + j * n, out = outA + j * n
      BLAS.axpy(dphi[j], a + j * n, outX, count: n)
      BLAS.axpy(phi[j], column, outX, count: n)
      if net.plasticityEnabled {
        BLAS.copy(column, out, count: n)
        BLAS.scale(-1 / p, out, count: n)
        BLAS.axpy(c * dphi[j] / p, u, out, count: n)
        if hebbian { BLAS.axpy(c * phi[j] / p, dphi, out, count: n) }
      } else {
        UnsafeMutableBufferPointer(start: out, count: n).update(repeating: 0)
      }
    }
  }
}

/// Owns a scratch buffer for the lifetime of the (copyable) system value.
private final class ScratchOwner {
  let buffer: UnsafeMutableBufferPointer<Double>
  init(count: Int) { buffer = .allocate(capacity: count) }
  deinit { buffer.deallocate() }
}

extension PlasticNetwork {
  /// Advances from `time` to `time + duration` with GSL's adaptive driver (`options.stepper`) on the
  /// full N + N² system; the state is integrated in place. Throws a `GSLError` naming the time on
  /// failure (for example a non-finite derivative).
  public func advance(duration: Double, options: ODEOptions) throws(GSLError) {
    let system = PlasticNetworkODE(self)
    let integrator = try ODEIntegrator(system, options: options)
    var y = Array(state)
    var t = time
    try integrator.advance(&y, time: &t, to: time + duration)
    for i in 0..<y.count { state[i] = y[i] }
    time = t
  }
}
