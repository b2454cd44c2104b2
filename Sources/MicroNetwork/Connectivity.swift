import Foundation
import GSLBridge
import MesoCore
import NetworkCore

/// How the synapses of one connection are stored (decided before anything is allocated).
enum SynapseStorage: Equatable {
  /// p = 0: no synapse.
  case none
  /// Every target receives from every source (p = 1, or a fixed in-degree equal to N_from): no
  /// synapse list; the input is computed once per block of targets.
  case full
  /// Exactly `inDegree` distinct random partners per target (MicroscopicModel article, `gsl_ran_choose` in the C code).
  case fixedInDegree(Int)
  /// Every pair independently with probability p (NEST `pairwise_bernoulli`).
  case bernoulli(Double)
  /// Source i to target i (N_from = N_to, p = 1: checked by the model's validation).
  case oneToOne
}

/// The plan of one connection's synapses and what they will cost.
struct SynapsePlan {
  var storage: SynapseStorage
  /// Synapses stored (Bernoulli: an upper bound, mean + 6 standard deviations).
  var synapses: Int
  /// Bytes of the outgoing lists: 2 or 4 per synapse (UInt16/UInt32 target) + 8 per source neuron (offsets).
  var bytes: Int
}

extension MicroscopicSimulator {
  /// The synapse storage of every connection, or the first connection that cannot be built.
  static func plans(_ network: DiscreteNetwork) throws(ParameterError) -> [SynapsePlan] {
    let model = network.model
    var plans: [SynapsePlan] = []
    for (c, connection) in network.connections.enumerated() {
      let nFrom = network.populations[connection.source].N, nTo = network.populations[connection.target].N
      let p = connection.p
      let storage: SynapseStorage
      var synapses = 0
      let plastic = model.connections[c].plasticity != nil
      let rule = model.connections[c].connectivity ?? model.micro.connectivity
      if p == 0 {
        storage = .none
      } else if rule == .oneToOne {
        storage = .oneToOne
        synapses = nTo
      } else if p == 1 && plastic {
        // Weights per synapse need the lists: every source, stored.
        storage = .fixedInDegree(nFrom)
        synapses = nFrom.multipliedReportingOverflow(by: nTo).overflow ? Int.max / 8 : nFrom * nTo
      } else if p == 1 {
        storage = .full
      } else if rule == .bernoulli || p * Double(nFrom) < 1 {
        // Bernoulli draws; a fixed in-degree below one partner per target falls back to them,
        // which keep the mean in-degree p·N_from.
        storage = .bernoulli(p)
        let pairs = Double(nFrom) * Double(nTo)
        synapses = Int(min(pairs, pairs * p + 6 * (pairs * p * (1 - p)).squareRoot() + 1).rounded(.up).clamped(to: 0...1e17))
      } else {
        // Fixed in-degree K = round(p·N_from) ≥ 1.
        let k = Int((p * Double(nFrom)).rounded())
        if k >= nFrom && !plastic {
          storage = .full
        } else {
          storage = .fixedInDegree(k)
          synapses = k.multipliedReportingOverflow(by: nTo).overflow ? Int.max / 8 : k * nTo
        }
      }
      let bytes: Int
      switch storage {
      case .none, .full: bytes = 0
      case .fixedInDegree, .bernoulli, .oneToOne:
        let width = SynapseLists.isNarrow(targets: nTo) ? 2 : 4
        bytes = synapses.multipliedReportingOverflow(by: width).overflow ? Int.max / 2 : synapses * width + 8 * (nFrom + 1)
      }
      plans.append(SynapsePlan(storage: storage, synapses: synapses, bytes: bytes))
    }
    return plans
  }

  /// Everything `init` allocates, by key: per population the neuron state, spike buffers and one
  /// GSL random stream (≈ 5 kB) per block of 256 neurons (`populations[i].N`); per connection its
  /// synapse lists (`connections[c]`) and, with several threads, its per-thread spans
  /// (`micro.threads`); the delay rings (`connections[c].delay` of the longest delay); STP states;
  /// the recording (`simulation.duration`). Spikes recorded with `micro.record_spikes` grow with the
  /// activity and are not counted.
  static func resources(_ network: DiscreteNetwork, plans: [SynapsePlan]) throws(ParameterError) -> ResourceBudget {
    var budget = ResourceBudget()
    let threads = network.model.micro.threads
    let longest = network.connections.indices.max { network.connections[$0].delaySteps < network.connections[$1].delaySteps }
    let ringLength = longest.map { network.connections[$0].delaySteps } ?? 1
    for (i, p) in network.populations.enumerated() {
      guard p.N <= Int(Int32.max) else {
        throw ParameterError(path: "populations[\(i)].N", value: Double(p.N), requirement: "be <= \(Int32.max) for the microscopic engine")
      }
      let blocks = (p.N + neuronsPerBlock - 1) / neuronsPerBlock
      // u, budget, refractory, kernel components, fired ×2, LIF adaptation and conductances; random streams and block records.
      budget.add("state of \(p.N) neurons of \(p.parameters.name)", key: "populations[\(i)].N", count: p.N, bytesEach: 8 + 8 + 4 + 8 * p.kernelDecay.count + 8 + LIFLayout.bytesPerNeuron(p.parameters))
      budget.add("\(blocks) random streams of \(p.parameters.name)", key: "populations[\(i)].N", count: blocks, bytesEach: 5200)
      let channels = Set(network.connections.indices.filter { network.connections[$0].target == i }.map { LIFLayout.channelKey(network.model, connection: $0) }).count
      if let longest, channels > 0 {
        budget.add(
          "delay rings of \(ringLength) steps × \(p.N) neurons of \(p.parameters.name)", key: "connections[\(longest)].delay", count: p.N,
          times: channels &* (ringLength &+ 1), bytesEach: 8)
      }
    }
    for (c, plan) in plans.enumerated() {
      let connection = network.connections[c]
      let nFrom = network.populations[connection.source].N
      let what = "\(plan.synapses) synapses (\(network.model.connections[c].from) -> \(network.model.connections[c].to))"
      budget.add(what, key: "connections[\(c)]", count: plan.bytes, bytesEach: 1)
      budget.add(plasticityResources(network, connection: c, synapses: plan.synapses))
      if threads > 1, plan.bytes > 0 {
        budget.add("spans of \(threads) threads over connections[\(c)]", key: "micro.threads", count: nFrom, times: threads &* 2, bytesEach: 4)
      }
    }
    for s in network.stpStates {
      let source = network.populations[s.source]
      budget.add("STP state of \(source.parameters.name)", key: "populations[\(s.source)].N", count: source.N, bytesEach: 8 * 3 + 16)
    }
    budget.add("scratch of \(threads) threads", key: "micro.threads", count: threads, times: neuronsPerBlock, bytesEach: 6 * 8)
    let columns = network.populations.count * 2 + network.stpConnections.count * 2 + network.model.micro.recordMembrane.count
    budget.addRecording(bins: network.bins, columns: columns)
    return budget
  }
}

extension Comparable {
  fileprivate func clamped(to range: ClosedRange<Self>) -> Self { min(max(self, range.lowerBound), range.upperBound) }
}

/// Outgoing synapse lists of one connection in compressed-row form: the targets of source j are
/// entries `offsets[j] ..< offsets[j + 1]`, ascending indices within the target population, stored
/// as UInt16 when the target population has at most 65536 neurons (2 bytes per synapse), else as
/// UInt32. Every spike reads its lists from memory, so their width sets the cost of large networks.
struct SynapseLists {
  var offsets: UnsafeMutablePointer<Int>
  /// Exactly one of these is set.
  var narrow: UnsafeMutablePointer<UInt16>?
  var wide: UnsafeMutablePointer<UInt32>?
  var count: Int

  /// Whether targets of a population of `n` neurons fit in UInt16.
  static func isNarrow(targets n: Int) -> Bool { n <= 1 << 16 }

  subscript(k: Int) -> Int { narrow.map { Int($0[k]) } ?? Int(wide![k]) }

  /// First index in first ..< last whose target is ≥ value.
  @inline(__always)
  func lowerBound(_ first: Int, _ last: Int, _ value: Int) -> Int {
    var lo = first, hi = last
    if let narrow {
      while lo < hi {
        let mid = (lo + hi) >> 1
        if Int(narrow[mid]) < value { lo = mid + 1 } else { hi = mid }
      }
    } else if let wide {
      while lo < hi {
        let mid = (lo + hi) >> 1
        if Int(wide[mid]) < value { lo = mid + 1 } else { hi = mid }
      }
    }
    return lo
  }

  /// The source j of synapse `s` (0 ≤ s < count) among `sources` sources: the largest j with
  /// offsets[j] ≤ s, so that offsets[j] ≤ s < offsets[j + 1] (binary search).
  func source(of s: Int, sources: Int) -> Int {
    var lo = 0, hi = sources
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if offsets[mid] <= s { lo = mid } else { hi = mid }
    }
    return lo
  }
}

/// Draws the synapses of one connection from its own stream (`.connectivity`, index = connection).
///
/// The rule constrains each *target's* partners, the engine needs each *source's* targets: the draws
/// are made twice from the same stream (a `RandomStream` copy replays it), once to count every
/// source's out-degree and once to fill the lists, so that the peak memory is the lists themselves
/// (2 or 4 bytes per synapse). Targets are visited in increasing order, so every list comes out sorted.
func drawSynapses(
  _ storage: SynapseStorage, sources nFrom: Int, targets nTo: Int, stream: RandomStream, arena: Arena
) -> SynapseLists {
  let offsets = arena.zeroed(Int.self, count: nFrom + 1)
  let counts = UnsafeMutablePointer<Int>.allocate(capacity: nFrom)
  counts.initialize(repeating: 0, count: nFrom)
  defer { counts.deallocate() }

  var counting = stream  // a copy: the second pass replays the same numbers from `stream`
  forEachPartner(storage, sources: nFrom, targets: nTo, stream: &counting) { j, _ in counts[j] += 1 }
  for j in 0..<nFrom { offsets[j + 1] = offsets[j] + counts[j] }
  let total = offsets[nFrom]
  // counts[j] becomes the fill cursor of source j.
  for j in 0..<nFrom { counts[j] = offsets[j] }
  var filling = stream
  if SynapseLists.isNarrow(targets: nTo) {
    let targets = arena.zeroed(UInt16.self, count: total)
    forEachPartner(storage, sources: nFrom, targets: nTo, stream: &filling) { j, target in
      targets[counts[j]] = UInt16(truncatingIfNeeded: target)
      counts[j] += 1
    }
    return SynapseLists(offsets: offsets, narrow: targets, wide: nil, count: total)
  }
  let targets = arena.zeroed(UInt32.self, count: total)
  forEachPartner(storage, sources: nFrom, targets: nTo, stream: &filling) { j, target in
    targets[counts[j]] = UInt32(truncatingIfNeeded: target)
    counts[j] += 1
  }
  return SynapseLists(offsets: offsets, narrow: nil, wide: targets, count: total)
}

/// Calls `body(source, target)` for every synapse, target by target in increasing order.
@inline(__always)
private func forEachPartner(
  _ storage: SynapseStorage, sources nFrom: Int, targets nTo: Int, stream: inout RandomStream,
  _ body: (Int, Int) -> Void
) {
  switch storage {
  case .none, .full:
    return
  case .oneToOne:
    for target in 0..<nTo { body(target, target) }
  case .fixedInDegree(let k):
    // Floyd's algorithm: a uniformly random k-subset of 0..<nFrom with k draws; a bit set marks members.
    let words = (nFrom + 63) / 64
    let member = UnsafeMutablePointer<UInt64>.allocate(capacity: words)
    member.initialize(repeating: 0, count: words)
    let chosen = UnsafeMutablePointer<Int>.allocate(capacity: k)
    defer {
      member.deallocate()
      chosen.deallocate()
    }
    let base = nFrom - k
    for target in 0..<nTo {
      for m in 0..<k {
        let j = base + m
        // uniform() has 32 random bits; the bias of floor(u·(j+1)) is below (j+1)/2^32.
        var t = Int(stream.uniform() * Double(j + 1))
        if t > j { t = j }
        if member[t >> 6] & (1 << UInt64(t & 63)) != 0 { t = j }
        member[t >> 6] |= 1 << UInt64(t & 63)
        chosen[m] = t
      }
      for m in 0..<k {
        let t = chosen[m]
        member[t >> 6] &= ~(1 << UInt64(t & 63))
        body(t, target)
      }
    }
  case .bernoulli(let p):
    // Geometric gaps between successive partners: P(gap = g) = (1 − p)^g p.
    let logQ = log1p(-p)
    for target in 0..<nTo {
      var j = -1
      while true {
        let skip = (log(stream.uniformPositive()) / logQ).rounded(.down)
        let next = Double(j) + 1 + skip
        if next >= Double(nFrom) { break }
        j = Int(next)
        body(j, target)
      }
    }
  }
}
