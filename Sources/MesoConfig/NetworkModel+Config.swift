import MesoCore

extension NetworkModel {
  /// Reads a network configuration (keys in the ConfigurationReference article) from its tree: types, units, required and
  /// unknown keys here, ranges and cross-references by `problems()`. Every problem is collected.
  init(reading root: ObjectReader) {
    let d = root.diagnostics
    func items<T>(_ key: String, required: Bool = false, _ make: (ObjectReader) -> T?) -> [T] {
      (root.list(key, required: required) ?? []).compactMap { ObjectReader($0.value, path: $0.path, diagnostics: d).flatMap(make) }
    }
    self.init(
      name: root.string("name", default: ""),
      simulation: SimulationSettings(reading: root.object("simulation", required: true)),
      populations: items("populations", required: true, Population.init(reading:)),
      connections: items("connections", Connection.init(reading:)),
      inputs: items("inputs", ExternalInput.init(reading:)),
      meso: root.object("meso").map(MesoSettings.init(reading:)) ?? MesoSettings(),
      micro: root.object("micro").map(MicroSettings.init(reading:)) ?? MicroSettings(),
      analysis: root.object("analysis").map(AnalysisSettings.init(reading:)) ?? AnalysisSettings())
    root.finish()
  }
}

extension SimulationSettings {
  init(reading r: ObjectReader?) {
    guard let r else {
      self.init(dt: .nan, duration: .nan, recordBin: .nan)
      return
    }
    self.init(
      dt: r.number("dt", .time), duration: r.number("duration", .time), seed: r.seed("seed"),
      recordBin: r.number("record_bin", .time))
    r.finish()
  }
}

extension Population {
  init(reading r: ObjectReader) {
    switch r.string("kind", default: "gif", choices: ["gif", "poisson", "spike_train"]) {
    case "poisson":
      self = .poisson(name: r.string("name"), N: r.integer("N", minimum: 1), rate: r.number("rate", .rate))
      r.finish()
      return
    case "spike_train":
      self = .spikeTrains(name: r.string("name"), times: r.spikeTimes("spike_times"))
      r.finish()
      return
    default: break
    }
    if let lif = Population(readingLIF: r) {
      self = lif
      r.finish()
      return
    }
    let kernel = (r.list("threshold_kernel") ?? []).compactMap { item -> ThresholdKernelComponent? in
      guard let k = ObjectReader(item.value, path: item.path, diagnostics: r.diagnostics) else { return nil }
      defer { k.finish() }
      return ThresholdKernelComponent(J: k.number("J", .potentialTime), tau: k.number("tau", .time))
    }
    self.init(
      name: r.string("name"), N: r.integer("N", minimum: 1), tauM: r.number("tau_m", .time),
      tRef: r.number("t_ref", .time), mu: r.number("mu", .potential), vReset: r.number("V_reset", .potential),
      vTh: r.number("V_th", .potential), deltaV: r.number("Delta_V", .potential),
      lambda0: r.number("lambda_0", .rate), thresholdKernel: kernel)
    r.finish()
  }
}

extension Connection {
  init(reading r: ObjectReader) {
    let stp = r.object("stp").map { s in
      defer { s.finish() }
      return STPParameters(
        U: s.number("U"), U0: s.number("U_0", default: 0), tauD: s.number("tau_D", .time),
        tauF: s.number("tau_F", .time, default: 0))
    }
    let plasticity = r.object("plasticity").flatMap(STDPRule.init(reading:))
    let connectivity = r.raw("connectivity").map { _ in
      MicroSettings.Connectivity(rawValue: r.string("connectivity", choices: MicroSettings.Connectivity.allCases.map(\.rawValue))) ?? .fixedIndegree
    }
    self.init(
      from: r.string("from"), to: r.string("to"), J: r.number("J", .potential), p: r.number("p", default: 1),
      delay: r.number("delay", .time), tauS: r.number("tau_s", .time), stp: stp, plasticity: plasticity, connectivity: connectivity)
    r.finish()
  }
}

extension ExternalInput {
  init?(reading r: ObjectReader) {
    defer { r.finish() }
    let to = r.string("to")
    switch r.string("kind", choices: ["step", "pulse", "sine"]) {
    case "step":
      self.init(to: to, kind: .step(start: r.number("start", .time), amplitude: r.number("amplitude", .potential)))
    case "pulse":
      self.init(
        to: to,
        kind: .pulse(start: r.number("start", .time), width: r.number("width", .time), amplitude: r.number("amplitude", .potential)))
    case "sine":
      self.init(
        to: to,
        kind: .sine(amplitude: r.number("amplitude", .potential), frequency: r.number("frequency", .rate), phase: r.number("phase", default: 0)))
    default:
      return nil
    }
  }
}

extension MesoSettings {
  init(reading r: ObjectReader) {
    defer { r.finish() }
    let variant = Variant(rawValue: r.string("variant", default: Variant.secondOrder.rawValue, choices: Variant.allCases.map(\.rawValue)))
    let count = SpikeCount(rawValue: r.string("spike_count", default: SpikeCount.binomial.rawValue, choices: SpikeCount.allCases.map(\.rawValue)))
    var history: Int? = nil
    if case .string("auto")? = r.raw("history") {
      history = nil
    } else if r.raw("history") != nil {
      history = r.integer("history", minimum: 1)
    }
    let hazard = Hazard(rawValue: r.string("hazard", default: Hazard.endOfStep.rawValue, choices: Hazard.allCases.map(\.rawValue)))
    self.init(variant: variant ?? .secondOrder, spikeCount: count ?? .binomial, history: history, hazard: hazard ?? .endOfStep)
  }
}

extension MicroSettings {
  init(reading r: ObjectReader) {
    defer { r.finish() }
    let choice = r.string("connectivity", default: Connectivity.fixedIndegree.rawValue, choices: Connectivity.allCases.map(\.rawValue))
    let threads = r.integer("threads", default: 1, minimum: 1)
    var recordSpikes = false
    switch r.raw("record_spikes") {
    case nil: break
    case .bool(let b)?: recordSpikes = b
    case let other?: r.diagnostics.report(r.keyPath("record_spikes"), other.rendered, "be true or false")
    }
    // Global neuron ids; whether each names a GIF neuron is checked by the microscopic engine.
    let membrane = r.list("record_membrane").map { items in
      items.map { item -> Int in
        guard case .number(let x) = item.value, x == x.rounded(), x >= 0, x < 1e15 else {
          r.diagnostics.report(item.path, item.value.rendered, "be a neuron id, a whole number >= 0")
          return 0
        }
        return Int(x)
      }
    }
    self.init(
      connectivity: Connectivity(rawValue: choice) ?? .fixedIndegree, threads: threads, recordSpikes: recordSpikes,
      recordMembrane: membrane ?? [])
  }
}

extension AnalysisSettings {
  init(reading r: ObjectReader) {
    defer { r.finish() }
    let upDown = r.object("up_down").map { u in
      defer { u.finish() }
      return UpDown(
        smoothing: u.number("smoothing", .time, default: 0.05), thetaHi: u.raw("theta_hi").map { _ in u.number("theta_hi", .rate) },
        thetaLo: u.raw("theta_lo").map { _ in u.number("theta_lo", .rate) })
    }
    let spikes = r.object("population_spikes").map { s in
      defer { s.finish() }
      return PopulationSpikes(
        smoothing: s.number("smoothing", .time, default: 0.01), threshold: s.raw("threshold").map { _ in s.number("threshold", .rate) })
    }
    self.init(upDown: upDown, populationSpikes: spikes, transient: r.raw("transient").map { _ in r.number("transient", .time) })
  }
}
