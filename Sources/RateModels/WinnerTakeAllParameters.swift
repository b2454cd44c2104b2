import MesoCore

/// Parameters of `WinnerTakeAll` (RateModels article); the property names are the configuration keys.
/// Defaults: the soft winner-take-all case of §5.7 (w = 0.5, I = (1, 0.8, 0.5)) with τ = 10 ms.
public struct WinnerTakeAllParameters: Codable, Equatable, Sendable {
  /// τ, time constant of every unit (s).
  public var tau: Double
  /// w ≥ 0, strength of the uniform mutual inhibition.
  public var w: Double
  /// I_i, external input of each unit; its length is the number of units N.
  public var I: [Double]
  /// r_i(0), initial rates.
  public var r0: [Double]

  /// Time constant `tau` (s), mutual inhibition `w`, inputs `I` and initial rates `r0`.
  public init(tau: Double = 0.01, w: Double = 0.5, I: [Double] = [1, 0.8, 0.5], r0: [Double] = [0, 0, 0]) {
    self.tau = tau
    self.w = w
    self.I = I
    self.r0 = r0
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let d = Self()
    self.init(
      tau: try c.decode(.tau, or: d.tau), w: try c.decode(.w, or: d.w), I: try c.decode(.I, or: d.I),
      r0: try c.decode(.r0, or: d.r0))
  }

  /// Checks τ > 0, w ≥ 0, and N ≥ 1 finite inputs and initial rates.
  public func validated() throws(ParameterError) -> Self {
    _ = try Require.positive(tau, "tau", unit: "s")
    _ = try Require.nonNegative(w, "w")
    let n = try Require.units(I, "I")
    try Require.finiteVector(I, count: n, "I")
    try Require.finiteVector(r0, count: n, "r0")
    return self
  }
}
