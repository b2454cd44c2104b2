import MesoCore

extension NESTExport {
  /// Everything about `model` that NEST (or this exporter) cannot express at `level`, one reason a
  /// line, each naming the key.
  static func refusals(_ model: NetworkModel, level: SimulationLevel) -> [String] {
    var problems = [String]()
    for (i, p) in model.populations.enumerated() {
      problems += populationRefusals(model, p, index: i, level: level)
    }
    for (i, c) in model.connections.enumerated() {
      problems += connectionRefusals(model, c, index: i, level: level)
    }
    for (k, input) in model.inputs.enumerated() where model.populations.first(where: { $0.name == input.to })?.isSource == true {
      problems.append("inputs[\(k)] (to \(input.to)): a modulation of a source population's rate is not mapped (inhomogeneous generators are not written)")
    }
    for p in model.populations where p.kind == .gif || p.neuronName == "lif" {
      for sign in [1.0, -1.0] {
        let taus = Set(model.connections.filter { $0.to == p.name && $0.J * sign > 0 && $0.tauS > 0 }.map(\.tauS))
        if taus.count > 1 {
          problems.append(
            "population \(p.name): \(sign > 0 ? "excitatory" : "inhibitory") connections with different tau_s "
              + "\(taus.sorted()): NEST's \(p.kind == .gif ? "GIF" : "iaf_psc_exp") neurons have one synaptic time constant per sign")
        }
      }
      let delta = model.connections.contains { $0.to == p.name && $0.tauS == 0 }
      let exponential = model.connections.contains { $0.to == p.name && $0.tauS > 0 }
      if p.kind != .gif, delta, exponential {
        problems.append(
          "population \(p.name): it receives both delta (tau_s = 0) and exponential (tau_s > 0) connections: "
            + "NEST's iaf_psc_delta has no exponential currents, iaf_psc_exp no delta input")
      }
    }
    for p in model.populations {
      problems += traceRefusals(model, target: p)
    }
    if level == .meso {
      switch model.meso.variant {
      case .secondOrder: break
      case .history: problems.append("meso.variant: history (the history closure) is not what gif_pop_psc_exp computes")
      case .firstOrder, .correlationOnly:
        problems.append("meso.variant: \(model.meso.variant.rawValue) is not what gif_pop_psc_exp computes (second_order)")
      }
      if model.meso.spikeCount == .expected { problems.append("meso.spike_count: expected (no noise) has no gif_pop_psc_exp equivalent") }
    }
    return problems
  }

  private static func populationRefusals(_ model: NetworkModel, _ p: Population, index i: Int, level: SimulationLevel) -> [String] {
    let name = "populations[\(i)] (\(p.name))"
    if level == .meso, p.kind != .gif {
      return ["\(name): \(p.neuronName) populations have no gif_pop_psc_exp equivalent at the meso level (export --level micro)"]
    }
    var problems = [String]()
    switch p.kind {
    case .gif, .poisson: break
    case .spikeTrain(let times):
      // A spike of step s leaves the parrot stamped (s + 1)·dt, so the generator fires at s·dt > 0.
      if let j = times.firstIndex(where: { ($0.first.map { ($0 / model.simulation.dt).rounded() } ?? 1) < 1 }) {
        problems.append("\(name).spike_times[\(j)][0]: a spike in step 0 cannot pass NEST's spike_generator → parrot_neuron (earliest step 1)")
      }
    case .lif(let n):
      if n.adapts {
        problems.append(
          "\(name).b = \(n.b): NEST has no hard-threshold LIF neuron with MesoPop's spike-triggered adaptation current "
            + "(aeif_* with Delta_T = 0 integrates adaptively and is not mapped)")
      }
      if let g = n.conductance, g.gE0 != 0 || g.gI0 != 0 {
        problems.append("\(name).g_E0/g_I0: iaf_cond_exp has no tonic conductances")
      }
      if n.sigma > 0, n.conductance != nil {
        problems.append("\(name).sigma: white noise on conductance-based neurons is not mapped")
      }
    }
    return problems
  }

  private static func connectionRefusals(_ model: NetworkModel, _ c: Connection, index i: Int, level: SimulationLevel) -> [String] {
    let name = "connections[\(i)] (\(c.from)→\(c.to))"
    var problems = [String]()
    let target = model.populations.first { $0.name == c.to }
    if target?.kind == .gif, c.tauS <= 0 { problems.append("\(name): tau_s = 0 (a delta current) has no gif_psc_exp equivalent") }
    if c.delay < model.simulation.dt * (1 - 1e-9) {
      problems.append("\(name): a delay below dt (\(c.delay) s) is below NEST's minimal delay of one step")
    }
    if let stp = c.stp {
      if level == .meso { problems.append("\(name): gif_pop_psc_exp has no short-term plasticity (stp)") }
      if stp.facilitates, stp.U0 != 0 { problems.append("\(name): stp with U_0 ≠ 0 and tau_F > 0: tsodyks2_synapse relaxes u to 0") }
    }
    if let rule = c.plasticity {
      let key = "connections[\(i)].plasticity"
      if level == .meso { problems.append("\(key): no plasticity at the meso level") }
      if c.stp != nil { problems.append("\(key) with stp: NEST has no synapse with both STDP and Tsodyks–Markram STP") }
      if rule.pairing == .nearest {
        problems.append("\(key).pairing = nearest: not mapped (stdp_triplet_synapse is all-to-all; stdp_nn_symm_synapse is not checked against MesoPop's reset traces)")
      }
      if rule.wMin != 0 { problems.append("\(key).w_min = \(rule.wMin): NEST's stdp_synapse and stdp_triplet_synapse bound weights below by 0") }
      if target?.lif?.conductance != nil { problems.append("\(key): plastic conductances (onto lif_cond) are not mapped") }
    }
    return problems
  }

  /// The postsynaptic traces of NEST's STDP synapses live on the neuron (`tau_minus`, `tau_minus_triplet`):
  /// the plastic connections onto one population must agree on them.
  private static func traceRefusals(_ model: NetworkModel, target p: Population) -> [String] {
    let rules = model.connections.filter { $0.to == p.name }.compactMap(\.plasticity)
    var problems = [String]()
    if Set(rules.map(\.tauMinus)).count > 1 {
      problems.append("population \(p.name): plastic connections with different tau_minus: NEST keeps tau_minus on the neuron")
    }
    if Set(rules.filter { $0.kind == .triplet }.map(\.tauY)).count > 1 {
      problems.append("population \(p.name): triplet connections with different tau_y: NEST keeps tau_minus_triplet on the neuron")
    }
    return problems
  }
}
