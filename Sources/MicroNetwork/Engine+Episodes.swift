import Foundation
import MesoCore
import MicroKernels
import NetworkCore

extension Engine {
  /// Steps `start ..< start + count` of a run that carries on from its state (`MicroscopicSession`):
  /// phase A, then phase B, of every thread's share in turn on one OS thread (the partition changes
  /// no result), the periodic flushes of `run`, and a complete flush after the last step, so the
  /// weights are those at the end of it. `counts[id]` gains the spikes of neuron id (global ids).
  func advance(from start: Int, count: Int, counts: UnsafeMutablePointer<Int>, progress: ((Double) throws -> Void)?) throws {
    let reportEvery = max(1, count / 200)
    for l in start..<(start + count) {
      for k in 0..<threadCount { phaseA(thread: k, step: l) }
      for k in 0..<threadCount { phaseB(thread: k, step: l) }
      countSpikes(step: l, into: counts)
      if !plastic.isEmpty && (l + 1) % flushPeriod == 0 { flush(before: l + 1) }
      if let progress, (l - start) % reportEvery == 0 { try progress(Double(l - start) / Double(count)) }
    }
    if !plastic.isEmpty { flush(before: start + count, everything: true) }
    try progress?(1)
  }

  /// Adds the spikes of step l of every population to `counts` (global ids).
  private func countSpikes(step l: Int, into counts: UnsafeMutablePointer<Int>) {
    let parity = l & 1
    for p in populations {
      for b in p.firstBlock..<(p.firstBlock + p.blockCount) {
        let spikes = p.fired + parity * p.N + blocks[b].start
        for m in 0..<blocks[b].firedCount[parity] { counts[p.globalOffset + Int(spikes[m])] += 1 }
      }
    }
  }

  /// The first population (in order) with a non-finite membrane potential, or nil.
  func nonFinitePopulation() -> Int? {
    populations.indices.first { a in !populations[a].isPoisson && nonFinite(populations[a].u, count: populations[a].N) }
  }

  /// From now on neuron i of Poisson population a fires at `rates[i]` Hz (finite, ≥ 0): its next spike
  /// is redrawn, which by the memorylessness of the exponential law is the law of a rate switched at
  /// this instant. The blocks' clocks restart at 0 and count time (s).
  func setPoissonRates(population a: Int, _ rates: [Double]) {
    if populations[a].neuronRates == nil { populations[a].neuronRates = arena.zeroed(count: populations[a].N) }
    let p = populations[a], stored = p.neuronRates!
    for i in 0..<p.N { stored[i] = rates[i] }
    for b in p.firstBlock..<(p.firstBlock + p.blockCount) {
      blocks[b].integratedRate.pointee = 0
      for i in blocks[b].start..<(blocks[b].start + blocks[b].count) {
        p.budget[i] = rates[i] > 0 ? exponential(&streams[b]) / rates[i] : .infinity
      }
    }
  }

  /// Phase A of a block of Poisson neurons with rates per neuron: neuron i fires when the clock (s)
  /// reaches its next spike time, and draws the next one Exp(1)/rate_i later: P(spike in a step) = 1 − e^{−rate_i Δt}.
  func updatePoisson(block b: Int, step l: Int, rates: UnsafeMutablePointer<Double>) {
    let block = blocks[b], p = populations[block.population]
    let parity = l & 1
    let clock = block.integratedRate.pointee + dt
    block.integratedRate.pointee = clock
    let out = p.fired + parity * p.N + block.start
    var count = 0
    for i in block.start..<(block.start + block.count) where p.budget[i] <= clock {
      p.budget[i] = clock + exponential(&streams[b]) / rates[i]
      out[count] = Int32(i)
      count += 1
    }
    block.firedCount[parity] = count
    facilitateAndRelease(block: block, population: p, parity: parity, count: count, step: l)
  }
}
