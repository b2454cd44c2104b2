import Foundation
import GSLBridge
import MesoCore
import NetworkCore

/// The microscopic network (MicroscopicModel article): every escape-noise GIF neuron (with reset,
/// absolute refractoriness, a dynamic threshold with any number of kernel components, exact
/// exponential integration), every synapse (exponential or delta PSC, delays, fixed in-degree or
/// Bernoulli connectivity) and one Tsodyks–Markram state per presynaptic neuron and parameter set.
/// Poisson populations are sources of independent Poisson trains.
///
/// Each step follows the library order of §2.6:
/// 1. a_ic = (1/Δt)·Σ q over the spikes that the partners of neuron i in connection c emitted D_c
///    steps earlier (q = 1, or the release r = u⁺x⁻ with STP); ΔV_syn = Σ_c J_c τ_m F(a_ic, y_ic)
///    and y_ic ← a_ic + (y_ic − a_ic)E_s (`SynapticPropagator`);
/// 2. age += 1; integrated neurons (age ≥ k_ref + 1): u ← u E_m + μ(t_l)(1 − E_m) + ΔV_syn;
/// 3. threshold components decay by e^{−Δt/τ_θ,r};
/// 4. integrated neurons fire with P = 1 − exp(−λΔt), λ = c·exp((u − ϑ)/ΔV) from the new u and ϑ;
/// 5. on a spike u = u_r, age = 0, every threshold component += J_θ,r/τ_θ,r;
/// 6. the STP state of every neuron that fired relaxes over the steps since its last spike, then
///    u⁺ = u⁻ + U(1 − u⁻) (u⁺ ≡ U without facilitation), r = u⁺x⁻, x⁺ = x⁻ − r; r enters the delay line.
/// Poisson neurons fire with P = 1 − exp(−rate·Δt), rate = the population's drive (Hz, clamped ≥ 0).
///
/// Step 4 draws one Exp(1) number per spike instead of one uniform number per neuron and step: a
/// neuron fires in the first step at which the hazard Σ λΔt accumulated since its last spike reaches
/// that number, which by the memorylessness of the exponential distribution is the same law.
///
/// Initial condition (as the mesoscopic engine, §3.7): every GIF neuron fired in the step before
/// t = 0 — it is refractory, u = u_r, its threshold kernel holds that spike, and the spike is in the
/// axon (delivered at step D − 1), having released U + (1 − U)U_0 at every STP synapse from rest
/// (u = U_0, x = 1). Poisson sources start without a spike. Synaptic filters start at 0.
///
/// Synapses: fixed in-degree draws exactly round(p·N_from) distinct partners per target (Floyd's
/// algorithm), Bernoulli each pair with probability p; self-connections are allowed (as the C code's
/// `gsl_ran_choose` and NEST's default), multiple synapses per pair are not. p = 1 stores no list:
/// every target receives the same input, computed once per block. Connections onto a population
/// with equal τ_s share one synaptic filter per neuron (F is linear in (A, y)).
///
/// Randomness: the synapses of connection c come from the stream (`.connectivity`, c); the spikes of
/// block b of population α from (`.dynamics`, α·2³² + b), blocks of 256 neurons. The `threads`
/// option splits the blocks among threads and changes nothing in the results.
public struct MicroscopicSimulator: NetworkEngine {
  /// The network on the time grid.
  public let network: DiscreteNetwork
  /// The master seed of the run.
  public let seed: UInt64
  let engine: Engine

  /// Builds the network; refuses, before allocating anything, one that cannot be built: a fixed
  /// in-degree with 0 < p·N_from < 1, a `micro.record_membrane` id that is not a GIF neuron, or
  /// more memory than `memoryLimit` (`resources(_:)`, a `ParameterError` naming the key that costs most).
  public init(network: DiscreteNetwork, seed: UInt64, memoryLimit: MemoryLimit) throws {
    let plans = try Self.plans(network)
    try Self.checkSettings(network)
    try Self.resources(network, plans: plans).check(against: memoryLimit)
    self.network = network
    self.seed = seed
    engine = Engine(network: network, seed: seed, plans: plans)
  }

  /// Everything `init` would allocate, by key, and the checks of the `micro` settings; nothing is allocated.
  public static func resources(_ network: DiscreteNetwork) throws(ParameterError) -> ResourceBudget {
    let budget = try resources(network, plans: plans(network))
    try checkSettings(network)
    return budget
  }

  /// Validates and discretises `model`, then builds it.
  public init(model: NetworkModel, seed: UInt64) throws {
    try self.init(network: DiscreteNetwork(model), seed: seed)
  }

  /// Simulates the whole duration from the initial condition (every call starts afresh and gives
  /// the same recording). Traces: `A`, `input` (τ_m Σ_c J_c y_c of each population's first neuron,
  /// mV; 0 for Poisson sources), `stp_u`, `stp_x` (means over the source's neurons, after the step),
  /// and with `micro.record_membrane` `V_m` (u after the step, bin average). Events with
  /// `micro.record_spikes`: `spike_times` (start of the step, s) and `spike_ids` (global ids).
  public mutating func run(progress: ((Double) throws -> Void)? = nil) throws -> Recording {
    try engine.run(progress: progress)
  }

  /// Number of stored synapses (full connections, p = 1, store none and count N_from·N_to here).
  public var synapseCount: Int {
    engine.connections.indices.reduce(0) { total, c in
      let layout = engine.connections[c]
      switch layout.storage {
      case .full: return total + network.populations[layout.source].N * network.populations[layout.target].N
      default: return total + (layout.lists?.count ?? 0)
      }
    }
  }

  /// Targets (indices within the target population, ascending) of neuron `source` of connection `connection`.
  public func targets(connection: Int, source: Int) -> [Int] {
    let layout = engine.connections[connection]
    if layout.storage == .full { return Array(0..<network.populations[layout.target].N) }
    guard let lists = layout.lists else { return [] }
    return (lists.offsets[source]..<lists.offsets[source + 1]).map { lists[$0] }
  }

  /// Number of presynaptic partners of every neuron of the target population of `connection`.
  public func inDegrees(connection: Int) -> [Int] {
    let layout = engine.connections[connection]
    let nFrom = network.populations[layout.source].N, nTo = network.populations[layout.target].N
    if layout.storage == .full { return Array(repeating: nFrom, count: nTo) }
    var degrees = Array(repeating: 0, count: nTo)
    if let lists = layout.lists { for k in 0..<lists.count { degrees[lists[k]] += 1 } }
    return degrees
  }

  /// Bytes the engine allocated for synapses, neurons, delay lines and recording buffers.
  public var allocatedBytes: Int { engine.arena.bytes }

  /// Settings that need the network: thread count, recorded membranes, and fewer than 2³⁰ steps with plasticity.
  static func checkSettings(_ network: DiscreteNetwork) throws(ParameterError) {
    let micro = network.model.micro
    guard micro.threads >= 1 else { throw ParameterError(path: "micro.threads", value: Double(micro.threads), requirement: "be >= 1") }
    // The plasticity state holds steps as 32-bit integers (`mk_stdp_post`).
    if network.model.connections.contains(where: { $0.plasticity != nil }) && network.steps >= 1 << 30 {
      throw ParameterError(
        path: "simulation.duration", value: network.model.simulation.duration,
        requirement: "be < 2^30 steps of simulation.dt with plastic connections (\(Double(1 << 30) * network.dt) s)")
    }
    let total = network.populations.reduce(0) { $0 + $1.N }
    for (k, id) in micro.recordMembrane.enumerated() {
      var offset = 0
      var isGIF = false
      for p in network.populations {
        if id >= offset && id < offset + p.N { isGIF = !p.isPoisson }
        offset += p.N
      }
      guard isGIF else {
        throw ParameterError(
          path: "micro.record_membrane[\(k)]", value: Double(id),
          requirement: "be the global id of a GIF neuron (0 ..< \(total), populations numbered in order; Poisson sources have no membrane)")
      }
    }
  }
}
