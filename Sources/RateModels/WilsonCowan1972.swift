import MesoCore

/// The classic Wilson–Cowan (1972) model with refractory factor (RateModels article):
///
///     τ dE/dt = −E + (k_e − r_e E) S_e(c₁E − c₂I + P)
///     τ dI/dt = −I + (k_i − r_i I) S_i(c₃E − c₄I + Q)
///
/// with S(x) = 1/(1 + e^{−a(x−θ)}) − 1/(1 + e^{aθ}) (so S(0) = 0) and k = sup S = 1 − 1/(1 + e^{aθ}).
/// τ in s; E, I are dimensionless activities. State (E, I). Noise: additive σ (see `RateModel`).
public struct WilsonCowan1972: RateModel, Sendable {
  /// The validated parameters.
  public let parameters: WilsonCowan1972Parameters
  public let sigma: Double
  private let excitatory: ShiftedLogistic
  private let inhibitory: ShiftedLogistic

  /// `p` should be valid (`p.validated()`); σ ≥ 0 (activity units/√s).
  public init(_ p: WilsonCowan1972Parameters, noise sigma: Double = 0) {
    precondition(sigma >= 0, "noise sigma must be >= 0")
    parameters = p
    self.sigma = sigma
    excitatory = ShiftedLogistic(slope: p.aE, threshold: p.thetaE)
    inhibitory = ShiftedLogistic(slope: p.aI, threshold: p.thetaI)
  }

  public var dimension: Int { 2 }
  public var initialState: [Double] { [parameters.E0, parameters.I0] }
  public var variableNames: [String] { ["E", "I"] }

  /// Inputs (x_e, x_i) to the two sigmoids.
  @inline(__always)
  private func inputs(_ y: UnsafeBufferPointer<Double>) -> (Double, Double) {
    let p = parameters
    return (p.c1 * y[0] - p.c2 * y[1] + p.P, p.c3 * y[0] - p.c4 * y[1] + p.Q)
  }

  public func derivatives(
    at t: Double, state y: UnsafeBufferPointer<Double>, into dydt: UnsafeMutableBufferPointer<Double>
  ) {
    let p = parameters
    let (xE, xI) = inputs(y)
    dydt[0] = (-y[0] + (excitatory.supremum - p.rE * y[0]) * excitatory.value(xE)) / p.tau
    dydt[1] = (-y[1] + (inhibitory.supremum - p.rI * y[1]) * inhibitory.value(xI)) / p.tau
  }

  public func jacobian(
    at t: Double, state y: UnsafeBufferPointer<Double>,
    dfdy: UnsafeMutableBufferPointer<Double>, dfdt: UnsafeMutableBufferPointer<Double>
  ) -> Bool {
    let p = parameters
    let (xE, xI) = inputs(y)
    let gE = (excitatory.supremum - p.rE * y[0]) * excitatory.derivative(xE)
    let gI = (inhibitory.supremum - p.rI * y[1]) * inhibitory.derivative(xI)
    dfdy[0] = (-1 - p.rE * excitatory.value(xE) + gE * p.c1) / p.tau
    dfdy[1] = -gE * p.c2 / p.tau
    dfdy[2] = gI * p.c3 / p.tau
    dfdy[3] = (-1 - p.rI * inhibitory.value(xI) - gI * p.c4) / p.tau
    dfdt[0] = 0
    dfdt[1] = 0
    return true
  }
}

/// The Wilson–Cowan sigmoid S(x) = σ(a(x − θ)) − σ(−aθ), a logistic shifted to S(0) = 0.
struct ShiftedLogistic: Sendable {
  private let logistic: Activation
  private let offset: Double

  init(slope a: Double, threshold theta: Double) {
    logistic = .sigmoid(rMax: 1, beta: a, theta: theta)
    offset = logistic.value(0)
  }

  /// k = sup S = 1 − σ(−aθ).
  var supremum: Double { 1 - offset }
  func value(_ x: Double) -> Double { logistic.value(x) - offset }
  func derivative(_ x: Double) -> Double { logistic.derivative(x) }
}
