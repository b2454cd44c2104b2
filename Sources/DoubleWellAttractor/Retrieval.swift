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
  /// until V stops changing, enters a 2-cycle, or `maxSweeps` sweeps are done. The fields are
  /// summed once over the columns of the active neurons, then updated by the columns of the
  /// neurons that flipped: a sweep costs O(cN) per flip instead of O(cN²).
  public func retrieve(from initial: [Float], theta: Double? = nil, maxSweeps: Int = 100) -> RetrievalOutcome {
    let theta = theta ?? parameters.theta
    var fields = FieldSums(synapses, threads: threads)
    fields.add(columns: initial.indices.filter { initial[$0] > 0 }, sign: 1)
    var previous = initial, current = initial
    for sweep in 1...max(1, maxSweeps) {
      let next = fields.totals().map { $0 > theta ? Float(1) : 0 }
      if next == current { return RetrievalOutcome(state: next, sweeps: sweep, cycle: false, capped: false) }
      if sweep > 1 && next == previous { return RetrievalOutcome(state: next, sweeps: sweep, cycle: true, capped: false) }
      fields.add(columns: next.indices.filter { next[$0] > current[$0] }, sign: 1)
      fields.add(columns: next.indices.filter { next[$0] < current[$0] }, sign: -1)
      (previous, current) = (current, next)
    }
    return RetrievalOutcome(state: current, sweeps: maxSweeps, cycle: false, capped: true)
  }

  /// The overlap of a state with a pattern, eq. (8): Σ_i (η_i − f) V_i / (N f (1 − f)).
  public func overlap(_ state: [Float], _ pattern: [Float]) -> Double {
    let f = parameters.f
    var sum = 0.0
    for i in state.indices where state[i] > 0 { sum += Double(pattern[i]) - f }
    return sum / (Double(parameters.N) * f * (1 - f))
  }
}
