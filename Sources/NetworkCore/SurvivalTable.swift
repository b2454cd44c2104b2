import Foundation

/// The survival factor G(V) = exp(−w·c·Δt·e^{V/ΔV}) of an escape-noise neuron over (a fraction
/// w of) one step, tabulated in x = V/ΔV and read by cubic Hermite interpolation — the table idea
/// of the authors' 2017 C code, with derivatives, so that no exp() is evaluated per bin.
///
/// With spacing h = 0.01 the interpolation error is ≤ h⁴/384·max|d⁴G/dx⁴| < 10⁻¹⁰ (tested).
/// Below the table G = 1 − O(10⁻¹⁴), above it G = 0 to double precision. The lookup has no branch:
/// positions are clamped into the table, whose end cells are constant.
public struct SurvivalTable: Sendable {
  /// x at cell 0's centre, in units of h, and 1/h.
  public let origin: Double
  /// 1/h, the inverse cell width.
  public let inverseSpacing: Double
  /// Largest position (cell index) that is read.
  public let lastPosition: Double
  /// Per cell i (centred on x_i = (origin + i)h, covering ±h/2): the cubic Hermite polynomial in
  /// s ∈ [0, 1] from x_i − h/2 to x_i + h/2 through G and h·dG/dx at both ends, as Horner
  /// coefficients [c0, c1, c2, c3] at 4i.
  public let coefficients: [Double]
  /// c·Δt·w (the exponent's prefactor).
  public let scale: Double

  /// The table of exp(−scale·e^x), scale = c·Δt·w.
  public init(scale: Double, spacing h: Double = 0.01) {
    self.scale = scale
    inverseSpacing = 1 / h
    // scale·e^x < 10⁻¹⁴ below the first cell, > 745 (G underflows) above the last.
    let origin = (log(1e-14 / scale) / h).rounded(.down)
    self.origin = origin
    let cells = Int((log(745 / scale) / h - origin).rounded(.up)) + 2
    lastPosition = Double(cells - 1)
    func point(_ x: Double) -> (g: Double, d: Double) {
      let s = scale * exp(x)
      return (exp(-s), -exp(-s) * s * h)
    }
    var c = [Double]()
    c.reserveCapacity(4 * cells)
    for i in 0..<cells {
      if i == 0 || i == cells - 1 {  // constant ends: 1 below, 0 above
        c += [i == 0 ? 1 : 0, 0, 0, 0]
        continue
      }
      let centre = (origin + Double(i)) * h
      let (g0, d0) = point(centre - h / 2), (g1, d1) = point(centre + h / 2)
      c += [g0, d0, 3 * (g1 - g0) - 2 * d0 - d1, 2 * (g0 - g1) + d0 + d1]
    }
    coefficients = c
  }

  /// G at x = V/ΔV.
  @inlinable @inline(__always)
  public func survival(_ x: Double) -> Double {
    let position = min(max(x * inverseSpacing - origin, 0), lastPosition)
    // Round to the nearest cell with the 2^52 shifter: the cell index sits in the low mantissa bits.
    let shifted = position + 0x1p52
    let cell = Int(truncatingIfNeeded: shifted.bitPattern & 0xF_FFFF_FFFF)
    let s = position - (shifted - 0x1p52) + 0.5
    return coefficients.withUnsafeBufferPointer { c in
      let p = c.baseAddress! + 4 * cell
      return p[0] + s * (p[1] + s * (p[2] + s * p[3]))
    }
  }
}
