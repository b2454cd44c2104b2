import MesoCore

extension NESTExport {
  /// The NEST synapse model of plastic connection i (`stdp_<i>`): a copy of `stdp_synapse` (pair rule:
  /// `tau_plus`, `lambda`, `alpha`, `mu_plus`, `mu_minus`, `Wmax` = w_max) or of `stdp_triplet_synapse`
  /// (`tau_plus` = τ₊, `tau_plus_triplet` = τ_x, `Aplus` = A₂⁺, `Aplus_triplet` = A₃⁺, `Aminus` = A₂⁻,
  /// `Aminus_triplet` = A₃⁻, `Wmax`); weights and the triplet amplitudes in NEST's unit (`scale`).
  /// Both pair a presynaptic spike at its emission and a postsynaptic one at its time plus the delay
  /// (the whole delay dendritic), MesoPop's convention (LongTermPlasticity article).
  static func stdpModelLine(_ rule: STDPRule, index i: Int, units scale: (Double) -> Double) -> String {
    var items = [("tau_plus", number(1e3 * rule.tauPlus)), ("Wmax", number(scale(rule.wMax)))]
    switch rule.kind {
    case .pair:
      items += [
        ("lambda", number(rule.lambda)), ("alpha", number(rule.alpha)), ("mu_plus", number(rule.muPlus)),
        ("mu_minus", number(rule.muMinus)),
      ]
    case .triplet:
      items += [
        ("tau_plus_triplet", number(1e3 * rule.tauX)), ("Aplus", number(scale(rule.a2Plus))),
        ("Aplus_triplet", number(scale(rule.a3Plus))), ("Aminus", number(scale(rule.a2Minus))),
        ("Aminus_triplet", number(scale(rule.a3Minus))),
      ]
    }
    let base = rule.kind == .pair ? "stdp_synapse" : "stdp_triplet_synapse"
    return "nest.CopyModel(\"\(base)\", \"stdp_\(i)\", \(dictionary(items)))"
  }

  /// The initial weight of connection c in NEST's unit: J, or a NEST random parameter for `w_init`
  /// (the same law, not the same draws).
  static func initialWeight(_ c: Connection, units scale: (Double) -> Double) -> String {
    switch c.plasticity?.wInit {
    case nil: number(scale(c.J))
    case .uniform(let low, let high)?: "nest.random.uniform(min=\(number(scale(low))), max=\(number(scale(high))))"
    case .normal(let mean, let std)?:
      "nest.math.min(nest.math.max(nest.random.normal(mean=\(number(scale(mean))), std=\(number(scale(std)))), 0.0), "
        + "\(number(scale(c.plasticity!.wMax))))"
    }
  }

  /// `PLASTIC` of the script: (connection index, synapse model, source, target, weight scale) of every
  /// plastic connection with `record.final`.
  static func plasticTable(_ model: NetworkModel) -> String {
    let rows = model.connections.enumerated().compactMap { i, c -> String? in
      guard c.plasticity?.record.final == true else { return nil }
      return "(\(i), \"stdp_\(i)\", \(python(c.from)), \(python(c.to)), \(number(weightScale(model, c))))"
    }
    return "PLASTIC = [" + rows.joined(separator: ", ") + "]"
  }

  /// The script's final weights: every plastic connection's synapses read back (by blocks of 250
  /// sources: one `get` of millions of connections builds millions of Python objects), as MesoPop's
  /// sparse arrays `w_pre`, `w_post` (global ids), `w_connection`, `w` (mV), sorted. NEST applies the
  /// potentiation of a synapse only at its next presynaptic spike: its stored weight lacks the
  /// potentiation by the postsynaptic spikes since the last presynaptic one (MesoPop's final weights include it).
  static let finalWeightsFunction = """
    def final_weights():
        \"\"\"The final weights of the PLASTIC connections on this rank (NEST keeps a connection on its target's rank).\"\"\"
        offsets, first = {}, 0
        for name, size in POPULATIONS:
            offsets[name], first = first, first + size
        parts = {"w_pre": [], "w_post": [], "w_connection": [], "w": []}
        for index, synapse, source, target, scale in PLASTIC:
            src, tgt = nodes[source], nodes[target]
            for a in range(0, len(src), 250):
                c = nest.GetConnections(src[a:min(a + 250, len(src))], tgt, synapse_model=synapse)
                if len(c) == 0:
                    continue
                d = c.get(["source", "target", "weight"])
                parts["w_pre"].append(offsets[source] + np.asarray(d["source"], dtype=np.int64).reshape(-1) - src[0].global_id)
                parts["w_post"].append(offsets[target] + np.asarray(d["target"], dtype=np.int64).reshape(-1) - tgt[0].global_id)
                parts["w_connection"].append(np.full(len(parts["w_pre"][-1]), index, dtype=np.int64))
                parts["w"].append(np.asarray(d["weight"], dtype=float).reshape(-1) / scale)
        return {k: np.concatenate(v) if v else np.zeros(0, dtype=np.int64 if k != "w" else float) for k, v in parts.items()}


    def sorted_weights(w):
        \"\"\"The synapses in the order (connection, pre, post, weight): independent of ranks and threads.\"\"\"
        order = np.lexsort((w["w"], w["w_post"], w["w_pre"], w["w_connection"]))
        return {k: v[order] for k, v in w.items()}

    """
}
