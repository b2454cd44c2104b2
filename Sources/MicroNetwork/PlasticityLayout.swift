import Foundation
import MesoCore
import MicroKernels
import NetworkCore

/// One plastic connection (LongTermPlasticity article): a weight per synapse beside the pre-major
/// target lists, trace states per presynaptic neuron, and (in `kernel`, which the C kernel
/// `mk_stdp_presynaptic` reads) per postsynaptic neuron a 64-byte record of its last spikes and a
/// ring of its last `ringSize` spikes with the postsynaptic traces at each of them.
///
/// Pairing times (NEST's convention, the whole delay D dendritic): a presynaptic spike of step n
/// pairs at n, a postsynaptic spike of step m at m + D. Potentiation is applied lazily, at the next
/// presynaptic spike or flush, for the postsynaptic spikes paired since (the presynaptic trace
/// decays deterministically in between); depression at each presynaptic spike. At a presynaptic
/// spike paired at n: first potentiation by the post spikes paired in (previous pre, n] with the
/// trace of the earlier pre spikes, then depression with the post spikes paired strictly before n,
/// then the presynaptic traces jump (NEST `stdp_synapse` order: a coincident pair counts neither way).
struct PlasticLayout {
  var connection: Int
  var source: Int
  var target: Int
  var delay: Int
  var nearest: Bool
  /// The rule's constants, decay tables and postsynaptic state as the C kernel reads them
  /// (`mk_stdp_presynaptic`, which does the weight updates of phase B and of a flush).
  var kernel: UnsafeMutablePointer<mk_stdp_rule>
  /// e^{−kΔt/τ} for k < tableLength (τ₊, τ_x; the kernel holds those of τ₋, τ_y); 0 beyond
  /// (e^{−40} and less: below rounding).
  var tablePlus: UnsafeMutablePointer<Double>
  var tableX: UnsafeMutablePointer<Double>
  var tableLength: Int
  /// w of every synapse, aligned with the connection's target lists (mV).
  var weights: UnsafeMutablePointer<Double>
  /// Per presynaptic neuron: step of its last spike (−1: none), r₁ and r₂ just after it.
  var preLast: UnsafeMutablePointer<Int>
  var preR1: UnsafeMutablePointer<Double>
  var preR2: UnsafeMutablePointer<Double>
  /// Per presynaptic neuron: the last pairing time whose potentiation its synapses have received
  /// from a flush (−1: none), so that a window starts at max(last spike, this).
  var flushedAt: UnsafeMutablePointer<Int>
  /// The same before the spike of a step, per step parity (2 × N_from): read by phase B of that step.
  var beforeLast: UnsafeMutablePointer<Int>
  var beforeR1: UnsafeMutablePointer<Double>
  var beforeR2: UnsafeMutablePointer<Double>
  /// Postsynaptic neurons and the spikes kept per neuron in the kernel's ring.
  var targets: Int
  var ringSize: Int

  /// Bytes per synapse: the weight (the targets are counted with the connection's lists).
  static let bytesPerSynapse = 8
  /// Bytes per presynaptic neuron: the current state, its two parity copies, the flush time.
  static let bytesPerSource = 10 * 8
  /// Bytes per postsynaptic neuron besides the ring: its `mk_stdp_post`.
  static let bytesPerTarget = MemoryLayout<mk_stdp_post>.stride
  /// Bytes per ring entry: step, o₁, o₂.
  static let bytesPerRingEntry = 4 + 8 + 8

  /// Spikes kept per postsynaptic neuron, a power of 2: at least 64, and more than a delay's worth of spikes.
  static func ringSize(delay: Int, refractorySteps: Int) -> Int {
    var size = 64
    while size < (delay + 64) / (refractorySteps + 1) + 1 { size *= 2 }
    return size
  }

  /// Steps F between flushes such that no ring entry is overwritten before every synapse has read
  /// it: a neuron fires at most once in k_ref + 1 steps, so the ring holds every spike paired in
  /// the last R(k_ref + 1) − D − 1 steps; a flush brings up to date the presynaptic neurons whose
  /// window started more than F steps before it, so no window is longer than 2F before the next one.
  static func flushPeriod(ringSize: Int, delay: Int, refractorySteps: Int) -> Int {
    max(1, (ringSize * (refractorySteps + 1) - delay - 1) / 2)
  }

  /// Length of the decay tables: 40 of the longest time constant, in steps.
  static func tableLength(_ rule: STDPRule, dt: Double) -> Int {
    let tau = max(rule.tauPlus, rule.tauMinus, rule.kind == .triplet ? max(rule.tauX, rule.tauY) : 0)
    return Int(min(40 * tau / dt, 1e8).rounded(.up)) + 1
  }

  @inline(__always) static func decay(_ table: UnsafeMutablePointer<Double>, _ length: Int, _ k: Int) -> Double {
    k < length ? table[k] : 0
  }

  // MARK: Spikes (phase A, by the thread owning the neuron)

  /// A presynaptic spike of neuron j at step n: keep the state before it (for phase B), then jump.
  @inline(__always)
  func preSpike(_ j: Int, step n: Int, parity: Int, sources: Int) {
    let last = preLast[j]
    let slot = parity * sources + j
    beforeLast[slot] = last
    beforeR1[slot] = preR1[j]
    beforeR2[slot] = preR2[j]
    if last >= 0 && !nearest {
      preR1[j] = preR1[j] * Self.decay(tablePlus, tableLength, n - last) + 1
      preR2[j] = preR2[j] * Self.decay(tableX, tableLength, n - last) + 1
    } else {
      preR1[j] = 1
      preR2[j] = 1
    }
    preLast[j] = n
  }

  /// A postsynaptic spike of neuron i at step m: o₂ before it and o₁ after it into its state and ring.
  @inline(__always)
  func postSpike(_ i: Int, step m: Int) { mk_stdp_post_spike(kernel, Int64(i), Int64(m)) }
}
