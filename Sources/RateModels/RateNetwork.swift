import MesoCore

/// Firing-rate network (RateModels article), N units with dense coupling:
///
///     τ_i dr_i/dt = −r_i + F(h_i),   h_i = Σ_j W_ij r_j + I_i
///
/// τ_i in s, r in the units of F. Jacobian J_ij = (F′(h_i) W_ij − δ_ij)/τ_i; the tangent product
/// J·v = (−v + F′(h)∘(W v))/τ is computed in the same pass over W as h, without forming J.
/// Noise: additive σ per unit (see `RateModel`).
public struct RateNetwork: RateModel, Sendable {
  /// The validated parameters.
  public let parameters: RateNetworkParameters
  public let sigma: Double
  private let weights: DenseMatrix
  /// 1/τ_i (1/s).
  private let rateConstants: [Double]

  /// `p` must be valid (`p.validated()`); σ ≥ 0 (rate units/√s).
  public init(_ p: RateNetworkParameters, noise sigma: Double = 0) {
    precondition(sigma >= 0, "noise sigma must be >= 0")
    precondition(p.I.count == p.tau.count && p.r0.count == p.tau.count, "rate network: validate the parameters first")
    parameters = p
    self.sigma = sigma
    weights = DenseMatrix(rows: p.W)
    precondition(weights.size == p.tau.count, "rate network: W must be N×N")
    rateConstants = p.tau.map { 1 / $0 }
  }

  public var dimension: Int { weights.size }
  public var initialState: [Double] { parameters.r0 }
  public var variableNames: [String] { indexedNames("r", count: dimension) }

  public func derivatives(
    at t: Double, state y: UnsafeBufferPointer<Double>, into dydt: UnsafeMutableBufferPointer<Double>
  ) {
    let n = dimension
    let F = parameters.activation
    weights.withEntries { w in
      parameters.I.withUnsafeBufferPointer { input in
        rateConstants.withUnsafeBufferPointer { k in
          for i in 0..<n {
            let h = dot(w.baseAddress! + i * n, y.baseAddress!, n) + input[i]
            dydt[i] = (F.value(h) - y[i]) * k[i]
          }
        }
      }
    }
  }

  public func jacobian(
    at t: Double, state y: UnsafeBufferPointer<Double>,
    dfdy: UnsafeMutableBufferPointer<Double>, dfdt: UnsafeMutableBufferPointer<Double>
  ) -> Bool {
    let n = dimension
    let F = parameters.activation
    weights.withEntries { w in
      for i in 0..<n {
        let h = dot(w.baseAddress! + i * n, y.baseAddress!, n) + parameters.I[i]
        let gain = F.derivative(h) * rateConstants[i]
        for j in 0..<n { dfdy[i * n + j] = gain * w[i * n + j] }
        dfdy[i * n + i] -= rateConstants[i]
        dfdt[i] = 0
      }
    }
    return true
  }

  public func derivatives(
    at t: Double, state y: UnsafeBufferPointer<Double>, tangent v: UnsafeBufferPointer<Double>,
    into dydt: UnsafeMutableBufferPointer<Double>, tangentInto dvdt: UnsafeMutableBufferPointer<Double>
  ) {
    let n = dimension
    let F = parameters.activation
    weights.withEntries { w in
      parameters.I.withUnsafeBufferPointer { input in
        rateConstants.withUnsafeBufferPointer { k in
          for i in 0..<n {
            let (wr, wv) = dot2(w.baseAddress! + i * n, y.baseAddress!, v.baseAddress!, n)
            let h = wr + input[i]
            dydt[i] = (F.value(h) - y[i]) * k[i]
            dvdt[i] = (F.derivative(h) * wv - v[i]) * k[i]
          }
        }
      }
    }
  }
}
