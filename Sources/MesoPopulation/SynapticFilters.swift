import NetworkCore

/// The synaptic input of every population in one step (PopulationEquations article, Eqs. 3–4), with
/// one filter state per distinct (delay line, delay D, τ_s): connections from one source with the
/// same delay and synaptic time constant read the same delayed activity a and advance the same
/// filter y ← a + (y − a)·E_s, so the filter is advanced once and shared. Each connection then adds
///
///     Δh_syn += w·(a(1 − E_m) + (y − a)·c),   h_syn += w·y⁺        (w = J p N_from τ_m, mV·s)
///
/// (`SynapticPropagator`) to its target, in model order (the sums of the unfused loop, bit for bit). All state lives in
/// contiguous buffers allocated at build time.
final class SynapticFilters {
  /// Number of fused filters and of connections.
  let filterCount: Int
  let connectionCount: Int
  // Per filter: its delay line and delay, the propagator of its first connection (its E_s), its
  // state y after the step, and this step's a and y before the step.
  private let line: UnsafeMutablePointer<Int>
  private let delay: UnsafeMutablePointer<Int>
  private let filterSynapse: UnsafeMutablePointer<SynapticPropagator>
  private let state: UnsafeMutablePointer<Double>
  private let rate: UnsafeMutablePointer<Double>
  private let before: UnsafeMutablePointer<Double>
  // Per connection: its filter, target, w and propagator.
  private let filter: UnsafeMutablePointer<Int>
  private let target: UnsafeMutablePointer<Int>
  private let weight: UnsafeMutablePointer<Double>
  private let synapse: UnsafeMutablePointer<SynapticPropagator>
  /// Per population, this step's synaptic membrane increment Δh_syn and input potential h_syn (mV).
  let increments: UnsafeMutablePointer<Double>
  let inputs: UnsafeMutablePointer<Double>
  private let populations: Int

  /// The filters of `network`'s connections `subset` (ascending; all by default); connection c
  /// reads delay line `lineOf(c)`.
  init(_ network: DiscreteNetwork, subset: [Int]? = nil, lineOf: (Int) -> Int) {
    var keys: [FilterKey] = []
    var filterOf: [Int] = [], first: [Int] = []
    let chosen = subset ?? Array(network.connections.indices)
    for c in chosen {
      let connection = network.connections[c]
      let key = FilterKey(line: lineOf(c), delay: connection.delaySteps, decay: connection.synapse.filterDecay.bitPattern)
      if let existing = keys.firstIndex(of: key) {
        filterOf.append(existing)
      } else {
        keys.append(key)
        first.append(c)
        filterOf.append(keys.count - 1)
      }
    }
    filterCount = keys.count
    connectionCount = chosen.count
    func buffer<T>(_ values: [T]) -> UnsafeMutablePointer<T> {
      let b = UnsafeMutablePointer<T>.allocate(capacity: max(values.count, 1))
      b.initialize(from: values, count: values.count)
      return b
    }
    let zeros = [Double](repeating: 0, count: keys.count)
    line = buffer(keys.map(\.line))
    delay = buffer(keys.map(\.delay))
    filterSynapse = buffer(first.map { network.connections[$0].synapse })
    state = buffer(zeros)
    rate = buffer(zeros)
    before = buffer(zeros)
    filter = buffer(filterOf)
    target = buffer(chosen.map { network.connections[$0].target })
    weight = buffer(chosen.map { network.connections[$0].meanFieldWeight })
    synapse = buffer(chosen.map { network.connections[$0].synapse })
    populations = network.populations.count
    increments = buffer([Double](repeating: 0, count: populations))
    inputs = buffer([Double](repeating: 0, count: populations))
  }

  deinit {
    for p in [line, delay, filter, target] { p.deallocate() }
    for p in [state, rate, before, weight, increments, inputs] { p.deallocate() }
    filterSynapse.deallocate()
    synapse.deallocate()
  }

  /// Step l: every filter reads its line (the value of step l − D) and advances; `increments[α]`
  /// and `inputs[α]` receive Δh_syn and h_syn of population α.
  func step(_ l: Int, lines: DelayLines) {
    increments.update(repeating: 0, count: populations)
    inputs.update(repeating: 0, count: populations)
    for f in 0..<filterCount {
      let a = lines.value(line: line[f], step: l - delay[f])
      let y = state[f]
      rate[f] = a
      before[f] = y
      state[f] = filterSynapse[f].filterDecay == 0 ? a : filterSynapse[f].advanced(rate: a, filter: y)
    }
    for c in 0..<connectionCount {
      let f = filter[c], α = target[c], w = weight[c]
      increments[α] += w * synapse[c].increment(rate: rate[f], filter: before[f])
      inputs[α] += w * state[f]
    }
  }
}

/// What makes two connections share a filter: the line they read, the delay, E_s (bits).
private struct FilterKey: Equatable {
  let line: Int
  let delay: Int
  let decay: UInt64
}
