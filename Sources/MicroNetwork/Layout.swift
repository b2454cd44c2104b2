import Foundation
import GSLBridge
import MesoCore
import NetworkCore

/// Neurons per block. Every population is cut into blocks of this size (the last one shorter); each
/// block has its own random stream and is updated by one thread, so results do not depend on the
/// number of threads. Changing it changes the spike trains drawn for a given seed.
let neuronsPerBlock = 256


/// One population: constants of its step (MicroscopicModel article) and pointers to its state.
/// Plain values and pointers only: the step loops read it without reference counting.
struct PopulationLayout {
  var N: Int
  /// Id of the population's first neuron in the global numbering (populations in order).
  var globalOffset: Int
  var firstBlock: Int
  var blockCount: Int
  var isPoisson: Bool
  /// A source of given spike trains (`isPoisson` is true too: no membrane, no input).
  var isSpikeTrain: Bool
  /// k_ref + 1: a neuron that fired is refractory for the next k_ref steps.
  var refractoryReset: Int32
  /// τ_m (s).
  var tauM: Double
  /// E_m = e^{−Δt/τ_m} and 1 − E_m.
  var membraneDecay: Double
  var driveWeight: Double
  /// u_r, u_th (mV), 1/ΔV (1/mV), c·Δt.
  var reset: Double
  var threshold: Double
  var inverseSoftness: Double
  var hazardScale: Double
  /// μ (mV) or the Poisson rate (Hz), and the time-dependent inputs added to it.
  var baseDrive: Double
  var inputs: UnsafeMutableBufferPointer<ExternalInput.Kind>
  /// Threshold-kernel components r: e^{−Δt/τ_r} and the jump J_r/τ_r (mV).
  var kernelCount: Int
  var kernelDecay: UnsafeMutablePointer<Double>
  var kernelJump: UnsafeMutablePointer<Double>
  /// Membrane potential u (mV).
  var u: UnsafeMutablePointer<Double>
  /// GIF: the unused part of the Exp(1) hazard budget drawn at the last spike. Poisson: the value of
  /// the population's integrated rate at which the neuron fires next.
  var budget: UnsafeMutablePointer<Double>
  /// Remaining refractory steps + 1 (counted down each step; ≤ 1 at the start of a step: may fire).
  var refractory: UnsafeMutablePointer<Int32>
  /// Threshold-kernel components, component-major: kernel[r·N + i] (mV).
  var kernel: UnsafeMutablePointer<Double>
  /// Synaptic channels onto this population: `channels[channelStart ..< channelStart + channelCount]`.
  var channelStart: Int
  var channelCount: Int
  /// Connections from this population, in `connections` order.
  var outgoing: UnsafeMutableBufferPointer<Int>
  /// STP states with this population as source.
  var stpStates: UnsafeMutableBufferPointer<Int>
  /// Neurons that fired in a step, two buffers (step parity) of N: block b writes its spikes, in
  /// increasing order, from index `parity·N + block.start` on.
  var fired: UnsafeMutablePointer<Int32>
  /// Input potential τ_m·Σ J·y of neuron 0 (mV), per step parity.
  var firstInput: UnsafeMutablePointer<Double>
  /// LIF neurons: their constants and extra state (nil for GIF neurons and Poisson sources).
  var lif: LIFLayout? = nil
  /// Poisson sources with rates set per neuron (`MicroscopicSession.setPoissonRates`): rate of each
  /// neuron (Hz); `budget` then holds the time (s) of its next spike. nil: the population's drive.
  var neuronRates: UnsafeMutablePointer<Double>? = nil

  /// μ(t) (mV) or the rate (Hz): `DiscreteNetwork.drive`, term by term in the same order.
  @inline(__always)
  func drive(at t: Double) -> Double {
    var total = baseDrive
    for kind in inputs { total += ExternalInput(to: "", kind: kind).value(at: t) }
    return total
  }
}

/// A block of consecutive neurons of one population.
struct BlockLayout {
  var population: Int
  /// First neuron (index within the population) and number of neurons.
  var start: Int
  var count: Int
  /// Position among the population's blocks.
  var indexInPopulation: Int
  /// Number of spikes in a step, per step parity.
  var firedCount: UnsafeMutablePointer<Int>
  /// Per step parity, at the last step of each recording bin: 0, or NaN when a membrane potential
  /// of the block is not finite.
  var nonFinite: UnsafeMutablePointer<Double>
  /// Per step parity and STP state of the population: Σ (u⁺ − u⁻) and Σ (−r) over the block's spikes.
  var stpChange: UnsafeMutablePointer<Double>
  /// Poisson blocks: the population's integrated rate Σ rate·Δt so far (each block keeps its copy).
  var integratedRate: UnsafeMutablePointer<Double>
  /// Recorded membranes in this block: neuron index within the population and column.
  var membraneNeurons: UnsafeMutableBufferPointer<(neuron: Int, column: Int)>
}

/// All connections onto one population with the same τ_s share one synaptic filter per neuron:
/// F is linear in (A, y), so Σ_c J_c F(a_c, y_c) = F(Σ J_c a_c, Σ J_c y_c) (PopulationEquations article).
/// Delay lines hold J-weighted releases.
struct ChannelLayout {
  var target: Int
  var isDelta: Bool
  /// τ_m·(1 − E_m), τ_m·(weight of y − A), E_s (SynapticPropagator times τ_m).
  var tauMRateWeight: Double
  var tauMDeviationWeight: Double
  var filterDecay: Double
  /// Per-neuron delay line, ring of `ringLength` slots × N, of J-weighted releases (nil when every
  /// connection is full, or when `counts` is used).
  var ring: UnsafeMutablePointer<Double>?
  /// Per-neuron delay line of spike counts, used instead of `ring` when every connection of the
  /// channel is sparse and static with the same J (`countWeight`) and a count cannot exceed 65535:
  /// a quarter of the memory traffic of `ring`, and exact (a = J·count/Δt).
  var counts: UnsafeMutablePointer<UInt16>?
  var countWeight: Double
  /// Per-neuron filter y (J-weighted, Hz·mV) when `ring` or `counts` exists and τ_s > 0.
  var y: UnsafeMutablePointer<Double>?
  /// Delay line of the full (p = 1) connections, the same for every target: ring per block of the
  /// target, blockCount × ringLength (nil when there is none).
  var sharedRing: UnsafeMutablePointer<Double>?
  /// Filter of a channel with only full connections: one per block (all neurons share it).
  var sharedY: UnsafeMutablePointer<Double>?
}

struct ConnectionLayout {
  var source: Int
  var target: Int
  var channel: Int
  var delay: Int
  var J: Double
  /// Index of the STP state whose release scales this connection's weight, or −1.
  var stp: Int
  /// Index of the connection's `PlasticLayout` (weights per synapse), or −1.
  var plastic: Int = -1
  var storage: SynapseStorage
  var lists: SynapseLists?
  /// With several threads: for source j and thread k, the part of j's list that falls in the targets
  /// k owns, as offsets from the list's start: spans[(j·T + k)·2 ..< +2] (nil with one thread).
  var threadSpans: UnsafeMutablePointer<UInt32>?

  /// The synapses first ..< last of source j's list that thread k of `threads` updates: the whole
  /// list with one thread, its span with several.
  @inline(__always)
  func part(of j: Int, lists: SynapseLists, thread k: Int, threads: Int) -> (first: Int, last: Int) {
    let first = lists.offsets[j]
    guard let spans = threadSpans else { return (first, lists.offsets[j + 1]) }
    let span = spans + (j * threads + k) * 2
    return (first + Int(span[0]), first + Int(span[1]))
  }
}

/// One Tsodyks–Markram state (u, x) per presynaptic neuron and parameter set (MicroscopicModel article).
struct STPLayout {
  var source: Int
  var synapse: TsodyksMarkram
  var u: UnsafeMutablePointer<Double>
  var x: UnsafeMutablePointer<Double>
  /// Step of the neuron's last spike: the state is relaxed lazily, over all steps since, at its next spike.
  var lastSpike: UnsafeMutablePointer<Int>
  /// Release r = u⁺x⁻ of every spike, aligned with the source's `fired` buffers (two parities of N).
  var release: UnsafeMutablePointer<Double>
}
