import MesoCore

/// Parameters of `CTRNN` (RateModels article); the property names are the configuration keys.
public struct CTRNNParameters: Codable, Equatable, Sendable {
  /// τ_i, time constant of each neuron (s); its length is the number of neurons N.
  public var tau: [Double]
  /// W_ij, weight from neuron j onto neuron i: N rows of N.
  public var W: [[Double]]
  /// θ_j, bias of each neuron.
  public var theta: [Double]
  /// I_i, constant external input of each neuron.
  public var I: [Double]
  /// y_i(0), initial states.
  public var y0: [Double]

  /// Parameters of N neurons: `tau` (s), `W` (N × N), `theta`, `I` and `y0` (N each).
  public init(
    tau: [Double] = [0.01], W: [[Double]] = [[0]], theta: [Double] = [0], I: [Double] = [0], y0: [Double] = [0]
  ) {
    self.tau = tau
    self.W = W
    self.theta = theta
    self.I = I
    self.y0 = y0
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let d = Self()
    self.init(
      tau: try c.decode(.tau, or: d.tau), W: try c.decode(.W, or: d.W), theta: try c.decode(.theta, or: d.theta),
      I: try c.decode(.I, or: d.I), y0: try c.decode(.y0, or: d.y0))
  }

  /// Checks that every per-neuron array has N entries, W is N×N, τ_i > 0 and everything is finite.
  public func validated() throws(ParameterError) -> Self {
    let n = try Require.units(tau, "tau")
    try Require.positiveVector(tau, count: n, "tau", unit: "s")
    try Require.squareMatrix(W, size: n, "W")
    try Require.finiteVector(theta, count: n, "theta")
    try Require.finiteVector(I, count: n, "I")
    try Require.finiteVector(y0, count: n, "y0")
    return self
  }
}
