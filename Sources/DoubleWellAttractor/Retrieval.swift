import Foundation

/// The end of one retrieval: the network started in a stored pattern and ran the parallel
/// dynamics V_i ← Θ(h_i − θ), h_i = Σ_j c_ij J_ij V_j (eqs. 1, 2; Θ(0) = 0) with frozen weights.
public struct RetrievalOutcome: Equatable, Sendable {
  /// The final state V (0 or 1).
  public var state: [Float]
  /// Sweeps done (each one parallel update of every neuron).
  public var sweeps: Int
  /// The dynamics ended in a 2-cycle (V(t) = V(t − 2) ≠ V(t − 1)); `state` is the last one.
  public var cycle: Bool
  /// The sweep limit was reached without a fixed point or a 2-cycle.
  public var capped: Bool
}

extension AttractorNetwork {
  /// Runs the parallel dynamics with threshold `theta` (default the network's θ) from `initial`
  /// until V stops changing, enters a 2-cycle, or `maxSweeps` sweeps are done.
  public func retrieve(from initial: [Float], theta: Double? = nil, maxSweeps: Int = 100) -> RetrievalOutcome {
    var previous = initial, current = initial, next = initial
    let theta = theta ?? parameters.theta
    for sweep in 1...max(1, maxSweeps) {
      update(current, theta: theta, into: &next)
      if next == current { return RetrievalOutcome(state: next, sweeps: sweep, cycle: false, capped: false) }
      if sweep > 1 && next == previous { return RetrievalOutcome(state: next, sweeps: sweep, cycle: true, capped: false) }
      (previous, current, next) = (current, next, previous)
    }
    return RetrievalOutcome(state: current, sweeps: maxSweeps, cycle: false, capped: true)
  }

  /// One parallel sweep: next_i = Θ(Σ_k J_k V_{j_k} − θ), rows in blocks on `threads` threads. Each field is
  /// summed in the same order (four Float32 partial sums over the row, then combined) whatever
  /// the number of threads.
  func update(_ state: [Float], theta: Double, into next: inout [Float]) {
    let theta = Float(theta), N = parameters.N
    let rowStart = synapses.rowStart, presynaptic = synapses.presynaptic, weights = synapses.weights
    next.withUnsafeMutableBufferPointer { out in
      nonisolated(unsafe) let out = out
      forEachBlock(count: N, blockSize: SynapseMatrix.blockSize, threads: threads) { _, rows in
        rowStart.withUnsafeBufferPointer { start in
          presynaptic.withUnsafeBufferPointer { pre in
            weights.withUnsafeBufferPointer { w in
              state.withUnsafeBufferPointer { v in
                for i in rows {
                  var s0: Float = 0, s1: Float = 0, s2: Float = 0, s3: Float = 0
                  var k = start[i]
                  let end = start[i + 1]
                  while k + 4 <= end {
                    s0 += w[k] * v[Int(pre[k])]
                    s1 += w[k + 1] * v[Int(pre[k + 1])]
                    s2 += w[k + 2] * v[Int(pre[k + 2])]
                    s3 += w[k + 3] * v[Int(pre[k + 3])]
                    k += 4
                  }
                  while k < end {
                    s0 += w[k] * v[Int(pre[k])]
                    k += 1
                  }
                  out[i] = (s0 + s1) + (s2 + s3) > theta ? 1 : 0
                }
              }
            }
          }
        }
      }
    }
  }

  /// The overlap of a state with a pattern, eq. (8): Σ_i (η_i − f) V_i / (N f (1 − f)).
  public func overlap(_ state: [Float], _ pattern: [Float]) -> Double {
    let f = parameters.f
    var sum = 0.0
    for i in state.indices where state[i] > 0 { sum += Double(pattern[i]) - f }
    return sum / (Double(parameters.N) * f * (1 - f))
  }
}
