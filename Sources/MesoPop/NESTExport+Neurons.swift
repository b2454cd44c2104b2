import Foundation
import MesoCore

extension NESTExport {
  /// The NEST model of population p at the micro level: `gif_psc_exp`; for LIF `iaf_psc_delta`
  /// (delta synapses, or none), `iaf_psc_exp` (exponential currents), `iaf_cond_exp` (`lif_cond`);
  /// `parrot_neuron` for sources (fed by a generator).
  static func microModel(_ model: NetworkModel, _ p: Population) -> String {
    switch p.kind {
    case .gif: "gif_psc_exp"
    case .poisson, .spikeTrain: "parrot_neuron"
    case .lif(let n):
      n.conductance != nil ? "iaf_cond_exp" : model.connections.contains { $0.to == p.name && $0.tauS > 0 } ? "iaf_psc_exp" : "iaf_psc_delta"
    }
  }

  /// C_m of the NEST neuron (pF): the configuration's for `lif_cond`, else `capacitance`.
  static func membraneCapacitance(_ p: Population) -> Double { p.lif?.conductance?.cM ?? capacitance }

  /// pA per mV of drive: C_m/τ_m (nS); an input Δμ (mV) is the current Δμ·C_m/τ_m.
  static func currentPerMillivolt(_ p: Population) -> Double { membraneCapacitance(p) / (1e3 * p.tauM) }

  /// NEST's weight per unit of J: C_m/τ_s (pA per mV) onto exponential currents, 1 onto delta
  /// synapses (mV) and conductances (nS).
  static func weightScale(_ model: NetworkModel, _ c: Connection) -> Double { inNESTUnits(1, model, c) }

  /// x (mV of J, or nS onto conductances) in NEST's weight unit for connection c: x·C_m/τ_s (pA) onto
  /// exponential currents, else x.
  static func inNESTUnits(_ x: Double, _ model: NetworkModel, _ c: Connection) -> Double {
    let target = model.populations.first { $0.name == c.to }!
    return c.tauS > 0 && target.lif?.conductance == nil ? x * capacitance / (1e3 * c.tauS) : x
  }

  /// Synaptic time constants (ms) of population p per sign, from its incoming connections (1 ms if none).
  static func synapticTau(_ model: NetworkModel, _ p: Population, sign: Double) -> Double {
    model.connections.first { $0.to == p.name && $0.J * sign > 0 && $0.tauS > 0 }.map { 1e3 * $0.tauS } ?? 1
  }

  /// The parameters of a LIF population's NEST neuron, as (key, Python value) pairs.
  static func lifParameters(_ model: NetworkModel, _ p: Population, _ n: LIFNeuron) -> [(String, String)] {
    var items: [(String, String)] = [
      ("E_L", number(p.mu)), ("I_e", "0.0"), ("V_reset", number(p.vReset)), ("V_th", number(p.vTh)), ("t_ref", number(1e3 * p.tRef)),
    ]
    if let g = n.conductance {
      items += [
        ("C_m", number(g.cM)), ("g_L", number(g.gL)), ("E_ex", number(g.eE)), ("E_in", number(g.eI)),
        ("tau_syn_ex", number(1e3 * g.tauE)), ("tau_syn_in", number(1e3 * g.tauI)),
      ]
    } else {
      items += [("C_m", number(capacitance)), ("tau_m", number(1e3 * p.tauM))]
      if microModel(model, p) == "iaf_psc_exp" {
        items += [("tau_syn_ex", number(synapticTau(model, p, sign: 1))), ("tau_syn_in", number(synapticTau(model, p, sign: -1)))]
      } else {
        // Input arriving while refractory is dropped, as in MesoPop (NEST's default, written out).
        items.append(("refractory_input", "False"))
      }
    }
    return items
  }

  /// STDP's postsynaptic traces, kept on the neuron in NEST: tau_minus (and tau_minus_triplet = τ_y).
  static func traceParameters(_ model: NetworkModel, _ p: Population) -> [(String, String)] {
    let rules = model.connections.filter { $0.to == p.name }.compactMap(\.plasticity)
    guard let rule = rules.first else { return [] }
    var items = [("tau_minus", number(1e3 * rule.tauMinus))]
    if let triplet = rules.first(where: { $0.kind == .triplet }) { items.append(("tau_minus_triplet", number(1e3 * triplet.tauY))) }
    return items
  }

  /// The lines creating population p's neurons (or parrots and their generator) at the micro level.
  static func populationLines(_ model: NetworkModel, _ p: Population) -> [String] {
    let node = "nodes[\(python(p.name))]"
    let model_ = microModel(model, p)
    // Parrots keep STDP's postsynaptic traces too (a plastic connection onto a source population).
    let traces = traceParameters(model, p).map { "\(node).set(\($0)=\($1))" }
    switch p.kind {
    case .gif:
      let params = neuronParameters(model, p, node: false, extra: traceParameters(model, p))
      return ["\(node) = nest.Create(\"gif_psc_exp\", \(p.N), params=\(params))", "\(node).set(V_m=0.0)"]
    case .lif(let n):
      let params = dictionary(lifParameters(model, p, n) + traceParameters(model, p))
      var lines = ["\(node) = nest.Create(\"\(model_)\", \(p.N), params=\(params))", "\(node).set(V_m=\(number(p.vReset)))"]
      if n.sigma > 0 { lines += noiseLines(model, p, sigma: n.sigma) }
      return lines
    case .poisson(let rate):
      // One generator, N parrots: each parrot repeats an independent train, and targets share the parrots.
      return [
        "\(node) = nest.Create(\"parrot_neuron\", \(p.N))",
        "nest.Connect(nest.Create(\"poisson_generator\", params={\"rate\": \(number(rate))}), \(node), syn_spec={\"delay\": DT_MS})",
      ] + traces
    case .spikeTrain:
      // A spike of step s: the generator fires at s·dt, the parrot (one step later) is stamped (s + 1)·dt, i.e. in step s.
      let trains = spikeSteps(model, p).map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ")
      return [
        "\(node) = nest.Create(\"parrot_neuron\", \(p.N))",
        "generators = nest.Create(\"spike_generator\", \(p.N))",
        "generators.set([{\"spike_times\": [round(s * DT_MS, 9) for s in steps]} for steps in [\(trains)]])",
        "nest.Connect(generators, \(node), \"one_to_one\", syn_spec={\"delay\": DT_MS})",
      ] + traces
    }
  }

  /// The steps round(t/Δt) of a spike-train population's spikes, per neuron.
  private static func spikeSteps(_ model: NetworkModel, _ p: Population) -> [[Int]] {
    guard case .spikeTrain(let times) = p.kind else { return [] }
    return times.map { $0.map { Int(($0 / model.simulation.dt).rounded()) } }
  }

  /// White noise σ as a `noise_generator` (a current drawn per step, independent per neuron, constant
  /// over the step). Its free membrane on the grid is MesoPop's exactly: the AR(1) process
  /// V ← μ + (V − μ)E_m + (1 − E_m)R·I with Var I = σ_I² has the innovation variance σ²(1 − E_m²)/2
  /// when σ_I = (C_m/τ_m)·σ·√((1 + E_m)/(2(1 − E_m))). Between grid points NEST's membrane is smooth,
  /// so it has no counterpart of MesoPop's Brownian-bridge crossings: NEST's rate is the uncorrected
  /// scheme's, lower by O(√(Δt/τ_m)) (LIFNeurons article).
  private static func noiseLines(_ model: NetworkModel, _ p: Population, sigma: Double) -> [String] {
    let decay = exp(-model.simulation.dt / p.tauM)
    let std = currentPerMillivolt(p) * sigma * ((1 + decay) / (2 * (1 - decay))).squareRoot()
    return [
      "# sigma = \(number(sigma)) mV as a per-step current: on the grid MesoPop's Ornstein-Uhlenbeck membrane exactly,",
      "# but without MesoPop's Brownian-bridge threshold crossings between grid points (a lower rate, O(sqrt(dt/tau_m))).",
      "nest.Connect(nest.Create(\"noise_generator\", params={\"mean\": 0.0, \"std\": \(number(std)), \"dt\": DT_MS}), "
        + "nodes[\(python(p.name))], syn_spec={\"delay\": DT_MS})",
    ]
  }

  /// A Python dict literal of (key, Python value) pairs.
  static func dictionary(_ items: [(String, String)]) -> String {
    "{" + items.map { "\(python($0)): \($1)" }.joined(separator: ", ") + "}"
  }
}
