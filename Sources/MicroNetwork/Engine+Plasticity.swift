import Foundation
import GSLBridge
import MesoCore
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
      func table(_ tau: Double) -> UnsafeMutablePointer<Double> {
        let t = arena.zeroed(Double.self, count: length)
        for k in 0..<length { t[k] = exp(-Double(k) * dt / tau) }
        return t
      }
      let ring = PlasticLayout.ringSize(delay: conn.delaySteps, refractorySteps: network.populations[conn.target].refractorySteps)
      let triplet = rule.kind == .triplet
      return PlasticLayout(
        connection: c, source: conn.source, target: conn.target, delay: conn.delaySteps, isTriplet: triplet,
        nearest: rule.pairing == .nearest, lambda: rule.lambda, alphaLambda: rule.alpha * rule.lambda, muPlus: rule.muPlus,
        muMinus: rule.muMinus, a2Plus: rule.a2Plus, a3Plus: rule.a3Plus, a2Minus: rule.a2Minus, a3Minus: rule.a3Minus,
        wMax: rule.wMax, wMin: rule.wMin, tablePlus: table(rule.tauPlus), tableMinus: table(rule.tauMinus),
        tableX: triplet ? table(rule.tauX) : arena.zeroed(count: length), tableY: triplet ? table(rule.tauY) : arena.zeroed(count: length),
        tableLength: length, weights: arena.filled(conn.J, count: lists.count),
        preLast: arena.filled(-1, count: nFrom), preR1: arena.zeroed(count: nFrom), preR2: arena.zeroed(count: nFrom),
        beforeLast: arena.filled(-1, count: 2 * nFrom), beforeR1: arena.zeroed(count: 2 * nFrom), beforeR2: arena.zeroed(count: 2 * nFrom),
        post: arena.filled(PlasticLayout.PostState(), count: nTo), ringSize: ring, ringStep: arena.zeroed(count: nTo * ring),
        ringO1: arena.zeroed(count: nTo * ring), ringO2: arena.zeroed(count: nTo * ring))
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
    flushState[0] = -1
    for p in plastic {
      let nFrom = populations[p.source].N, nTo = populations[p.target].N
      let count = connections[p.connection].lists!.count
      if let law = rule(p).wInit {
        drawWeights(p.weights, count: count, law, connection: p.connection, rule: rule(p))
      } else {
        p.weights.update(repeating: network.connections[p.connection].J, count: count)
      }
      p.preLast.update(repeating: -1, count: nFrom)
      p.preR1.update(repeating: 0, count: nFrom)
      p.preR2.update(repeating: 0, count: nFrom)
      p.post.update(repeating: PlasticLayout.PostState(), count: nTo)
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
  /// release), into `line` (nil for a target that takes no input).
  func deliverPlastic(_ conn: ConnectionLayout, thread k: Int, step l: Int, line: UnsafeMutablePointer<Double>?) {
    let layout = plastic[conn.plastic]
    guard let lists = conn.lists else { return }
    let parity = l & 1, source = populations[conn.source]
    let release = conn.stp >= 0 ? stp[conn.stp].release + parity * source.N : nil
    let flushed = flushState[0]
    for b in source.firstBlock..<(source.firstBlock + source.blockCount) {
      let block = blocks[b], count = block.firedCount[parity]
      let spikes = source.fired + parity * source.N + block.start
      for m in 0..<count {
        let j = Int(spikes[m])
        var first = lists.offsets[j], last = lists.offsets[j + 1]
        if let spans = conn.threadSpans {
          let span = spans + (j * threadCount + k) * 2
          last = first + Int(span[1])
          first += Int(span[0])
        }
        let q = release.map { $0[block.start + m] } ?? 1
        let slot = parity * source.N + j
        let before = layout.beforeLast[slot], r1 = layout.beforeR1[slot]
        let r2 = before >= 0 ? layout.beforeR2[slot] * PlasticLayout.decay(layout.tableX, layout.tableLength, l - before) : 0
        let start = max(before, flushed)
        if let narrow = lists.narrow {
          for s in first..<last {
            let i = Int(narrow[s])
            let w = l < 0 ? layout.weights[s] : layout.presynapticUpdate(s, post: i, step: l, windowStart: start, last: before, r1: r1, r2Before: r2)
            line?[i] += w * q
          }
        } else if let wide = lists.wide {
          for s in first..<last {
            let i = Int(wide[s])
            let w = l < 0 ? layout.weights[s] : layout.presynapticUpdate(s, post: i, step: l, windowStart: start, last: before, r1: r1, r2Before: r2)
            line?[i] += w * q
          }
        }
      }
    }
  }

  /// Whether every plastic connection is brought up to date before step `boundary`: at the end of
  /// each recording bin when weights are recorded, and often enough that no ring entry is lost.
  func needsFlush(before boundary: Int) -> Bool {
    guard !plastic.isEmpty else { return false }
    return boundary % flushPeriod == 0 || (recordsWeights && boundary % stepsPerBin == 0) || boundary == steps
  }

  /// Applies the potentiation of every postsynaptic spike paired before `boundary` (one thread, no
  /// other phase running): afterwards every weight is the weight at that time. `flushState[0]`
  /// becomes boundary − 1, the last pairing time applied.
  func flush(before boundary: Int) {
    let flushed = flushState[0]
    for layout in plastic {
      let conn = connections[layout.connection]
      guard let lists = conn.lists else { continue }
      for j in 0..<populations[layout.source].N {
        let last = layout.preLast[j]
        guard last >= 0 else { continue }
        let start = max(last, flushed), r1 = layout.preR1[j]
        for s in lists.offsets[j]..<lists.offsets[j + 1] {
          layout.weights[s] = layout.potentiate(layout.weights[s], post: lists[s], after: start, upTo: boundary - 1, last: last, r1: r1)
        }
      }
    }
    flushState[0] = boundary - 1
  }
}
