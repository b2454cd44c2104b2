import GSLBridge
import MesoCore

/// Parameters of `RateNetwork` (RateModels article); the property names are the configuration keys.
public struct RateNetworkParameters: Codable, Equatable, Sendable {
  /// τ_i, time constant of each unit (s); its length is the number of units N.
  public var tau: [Double]
  /// W_ij, weight from unit j onto unit i: N rows of N (input units per rate unit).
  public var W: [[Double]]
  /// I_i, constant external input of each unit (input units).
  public var I: [Double]
  /// F, the activation function.
  public var activation: Activation
  /// r_i(0), initial rates.
  public var r0: [Double]
  /// The Hebbian rule with decay on W (`parameters.plasticity`); nil: W is fixed.
  public var plasticity: HebbianDecayRule?

  /// Parameters of n units: `tau` (s, n values), `W` (n × n), `I` (n), `activation`, `r0` (n) and
  /// an optional plasticity rule on W.
  public init(
    tau: [Double] = [0.01], W: [[Double]] = [[0]], I: [Double] = [0], activation: Activation = .tanh,
    r0: [Double] = [0], plasticity: HebbianDecayRule? = nil
  ) {
    self.tau = tau
    self.W = W
    self.I = I
    self.activation = activation
    self.r0 = r0
    self.plasticity = plasticity
  }

  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let d = Self()
    self.init(
      tau: try c.decode(.tau, or: d.tau), W: try c.decode(.W, or: d.W), I: try c.decode(.I, or: d.I),
      activation: try c.decode(.activation, or: d.activation), r0: try c.decode(.r0, or: d.r0),
      plasticity: try c.decodeIfPresent(HebbianDecayRule.self, forKey: .plasticity))
  }

  /// Checks that every per-unit array has N entries, W is N×N, τ_i > 0 and everything is finite.
  public func validated() throws(ParameterError) -> Self {
    let n = try Require.units(tau, "tau")
    try Require.positiveVector(tau, count: n, "tau", unit: "s")
    try Require.squareMatrix(W, size: n, "W")
    try Require.finiteVector(I, count: n, "I")
    try Require.finiteVector(r0, count: n, "r0")
    do { _ = try activation.validated() } catch { throw error.prefixed("activation") }
    do { _ = try plasticity?.validated() } catch { throw error.prefixed("plasticity") }
    return self
  }

  /// The random network of Sompolinsky, Crisanti & Sommers (1988): W_ij = g·J_ij with
  /// J_ij ~ 𝒩(0, 1/N) and J_ii = 0, tanh activation, I = 0, τ_i = `tau` (s).
  /// J is drawn row by row (skipping the diagonal) from the `.connectivity` stream of `seed`,
  /// r_i(0) ~ 𝒩(0, 0.5²) from its `.initialConditions` stream.
  public static func random(units n: Int, gain g: Double, tau: Double, seed: UInt64) -> Self {
    precondition(n > 0, "random network: units must be > 0")
    var connectivity = RandomStream(master: seed, purpose: .connectivity)
    let sd = 1 / Double(n).squareRoot()
    let W = (0..<n).map { i in (0..<n).map { j in i == j ? 0 : g * connectivity.gaussian(sigma: sd) } }
    var initial = RandomStream(master: seed, purpose: .initialConditions)
    let r0 = (0..<n).map { _ in initial.gaussian(sigma: 0.5) }
    return Self(tau: Array(repeating: tau, count: n), W: W, I: Array(repeating: 0, count: n), activation: .tanh, r0: r0)
  }
}
