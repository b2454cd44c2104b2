import Foundation
import MesoCore

/// The density of one synaptic weight J on the symmetric grid J_k = (k − n/2 + ½) h (0 is not a
/// node), evolved by the balanced learning rule: the density evolution of Feng & Brunel,
/// eqs. (16)–(21), with the weights ½ of I = ±1 and the Jacobian e^{2r₁} of the flow.
///
/// h = r₂ / `cellsPerStep`, so a learning step ±r₂ moves mass by a whole number of cells; the
/// flow moves each cell's mass to F(J_k) and splits it linearly between the two nodes around it,
/// never across 0 (J never changes sign between presentations).
struct WeightGrid: Sendable {
  /// Number of nodes (even).
  let n: Int
  /// Node spacing h.
  let h: Double
  /// r₂/h, the cells of one learning step.
  let step: Int
  /// √((r₂² + r₃²)/(1 − e^{−4r₁})), an upper bound of the stationary s.d. of J in one well.
  let sd: Double
  /// Node values J_k.
  let nodes: [Double]
  /// Flow: the mass of node k goes to `flowTarget[k]` (fraction 1 − `flowWeight[k]`) and to the
  /// node above it (fraction `flowWeight[k]`).
  private let flowTarget: [Int]
  private let flowWeight: [Double]
  /// One presentation as a convolution: ½𝒩(+r₂, r₃²) + ½𝒩(−r₂, r₃²) on the grid, offsets −w…w.
  private let presentationKernel: [Double]
  /// The synaptic noise 𝒩(0, r₃²) alone ([1] without noise).
  private let noiseKernel: [Double]

  /// The grid for the synapses of `p`: it reaches 8 stationary standard deviations beyond ±(C + r₂).
  init(_ p: DoubleWellParameters, cellsPerStep: Int = 50) {
    let lambda = p.contraction
    h = p.r2 / Double(cellsPerStep)
    step = cellsPerStep
    sd = ((p.r2 * p.r2 + p.r3 * p.r3) / (1 - lambda * lambda)).squareRoot()
    let half = Int(((p.C + p.r2 + 8 * sd) / h).rounded(.up))
    n = 2 * half
    let nodes = (0..<n).map { (Double($0 - half) + 0.5) * p.r2 / Double(cellsPerStep) }
    self.nodes = nodes
    var target = [Int](repeating: 0, count: n), weight = [Double](repeating: 0, count: n)
    for k in 0..<n {
      let sign: Double = k >= half ? 1 : -1
      let x = (sign * p.C + (nodes[k] - sign * p.C) * lambda) / h + Double(half) - 0.5
      var lo = Int(x.rounded(.down)), w = x - Double(lo)
      if lo < 0 { (lo, w) = (0, 0) }
      if lo >= n - 1 { (lo, w) = (n - 2, 1) }
      // Between −h/2 and +h/2: all mass stays on the node of its own sign.
      if lo == half - 1 { (lo, w) = sign > 0 ? (half - 1, 1) : (half - 1, 0) }
      target[k] = lo
      weight[k] = w
    }
    flowTarget = target
    flowWeight = weight
    noiseKernel = Self.gaussian(sigma: p.r3, h: h)
    let w = noiseKernel.count / 2
    var kernel = [Double](repeating: 0, count: 2 * (w + step) + 1)
    for (i, g) in noiseKernel.enumerated() {
      kernel[i] += 0.5 * g
      kernel[i + 2 * step] += 0.5 * g
    }
    presentationKernel = kernel
  }

  /// 𝒩(0, σ²) integrated over each cell, out to 8σ, normalised; [1] for σ = 0.
  private static func gaussian(sigma: Double, h: Double) -> [Double] {
    guard sigma > 0 else { return [1] }
    let w = Int((8 * sigma / h).rounded(.up))
    let scale = h / (sigma * 2.0.squareRoot())
    var g = (-w...w).map { (k: Int) -> Double in 0.5 * (erfc((Double(k) - 0.5) * scale) - erfc((Double(k) + 0.5) * scale)) }
    let total = g.reduce(0, +)
    for i in g.indices { g[i] /= total }
    return g
  }

  /// g(J, v + 1)⁻ from g(J, v)⁺: the deterministic flow over one interval, eqs. (18), (19).
  func flow(_ g: [Double]) -> [Double] {
    var out = [Double](repeating: 0, count: n)
    for k in 0..<n where g[k] != 0 {
      out[flowTarget[k]] += (1 - flowWeight[k]) * g[k]
      out[flowTarget[k] + 1] += flowWeight[k] * g[k]
    }
    return out
  }

  /// A random pattern's presentation, eq. (16): ½ g(J − r₂) + ½ g(J + r₂), convolved with the noise.
  func present(_ g: [Double]) -> [Double] {
    guard noiseKernel.count == 1 else { return convolve(g, presentationKernel) }
    var out = [Double](repeating: 0, count: n)
    for k in 0..<n {
      if k >= step { out[k] += 0.5 * g[k - step] }
      if k + step < n { out[k] += 0.5 * g[k + step] }
    }
    return out
  }

  /// The presentation of a known increment σr₂ (σ = ±1), eqs. (24), (27): g(J − σr₂) ⊛ 𝒩(0, r₃²).
  func present(_ g: [Double], sign: Int) -> [Double] {
    var shifted = [Double](repeating: 0, count: n)
    let offset = sign * step
    for k in max(0, offset)..<min(n, n + offset) { shifted[k] = g[k - offset] }
    return noiseKernel.count == 1 ? shifted : convolve(shifted, noiseKernel)
  }

  /// out[k] = Σ_i kernel[i] g[k − (i − w)], w = kernel.count / 2; mass pushed off the grid is lost.
  private func convolve(_ g: [Double], _ kernel: [Double]) -> [Double] {
    let w = kernel.count / 2
    var out = [Double](repeating: 0, count: n)
    for j in 0..<n where g[j] != 0 {
      let lower = max(0, j - w), upper = min(n - 1, j + w)
      for k in lower...upper { out[k] += kernel[k - j + w] * g[j] }
    }
    return out
  }

  /// g(J) ↦ g(−J).
  func mirrored(_ g: [Double]) -> [Double] { g.reversed() }

  /// The asymptotic density g_∞(J) = g(J, v⁻) for v → ∞ (Feng & Brunel, eqs. 22, 23): the fixed
  /// point of one presentation and one flow, by power iteration, made
  /// symmetric at every step, starting from two Gaussians of s.d. `sd` at ±C, (g_∞(J) = g_∞(−J)) so that a non-ergodic regime keeps no spurious
  /// asymmetry. Converged when the L1 change of one iteration is below `tolerance`.
  func stationary(tolerance: Double = 1e-13, maxIterations: Int = 1_000_000, C: Double, sd: Double) throws(SolverFailure)
    -> [Double]
  {
    var g = nodes.map { J in Foundation.exp(-0.5 * (abs(J) - C) * (abs(J) - C) / (sd * sd)) }
    var total = g.reduce(0, +)
    for k in 0..<n { g[k] /= total }
    for iteration in 0..<maxIterations {
      var next = flow(present(g))
      total = 0
      for k in 0..<(n / 2) {
        let m = 0.5 * (next[k] + next[n - 1 - k])
        next[k] = m
        next[n - 1 - k] = m
        total += 2 * m
      }
      var change = 0.0
      for k in 0..<n {
        next[k] /= total
        change += abs(next[k] - g[k])
      }
      g = next
      if change < tolerance { return g }
      if !change.isFinite { throw SolverFailure("stationary weight density not finite", iteration: iteration) }
    }
    throw SolverFailure("stationary weight density did not converge to \(tolerance)", iteration: maxIterations)
  }

  /// Mean Σ g_k J_k, second moment Σ g_k J_k², and P(J > 0) − P(J < 0).
  func moments(_ g: [Double]) -> (mean: Double, second: Double, signMean: Double) {
    var m = 0.0, s = 0.0, sign = 0.0
    for k in 0..<n {
      m += g[k] * nodes[k]
      s += g[k] * nodes[k] * nodes[k]
      sign += k >= n / 2 ? g[k] : -g[k]
    }
    return (m, s, sign)
  }
}
