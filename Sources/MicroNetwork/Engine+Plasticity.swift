import Foundation
import GSLBridge
import MesoCore
import MicroKernels
import NetworkCore

extension Engine {
  /// The plastic connections' layouts; weights start at J (`connections[c].lists` must be drawn).
  static func plasticLayouts(_ network: DiscreteNetwork, connections: [ConnectionLayout], arena: Arena) -> [PlasticLayout] {
    network.model.connections.enumerated().compactMap { c, model -> PlasticLayout? in
      guard let rule = model.plasticity, let lists = connections[c].lists else { return nil }
      let conn = network.connections[c]
      let nFrom = network.populations[conn.source].N, nTo = network.populations[conn.target].N
      let dt = network.dt
      let length = PlasticLayout.tableLength(rule, dt: dt)
      // One entry more than the length, 0: the kernel's branch-free path reads it for "no pair".
      func table(_ tau: Double) -> UnsafeMutablePointer<Double> {
        let t = arena.zeroed(Double.self, count: length + 1)
        for k in 0..<length { t[k] = exp(-Double(k) * dt / tau) }
        return t
      }
      let ring = PlasticLayout.ringSize(delay: conn.delaySteps, refractorySteps: network.populations[conn.target].refractorySteps)
      let triplet = rule.kind == .triplet
      let tablePlus = table(rule.tauPlus), tableX = triplet ? table(rule.tauX) : arena.zeroed(count: length + 1)
      let kernel = arena.filled(
        mk_stdp_rule(
          delay: Int32(conn.delaySteps), ring_size: Int32(ring), table_length: Int32(length), triplet: triplet ? 1 : 0,
          nearest: rule.pairing == .nearest ? 1 : 0, lambda: rule.lambda, alpha_lambda: rule.alpha * rule.lambda,
          mu_plus: rule.muPlus, mu_minus: rule.muMinus, a2_plus: rule.a2Plus, a3_plus: rule.a3Plus, a2_minus: rule.a2Minus,
          a3_minus: rule.a3Minus, w_max: rule.wMax, w_min: rule.wMin, table_plus: tablePlus, table_minus: table(rule.tauMinus),
          table_y: triplet ? table(rule.tauY) : arena.zeroed(count: length + 1), post: arena.zeroed(count: nTo),
          ring_step: arena.zeroed(count: nTo * ring), ring_o1: arena.zeroed(count: nTo * ring), ring_o2: arena.zeroed(count: nTo * ring)),
        count: 1)
      return PlasticLayout(
        connection: c, source: conn.source, target: conn.target, delay: conn.delaySteps, nearest: rule.pairing == .nearest,
        kernel: kernel, tablePlus: tablePlus, tableX: tableX, tableLength: length, weights: arena.filled(conn.J, count: lists.count),
        preLast: arena.filled(-1, count: nFrom), preR1: arena.zeroed(count: nFrom), preR2: arena.zeroed(count: nFrom),
        flushedAt: arena.filled(-1, count: nFrom), beforeLast: arena.filled(-1, count: 2 * nFrom), beforeR1: arena.zeroed(count: 2 * nFrom), beforeR2: arena.zeroed(count: 2 * nFrom),
        targets: nTo, ringSize: ring)
    }
  }

  /// Steps between flushes of every plastic connection (the shortest safe period of any).
  static func flushPeriod(_ layouts: [PlasticLayout], _ network: DiscreteNetwork) -> Int {
    layouts.map {
      PlasticLayout.flushPeriod(ringSize: $0.ringSize, delay: $0.delay, refractorySteps: network.populations[$0.target].refractorySteps)
    }.min() ?? Int.max
  }

  /// Initial plastic state: weights J (or drawn from `plasticity.w_init`), no spike seen (the synchronous spike of step −1 of the
  /// initial condition is delivered with weight J and takes no part in plasticity).
  func resetPlasticity() {
    for p in plastic {
      let nFrom = populations[p.source].N, nTo = populations[p.target].N
      let count = connections[p.connection].lists!.count
      if let law = rule(p).wInit {
        drawWeights(p.weights, count: count, law, connection: p.connection, rule: rule(p))
      } else {
        p.weights.update(repeating: network.connections[p.connection].J, count: count)
      }
      p.preLast.update(repeating: -1, count: nFrom)
      p.flushedAt.update(repeating: -1, count: nFrom)
      p.preR1.update(repeating: 0, count: nFrom)
      p.preR2.update(repeating: 0, count: nFrom)
      mk_stdp_reset(p.kernel, Int64(nTo))
    }
  }

  /// `count` initial weights from `law`, in storage order, from the stream (`.initialConditions`, connection):
  /// every run of the same seed starts from the same weights.
  private func drawWeights(_ weights: UnsafeMutablePointer<Double>, count: Int, _ law: WeightDistribution, connection c: Int, rule: STDPRule) {
    var stream = RandomStream(master: seed, purpose: .initialConditions, index: UInt64(c))
    switch law {
    case .uniform(let low, let high):
      for s in 0..<count { weights[s] = low + (high - low) * stream.uniform() }
    case .normal(let mean, let std):
      for s in 0..<count { weights[s] = min(max(mean + stream.gaussian(sigma: std), rule.wMin), rule.wMax) }
    }
  }

  /// After phase A of block b at step l: its spikes enter the traces of every plastic connection
  /// from or onto its population.
  @inline(__always)
  func plasticSpikes(block b: Int, step l: Int) {
    guard !plastic.isEmpty else { return }
    let block = blocks[b], a = block.population, p = populations[a]
    let parity = l & 1, count = block.firedCount[parity]
    let spikes = p.fired + parity * p.N + block.start
    for layout in plastic {
      if layout.source == a { for m in 0..<count { layout.preSpike(Int(spikes[m]), step: l, parity: parity, sources: p.N) } }
      if layout.target == a { for m in 0..<count { layout.postSpike(Int(spikes[m]), step: l) } }
    }
  }

  /// Phase B of a plastic connection: every spike of step l updates the synapses of the targets in
  /// thread k's spans (pending potentiation, depression) and delivers the new weight (× the STP
  /// release), into `line` (nil for a target that takes no input). The depression reads each
  /// target's postsynaptic trace at step l from its spike record.
  func deliverPlastic(_ conn: ConnectionLayout, thread k: Int, step l: Int, line: UnsafeMutablePointer<Double>?) {
    let layout = plastic[conn.plastic]
    guard let lists = conn.lists else { return }
    let parity = l & 1, source = populations[conn.source]
    var fired = 0
    for b in source.firstBlock..<(source.firstBlock + source.blockCount) { fired += blocks[b].firedCount[parity] }
    guard fired > 0 else { return }
    let release = conn.stp >= 0 ? stp[conn.stp].release + parity * source.N : nil
    for b in source.firstBlock..<(source.firstBlock + source.blockCount) {
      let block = blocks[b], count = block.firedCount[parity]
      let spikes = source.fired + parity * source.N + block.start
      for m in 0..<count {
        let j = Int(spikes[m])
        // The next spike's weights and targets are fetched while this spike's synapses are updated.
        if m + 1 < count { prefetch(conn.part(of: Int(spikes[m + 1]), lists: lists, thread: k, threads: threadCount), weights: layout.weights, lists: lists) }
        let (first, last) = conn.part(of: j, lists: lists, thread: k, threads: threadCount)
        let q = release.map { $0[block.start + m] } ?? 1
        let slot = parity * source.N + j
        let before = layout.beforeLast[slot], r1 = layout.beforeR1[slot]
        let r2 = before >= 0 ? layout.beforeR2[slot] * PlasticLayout.decay(layout.tableX, layout.tableLength, l - before) : 0
        let start = max(before, layout.flushedAt[j])
        mk_stdp_presynaptic(
          layout.kernel, Int64(start), Int64(l), Int64(l < 0 ? -1 : before), r1, r2, l < 0 ? 0 : 1, layout.weights + first,
          lists.narrow.map { $0 + first }, lists.wide.map { $0 + first }, Int64(last - first), line, q)
      }
    }
  }

  /// Prefetches the weights (for writing) and the targets of the synapses first ..< last.
  @inline(__always)
  private func prefetch(_ part: (Int, Int), weights: UnsafeMutablePointer<Double>, lists: SynapseLists) {
    let (first, last) = part, count = Int64(last - first)
    mk_prefetch(weights + first, count * 8, 1)
    if let narrow = lists.narrow { mk_prefetch(narrow + first, count * 2, 0) }
    if let wide = lists.wide { mk_prefetch(wide + first, count * 4, 0) }
  }

  /// Whether every plastic connection is brought up to date before step `boundary`: at the end of
  /// each weight record interval, and often enough that no ring entry is lost.
  func needsFlush(before boundary: Int) -> Bool {
    guard !plastic.isEmpty else { return false }
    return boundary % flushPeriod == 0 || recordsWeights(before: boundary) || boundary == steps
  }

  /// Whether the weights are recorded before step `boundary` (the end of a record interval).
  func recordsWeights(before boundary: Int) -> Bool {
    weightRecordSteps > 0 && boundary % weightRecordSteps == 0 && boundary / weightRecordSteps <= weightRecords
  }

  /// Applies the potentiation of every postsynaptic spike paired before `boundary` (one thread, no
  /// other phase running) to the synapses of the presynaptic neurons whose window started more than
  /// `flushPeriod` steps earlier, or to all synapses at the end of a weight record interval
  /// and at the end of the run (or with `everything`): afterwards those weights are the weights at that time.
  func flush(before boundary: Int, everything: Bool = false) {
    let all = everything || recordsWeights(before: boundary) || boundary == steps
    for layout in plastic {
      let conn = connections[layout.connection]
      guard let lists = conn.lists else { continue }
      for j in 0..<populations[layout.source].N {
        let last = layout.preLast[j], start = max(last, layout.flushedAt[j])
        guard last >= 0, all || start < boundary - 1 - flushPeriod else { continue }
        let first = lists.offsets[j], count = lists.offsets[j + 1] - first
        mk_stdp_presynaptic(
          layout.kernel, Int64(start), Int64(boundary - 1), Int64(last), layout.preR1[j], 0, 0, layout.weights + first,
          lists.narrow.map { $0 + first }, lists.wide.map { $0 + first }, Int64(count), nil, 1)
        layout.flushedAt[j] = boundary - 1
      }
    }
  }
}
