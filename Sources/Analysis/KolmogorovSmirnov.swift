import Foundation

/// Two-sample Kolmogorov–Smirnov test, e.g. of Up or Down dwell-time distributions micro vs meso.
/// D = sup_x |F_a(x) − F_b(x)| over the empirical distribution functions (ties handled: both functions
/// step over equal values together). p-value from the asymptotic Kolmogorov distribution with
/// Stephens' small-sample correction (Numerical Recipes §14.3):
/// p = Q_KS((√N_e + 0.12 + 0.11/√N_e)·D), N_e = nm/(n + m).
public struct KolmogorovSmirnovTest: Equatable, Sendable {
  /// D, the largest distance between the two empirical distribution functions, in [0, 1].
  public let statistic: Double
  /// Asymptotic probability of a D at least this large if both samples come from one continuous
  /// distribution.
  public let pValue: Double
  /// n, the size of the first sample.
  public let n: Int
  /// m, the size of the second sample.
  public let m: Int

  /// The test of samples `a` and `b`; nil when either is empty.
  public init?(_ a: [Double], _ b: [Double]) {
    guard !a.isEmpty, !b.isEmpty else { return nil }
    let a = a.sorted(), b = b.sorted()
    var i = 0, j = 0, d = 0.0
    while i < a.count, j < b.count {
      let x = min(a[i], b[j])
      while i < a.count, a[i] <= x { i += 1 }
      while j < b.count, b[j] <= x { j += 1 }
      d = max(d, abs(Double(i) / Double(a.count) - Double(j) / Double(b.count)))
    }
    let effective = (Double(a.count * b.count) / Double(a.count + b.count)).squareRoot()
    statistic = d
    pValue = kolmogorovSurvival((effective + 0.12 + 0.11 / effective) * d)
    n = a.count
    m = b.count
  }
}

/// Q_KS(λ) = P(K > λ) = 2 Σ_{j≥1} (−1)^{j−1} e^{−2j²λ²} for the Kolmogorov distribution K (limit of
/// √n·sup|F_n − F|). Evaluated for λ < 1.18 through the Jacobi-transformed series
/// 1 − (√(2π)/λ) Σ_{j≥1} e^{−(2j−1)²π²/(8λ²)}, which converges fast there. Q = 1 for λ ≤ 0.
public func kolmogorovSurvival(_ lambda: Double) -> Double {
  guard lambda > 0 else { return 1 }
  var sum = 0.0
  if lambda < 1.18 {
    for j in 1... {
      let term = exp(-Double((2 * j - 1) * (2 * j - 1)) * Double.pi * Double.pi / (8 * lambda * lambda))
      sum += term
      if term <= 1e-17 * sum || term == 0 { break }
    }
    return 1 - (2 * Double.pi).squareRoot() / lambda * sum
  }
  for j in 1... {
    let term = exp(-2 * Double(j * j) * lambda * lambda)
    sum += j % 2 == 1 ? term : -term
    if term <= 1e-17 * sum { break }
  }
  return 2 * sum
}
