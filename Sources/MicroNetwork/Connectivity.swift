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
      if p == 0 {
        storage = .none
      } else if p == 1 {
        storage = .full
      } else {
        switch model.micro.connectivity {
        case .fixedIndegree:
          let expected = p * Double(nFrom)
          guard expected >= 1 else {
            throw ParameterError(
              path: "connections[\(c)].p", value: p,
              requirement: "give p·N_from >= 1 with fixed in-degree (p·N_from = \(formatNumber(expected)), N_from = \(nFrom) neurons of \(model.connections[c].from))")
          }
          let k = Int(expected.rounded())
          if k >= nFrom {
            storage = .full
          } else {
            storage = .fixedInDegree(k)
            synapses = k.multipliedReportingOverflow(by: nTo).overflow ? Int.max / 8 : k * nTo
          }
        case .bernoulli:
          storage = .bernoulli(p)
          let pairs = Double(nFrom) * Double(nTo)
          synapses = Int(min(pairs, pairs * p + 6 * (pairs * p * (1 - p)).squareRoot() + 1).rounded(.up).clamped(to: 0...1e17))
        }
      }
      let bytes: Int
      switch storage {
      case .none, .full: bytes = 0
      case .fixedInDegree, .bernoulli:
        let width = SynapseLists.isNarrow(targets: nTo) ? 2 : 4
        bytes = synapses.multipliedReportingOverflow(by: width).overflow ? Int.max / 2 : synapses * width + 8 * (nFrom + 1)
      }
      plans.append(SynapsePlan(storage: storage, synapses: synapses, bytes: bytes))
    }
    return plans
  }

  /// Refuses, before anything is allocated, a network whose estimated memory exceeds the machine's
  /// physical memory; the message names the largest connection and the numbers.
  static func checkMemory(_ network: DiscreteNetwork, plans: [SynapsePlan]) throws(ParameterError) {
    let synapseBytes = plans.reduce(0) { $0 &+ $1.bytes }
    let total = synapseBytes &+ stateBytes(network)
    let physical = machineMemory()
    guard total > physical || total < 0 else { return }
    func gb(_ b: Int) -> String { String(format: "%.1f GB", Double(b) / 1e9) }
    guard let worst = plans.indices.max(by: { plans[$0].bytes < plans[$1].bytes }), plans[worst].bytes > 0 else {
      throw ParameterError(
        path: "populations", value: "\(network.populations.map(\.N).reduce(0, +)) neurons",
        requirement: "fit in the machine's memory: the network needs ≈ \(gb(total)), the machine has \(gb(physical))")
    }
    let c = network.model.connections[worst]
    throw ParameterError(
      path: "connections[\(worst)]",
      value: "\(plans[worst].synapses) synapses (\(c.from) -> \(c.to), p = \(formatNumber(c.p)))",
      requirement: "fit in the machine's memory: this connection needs ≈ \(gb(plans[worst].bytes)) and the whole network ≈ \(gb(total)) (2–4 bytes per synapse), the machine has \(gb(physical))")
  }

  /// Physical memory, or the cgroup (v2) limit of this process when it is lower.
  static func machineMemory() -> Int {
    var bytes = Int(clamping: ProcessInfo.processInfo.physicalMemory)
    if let text = try? String(contentsOfFile: "/sys/fs/cgroup/memory.max", encoding: .utf8),
      let limit = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    {
      bytes = min(bytes, limit)
    }
    return bytes
  }

  /// Bytes of neuron state, delay lines and recording (everything but the synapse lists).
  static func stateBytes(_ network: DiscreteNetwork) -> Int {
    let maxDelay = network.connections.map(\.delaySteps).max() ?? 1
    var bytes = 0
    for p in network.populations {
      let channels = Set(network.model.connections.filter { $0.to == p.parameters.name }.map(\.tauS)).count
      // u, budget, refractory, kernel, spikes ×2, per channel: ring of maxDelay slots and a filter.
      bytes += p.N * (8 + 8 + 4 + 8 * p.kernelDecay.count + 8 + channels * 8 * (maxDelay + 1))
    }
    for s in network.stpStates { bytes += network.populations[s.source].N * (8 * 3 + 16) }
    let columns = network.populations.count * 2 + network.stpConnections.count * 2 + network.model.micro.recordMembrane.count
    bytes += network.bins * columns * 8 * 2
    return bytes
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
