import Foundation
import MesoCore
import NetworkCore

/// Where NEST's `gif_psc_exp` discretises differently from MesoPop's microscopic engine, and the
/// exported parameters that make the two agree on the time grid (ExportToNEST article).
extension NESTExport {
  /// NEST's `q_sfa` (mV) of threshold-kernel component r. NEST's `gif_psc_exp` reads a step's
  /// threshold before that step's decay of the kernel, MesoPop after it (θ = u_th + Σ_r g_r e^{−Δt/τ_r}),
  /// so a jump q_NEST = (J_r/τ_r) e^{−Δt/τ_r} gives MesoPop's threshold in every step after a
  /// spike. `gif_pop_psc_exp` (node) computes MesoPop's kernel from J_r/τ_r itself.
  static func thresholdJump(_ component: ThresholdKernelComponent, node: Bool, dt: Double) -> Double {
    component.J / component.tau * (node ? 1 : exp(-dt / component.tau))
  }

  /// The weights (per J·C_m/τ_s) of connection c's two NEST copies onto `gif_psc_exp`, at its delay
  /// (`now`) and one step later (`next`); nil for other targets and for plastic connections.
  ///
  /// MesoPop holds the spikes arriving in a step as a constant input 1/Δt over that step; NEST starts
  /// the whole PSC at the step's start (its PSP leads by about Δt/2). Both responses are sums of the
  /// modes e^{−t/τ_m} and e^{−t/τ_s} on the grid, so NEST's PSP at the delay D and at D + 1 steps,
  /// weighted `now` and `next`, is MesoPop's at every grid point (matched after one and two steps;
  /// `now` + `next` = 1 + O(Δt²)). Plastic copies would pair their spikes one step apart: not split.
  static func arrivalSplit(_ model: NetworkModel, _ c: Connection) -> (now: Double, next: Double)? {
    let target = model.populations.first { $0.name == c.to }!
    guard target.kind == .gif, c.tauS > 0, c.plasticity == nil else { return nil }
    let dt = model.simulation.dt
    let s = SynapticPropagator(tauS: c.tauS, tauM: target.tauM, dt: dt)
    let membraneDecay = 1 - s.rateWeight
    // Membrane after one and two steps per unit J·τ_m: MesoPop's (rate 1/Δt over the arrival step)
    // and NEST's (filter 1/τ_s from the step's start, no rate).
    let mesoPop1 = s.increment(rate: 1 / dt, filter: 0)
    let mesoPop2 = membraneDecay * mesoPop1 + s.increment(rate: 0, filter: s.advanced(rate: 1 / dt, filter: 0))
    let nest1 = s.increment(rate: 0, filter: 1 / c.tauS)
    let nest2 = membraneDecay * nest1 + s.increment(rate: 0, filter: s.advanced(rate: 0, filter: 1 / c.tauS))
    let now = mesoPop1 / nest1
    return (now, (mesoPop2 - now * nest2) / nest1)
  }

  /// Whether any connection of `model` is split by `arrivalSplit`.
  static func splitsArrivals(_ model: NetworkModel) -> Bool { model.connections.contains { arrivalSplit(model, $0) != nil } }

  /// The script's function returning the id arrays of the synapses one model made from pre to post.
  static let madeSynapsesFunction = [
    "",
    "def made_synapses(pre, post, model):",
    "    \"\"\"(source ids, target ids) of this process's synapses of `model` from pre to post.\"\"\"",
    "    made = nest.GetConnections(pre, post, synapse_model=model)",
    "    n = len(made)",
    "    if n == 0:",
    "        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)",
    "    return np.fromiter(made.sources(), dtype=np.int64, count=n), np.fromiter(made.targets(), dtype=np.int64, count=n)",
    "",
  ]

  /// The comment above every split connection.
  static let arrivalSplitComment =
    "# Onto gif_psc_exp: the PSC split between the arrival step and the next (MesoPop's input held over its arrival step)."

  /// The connection's second copy: the same pairs `pre`, `post`, one step more delay.
  static func nextStepCopyLine(synapse: String, weight: String, delay: String) -> String {
    arrayConnectLine(synapse: synapse, weight: weight, delay: "\(delay) + DT_MS")
  }
}
