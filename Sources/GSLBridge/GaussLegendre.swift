import CGSL

/// An n-point Gauss–Legendre rule (`gsl_integration_glfixed_table`), its nodes and weights stored
/// for [−1, 1] so that one rule serves any number of panels: ∫_a^b f ≈ ½(b − a) Σ_i w_i f(m + ½(b − a) x_i),
/// m = (a + b)/2, exact for polynomials of degree ≤ 2n − 1.
public struct GaussLegendreRule: Sendable {
  /// x_i on [−1, 1].
  public let nodes: [Double]
  /// w_i on [−1, 1] (they sum to 2).
  public let weights: [Double]

  /// The rule with `points` ≥ 1 nodes.
  public init(points: Int) {
    precondition(points >= 1, "GaussLegendreRule: points must be >= 1")
    _ = gslErrorHandlerOff
    guard let table = gsl_integration_glfixed_table_alloc(points) else {
      fatalError("GaussLegendreRule: gsl_integration_glfixed_table_alloc(\(points)) failed (out of memory)")
    }
    defer { gsl_integration_glfixed_table_free(table) }
    var x = [Double](repeating: 0, count: points), w = x
    for i in 0..<points { gsl_integration_glfixed_point(-1, 1, i, &x[i], &w[i], table) }
    nodes = x
    weights = w
  }

  /// ∫_a^b f(u) du by this rule on the one panel [a, b].
  public func integrate(from a: Double, to b: Double, _ f: (Double) -> Double) -> Double {
    let half = 0.5 * (b - a), mid = 0.5 * (a + b)
    var sum = 0.0
    for i in nodes.indices { sum += weights[i] * f(mid + half * nodes[i]) }
    return half * sum
  }
}
