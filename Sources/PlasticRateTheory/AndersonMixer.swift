/// Anderson acceleration (Anderson 1965; Walker & Ni 2011, "type II") of a fixed-point iteration
/// x = G(x): from the last m pairs (x_i, G(x_i)) with residuals f_i = G(x_i) − x_i, choose γ
/// minimising ‖f_k − ΔF γ‖ and step to x_k + β f_k − (ΔX + β ΔF) γ. Depth 0 is damped iteration
/// x ← x + β f. The history restarts when the residual grows (a safeguard: Anderson steps are not
/// monotone).
struct AndersonMixer {
  let depth: Int
  let mixing: Double
  private var points: [[Double]] = []
  private var residuals: [[Double]] = []

  init(depth: Int, mixing: Double) {
    self.depth = depth
    self.mixing = mixing
  }

  /// The next iterate from the current `point` x_k and its `image` G(x_k).
  mutating func next(point x: [Double], image gx: [Double]) -> [Double] {
    let f = zip(gx, x).map { $0 - $1 }
    if let last = residuals.last, maxNorm(f) > maxNorm(last) {
      points.removeAll()
      residuals.removeAll()
    }
    points.append(x)
    residuals.append(f)
    if points.count > depth + 1 {
      points.removeFirst()
      residuals.removeFirst()
    }
    var step = zip(x, f).map { $0 + mixing * $1 }
    let m = points.count - 1
    guard m > 0 else { return step }
    // ΔF_j = f_{j+1} − f_j, ΔX_j = x_{j+1} − x_j; normal equations (ΔFᵀΔF + εI) γ = ΔFᵀ f.
    let dF = (0..<m).map { j in zip(residuals[j + 1], residuals[j]).map { $0 - $1 } }
    let dX = (0..<m).map { j in zip(points[j + 1], points[j]).map { $0 - $1 } }
    var normal = [[Double]](repeating: [Double](repeating: 0, count: m), count: m)
    var rhs = [Double](repeating: 0, count: m)
    for a in 0..<m {
      for b in 0..<m { normal[a][b] = zip(dF[a], dF[b]).reduce(0) { $0 + $1.0 * $1.1 } }
      rhs[a] = zip(dF[a], f).reduce(0) { $0 + $1.0 * $1.1 }
    }
    let scale = (0..<m).reduce(0) { max($0, normal[$1][$1]) }
    for a in 0..<m { normal[a][a] += 1e-10 * scale }
    guard let gamma = solveLinear(normal, rhs) else { return step }
    for j in 0..<m {
      for i in step.indices { step[i] -= gamma[j] * (dX[j][i] + mixing * dF[j][i]) }
    }
    return step
  }
}

private func maxNorm(_ v: [Double]) -> Double { v.reduce(0) { max($0, abs($1)) } }

/// Gaussian elimination with partial pivoting for a small dense system; nil when singular.
private func solveLinear(_ a: [[Double]], _ b: [Double]) -> [Double]? {
  var a = a, b = b
  let n = b.count
  for col in 0..<n {
    guard let pivot = (col..<n).max(by: { abs(a[$0][col]) < abs(a[$1][col]) }), a[pivot][col] != 0 else { return nil }
    a.swapAt(col, pivot)
    b.swapAt(col, pivot)
    for row in (col + 1)..<n {
      let factor = a[row][col] / a[col][col]
      for c in col..<n { a[row][c] -= factor * a[col][c] }
      b[row] -= factor * b[col]
    }
  }
  var x = [Double](repeating: 0, count: n)
  for row in stride(from: n - 1, through: 0, by: -1) {
    x[row] = (b[row] - ((row + 1)..<n).reduce(0) { $0 + a[row][$1] * x[$1] }) / a[row][row]
  }
  return x
}
