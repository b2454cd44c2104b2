import MesoCore

/// Winner-take-all network with uniform mutual inhibition and threshold-linear units (RateModels article):
///
///     τ dr_i/dt = −r_i + [x_i]₊,   x_i = I_i − w Σ_{j≠i} r_j
///
/// τ in s. Jacobian J_ij = (−δ_ij − w Θ(x_i > 0)(1 − δ_ij))/τ (one-sided at the kink x_i = 0).
/// Noise: additive σ (see `RateModel`).
public struct WinnerTakeAll: RateModel, Sendable {
  /// The validated parameters.
  public let parameters: WinnerTakeAllParameters
  public let sigma: Double

  /// `p` must be valid (`p.validated()`); σ ≥ 0 (rate units/√s).
  public init(_ p: WinnerTakeAllParameters, noise sigma: Double = 0) {
    precondition(sigma >= 0, "noise sigma must be >= 0")
    precondition(p.r0.count == p.I.count, "winner-take-all: validate the parameters first")
    parameters = p
    self.sigma = sigma
  }

  public var dimension: Int { parameters.I.count }
  public var initialState: [Double] { parameters.r0 }
  public var variableNames: [String] { indexedNames("r", count: dimension) }

  /// x_i = I_i − w (Σ_j r_j − r_i), given the total Σ_j r_j.
  @inline(__always)
  private func input(_ i: Int, _ y: UnsafeBufferPointer<Double>, total: Double) -> Double {
    parameters.I[i] - parameters.w * (total - y[i])
  }

  public func derivatives(
    at t: Double, state y: UnsafeBufferPointer<Double>, into dydt: UnsafeMutableBufferPointer<Double>
  ) {
    let total = y.reduce(0, +)
    for i in 0..<dimension { dydt[i] = (-y[i] + max(0, input(i, y, total: total))) / parameters.tau }
  }

  public func jacobian(
    at t: Double, state y: UnsafeBufferPointer<Double>,
    dfdy: UnsafeMutableBufferPointer<Double>, dfdt: UnsafeMutableBufferPointer<Double>
  ) -> Bool {
    let n = dimension
    let total = y.reduce(0, +)
    let k = 1 / parameters.tau
    for i in 0..<n {
      let inhibition = input(i, y, total: total) > 0 ? -parameters.w * k : 0
      for j in 0..<n { dfdy[i * n + j] = i == j ? -k : inhibition }
      dfdt[i] = 0
    }
    return true
  }
}
