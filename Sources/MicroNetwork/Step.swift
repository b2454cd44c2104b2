import Foundation
import GSLBridge
import MesoCore
import MicroKernels
import NetworkCore
import Synchronization

/// What the recording thread accumulates besides `ActivityRecorder`.
struct RunRecords {
  var recorder: ActivityRecorder
  /// Σ u and Σ x over the source's neurons of every STP state (relaxed each step, plus spike jumps).
  var stpSumU: [Double]
  var stpSumX: [Double]
  var spikeTimes: [Double] = []
  var spikeIds: [Double] = []
  var membrane: [Double]
  /// The first non-finite state found at the end of a bin.
  var failure: NumericalFailure?
  /// Weights of the plastic connections.
  var weights = WeightRecords()
}

extension Engine {
  /// The whole run (MicroscopicModel article, one step per iteration).
  ///
  /// Each step has two phases. A: every block integrates its neurons (steps 1–5) and processes the STP
  /// of its spikes (step 6), writing spikes and releases to buffers of the step's parity. B: the spikes
  /// of all blocks enter the delay lines; each thread writes only the lines of the targets it owns
  /// (its blocks), visiting spikes in the same order whatever the number of threads, so every sum is
  /// formed in the same order. One barrier per step separates A from B: a thread's phase B of step l and
  /// phase A of step l + 1 touch only its own targets, and outputs are double-buffered by parity.
  /// An error thrown by `progress` (a caller's cancellation) ends the run after the current step.
  func run(progress: ((Double) throws -> Void)?) throws -> Recording {
    resetState()
    var records = RunRecords(
      recorder: ActivityRecorder(network: network, recordsExpected: false),
      stpSumU: Array(repeating: 0, count: stp.count), stpSumX: Array(repeating: 0, count: stp.count),
      membrane: Array(repeating: 0, count: network.bins * membraneColumns))
    for s in stp.indices {
      let n = Double(populations[stp[s].source].N)
      records.stpSumU[s] = n * stp[s].u[0]
      records.stpSumX[s] = n * stp[s].x[0]
    }
    let reportEvery = max(1, steps / 200)

    if threadCount == 1 {
      for l in 0..<steps {
        phaseA(thread: 0, step: l)
        phaseB(thread: 0, step: l)
        if needsFlush(before: l + 1) { flushAndRecordWeights(before: l + 1, into: &records) }
        record(step: l, into: &records)
        if records.failure != nil { break }
        if let progress, l % reportEvery == 0 { try progress(Double(l) / Double(steps)) }
      }
    } else {
      try runThreaded(progress: progress, reportEvery: reportEvery, records: &records)
    }
    if let failure = records.failure { throw failure }
    try progress?(1)
    return recording(records)
  }

  private func runThreaded(progress: ((Double) throws -> Void)?, reportEvery: Int, records: inout RunRecords) throws {
    guard #available(macOS 15.0, *) else {
      // No Synchronization.Atomic: one thread does every thread's share, in the same order of work.
      for l in 0..<steps {
        for k in 0..<threadCount { phaseA(thread: k, step: l) }
        for k in 0..<threadCount { phaseB(thread: k, step: l) }
        if needsFlush(before: l + 1) { flushAndRecordWeights(before: l + 1, into: &records) }
        record(step: l, into: &records)
        if records.failure != nil { break }
        if let progress, l % reportEvery == 0 { try progress(Double(l) / Double(steps)) }
      }
      return
    }
    // `threads` fixes the partition of the work (which does not change the results); more OS threads
    // than processors would only make the spinning barrier slow, so each OS thread may run several parts.
    let workers = min(threadCount, max(1, ProcessInfo.processInfo.activeProcessorCount))
    let barrier = SpinBarrier(parties: workers)
    let done = DispatchSemaphore(value: 0)
    // The step at whose barrier every thread stops, set by the recording thread when `progress` throws.
    let stop = StopStep()
    for q in 1..<max(workers, 1) {
      let thread = Thread { [self] in
        for l in 0..<steps {
          for k in stride(from: q, to: threadCount, by: workers) { phaseA(thread: k, step: l) }
          barrier.wait()
          if l >= stop.step { break }
          for k in stride(from: q, to: threadCount, by: workers) { phaseB(thread: k, step: l) }
          // A flush runs on thread 0 alone, between phase B of step l and phase A of step l + 1.
          if needsFlush(before: l + 1) {
            barrier.wait()
            barrier.wait()
          }
        }
        done.signal()
      }
      thread.stackSize = 1 << 20
      thread.start()
    }
    defer { for _ in 1..<max(workers, 1) { done.wait() } }
    for l in 0..<steps {
      for k in stride(from: 0, to: threadCount, by: workers) { phaseA(thread: k, step: l) }
      if workers > 1 { barrier.wait() }
      for k in stride(from: 0, to: threadCount, by: workers) { phaseB(thread: k, step: l) }
      if needsFlush(before: l + 1) {
        if workers > 1 { barrier.wait() }
        flushAndRecordWeights(before: l + 1, into: &records)
        if workers > 1 { barrier.wait() }
      }
      record(step: l, into: &records)
      guard let progress, l % reportEvery == 0 else { continue }
      do { try progress(Double(l) / Double(steps)) } catch {
        // The others meet the barrier of step l + 1 (or have finished after the last step) and stop.
        stop.step = l + 1
        if workers > 1, l + 1 < steps { barrier.wait() }
        throw error
      }
    }
  }

  // MARK: Initial condition

  /// Every GIF neuron fired in step −1 (MicroscopicModel article): refractory, u = u_r, its threshold kernel
  /// holds the spike, the spike is in the axon; Exp(1) budgets drawn from the block streams.
  func resetState() {
    let pops = populations, blocks = blocks
    for b in blocks.indices {
      (streams + b).pointee = RandomStream(
        master: seed, purpose: .dynamics, index: UInt64(blocks[b].population) << 32 | UInt64(blocks[b].indexInPopulation))
      blocks[b].integratedRate.pointee = 0
      for parity in 0..<2 { blocks[b].firedCount[parity] = 0 }
    }
    for a in pops.indices {
      let p = pops[a]
      if let lif = p.lif {
        resetLIF(p, lif)
        continue
      }
      p.budget.update(repeating: 0, count: p.N)
      if !p.isPoisson {
        p.u.update(repeating: p.reset, count: p.N)
        p.refractory.update(repeating: p.refractoryReset, count: p.N)
        for r in 0..<p.kernelCount { (p.kernel + r * p.N).update(repeating: p.kernelJump[r], count: p.N) }
      }
      for b in p.firstBlock..<(p.firstBlock + p.blockCount) {
        let block = blocks[b]
        for i in block.start..<(block.start + block.count) { p.budget[i] = exponential(&streams[b]) }
      }
    }
    for ch in channels {
      let n = pops[ch.target].N, blockCount = pops[ch.target].blockCount
      ch.ring?.update(repeating: 0, count: ringLength * n)
      ch.counts?.update(repeating: 0, count: ringLength * n)
      ch.y?.update(repeating: 0, count: n)
      ch.sharedRing?.update(repeating: 0, count: ringLength * blockCount)
      ch.sharedY?.update(repeating: 0, count: blockCount)
    }
    // STP from rest (u = U_0, x = 1), then the initial spike of every GIF neuron.
    for s in stp.indices {
      let st = stp[s]
      let n = pops[st.source].N
      var u = st.synapse.parameters.U0, x = 1.0
      var r = 0.0
      if !pops[st.source].isPoisson && pops[st.source].lif == nil { r = st.synapse.spike(u: &u, x: &x) }
      st.u.update(repeating: u, count: n)
      st.x.update(repeating: x, count: n)
      st.lastSpike.update(repeating: -1, count: n)
      st.release.update(repeating: r, count: 2 * n)
    }
    // Step −1 (parity 1): all GIF neurons fired (LIF neurons did not); deliver to every target.
    for a in pops.indices where !pops[a].isPoisson && pops[a].lif == nil {
      let p = pops[a]
      for i in 0..<p.N { p.fired[p.N + i] = Int32(i) }
      for b in p.firstBlock..<(p.firstBlock + p.blockCount) { blocks[b].firedCount[1] = blocks[b].count }
    }
    for a in pops.indices { spikeTrains[a].reset(neurons: pops[a].N) }
    resetPlasticity()
    for k in 0..<threadCount { deliver(thread: k, step: -1) }
    for b in blocks.indices { blocks[b].firedCount[1] = 0 }
  }

  /// Exp(1) from a block's stream: −log U, U uniform on (0, 1).
  @inline(__always)
  func exponential(_ stream: inout RandomStream) -> Double { -log(stream.uniformPositive()) }

  // MARK: Phase A: neurons (steps 1–6)

  func phaseA(thread k: Int, step l: Int) {
    for b in threadBlocks[k] {
      let p = populations[blocks[b].population]
      if p.isPoisson && p.isSpikeTrain {
        updateSpikeTrain(block: b, step: l)
      } else if p.isPoisson {
        updatePoisson(block: b, step: l)
      } else if populations[blocks[b].population].lif != nil {
        updateLIF(block: b, thread: k, step: l)
      } else {
        updateGIF(block: b, thread: k, step: l)
      }
      plasticSpikes(block: b, step: l)
    }
  }

  /// Step 1 for one block: reads and clears slot `slot` of every channel onto the block. Exponential
  /// channels, and delta channels when `jumps` is nil (GIF neurons), give the exact membrane increment
  /// over the step in `dv` (§3.4); with `jumps` (LIF neurons) a delta channel's J-weighted sum is the
  /// jump itself, written to `jumps.0`, or to `jumps.1` for the channels `LIFLayout.inhibitory` marks.
  @inline(__always)
  func synapticInput(
    block: BlockLayout, population p: PopulationLayout, slot: Int, dv: UnsafeMutablePointer<Double>,
    jumps: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>)?
  ) -> BlockInput {
    let n = Int32(block.count), start = block.start
    let invDt = 1 / dt
    var assigned = false
    var dvShared = 0.0
    var firstInput = 0.0
    var result = BlockInput()
    for c in p.channelStart..<(p.channelStart + p.channelCount) {
      let ch = channels[c]
      var shared = 0.0
      if let ring = ch.sharedRing {
        let cell = ring + block.indexInPopulation * ringLength + slot
        shared = cell.pointee
        cell.pointee = 0
      }
      if let jumps, let lif = p.lif, ch.isDelta || lif.conductance {
        if start == 0 { firstInput += (ch.firstValue(slot: slot, N: p.N) + shared) * invDt }
        let inhibitory = lif.inhibitory[c - p.channelStart]
        result.takeJumps(channel: ch, n: n, start: start, slot: slot, N: p.N, shared: shared, into: inhibitory ? jumps.1 : jumps.0, second: inhibitory)
        continue
      }
      if let counts = ch.counts {
        let acc = counts + slot * p.N + start
        let scale = ch.countWeight * invDt
        if start == 0 && ch.isDelta { firstInput += Double(acc[0]) * scale }
        if let y = ch.y {
          mk_synaptic_exponential_counts(
            n, dv, acc, y + start, scale, ch.tauMRateWeight, ch.tauMDeviationWeight, ch.filterDecay, assigned ? 0 : 1)
          if start == 0 { firstInput += y[0] }
        } else {
          mk_synaptic_delta_counts(n, dv, acc, scale, ch.tauMRateWeight, assigned ? 0 : 1)
        }
        assigned = true
      } else if let ring = ch.ring {
        let acc = ring + slot * p.N + start
        if start == 0 && ch.isDelta { firstInput += (acc[0] + shared) * invDt }
        if let y = ch.y {
          mk_synaptic_exponential(
            n, dv, acc, y + start, shared, invDt, ch.tauMRateWeight, ch.tauMDeviationWeight, ch.filterDecay, assigned ? 0 : 1)
          if start == 0 { firstInput += y[0] }
        } else {
          mk_synaptic_delta(n, dv, acc, shared, invDt, ch.tauMRateWeight, assigned ? 0 : 1)
        }
        assigned = true
      } else {
        // Only full connections: one input for the whole block.
        let a = shared * invDt
        if let sharedY = ch.sharedY {
          let y = sharedY + block.indexInPopulation
          let deviation = y.pointee - a
          dvShared += a * ch.tauMRateWeight + deviation * ch.tauMDeviationWeight
          y.pointee = a + deviation * ch.filterDecay
          firstInput += y.pointee
        } else {
          dvShared += a * ch.tauMRateWeight
          firstInput += a
        }
      }
    }
    result.assigned = assigned
    result.dvShared = dvShared
    result.firstInput = firstInput
    return result
  }

  private func updateGIF(block b: Int, thread k: Int, step l: Int) {
    let block = blocks[b]
    let p = populations[block.population]
    let n = Int32(block.count), start = block.start
    let parity = l & 1, slot = l % ringLength
    let dv = scratchDV + k * neuronsPerBlock, theta = scratchTheta + k * neuronsPerBlock
    let fired = scratchFired + k * neuronsPerBlock

    // Step 1: synaptic input of every channel, exact over the step (§3.4).
    let input = synapticInput(block: block, population: p, slot: slot, dv: dv, jumps: nil)
    if start == 0 {
      p.firstInput[parity] = input.firstInput * p.tauM
    }

    // Step 3: threshold ϑ = u_th + Σ_r g_r after decay.
    if p.kernelCount == 0 {
      theta.update(repeating: p.threshold, count: block.count)
    } else {
      for r in 0..<p.kernelCount {
        mk_threshold(n, theta, p.kernel + r * p.N + start, p.kernelDecay[r], p.threshold, r == 0 ? 1 : 0)
      }
    }

    // Steps 2 and 4: membrane and hazard.
    let drive = p.drive(at: Double(l) * dt) * p.driveWeight
    let count = Int(
      mk_neurons(
        n, p.u + start, p.budget + start, p.refractory + start, input.assigned ? UnsafePointer(dv) : nil, theta, input.dvShared,
        p.membraneDecay, drive, p.inverseSoftness, p.hazardScale, fired))

    // Once per recording bin: is any potential of the block non-finite? Checked before the reset, a
    // non-finite synaptic increment (this step's, or a filter's that stays NaN/inf) shows here too.
    if (l + 1) % stepsPerBin == 0 {
      block.nonFinite[parity] = nonFinite(p.u + start, count: block.count) ? .nan : 0
    }

    // Step 5: reset, threshold jump, new Exp(1) budget.
    let out = p.fired + parity * p.N + start
    for m in 0..<count {
      let i = start + Int(fired[m])
      p.u[i] = p.reset
      p.refractory[i] = p.refractoryReset
      for r in 0..<p.kernelCount { p.kernel[r * p.N + i] += p.kernelJump[r] }
      p.budget[i] = exponential(&streams[b])
      out[m] = Int32(i)
    }
    block.firedCount[parity] = count
    for (neuron, column) in block.membraneNeurons { membraneValues[parity * membraneColumns + column] = p.u[neuron] }
    facilitateAndRelease(block: block, population: p, parity: parity, count: count, step: l)
  }

  /// Whether any of `count` values is infinite or NaN: an exponent of all ones, found by integer
  /// operations that vectorise (adding 2⁵² to the exponent bits carries into bit 63 exactly then).
  @inline(__always)
  func nonFinite(_ values: UnsafePointer<Double>, count: Int) -> Bool {
    var flags: UInt64 = 0
    for i in 0..<count { flags |= (values[i].bitPattern & 0x7FF0_0000_0000_0000) &+ (1 << 52) }
    return flags >> 63 != 0
  }

  private func updatePoisson(block b: Int, step l: Int) {
    let block = blocks[b]
    let p = populations[block.population]
    if let rates = p.neuronRates {
      updatePoisson(block: b, step: l, rates: rates)
      return
    }
    let parity = l & 1
    // P(fire in step l | not before) = 1 − exp(−rate·Δt): the neuron fires when the integrated rate
    // reaches its target, the integrated rate at its last spike plus an Exp(1) number.
    let rate = max(0, p.drive(at: Double(l) * dt))
    let clock = block.integratedRate.pointee + rate * dt
    block.integratedRate.pointee = clock
    let out = p.fired + parity * p.N + block.start
    var count = 0
    for i in block.start..<(block.start + block.count) where p.budget[i] <= clock {
      p.budget[i] = clock + exponential(&streams[b])
      out[count] = Int32(i)
      count += 1
    }
    block.firedCount[parity] = count
    facilitateAndRelease(block: block, population: p, parity: parity, count: count, step: l)
  }

  /// Step 6: relax the STP state of each neuron that fired over the steps since its last spike, then
  /// facilitation, release, depletion (§2.4); the release goes with the spike into the delay lines.
  @inline(__always)
  func facilitateAndRelease(block: BlockLayout, population p: PopulationLayout, parity: Int, count: Int, step l: Int) {
    guard !p.stpStates.isEmpty else { return }
    let spikes = p.fired + parity * p.N + block.start
    for (column, s) in p.stpStates.enumerated() {
      let st = stp[s]
      let facilitationDecay = st.synapse.facilitationDecay, recoveryDecay = st.synapse.recoveryDecay
      let u0 = st.synapse.parameters.U0
      var changeU = 0.0, changeX = 0.0
      let release = st.release + parity * p.N + block.start
      for m in 0..<count {
        let j = Int(spikes[m])
        let elapsed = Double(l - st.lastSpike[j])
        var u = u0 + (st.u[j] - u0) * pow(facilitationDecay, elapsed)
        var x = 1 - (1 - st.x[j]) * pow(recoveryDecay, elapsed)
        let before = u
        let r = st.synapse.spike(u: &u, x: &x)
        changeU += u - before
        changeX -= r
        st.u[j] = u
        st.x[j] = x
        st.lastSpike[j] = l
        release[m] = r
      }
      block.stpChange[(parity * p.stpStates.count + column) * 2] = changeU
      block.stpChange[(parity * p.stpStates.count + column) * 2 + 1] = changeX
    }
  }

  // MARK: Phase B: delay lines

  func phaseB(thread k: Int, step l: Int) { deliver(thread: k, step: l) }

  /// Writes the spikes of step l, weighted by J·q, into slot (l + D) mod L of the delay lines of the
  /// targets that thread k owns. Spikes are visited connection by connection, then by source block
  /// and neuron in increasing order: every accumulator receives its terms in one fixed order.
  func deliver(thread k: Int, step l: Int) {
    let parity = l & 1
    let pops = populations, blocks = blocks
    let ranges = ownedRanges + k * pops.count * 2
    for c in connections.indices {
      let conn = connections[c]
      let lo = ranges[conn.target * 2], hi = ranges[conn.target * 2 + 1]
      guard lo < hi else { continue }
      let source = pops[conn.source], target = pops[conn.target]
      let ch = channels[conn.channel]
      let slot = (l + conn.delay) % ringLength
      let release = conn.stp >= 0 ? stp[conn.stp].release + parity * source.N : nil
      if conn.plastic >= 0 {
        deliverPlastic(conn, thread: k, step: l, line: target.isPoisson ? nil : ch.ring.map { $0 + slot * target.N })
        continue
      }
      // A source population (given spike trains) takes no input.
      if target.isPoisson { continue }
      switch conn.storage {
      case .none:
        continue
      case .full:
        // Σ_j J·q_j once, then into the shared line of every owned block of the target.
        var total = 0.0
        for b in source.firstBlock..<(source.firstBlock + source.blockCount) {
          let block = blocks[b], count = block.firedCount[parity]
          if let release {
            for m in 0..<count { total += conn.J * release[block.start + m] }
          } else {
            for _ in 0..<count { total += conn.J }
          }
        }
        guard total != 0, let ring = ch.sharedRing else { continue }
        for b in target.firstBlock..<(target.firstBlock + target.blockCount) where blocks[b].start >= lo && blocks[b].start < hi {
          ring[blocks[b].indexInPopulation * ringLength + slot] += total
        }
      case .fixedInDegree, .bernoulli, .oneToOne:
        guard let lists = conn.lists else { continue }
        let counts = ch.counts.map { $0 + slot * target.N }
        let line = ch.ring.map { $0 + slot * target.N }
        for b in source.firstBlock..<(source.firstBlock + source.blockCount) {
          let block = blocks[b], count = block.firedCount[parity]
          let spikes = source.fired + parity * source.N + block.start
          for m in 0..<count {
            let (first, last) = conn.part(of: Int(spikes[m]), lists: lists, thread: k, threads: threadCount)
            let length = Int64(last - first)
            if let counts {
              if let narrow = lists.narrow { mk_scatter_count16(counts, narrow + first, length) }
              if let wide = lists.wide { mk_scatter_count32(counts, wide + first, length) }
            } else if let line {
              let w = release.map { conn.J * $0[block.start + m] } ?? conn.J
              if let narrow = lists.narrow { mk_scatter_add16(line, narrow + first, length, w) }
              if let wide = lists.wide { mk_scatter_add32(line, wide + first, length, w) }
            }
          }
        }
      }
    }
  }

  // MARK: Recording (thread 0, after phase A of the step)

  func record(step l: Int, into records: inout RunRecords) {
    let parity = l & 1
    let pops = populations, blocks = blocks
    guard records.recorder.isRecording else { return }
    for a in pops.indices {
      let p = pops[a]
      var n = 0
      for b in p.firstBlock..<(p.firstBlock + p.blockCount) { n += blocks[b].firedCount[parity] }
      records.recorder.record(population: a, spikes: Double(n), input: p.isPoisson ? 0 : p.firstInput[parity])
    }
    if !stp.isEmpty {
      for s in stp.indices {
        let st = stp[s]
        let p = pops[st.source]
        let n = Double(p.N), u0 = st.synapse.parameters.U0
        var sumU = n * u0 + (records.stpSumU[s] - n * u0) * st.synapse.facilitationDecay
        var sumX = n - (n - records.stpSumX[s]) * st.synapse.recoveryDecay
        let column = p.stpStates.firstIndex(of: s)!
        for b in p.firstBlock..<(p.firstBlock + p.blockCount) {
          sumU += blocks[b].stpChange[(parity * p.stpStates.count + column) * 2]
          sumX += blocks[b].stpChange[(parity * p.stpStates.count + column) * 2 + 1]
        }
        records.stpSumU[s] = sumU
        records.stpSumX[s] = sumX
      }
      for (column, c) in network.stpConnections.enumerated() {
        let s = network.connections[c].stpState!
        let n = Double(pops[stp[s].source].N)
        records.recorder.recordSTP(column: column, u: records.stpSumU[s] / n, x: records.stpSumX[s] / n)
      }
    }
    if network.model.micro.recordSpikes {
      let t = Double(l) * dt
      for p in pops {
        for b in p.firstBlock..<(p.firstBlock + p.blockCount) {
          let block = blocks[b]
          let spikes = p.fired + parity * p.N + block.start
          for m in 0..<block.firedCount[parity] {
            records.spikeTimes.append(t)
            records.spikeIds.append(Double(p.globalOffset + Int(spikes[m])))
          }
        }
      }
    }
    if membraneColumns > 0 {
      let base = (l / network.stepsPerBin) * membraneColumns
      for column in 0..<membraneColumns { records.membrane[base + column] += membraneValues[parity * membraneColumns + column] }
    }
    records.recorder.endStep()
    if records.failure == nil, let bin = records.recorder.closedBin { records.failure = nonFiniteFailure(bin: bin, parity: parity, records) }
  }

  /// The failure of the first non-finite recorded value or neuron state in `bin`, or nil.
  private func nonFiniteFailure(bin: Int, parity: Int, _ records: RunRecords) -> NumericalFailure? {
    if let bad = records.recorder.nonFinite(bin: bin) { return network.nonFiniteFailure(trace: bad.trace, column: bad.column, bin: bin) }
    for a in populations.indices {
      let p = populations[a]
      let state = (p.firstBlock..<(p.firstBlock + p.blockCount)).reduce(0.0) { $0 + blocks[$1].nonFinite[parity] }
      if !state.isFinite {
        return NumericalFailure(
          time: Double(bin) * network.model.simulation.recordBin,
          what: "population \(network.model.populations[a].name): membrane potential or synaptic input is not finite in the bin starting")
      }
    }
    if membraneColumns > 0, let c = (0..<membraneColumns).first(where: { !records.membrane[bin * membraneColumns + $0].isFinite }) {
      return NumericalFailure(
        time: Double(bin) * network.model.simulation.recordBin, what: "micro.record_membrane[\(c)]: V_m is not finite in the bin starting")
    }
    return nil
  }

  func recording(_ records: RunRecords) -> Recording {
    var result = records.recorder.recording()
    if membraneColumns > 0 {
      let perBin = Double(network.stepsPerBin)
      result.traces.append(Trace(name: "V_m", unit: "mV", columns: membraneColumns, values: records.membrane.map { $0 / perBin }))
    }
    result.records = weightTraces(records.weights)
    result.arrays = weightArrays()
    result.streamed = finalWeightArrays()
    if network.model.micro.recordSpikes {
      result.events = [
        Trace(name: "spike_times", unit: "s", columns: 1, values: records.spikeTimes),
        Trace(name: "spike_ids", unit: "id", columns: 1, values: records.spikeIds),
      ]
    }
    return result
  }
}

/// A step index that one thread sets and the others read after each `SpinBarrier`.
@available(macOS 15.0, *)
private final class StopStep: Sendable {
  private let value = Atomic<Int>(.max)
  var step: Int {
    get { value.load(ordering: .acquiring) }
    set { value.store(newValue, ordering: .releasing) }
  }
}
