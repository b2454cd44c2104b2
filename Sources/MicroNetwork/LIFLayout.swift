import Foundation
import MesoCore
import MicroKernels
import NetworkCore

/// Constants and state of a population of LIF neurons (LIFNeurons article), beside the fields of
/// `PopulationLayout` it shares with GIF neurons (V in `u`, `refractory`, `reset`, `threshold`,
/// `membraneDecay`, `driveWeight`). Plain values and pointers only.
struct LIFLayout {
  /// Conductance-based (`lif_cond`) rather than current-based (`lif`).
  var conductance: Bool
  /// σ√((1 − E_m²)/2): standard deviation of the exact OU noise over one step (mV); 0: no noise.
  var noiseStep: Double
  /// 2τ_m/(σ²Δt) (1/mV²) of the Brownian-bridge crossing probability; 0: no bridge.
  var bridgeScale: Double
  /// Adaptation: e^{−Δt/τ_a}; the weight of a in the exact membrane update (current-based) or its
  /// step mean τ_a(1 − e^{−Δt/τ_a})/Δt (conductance-based); the jump b/τ_a (mV) per spike.
  var adapts: Bool
  var adaptDecay: Double
  var adaptWeight: Double
  var adaptJump: Double
  /// a (mV) per neuron (empty without adaptation).
  var adaptation: UnsafeMutablePointer<Double>
  /// g_E, g_I (nS) per neuron, their decays e^{−Δt/τ_X} and step means τ_X(1 − e^{−Δt/τ_X})/Δt.
  var gE: UnsafeMutablePointer<Double>
  var gI: UnsafeMutablePointer<Double>
  var decayE: Double
  var decayI: Double
  var meanE: Double
  var meanI: Double
  /// E_E, E_I (mV), g_L (nS), g_L + g_E0 + g_I0 (nS), g_E0 E_E + g_I0 E_I (nS·mV), Δt/C_m (1/nS).
  var eE: Double
  var eI: Double
  var gL: Double
  var leak: Double
  var tonicSource: Double
  var dtOverC: Double
  /// Per channel onto the population (`channels[channelStart + k]`): whether it feeds g_I.
  var inhibitory: UnsafeMutablePointer<Bool>

  /// The layout of `population` (LIF neurons), with its channels' grouping keys `channelKeys`
  /// (`channelKey`), state allocated in `arena`.
  init(_ population: DiscretePopulation, neuron: LIFNeuron, channelKeys: [Double], dt: Double, arena: Arena) {
    let n = population.N, p = population.parameters
    conductance = neuron.conductance != nil
    let em = population.membraneDecay
    noiseStep = conductance ? 0 : neuron.sigma * ((1 - em * em) / 2).squareRoot()
    bridgeScale = noiseStep > 0 && neuron.bridgeCorrection ? 2 * p.tauM / (neuron.sigma * neuron.sigma * dt) : 0
    adapts = neuron.adapts
    adaptDecay = exp(-dt / neuron.tauA)
    adaptWeight =
      conductance
      ? Self.stepMean(tau: neuron.tauA, dt: dt) : SynapticPropagator(tauS: neuron.tauA, tauM: p.tauM, dt: dt).deviationWeight
    adaptJump = neuron.b / neuron.tauA
    adaptation = arena.zeroed(count: adapts ? n : 0)
    let g = neuron.conductance ?? LIFNeuron.Conductances()
    gE = arena.zeroed(count: conductance ? n : 0)
    gI = arena.zeroed(count: conductance ? n : 0)
    decayE = exp(-dt / g.tauE)
    decayI = exp(-dt / g.tauI)
    meanE = Self.stepMean(tau: g.tauE, dt: dt)
    meanI = Self.stepMean(tau: g.tauI, dt: dt)
    eE = g.eE
    eI = g.eI
    gL = g.gL
    leak = g.gL + g.gE0 + g.gI0
    tonicSource = g.gE0 * g.eE + g.gI0 * g.eI
    // pF/nS = ms: Δt (s) / C_m (pF) · 1000 gives 1/nS.
    dtOverC = dt * 1e3 / g.cM
    inhibitory = arena.copy(channelKeys.map { $0 == Self.inhibitoryKey }).baseAddress!
  }

  /// The mean of e^{−t/τ} over a step: τ(1 − e^{−Δt/τ})/Δt.
  static func stepMean(tau: Double, dt: Double) -> Double { -expm1(-dt / tau) * tau / dt }

  /// The channel key of inhibitory connections onto a conductance-based population.
  static let inhibitoryKey = -1.0

  /// Connections onto a population with the same key share a channel: τ_s, except onto a
  /// conductance-based population, whose channels are its excitatory (J ≥ 0: key 0) and
  /// inhibitory (J < 0: `inhibitoryKey`) conductances.
  static func channelKey(_ model: NetworkModel, connection c: Int) -> Double {
    let connection = model.connections[c]
    guard let target = model.populationIndex(connection.to), model.populations[target].lif?.conductance != nil else {
      return connection.tauS
    }
    return connection.J < 0 ? inhibitoryKey : 0
  }

  /// Bytes per neuron of the state beyond the GIF fields: a with adaptation, g_E and g_I with conductances.
  static func bytesPerNeuron(_ p: Population) -> Int {
    guard let lif = p.lif else { return 0 }
    return (lif.adapts ? 8 : 0) + (lif.conductance != nil ? 16 : 0)
  }
}

/// What step 1 leaves for the neuron update of one block.
struct BlockInput {
  /// Whether `dv` holds per-neuron membrane increments (exponential channels; GIF: every sparse channel).
  var assigned = false
  /// The increment of the full connections, the same for every neuron (mV).
  var dvShared = 0.0
  /// Σ_c J_c·a_c or J_c·y_c of the population's neuron 0 (mV/s), in blocks that start at neuron 0.
  var firstInput = 0.0
  /// LIF: whether jump buffer 0 (jumps or g_E) and 1 (g_I) hold per-neuron values, and the shared parts.
  var jumpAssigned = (false, false)
  var jumpShared = (0.0, 0.0)

  /// Adds the J-weighted sum of slot `slot` of delta channel `ch` to jump buffer `second ? 1 : 0`
  /// (`buffer`), clearing the slot.
  @inline(__always)
  mutating func takeJumps(
    channel ch: ChannelLayout, n: Int32, start: Int, slot: Int, N: Int, shared: Double, into buffer: UnsafeMutablePointer<Double>,
    second: Bool
  ) {
    let assign: Int32 = (second ? jumpAssigned.1 : jumpAssigned.0) ? 0 : 1
    if let counts = ch.counts {
      mk_take_delta_counts(n, buffer, counts + slot * N + start, ch.countWeight, assign)
    } else if let ring = ch.ring {
      mk_take_delta(n, buffer, ring + slot * N + start, shared, assign)
    } else {
      if second { jumpShared.1 += shared } else { jumpShared.0 += shared }
      return
    }
    if second { jumpAssigned.1 = true } else { jumpAssigned.0 = true }
  }
}

extension ChannelLayout {
  /// The value in slot `slot` of neuron 0's delay line (before it is read), J-weighted.
  @inline(__always)
  func firstValue(slot: Int, N: Int) -> Double {
    if let counts { return Double(counts[slot * N]) * countWeight }
    if let ring { return ring[slot * N] }
    return 0
  }
}
