import Foundation
import MesoCore
import NetworkCore

/// One plastic connection (LongTermPlasticity article): a weight per synapse beside the pre-major
/// target lists, trace states per presynaptic neuron, and per postsynaptic neuron a ring of its
/// last `ringSize` spikes with the postsynaptic traces at each of them.
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
  var isTriplet: Bool
  var nearest: Bool
  /// Pair rule constants: λ, αλ, μ₊, μ₋.
  var lambda: Double
  var alphaLambda: Double
  var muPlus: Double
  var muMinus: Double
  /// Triplet amplitudes (mV).
  var a2Plus: Double
  var a3Plus: Double
  var a2Minus: Double
  var a3Minus: Double
  var wMax: Double
  var wMin: Double
  /// e^{−kΔt/τ} for k < tableLength (τ₊, τ₋, τ_x, τ_y); 0 beyond (e^{−40} and less: below rounding).
  var tablePlus: UnsafeMutablePointer<Double>
  var tableMinus: UnsafeMutablePointer<Double>
  var tableX: UnsafeMutablePointer<Double>
  var tableY: UnsafeMutablePointer<Double>
  var tableLength: Int
  /// w of every synapse, aligned with the connection's target lists (mV).
  var weights: UnsafeMutablePointer<Double>
  /// Per presynaptic neuron: step of its last spike (−1: none), r₁ and r₂ just after it.
  var preLast: UnsafeMutablePointer<Int>
  var preR1: UnsafeMutablePointer<Double>
  var preR2: UnsafeMutablePointer<Double>
  /// The same before the spike of a step, per step parity (2 × N_from): read by phase B of that step.
  var beforeLast: UnsafeMutablePointer<Int>
  var beforeR1: UnsafeMutablePointer<Double>
  var beforeR2: UnsafeMutablePointer<Double>
  /// Per postsynaptic neuron, in one cache-line half: its spike count and last spike.
  var post: UnsafeMutablePointer<PostState>
  /// Ring of the last `ringSize` spikes per postsynaptic neuron (entry i·ringSize + count mod
  /// ringSize): step, o₁ just after it, o₂ just before it.
  var ringSize: Int
  var ringStep: UnsafeMutablePointer<Int>
  var ringO1: UnsafeMutablePointer<Double>
  var ringO2: UnsafeMutablePointer<Double>

  /// Bytes per synapse: the weight (the targets are counted with the connection's lists).
  static let bytesPerSynapse = 8
  /// Bytes per presynaptic neuron: the current state and its two parity copies.
  static let bytesPerSource = 9 * 8
  /// Bytes per postsynaptic neuron besides the ring: `PostState`.
  static let bytesPerTarget = MemoryLayout<PostState>.stride

  /// Spikes kept per postsynaptic neuron, a power of 2: at least 64, and more than a delay's worth of spikes.
  static func ringSize(delay: Int, refractorySteps: Int) -> Int {
    var size = 64
    while size < (delay + 64) / (refractorySteps + 1) + 1 { size *= 2 }
    return size
  }

  /// Steps between flushes such that no ring entry is overwritten before every synapse has read it:
  /// a neuron fires at most once in k_ref + 1 steps, and a window spans at most F + D steps.
  static func flushPeriod(ringSize: Int, delay: Int, refractorySteps: Int) -> Int {
    max(1, ringSize * (refractorySteps + 1) - delay - 1)
  }

  /// Length of the decay tables: 40 of the longest time constant, in steps.
  static func tableLength(_ rule: STDPRule, dt: Double) -> Int {
    let tau = max(rule.tauPlus, rule.tauMinus, rule.kind == .triplet ? max(rule.tauX, rule.tauY) : 0)
    return Int(min(40 * tau / dt, 1e8).rounded(.up)) + 1
  }

  @inline(__always) static func decay(_ table: UnsafeMutablePointer<Double>, _ length: Int, _ k: Int) -> Double {
    k < length ? table[k] : 0
  }

  /// What a synapse reads of its postsynaptic neuron at every presynaptic spike.
  struct PostState {
    /// Spikes so far.
    var count = 0
    /// Steps of the last spike and of the one before (−1: none).
    var last = -1
    var previous = -1
    /// o₁ just after the last spike, o₂ just before it.
    var o1 = 0.0
    var o2Before = 0.0
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

  /// A postsynaptic spike of neuron i at step m: o₂ before it and o₁ after it into the ring.
  @inline(__always)
  func postSpike(_ i: Int, step m: Int) {
    let state = post[i], count = state.count
    var o1 = 1.0, o2Before = 0.0
    if count > 0 {
      let elapsed = m - state.last
      o2Before = (nearest ? 1 : state.o2Before + 1) * Self.decay(tableY, tableLength, elapsed)
      if !nearest { o1 = state.o1 * Self.decay(tableMinus, tableLength, elapsed) + 1 }
    }
    let e = i * ringSize + count & (ringSize - 1)
    ringStep[e] = m
    ringO1[e] = o1
    ringO2[e] = o2Before
    post[i] = PostState(count: count + 1, last: m, previous: state.last, o1: o1, o2Before: o2Before)
  }

  // MARK: Weight updates (phase B or a flush, by the thread owning the target)

  /// Potentiation for every spike of postsynaptic neuron i paired in (after, upTo] (pairing time
  /// m + D), with the presynaptic trace r₁ = r1 just after the presynaptic spike of step `last`
  /// (a post spike paired at the time of a pre spike is not paired with it: NEST's convention).
  @inline(__always)
  func potentiate(_ w: Double, post i: Int, after: Int, upTo: Int, last: Int, r1: Double) -> Double {
    let state = post[i], count = state.count
    guard count > 0, state.last + delay > after else { return w }
    // The common case: one post spike in the window, the last one (read from `post`, not the ring).
    if state.previous + delay <= after && state.last + delay <= upTo {
      return potentiated(w, x: r1 * Self.decay(tablePlus, tableLength, state.last + delay - last), o2: state.o2Before)
    }
    var e = count - 1
    let oldest = max(0, count - ringSize)
    while e >= oldest && ringStep[i * ringSize + e & (ringSize - 1)] + delay > after { e -= 1 }
    var w = w
    e += 1
    while e < count {
      let entry = i * ringSize + e & (ringSize - 1)
      let paired = ringStep[entry] + delay
      if paired > upTo { break }
      w = potentiated(w, x: r1 * Self.decay(tablePlus, tableLength, paired - last), o2: ringO2[entry])
      e += 1
    }
    return w
  }

  /// One potentiation with presynaptic trace x (and o₂ before the post spike, triplet).
  @inline(__always)
  func potentiated(_ w: Double, x: Double, o2: Double) -> Double {
    if isTriplet { return min(w + x * (a2Plus + a3Plus * o2), wMax) }
    let scaled = w / wMax
    let dependence = muPlus == 0 ? 1 : muPlus == 1 ? 1 - scaled : pow(1 - scaled, muPlus)
    let next = scaled + lambda * dependence * x
    return next < 1 ? next * wMax : wMax
  }

  /// o₁ of postsynaptic neuron i at pairing time n: its spikes paired strictly before n.
  @inline(__always)
  func postTrace(_ i: Int, at n: Int) -> Double {
    let state = post[i], count = state.count
    guard count > 0 else { return 0 }
    if state.last + delay < n { return state.o1 * Self.decay(tableMinus, tableLength, n - state.last - delay) }
    var e = count - 1
    let oldest = max(0, count - ringSize)
    while e >= oldest {
      let entry = i * ringSize + e & (ringSize - 1)
      if ringStep[entry] + delay < n { return ringO1[entry] * Self.decay(tableMinus, tableLength, n - ringStep[entry] - delay) }
      e -= 1
    }
    return 0
  }

  /// Depression at a presynaptic spike paired at n, with o₁ = `o1` and r₂ before the spike `r2`.
  @inline(__always)
  func depress(_ w: Double, o1: Double, r2: Double) -> Double {
    if isTriplet { return max(w - o1 * (a2Minus + a3Minus * r2), wMin) }
    let scaled = w / wMax
    let dependence = muMinus == 0 ? 1 : muMinus == 1 ? scaled : pow(scaled, muMinus)
    let next = scaled - alphaLambda * dependence * o1
    return max(next > 0 ? next * wMax : 0, wMin)
  }

  /// Synapse k (j → i) at j's spike of step n (phase B): pending potentiation by the post spikes
  /// paired after `windowStart` and up to n, then depression; the new weight.
  @inline(__always)
  func presynapticUpdate(_ k: Int, post i: Int, step n: Int, windowStart: Int, last: Int, r1: Double, r2Before: Double) -> Double {
    var w = weights[k]
    if last >= 0 { w = potentiate(w, post: i, after: windowStart, upTo: n, last: last, r1: r1) }
    w = depress(w, o1: postTrace(i, at: n), r2: r2Before)
    weights[k] = w
    return w
  }
}
