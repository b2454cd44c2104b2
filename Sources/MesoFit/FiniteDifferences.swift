import Foundation

/// Derivatives of a smooth function f: ℝⁿ → ℝ by central differences, with steps chosen so that the
/// truncation and rounding errors balance (Press et al., Numerical Recipes §5.7): for the gradient
/// h_i = ε^{1/3}·s_i (error ~ ε^{2/3}), for the Hessian h_i = ε^{1/4}·s_i (error ~ ε^{1/2}), with
/// the scale s_i = |x_i|, or 1 where x_i = 0. ε is the relative rounding of f: machine ε for an exact
/// f such as a teacher-forced likelihood.
public enum FiniteDifferences {
  /// The scale s_i of each coordinate.
  static func scale(_ x: [Double]) -> [Double] { x.map { $0 == 0 ? 1 : abs($0) } }

  /// Steps of ``gradient(of:at:)``: ε^{1/3}·s_i.
  public static func gradientSteps(at x: [Double]) -> [Double] { scale(x).map { cbrt(Double.ulpOfOne) * $0 } }

  /// Steps of ``hessian(of:at:)``: ε^{1/4}·s_i.
  public static func hessianSteps(at x: [Double]) -> [Double] { scale(x).map { pow(Double.ulpOfOne, 0.25) * $0 } }

  /// ∂f/∂x_i ≈ (f(x + h_i e_i) − f(x − h_i e_i)) / 2h_i; 2n evaluations.
  public static func gradient(of f: ([Double]) throws -> Double, at x: [Double]) rethrows -> [Double] {
    let h = gradientSteps(at: x)
    return try x.indices.map { i in
      var plus = x, minus = x
      plus[i] += h[i]
      minus[i] -= h[i]
      return (try f(plus) - f(minus)) / (plus[i] - minus[i])
    }
  }

  /// ∂²f/∂x_i∂x_j row-major: (f(+h_i) − 2f + f(−h_i))/h_i² on the diagonal, the four-point
  /// (f(++) − f(+−) − f(−+) + f(−−))/(4h_ih_j) off it; 1 + 2n + 2n(n − 1) evaluations.
  public static func hessian(of f: ([Double]) throws -> Double, at x: [Double]) rethrows -> [Double] {
    let n = x.count, h = hessianSteps(at: x)
    func shifted(_ steps: [(Int, Double)]) -> [Double] {
      var y = x
      for (i, s) in steps { y[i] += s * h[i] }
      return y
    }
    let center = try f(x)
    var H = [Double](repeating: 0, count: n * n)
    for i in 0..<n {
      H[i * n + i] = (try f(shifted([(i, 1)])) - 2 * center + f(shifted([(i, -1)]))) / (h[i] * h[i])
      for j in 0..<i {
        let pp = try f(shifted([(i, 1), (j, 1)])), pm = try f(shifted([(i, 1), (j, -1)]))
        let mp = try f(shifted([(i, -1), (j, 1)])), mm = try f(shifted([(i, -1), (j, -1)]))
        H[i * n + j] = (pp - pm - mp + mm) / (4 * h[i] * h[j])
        H[j * n + i] = H[i * n + j]
      }
    }
    return H
  }
}
