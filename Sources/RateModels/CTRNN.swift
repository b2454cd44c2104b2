import MesoCore

/// Continuous-time recurrent neural network (Beer 1995; RateModels article):
///
///     τ_i dy_i/dt = −y_i + Σ_j W_ij σ(y_j + θ_j) + I_i,   σ(x) = 1/(1 + e^{−x})
///
/// τ_i in s; y, θ, I dimensionless. Jacobian J_ij = (W_ij σ′(y_j + θ_j) − δ_ij)/τ_i; the tangent
/// product is computed in the same pass over W as the drift. Noise: additive σ (see `RateModel`).
public struct CTRNN: RateModel, Sendable {
  /// The validated parameters.
  public let parameters: CTRNNParameters
  public let sigma: Double
  private let weights: DenseMatrix
  /// 1/τ_i (1/s).
  private let rateConstants: [Double]
  private static let logistic = Activation.sigmoid(rMax: 1, beta: 1, theta: 0)

  /// `p` must be valid (`p.validated()`); σ ≥ 0 (state units/√s).
  public init(_ p: CTRNNParameters, noise sigma: Double = 0) {
    precondition(sigma >= 0, "noise sigma must be >= 0")
    let n = p.tau.count
    precondition(p.theta.count == n && p.I.count == n && p.y0.count == n, "CTRNN: validate the parameters first")
    parameters = p
    self.sigma = sigma
    weights = DenseMatrix(rows: p.W)
    precondition(weights.size == n, "CTRNN: W must be N×N")
    rateConstants = p.tau.map { 1 / $0 }
  }

  public var dimension: Int { weights.size }
  public var initialState: [Double] { parameters.y0 }
  public var variableNames: [String] { indexedNames("y", count: dimension) }

  public func derivatives(
    at t: Double, state y: UnsafeBufferPointer<Double>, into dydt: UnsafeMutableBufferPointer<Double>
  ) {
    let n = dimension
    withUnsafeTemporaryAllocation(of: Double.self, capacity: n) { output in
      for j in 0..<n { output[j] = Self.logistic.value(y[j] + parameters.theta[j]) }
      weights.withEntries { w in
        for i in 0..<n {
          let input = dot(w.baseAddress! + i * n, UnsafePointer(output.baseAddress!), n) + parameters.I[i]
          dydt[i] = (input - y[i]) * rateConstants[i]
        }
      }
    }
  }

  public func jacobian(
    at t: Double, state y: UnsafeBufferPointer<Double>,
    dfdy: UnsafeMutableBufferPointer<Double>, dfdt: UnsafeMutableBufferPointer<Double>
  ) -> Bool {
    let n = dimension
    weights.withEntries { w in
      for j in 0..<n {
        let slope = Self.logistic.derivative(y[j] + parameters.theta[j])
        for i in 0..<n { dfdy[i * n + j] = w[i * n + j] * slope * rateConstants[i] }
      }
    }
    for i in 0..<n {
      dfdy[i * n + i] -= rateConstants[i]
      dfdt[i] = 0
    }
    return true
  }

  public func derivatives(
    at t: Double, state y: UnsafeBufferPointer<Double>, tangent v: UnsafeBufferPointer<Double>,
    into dydt: UnsafeMutableBufferPointer<Double>, tangentInto dvdt: UnsafeMutableBufferPointer<Double>
  ) {
    let n = dimension
    withUnsafeTemporaryAllocation(of: Double.self, capacity: 2 * n) { scratch in
      let output = scratch.baseAddress!
      let slopeTimesV = scratch.baseAddress! + n
      for j in 0..<n {
        let x = y[j] + parameters.theta[j]
        output[j] = Self.logistic.value(x)
        slopeTimesV[j] = Self.logistic.derivative(x) * v[j]
      }
      weights.withEntries { w in
        for i in 0..<n {
          let (ws, wv) = dot2(w.baseAddress! + i * n, output, slopeTimesV, n)
          dydt[i] = (ws + parameters.I[i] - y[i]) * rateConstants[i]
          dvdt[i] = (wv - v[i]) * rateConstants[i]
        }
      }
    }
  }
}
