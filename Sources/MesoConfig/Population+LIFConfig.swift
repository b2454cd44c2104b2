import MesoCore

extension Population {
  /// The neuron models of the `neuron` key.
  static let neuronNames = ["gif", "lif", "lif_cond"]

  /// Reads a population of LIF neurons (`neuron: lif` or `lif_cond`; keys and defaults in the
  /// ConfigurationReference article); nil for `neuron: gif` (the default), whose keys the caller reads.
  init?(readingLIF r: ObjectReader) {
    let neuron = r.string("neuron", default: "gif", choices: Self.neuronNames)
    guard neuron == "lif" || neuron == "lif_cond" else { return nil }
    if case .string(let kind)? = r.raw("kind"), kind == "gif" {
      r.diagnostics.report(r.keyPath("kind"), "gif", "be left out with neuron: \(neuron) (kind: gif means GIF neurons)")
    }
    let name = r.string("name"), N = r.integer("N", minimum: 1)
    let tRef = r.number("t_ref", .time, default: 0.002), vReset = r.number("V_reset", .potential, default: -60)
    let vTh = r.number("V_th", .potential, default: -50)
    let tauA = r.number("tau_a", .time, default: 0.2), b = r.number("b", .potentialTime, default: 0)
    if neuron == "lif" {
      self = .lif(
        name: name, N: N, tauM: r.number("tau_m", .time, default: 0.02), tRef: tRef, mu: r.number("mu", .potential, default: -70),
        vReset: vReset, vTh: vTh, neuron: LIFNeuron(sigma: r.number("sigma", .potential, default: 0), tauA: tauA, b: b))
      return
    }
    let d = LIFNeuron.Conductances()
    let g = LIFNeuron.Conductances(
      cM: r.number("C_m", .capacitance, default: d.cM), gL: r.number("g_L", .conductance, default: d.gL),
      eE: r.number("E_E", .potential, default: d.eE), eI: r.number("E_I", .potential, default: d.eI),
      tauE: r.number("tau_E", .time, default: d.tauE), tauI: r.number("tau_I", .time, default: d.tauI),
      gE0: r.number("g_E0", .conductance, default: 0), gI0: r.number("g_I0", .conductance, default: 0))
    self = .lifCond(
      name: name, N: N, eL: r.number("E_L", .potential, default: -70), iE: r.number("I_e", .current, default: 0), tRef: tRef,
      vReset: vReset, vTh: vTh, g: g, tauA: tauA, b: b)
  }

  /// The configuration of a LIF population, in the keys `init?(readingLIF:)` reads; nil for other kinds.
  var lifConfigValue: ConfigValue? {
    guard let lif else { return nil }
    var members: [String: ConfigValue] = [
      "neuron": .string(neuronName), "name": .string(name), "N": .number(Double(N)), "t_ref": .number(tRef),
      "V_reset": .number(vReset), "V_th": .number(vTh), "tau_a": .number(lif.tauA), "b": .number(lif.b),
    ]
    if let g = lif.conductance {
      members.merge([
        "C_m": .number(g.cM), "g_L": .number(g.gL), "E_E": .number(g.eE), "E_I": .number(g.eI), "tau_E": .number(g.tauE),
        "tau_I": .number(g.tauI), "g_E0": .number(g.gE0), "g_I0": .number(g.gI0), "E_L": .number(mu), "I_e": .number(0),
      ]) { $1 }
    } else {
      members.merge(["tau_m": .number(tauM), "mu": .number(mu), "sigma": .number(lif.sigma)]) { $1 }
    }
    return .object(members)
  }
}
