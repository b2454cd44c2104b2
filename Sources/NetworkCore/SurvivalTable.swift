import Foundation

/// The survival factor G(V) = exp(−w·c·Δt·e^{V/ΔV}) of an escape-noise neuron over (a fraction
/// w of) one step, tabulated in x = V/ΔV and read by cubic Hermite interpolation — the authors'
/// table idea (meso-theory.md §3.9, C 1.1), with derivatives so that no exp() is evaluated per bin.
///
/// With spacing h = 0.01 the interpolation error is ≤ h⁴/384·max|d⁴G/dx⁴| < 10⁻¹⁰ (tested).
/// Below the table G = 1 − O(10⁻¹⁴), above it G = 0 to double precision.
public struct SurvivalTable: Sendable {
  @usableFromInline let lower: Double
  @usableFromInline let inverseSpacing: Double
  @usableFromInline let spacing: Double
  /// Per interval i, the cubic Hermite polynomial in t ∈ [0, 1] through G and h·dG/dx at both
  /// ends, as Horner coefficients: [c0, c1, c2, c3] at 4i.
  @usableFromInline let coefficients: [Double]
  @usableFromInline let count: Int
  /// c·Δt·w (the exponent's prefactor).
  public let scale: Double

  /// The table of exp(−scale·e^x), scale = c·Δt·w.
  public init(scale: Double, spacing h: Double = 0.01) {
    self.scale = scale
    spacing = h
    inverseSpacing = 1 / h
    // scale·e^x < 10⁻¹⁴ below, > 745 (G underflows) above.
    lower = (log(1e-14 / scale) / h).rounded(.down) * h
    let upper = log(745 / scale)
    count = Int(((upper - lower) / h).rounded(.up)) + 2
    var c = [Double]()
    c.reserveCapacity(4 * count)
    let start = lower
    func point(_ i: Int) -> (g: Double, d: Double) {
      let s = scale * exp(start + Double(i) * h)
      return (exp(-s), -exp(-s) * s * h)
    }
    for i in 0..<count {
      let (g0, d0) = point(i), (g1, d1) = point(i + 1)
      c += [g0, d0, 3 * (g1 - g0) - 2 * d0 - d1, 2 * (g0 - g1) + d0 + d1]
    }
    coefficients = c
  }

  /// G at x = V/ΔV.
  @inlinable @inline(__always)
  public func survival(_ x: Double) -> Double {
    let position = (x - lower) * inverseSpacing
    if !(position > 0) { return 1 }  // below the table, or NaN
    if position >= Double(count - 1) { return 0 }
    let i = Int(position)
    let t = position - Double(i)
    return coefficients.withUnsafeBufferPointer { c in
      let p = c.baseAddress! + 4 * i
      return p[0] + t * (p[1] + t * (p[2] + t * p[3]))
    }
  }
}
