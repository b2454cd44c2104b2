import Foundation
import MesoCore

/// The learning rule I(η_i, η_j) of Feng & Brunel: the increment, in units of r₂, that presenting
/// a pattern adds to J_ij given the postsynaptic (η_i) and presynaptic (η_j) activities.
public enum LearningRule: Equatable, Sendable {
  /// Eq. (5), for coding level f = ½: I = +1 if η_i = η_j, −1 otherwise.
  case balanced
  /// Eq. (6), Tsodyks–Feigel'man-like: I = (η_i − f)(η_j − f).
  case tsodyksFeigelman
  /// Eq. (7), Amit–Fusi-like: I = I₁ if both active, I₂ if exactly one is active, 0 if both silent.
  case amitFusi(i1: Double, i2: Double)

  /// I(η_i, η_j) at coding level `f`, for η ∈ {0, 1}.
  public func increment(post: Int, pre: Int, f: Double) -> Double {
    switch self {
    case .balanced: post == pre ? 1 : -1
    case .tsodyksFeigelman: (Double(post) - f) * (Double(pre) - f)
    case .amitFusi(let i1, let i2): post + pre == 2 ? i1 : (post + pre == 1 ? i2 : 0)
    }
  }
}

/// A Feng–Brunel attractor network: N binary neurons, each pair connected with probability c,
/// synapses J_ij in the double-well potential U(J) = (J ∓ C)² (Feng & Brunel, eqs. 1–7).
/// Time is counted in pattern presentations; every quantity is dimensionless.
public struct DoubleWellParameters: Equatable, Sendable {
  /// N, number of neurons.
  public var N: Int
  /// c, probability that neuron j projects to neuron i (i ≠ j), drawn independently per ordered pair.
  public var c: Double
  /// f, coding level: P(η_i = 1) of every pattern.
  public var f: Double
  /// θ, firing threshold: V_i ← Θ(h_i − θ), eq. (1).
  public var theta: Double
  /// r₁, well depth: between presentations J − C·sgn J decays as e^{−2r₁t} (decay time τ = 1/(2r₁)).
  public var r1: Double
  /// r₂, learning step: a presentation adds r₂ I(η_i, η_j), eq. (3).
  public var r2: Double
  /// r₃, standard deviation of the Gaussian synaptic noise added at every presentation, eq. (3).
  public var r3: Double
  /// C, half-distance between the two wells of U, eq. (4).
  public var C: Double
  /// The learning rule, eqs. (5)–(7).
  public var rule: LearningRule

  /// A network; the defaults are the balanced setting of Feng & Brunel's Fig. 5 (N = 10⁴, c = 0.05,
  /// f = ½, θ = 0, r₁ = 0.1, r₂ = 1, r₃ = 0) with C = 2.5.
  public init(
    N: Int = 10_000, c: Double = 0.05, f: Double = 0.5, theta: Double = 0, r1: Double = 0.1, r2: Double = 1, r3: Double = 0,
    C: Double = 2.5, rule: LearningRule = .balanced
  ) {
    self.N = N
    self.c = c
    self.f = f
    self.theta = theta
    self.r1 = r1
    self.r2 = r2
    self.r3 = r3
    self.C = C
    self.rule = rule
  }

  /// cN, the mean number of presynaptic partners of a neuron.
  public var connections: Double { c * Double(N) }

  /// e^{−2r₁}, the contraction of J − C·sgn J over one interval between presentations.
  public var contraction: Double { exp(-2 * r1) }

  /// Every problem with these values, as configuration key paths (`network.c`, `synapses.r1`).
  public func problems() -> [ParameterError] {
    var found = ParameterProblems()
    found.require(N >= 2, "network.N", Double(N), "be >= 2")
    found.require(c > 0 && c <= 1, "network.c", c, "be in (0, 1]")
    found.require(f > 0 && f < 1, "network.f", f, "be in (0, 1)")
    found.require(c * Double(N) >= 1 || !(c > 0 && c <= 1), "network.c", c, "give N·c >= 1 (N = \(N): N·c = \(formatNumber(c * Double(N))))")
    found.require(theta.isFinite, "network.theta", theta, "be finite")
    found.require(r1 >= 0 && r1.isFinite, "synapses.r1", r1, "be >= 0")
    found.require(r2 > 0 && r2.isFinite, "synapses.r2", r2, "be > 0")
    found.require(r3 >= 0 && r3.isFinite, "synapses.r3", r3, "be >= 0")
    found.require(C >= 0 && C.isFinite, "synapses.C", C, "be >= 0")
    if case .amitFusi(let i1, let i2) = rule {
      found.require(i1.isFinite, "synapses.I1", i1, "be finite")
      found.require(i2.isFinite, "synapses.I2", i2, "be finite")
    }
    return found.errors
  }

  /// These parameters, or the first problem found.
  public func validated() throws(ParameterError) -> Self {
    if let first = problems().first { throw first }
    return self
  }
}
