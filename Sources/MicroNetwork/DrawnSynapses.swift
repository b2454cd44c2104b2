import GSLBridge
import MesoCore
import NetworkCore

/// The synapses of one connection as a microscopic run draws them: synapse k goes from neuron
/// `sources[k]` of the source population to neuron `targets[k]` of the target population (indices
/// within the populations), sorted by source, then target.
public struct DrawnSynapses: Equatable, Sendable {
  /// Source neuron of every synapse (index within the source population).
  public var sources: [Int]
  /// Target neuron of every synapse (index within the target population).
  public var targets: [Int]
}

extension MicroscopicSimulator {
  /// The synapses that `MicroscopicSimulator(network:seed:memoryLimit:)` draws for `seed`, per
  /// connection: the same plans, streams and rules, without building the engine. nil for a
  /// connection stored without a list (p = 1 and static: every pair, no draw). Refuses, before
  /// drawing, a network the engine would refuse or whose lists (16 bytes per synapse here) need
  /// more than `memoryLimit`.
  public static func drawnSynapses(
    _ network: DiscreteNetwork, seed: UInt64, memoryLimit: MemoryLimit
  ) throws(ParameterError) -> [DrawnSynapses?] {
    let plans = try plans(network)
    try checkSettings(network)
    var budget = ResourceBudget()
    for (c, plan) in plans.enumerated() {
      budget.add("\(plan.synapses) drawn synapses of connections[\(c)]", key: "connections[\(c)]", count: plan.synapses, times: 3, bytesEach: 8)
    }
    try budget.check(against: memoryLimit)
    let sizes = network.populations.map(\.N)
    return network.connections.enumerated().map { c, connection -> DrawnSynapses? in
      guard plans[c].storage != .full else { return nil }
      let arena = Arena()
      let nFrom = sizes[connection.source]
      let lists = drawSynapses(
        plans[c].storage, sources: nFrom, targets: sizes[connection.target],
        stream: RandomStream(master: seed, purpose: .connectivity, index: UInt64(c)), arena: arena)
      var drawn = DrawnSynapses(sources: [], targets: [])
      drawn.sources.reserveCapacity(lists.count)
      drawn.targets.reserveCapacity(lists.count)
      for j in 0..<nFrom {
        for k in lists.offsets[j]..<lists.offsets[j + 1] {
          drawn.sources.append(j)
          drawn.targets.append(lists[k])
        }
      }
      return drawn
    }
  }
}
