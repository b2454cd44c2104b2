import Foundation
import MesoCore

/// The plasticity rule of the synaptic matrix A, written as (1 + p ∂_t) A_ij = (k/N) u_i φ_j with a
/// postsynaptic factor u_i (Clark & Abbott 2024, Eq. 3 and App. A).
public enum PlasticityRule: String, Codable, CaseIterable, Sendable {
  /// Hebbian (k > 0) or anti-Hebbian (k < 0): u_i = φ(x_i), Eq. (3).
  case hebbian
  /// Presynaptic only: u_i = 1, so every neuron receives the same plastic input (App. A).
  case presynaptic
}

/// Parameters of the plastic random rate network of Clark & Abbott (2024), Eqs. (1)–(3), in units of
/// the neuronal time constant:
///
///     ẋ_i = −x_i + Σ_j (J_ij + A_ij) φ(x_j),   φ = tanh,   J_ij ~ 𝒩(0, g²/N)
///     p Ȧ_ij = −A_ij + (k/N) u_i φ(x_j)
///
/// Self-couplings (J_ii, A_ii) are kept, which makes the identity of Eq. (5) exact.
public struct PlasticNetworkParameters: Codable, Equatable, Sendable {
  /// N, number of neurons (the state has N + N² variables).
  public var N: Int
  /// g, gain of the random couplings: J_ij has variance g²/N (dimensionless).
  public var g: Double
  /// k, plasticity strength: > 0 Hebbian, < 0 anti-Hebbian (dimensionless).
  public var k: Double
  /// p, synaptic time constant in units of the neuronal one (> 0). Paper default 2.5.
  public var p: Double
  /// The plasticity rule (postsynaptic factor of Eq. 3).
  public var rule: PlasticityRule
  /// Standard deviation of the initial neuronal state, x_i(0) ~ 𝒩(0, x0_sigma²) (dimensionless); A(0) = 0.
  public var x0Sigma: Double

  enum CodingKeys: String, CodingKey { case N, g, k, p, rule, x0Sigma = "x0_sigma" }

  /// Every value as named above; the defaults are the paper's usual settings (g = 2, k = 0, p = 2.5).
  public init(
    N: Int = 1000, g: Double = 2, k: Double = 0, p: Double = 2.5, rule: PlasticityRule = .hebbian, x0Sigma: Double = 1
  ) {
    self.N = N
    self.g = g
    self.k = k
    self.p = p
    self.rule = rule
    self.x0Sigma = x0Sigma
  }

  /// Decodes the keys above; omitted keys take the defaults of `init`.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self), d = Self()
    self.init(
      N: try c.decodeIfPresent(Int.self, forKey: .N) ?? d.N, g: try c.decodeIfPresent(Double.self, forKey: .g) ?? d.g,
      k: try c.decodeIfPresent(Double.self, forKey: .k) ?? d.k, p: try c.decodeIfPresent(Double.self, forKey: .p) ?? d.p,
      rule: try c.decodeIfPresent(PlasticityRule.self, forKey: .rule) ?? d.rule,
      x0Sigma: try c.decodeIfPresent(Double.self, forKey: .x0Sigma) ?? d.x0Sigma)
  }

  /// Bytes of the two N×N matrices (J and A) plus the O(N) vectors, or nil when that overflows `Int`.
  public var memoryBytes: Int? {
    let (square, o1) = N.multipliedReportingOverflow(by: N)
    let (entries, o2) = square.multipliedReportingOverflow(by: 2)
    let (vectors, o3) = N.multipliedReportingOverflow(by: 8)
    let (total, o4) = entries.addingReportingOverflow(vectors)
    let (bytes, o5) = total.multipliedReportingOverflow(by: MemoryLayout<Double>.stride)
    return o1 || o2 || o3 || o4 || o5 ? nil : bytes
  }

  /// Checks N ≥ 1 and that J and A fit in `memoryLimit` (default: the machine's, `MemoryLimit.machine()`),
  /// g, k finite, p > 0, x0_sigma ≥ 0. Nothing is allocated before this passes.
  public func validated(memoryLimit: MemoryLimit = .machine()) throws(ParameterError) -> Self {
    guard N >= 1 else { throw ParameterError(path: "N", value: "\(N)", requirement: "be >= 1") }
    guard let bytes = memoryBytes, bytes <= memoryLimit.bytes else {
      let limit = Int(sqrt(Double(memoryLimit.bytes) / 16))
      throw ParameterError(
        path: "N", value: "\(N)", requirement: "be <= \(limit): J and A need 16·N² bytes, more than the \(memoryLimit)")
    }
    _ = try Require.finite(g, "g")
    _ = try Require.finite(k, "k")
    // |A_ij| ≤ |k|/N, so ‖A‖_F² ≤ k²: beyond this bound PR_A and the Jacobians overflow.
    guard abs(k) <= 1e100 else { throw ParameterError(path: "k", value: k, requirement: "be in [-1e100, 1e100] (‖A‖² ≤ k² must be finite)") }
    _ = try Require.positive(p, "p")
    _ = try Require.nonNegative(x0Sigma, "x0_sigma")
    return self
  }
}
