import MesoCore

/// Excitatory–inhibitory Wilson–Cowan model in rate form (RateModels article):
///
///     τ_E dr_E/dt = −r_E + F(w_EE r_E − w_EI r_I + I_E)
///     τ_I dr_I/dt = −r_I + F(w_IE r_E − w_II r_I + I_I)
///
/// τ in s, rates in the units of F. State (r_E, r_I). Noise: additive σ (see `RateModel`).
public struct WilsonCowan: RateModel, Sendable {
  /// The validated parameters.
  public let parameters: WilsonCowanParameters
  public let sigma: Double

  /// `p` should be valid (`p.validated()`); σ ≥ 0 (rate units/√s).
  public init(_ p: WilsonCowanParameters, noise sigma: Double = 0) {
    precondition(sigma >= 0, "noise sigma must be >= 0")
    parameters = p
    self.sigma = sigma
  }

  public var dimension: Int { 2 }
  public var initialState: [Double] { [parameters.rE0, parameters.rI0] }
  public var variableNames: [String] { ["r_E", "r_I"] }

  /// Inputs (x_E, x_I) to the two activation functions.
  @inline(__always)
  private func inputs(_ y: UnsafeBufferPointer<Double>) -> (Double, Double) {
    let p = parameters
    return (p.wEE * y[0] - p.wEI * y[1] + p.IE, p.wIE * y[0] - p.wII * y[1] + p.II)
  }

  public func derivatives(
    at t: Double, state y: UnsafeBufferPointer<Double>, into dydt: UnsafeMutableBufferPointer<Double>
  ) {
    let p = parameters
    let (xE, xI) = inputs(y)
    dydt[0] = (-y[0] + p.activation.value(xE)) / p.tauE
    dydt[1] = (-y[1] + p.activation.value(xI)) / p.tauI
  }

  public func jacobian(
    at t: Double, state y: UnsafeBufferPointer<Double>,
    dfdy: UnsafeMutableBufferPointer<Double>, dfdt: UnsafeMutableBufferPointer<Double>
  ) -> Bool {
    let p = parameters
    let (xE, xI) = inputs(y)
    let gE = p.activation.derivative(xE) / p.tauE
    let gI = p.activation.derivative(xI) / p.tauI
    dfdy[0] = gE * p.wEE - 1 / p.tauE
    dfdy[1] = -gE * p.wEI
    dfdy[2] = gI * p.wIE
    dfdy[3] = -gI * p.wII - 1 / p.tauI
    dfdt[0] = 0
    dfdt[1] = 0
    return true
  }
}
