import Foundation
import MesoCore

/// Activation (transfer) function F of the rate models, RateModels article. Inputs and outputs are
/// dimensionless (or in the rate unit of `rMax`).
public enum Activation: Equatable, Sendable {
  /// F(x) = tanh x, F′ = 1 − F².
  case tanh
  /// Logistic F(x) = r_max / (1 + e^{−β(x−θ)}), F′ = β F (1 − F/r_max).
  case sigmoid(rMax: Double, beta: Double, theta: Double)
  /// Threshold-linear F(x) = max(0, x), F′ = Θ(x > 0) (one-sided at the kink).
  case relu
  /// F(x) = x.
  case linear

  /// F(x).
  @inline(__always)
  public func value(_ x: Double) -> Double {
    switch self {
    case .tanh: Foundation.tanh(x)
    case .sigmoid(let rMax, let beta, let theta): rMax / (1 + exp(-beta * (x - theta)))
    case .relu: max(0, x)
    case .linear: x
    }
  }

  /// F′(x).
  @inline(__always)
  public func derivative(_ x: Double) -> Double {
    switch self {
    case .tanh:
      let f = Foundation.tanh(x)
      return 1 - f * f
    case .sigmoid(let rMax, let beta, let theta):
      let s = 1 / (1 + exp(-beta * (x - theta)))
      return rMax * beta * s * (1 - s)
    case .relu: return x > 0 ? 1 : 0
    case .linear: return 1
    }
  }

  /// Checks the sigmoid's parameters (`rMax`, `beta` > 0, `theta` finite).
  public func validated() throws(ParameterError) -> Self {
    if case .sigmoid(let rMax, let beta, let theta) = self {
      _ = try Require.positive(rMax, "r_max")
      _ = try Require.positive(beta, "beta")
      _ = try Require.finite(theta, "theta")
    }
    return self
  }
}

/// Configuration form: a name (`tanh`, `sigmoid`, `relu`, `linear`) or an object
/// `{kind: sigmoid, rMax: 1, beta: 1, theta: 0}` whose omitted values take these defaults.
/// Encodes to the name when there are no parameters.
extension Activation: Codable {
  private enum CodingKeys: String, CodingKey { case kind, rMax = "r_max", beta, theta }
  private enum Kind: String, Codable { case tanh, sigmoid, relu, linear }

  public init(from decoder: any Decoder) throws {
    let kind: Kind
    let keyed = try? decoder.container(keyedBy: CodingKeys.self)
    if let keyed {
      kind = try keyed.decode(Kind.self, forKey: .kind)
    } else {
      kind = try decoder.singleValueContainer().decode(Kind.self)
    }
    switch kind {
    case .tanh: self = .tanh
    case .relu: self = .relu
    case .linear: self = .linear
    case .sigmoid:
      self = .sigmoid(
        rMax: try keyed?.decode(.rMax, or: 1) ?? 1, beta: try keyed?.decode(.beta, or: 1) ?? 1,
        theta: try keyed?.decode(.theta, or: 0) ?? 0)
    }
  }

  public func encode(to encoder: any Encoder) throws {
    switch self {
    case .tanh: try Kind.tanh.encode(to: encoder)
    case .relu: try Kind.relu.encode(to: encoder)
    case .linear: try Kind.linear.encode(to: encoder)
    case .sigmoid(let rMax, let beta, let theta):
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(Kind.sigmoid, forKey: .kind)
      try c.encode(rMax, forKey: .rMax)
      try c.encode(beta, forKey: .beta)
      try c.encode(theta, forKey: .theta)
    }
  }
}
