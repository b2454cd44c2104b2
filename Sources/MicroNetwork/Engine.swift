import Foundation
import GSLBridge
import MesoCore
import MicroKernels
import NetworkCore

/// Results written by concurrent tasks, one slot each.
final class ConcurrentResults<T>: @unchecked Sendable {
  private var values: [T?]
  private let lock = NSLock()
  init(count: Int) { values = Array(repeating: nil, count: count) }
  subscript(i: Int) -> T? {
    get { lock.withLock { values[i] } }
    set { lock.withLock { values[i] = newValue } }
  }
}

/// The state and step of `MicroscopicSimulator`: buffers in an arena, layouts of plain values.
final class Engine: @unchecked Sendable {
  let network: DiscreteNetwork
  let seed: UInt64
  let arena: Arena
  let dt: Double
  let steps: Int
  /// Steps per recording bin (the state is checked for non-finite values at the last step of each).
  let stepsPerBin: Int
  /// Slots of every delay line: the largest delay D (a spike of step l is written to slot (l + D) mod L
  /// after slot l mod L has been read and cleared).
  let ringLength: Int
  let threadCount: Int

  let populations: UnsafeMutableBufferPointer<PopulationLayout>
  let blocks: UnsafeMutableBufferPointer<BlockLayout>
  let channels: UnsafeMutableBufferPointer<ChannelLayout>
  let connections: UnsafeMutableBufferPointer<ConnectionLayout>
  let stp: UnsafeMutableBufferPointer<STPLayout>
  /// One stream per block (spikes: Exp(1) budgets, Poisson targets).
  let streams: UnsafeMutablePointer<RandomStream>
  /// Per thread: its blocks, and per population the range of neurons it owns [lo, hi).
  let threadBlocks: UnsafeMutablePointer<UnsafeMutableBufferPointer<Int>>
  let ownedRanges: UnsafeMutablePointer<Int>
  /// Per thread: scratch of one block (ΔV_syn, ϑ, indices of neurons that fired).
  let scratchDV: UnsafeMutablePointer<Double>
  let scratchTheta: UnsafeMutablePointer<Double>
  let scratchFired: UnsafeMutablePointer<Int32>
  /// Per thread, for one block of noisy LIF neurons: Gaussian numbers, bridge crossing probabilities
  /// and the uniform numbers of the bridge candidates (3 × 256), and the candidates' indices.
  let scratchNoise: UnsafeMutablePointer<Double>
  let scratchCandidates: UnsafeMutablePointer<Int32>
  /// Recorded membranes: value of each column in a step, per step parity.
  let membraneValues: UnsafeMutablePointer<Double>
  let membraneColumns: Int
  /// Plastic connections (LongTermPlasticity article).
  let plastic: UnsafeMutableBufferPointer<PlasticLayout>
  let flushPeriod: Int
  /// Steps between weight records (`plasticity.record.every`; 0: none), each ending with a
  /// complete flush, and the number of records (whole intervals within the recorded bins).
  let weightRecordSteps: Int
  let weightRecords: Int
  /// Per population: its given spike trains (empty for other kinds).
  let spikeTrains: UnsafeMutableBufferPointer<SpikeTrainLayout>

  init(network: DiscreteNetwork, seed: UInt64, plans: [SynapsePlan]) {
    let arena = Arena()
    self.arena = arena
    self.network = network
    self.seed = seed
    dt = network.dt
    steps = network.steps
    stepsPerBin = network.stepsPerBin
    ringLength = max(1, network.connections.map(\.delaySteps).max() ?? 1)
    threadCount = max(1, network.model.micro.threads)
    let model = network.model

    // Populations and their blocks.
    var pops: [PopulationLayout] = []
    var blockList: [BlockLayout] = []
    var offset = 0
    let stpCountBySource = network.populations.indices.map { a in network.stpStates.filter { $0.source == a }.count }
    for (a, p) in network.populations.enumerated() {
      let n = p.N
      let blockCount = (n + neuronsPerBlock - 1) / neuronsPerBlock
      let k = p.kernelDecay.count
      pops.append(
        PopulationLayout(
          N: n, globalOffset: offset, firstBlock: blockList.count, blockCount: blockCount, isPoisson: p.isPoisson, isSpikeTrain: !p.spikeSteps.isEmpty,
          refractoryReset: Int32(p.refractorySteps + 1), tauM: p.parameters.tauM, membraneDecay: p.membraneDecay, driveWeight: 1 - p.membraneDecay,
          reset: p.parameters.vReset, threshold: p.parameters.vTh, inverseSoftness: p.escape.inverseSoftness,
          hazardScale: p.escape.rateAtThreshold * network.dt, baseDrive: p.baseDrive,
          inputs: arena.copy(p.inputs.map(\.kind)), kernelCount: k, kernelDecay: arena.copy(p.kernelDecay).baseAddress!,
          kernelJump: arena.copy(p.kernelJump).baseAddress!, u: arena.zeroed(count: p.isPoisson ? 0 : n),
          budget: arena.zeroed(count: n), refractory: arena.zeroed(count: p.isPoisson ? 0 : n),
          kernel: arena.zeroed(count: k * n), channelStart: 0, channelCount: 0,
          outgoing: arena.copy(network.connections.indices.filter { network.connections[$0].source == a }),
          stpStates: arena.copy(network.stpStates.indices.filter { network.stpStates[$0].source == a }),
          fired: arena.zeroed(count: 2 * n), firstInput: arena.zeroed(count: 2)))
      for b in 0..<blockCount {
        let start = b * neuronsPerBlock
        let members = model.micro.recordMembrane.enumerated().compactMap { column, id -> (neuron: Int, column: Int)? in
          let local = id - offset
          return local >= start && local < min(n, start + neuronsPerBlock) ? (local, column) : nil
        }
        blockList.append(
          BlockLayout(
            population: a, start: start, count: min(neuronsPerBlock, n - start), indexInPopulation: b,
            firedCount: arena.zeroed(count: 2), nonFinite: arena.zeroed(count: 2), stpChange: arena.zeroed(count: 2 * 2 * stpCountBySource[a]),
            integratedRate: arena.zeroed(count: 1), membraneNeurons: arena.copy(members)))
      }
      offset += n
    }

    // Channels: connections onto a population grouped by τ_s, in order of first appearance.
    var channelList: [ChannelLayout] = []
    var channelOf = Array(repeating: 0, count: network.connections.count)
    for a in network.populations.indices {
      pops[a].channelStart = channelList.count
      var taus: [Double] = []
      for (c, conn) in network.connections.enumerated() where conn.target == a {
        let tau = LIFLayout.channelKey(model, connection: c)
        if let existing = taus.firstIndex(of: tau) {
          channelOf[c] = pops[a].channelStart + existing
          continue
        }
        taus.append(tau)
        channelOf[c] = channelList.count
        let members = network.connections.indices.filter { network.connections[$0].target == a && LIFLayout.channelKey(model, connection: $0) == tau }
        let sparse = members.contains { plans[$0].storage != .full }
        let full = members.contains { plans[$0].storage == .full }
        // Largest number of spikes a neuron can receive in one step through this channel.
        let maxCount = members.reduce(0) { total, m in
          switch plans[m].storage {
          case .none, .full: total
          case .fixedInDegree(let k): total + k
          case .oneToOne: total + 1
          case .bernoulli: total + network.populations[network.connections[m].source].N
          }
        }
        let counting = !full && maxCount <= Int(UInt16.max)
          && members.allSatisfy {
            network.connections[$0].stpState == nil && network.connections[$0].J == conn.J && model.connections[$0].plasticity == nil
          }
        let n = pops[a].N, tauM = network.populations[a].parameters.tauM
        let propagator = conn.synapse
        channelList.append(
          ChannelLayout(
            target: a, isDelta: tau == 0, tauMRateWeight: tauM * propagator.rateWeight,
            tauMDeviationWeight: tauM * propagator.deviationWeight, filterDecay: propagator.filterDecay,
            ring: sparse && !counting ? arena.zeroed(count: ringLength * n) : nil,
            counts: counting ? arena.zeroed(count: ringLength * n) : nil, countWeight: conn.J,
            y: sparse && tau > 0 ? arena.zeroed(count: n) : nil,
            sharedRing: full ? arena.zeroed(count: pops[a].blockCount * ringLength) : nil,
            sharedY: !sparse && tau > 0 ? arena.zeroed(count: pops[a].blockCount) : nil))
      }
      pops[a].channelCount = channelList.count - pops[a].channelStart
      if let neuron = network.populations[a].parameters.lif {
        pops[a].lif = LIFLayout(network.populations[a], neuron: neuron, channelKeys: taus, dt: dt, arena: arena)
      }
    }

    // STP states and connections (synapses drawn here, one stream per connection).
    let stpList = network.stpStates.map { s in
      let n = network.populations[s.source].N
      return STPLayout(
        source: s.source, synapse: s.synapse, u: arena.zeroed(count: n), x: arena.zeroed(count: n),
        lastSpike: arena.zeroed(count: n), release: arena.zeroed(count: 2 * n))
    }
    // Every connection draws from its own stream: with several threads they are drawn concurrently,
    // with the same result.
    let sizes = pops.map(\.N)
    let drawn = ConcurrentResults<SynapseLists>(count: network.connections.count)
    let draw: @Sendable (Int) -> Void = { [network] c in
      let conn = network.connections[c]
      guard plans[c].storage != .full else { return }
      drawn[c] = drawSynapses(
        plans[c].storage, sources: sizes[conn.source], targets: sizes[conn.target],
        stream: RandomStream(master: seed, purpose: .connectivity, index: UInt64(c)), arena: arena)
    }
    if threadCount > 1 {
      // Largest first, so that the longest draw starts at once.
      let order = network.connections.indices.sorted { plans[$0].synapses > plans[$1].synapses }
      DispatchQueue.concurrentPerform(iterations: order.count) { draw(order[$0]) }
    } else {
      for c in network.connections.indices { draw(c) }
    }
    var connectionList = network.connections.enumerated().map { c, conn in
      ConnectionLayout(
        source: conn.source, target: conn.target, channel: channelOf[c], delay: conn.delaySteps, J: conn.J,
        stp: conn.stpState ?? -1, storage: plans[c].storage, lists: drawn[c], threadSpans: nil)
    }

    let plasticList = Self.plasticLayouts(network, connections: connectionList, arena: arena)
    for (k, layout) in plasticList.enumerated() { connectionList[layout.connection].plastic = k }
    plastic = arena.copy(plasticList)
    flushPeriod = Self.flushPeriod(plasticList, network)
    let binsPerRecord = model.connections.lazy.compactMap { $0.plasticity?.record }.first { $0.isRecordingBins }
      .map { $0.binsPerRecord(recordBin: model.simulation.recordBin, bins: network.bins) }
    weightRecordSteps = (binsPerRecord ?? 0) * network.stepsPerBin
    weightRecords = binsPerRecord.map { network.bins / $0 } ?? 0
    spikeTrains = arena.copy(network.populations.map { SpikeTrainLayout($0, arena: arena) })

    populations = arena.copy(pops)
    blocks = arena.copy(blockList)
    channels = arena.copy(channelList)
    stp = arena.copy(stpList)
    streams = UnsafeMutablePointer<RandomStream>.allocate(capacity: max(1, blockList.count))
    for (b, block) in blockList.enumerated() {
      (streams + b).initialize(
        to: RandomStream(master: seed, purpose: .dynamics, index: UInt64(block.population) << 32 | UInt64(block.indexInPopulation)))
    }

    // Threads own contiguous runs of blocks, balanced by work (a Poisson neuron costs ≈ 1/4 of a GIF neuron).
    let weights = blockList.map { Double($0.count) * (pops[$0.population].isPoisson ? 0.25 : 1) }
    let totalWeight = weights.reduce(0, +)
    var perThread = Array(repeating: [Int](), count: threadCount)
    var cumulative = 0.0
    for (b, w) in weights.enumerated() {
      let middle = cumulative + w / 2
      cumulative += w
      perThread[min(threadCount - 1, Int(middle / max(totalWeight, 1e-300) * Double(threadCount)))].append(b)
    }
    threadBlocks = arena.copy(perThread.map { arena.copy($0) }).baseAddress!
    ownedRanges = arena.zeroed(count: threadCount * pops.count * 2)
    for (k, owned) in perThread.enumerated() {
      for a in pops.indices {
        let mine = owned.filter { blockList[$0].population == a }
        let lo = mine.map { blockList[$0].start }.min() ?? 0
        let hi = mine.map { blockList[$0].start + blockList[$0].count }.max() ?? 0
        ownedRanges[(k * pops.count + a) * 2] = lo
        ownedRanges[(k * pops.count + a) * 2 + 1] = hi
      }
    }
    // Each thread's part of every synapse list, found once here rather than at every spike.
    if threadCount > 1 {
      for c in connectionList.indices {
        guard let lists = connectionList[c].lists else { continue }
        let conn = connectionList[c], nFrom = pops[conn.source].N
        let spans = arena.zeroed(UInt32.self, count: nFrom * threadCount * 2)
        for j in 0..<nFrom {
          let first = lists.offsets[j], last = lists.offsets[j + 1]
          for k in 0..<threadCount {
            let lo = ownedRanges[(k * pops.count + conn.target) * 2], hi = ownedRanges[(k * pops.count + conn.target) * 2 + 1]
            let from = lo < hi ? lists.lowerBound(first, last, lo) : first
            let to = lo < hi ? lists.lowerBound(from, last, hi) : first
            spans[(j * threadCount + k) * 2] = UInt32(from - first)
            spans[(j * threadCount + k) * 2 + 1] = UInt32(to - first)
          }
        }
        connectionList[c].threadSpans = spans
      }
    }
    connections = arena.copy(connectionList)
    scratchDV = arena.zeroed(count: threadCount * neuronsPerBlock)
    scratchTheta = arena.zeroed(count: threadCount * neuronsPerBlock)
    scratchFired = arena.zeroed(count: threadCount * neuronsPerBlock)
    scratchNoise = arena.zeroed(count: threadCount * 3 * neuronsPerBlock)
    scratchCandidates = arena.zeroed(count: threadCount * neuronsPerBlock)
    membraneColumns = model.micro.recordMembrane.count
    membraneValues = arena.zeroed(count: 2 * membraneColumns)
  }

  deinit {
    streams.deinitialize(count: blocks.count)
    streams.deallocate()
  }
}
