import MesoCore

/// Writing a network model as a configuration.
extension NetworkModel {
  /// The configuration tree of the model, in the keys and base units (s, mV, Hz) that
  /// `Configuration(document:)` reads: loading it gives back an equal model, so a model built in
  /// code can be written as a file (``ConfigValue/yamlString()``, ``ConfigValue/jsonString()``)
  /// and run by `mesopop`.
  public var configValue: ConfigValue {
    var simulation: [String: ConfigValue] = [
      "dt": .number(self.simulation.dt), "duration": .number(self.simulation.duration),
      "record_bin": .number(self.simulation.recordBin),
    ]
    if let seed = self.simulation.seed { simulation["seed"] = ConfigValue(seed: seed) }
    return .object([
      "name": .string(name),
      "simulation": .object(simulation),
      "populations": .array(populations.map(\.configValue)),
      "connections": .array(connections.map(\.configValue)),
      "inputs": .array(inputs.map(\.configValue)),
      "meso": meso.configValue,
      "micro": micro.configValue,
      "analysis": analysis.configValue,
    ])
  }
}

extension Population {
  /// `{kind: gif, name, N, tau_m, …, threshold_kernel: [{J, tau}]}`, `{kind: poisson, name, N, rate}` or
  /// `{neuron: lif | lif_cond, name, N, …}`.
  var configValue: ConfigValue {
    if let lif = lifConfigValue { return lif }
    if case .poisson(let rate) = kind {
      return .object(["kind": .string("poisson"), "name": .string(name), "N": .number(Double(N)), "rate": .number(rate)])
    }
    if case .spikeTrain(let times) = kind {
      return .object([
        "kind": .string("spike_train"), "name": .string(name), "spike_times": .array(times.map { .array($0.map { .number($0) }) }),
      ])
    }
    return .object([
      "kind": .string("gif"), "name": .string(name), "N": .number(Double(N)), "tau_m": .number(tauM), "t_ref": .number(tRef),
      "mu": .number(mu), "V_reset": .number(vReset), "V_th": .number(vTh), "Delta_V": .number(deltaV),
      "lambda_0": .number(lambda0),
      "threshold_kernel": .array(thresholdKernel.map { .object(["J": .number($0.J), "tau": .number($0.tau)]) }),
    ])
  }
}

extension Connection {
  /// `{from, to, J, p, delay, tau_s, stp: {U, U_0, tau_D, tau_F}, plasticity, connectivity}` (each of the last three only when set).
  var configValue: ConfigValue {
    var members: [String: ConfigValue] = [
      "from": .string(from), "to": .string(to), "J": .number(J), "p": .number(p), "delay": .number(delay), "tau_s": .number(tauS),
    ]
    if let stp {
      members["stp"] = .object(["U": .number(stp.U), "U_0": .number(stp.U0), "tau_D": .number(stp.tauD), "tau_F": .number(stp.tauF)])
    }
    if let plasticity { members["plasticity"] = plasticity.configValue }
    if let connectivity { members["connectivity"] = .string(connectivity.rawValue) }
    return .object(members)
  }
}

extension ExternalInput {
  /// `{to, kind: step | pulse | sine, …}` with the kind's own keys.
  var configValue: ConfigValue {
    var members: [String: ConfigValue] = ["to": .string(to)]
    switch kind {
    case .step(let start, let amplitude):
      members.merge(["kind": .string("step"), "start": .number(start), "amplitude": .number(amplitude)]) { $1 }
    case .pulse(let start, let width, let amplitude):
      members.merge(["kind": .string("pulse"), "start": .number(start), "width": .number(width), "amplitude": .number(amplitude)]) { $1 }
    case .sine(let amplitude, let frequency, let phase):
      members.merge(["kind": .string("sine"), "amplitude": .number(amplitude), "frequency": .number(frequency), "phase": .number(phase)]) { $1 }
    }
    return .object(members)
  }
}

extension MesoSettings {
  /// `{variant, spike_count, history: auto | K, hazard}`.
  var configValue: ConfigValue {
    .object([
      "variant": .string(variant.rawValue), "spike_count": .string(spikeCount.rawValue),
      "history": history.map { .number(Double($0)) } ?? .string("auto"), "hazard": .string(hazard.rawValue),
    ])
  }
}

extension MicroSettings {
  /// `{connectivity, threads, record_spikes, record_membrane}`.
  var configValue: ConfigValue {
    .object([
      "connectivity": .string(connectivity.rawValue), "threads": .number(Double(threads)), "record_spikes": .bool(recordSpikes),
      "record_membrane": .array(recordMembrane.map { .number(Double($0)) }),
    ])
  }
}

extension AnalysisSettings {
  /// `{transient, up_down: {smoothing, theta_hi, theta_lo}, population_spikes: {smoothing, threshold}}`;
  /// what is chosen from the data (nil) is left out.
  var configValue: ConfigValue {
    var members = [String: ConfigValue]()
    if let transient { members["transient"] = .number(transient) }
    if let upDown {
      var u: [String: ConfigValue] = ["smoothing": .number(upDown.smoothing)]
      if let hi = upDown.thetaHi { u["theta_hi"] = .number(hi) }
      if let lo = upDown.thetaLo { u["theta_lo"] = .number(lo) }
      members["up_down"] = .object(u)
    }
    if let spikes = populationSpikes {
      var s: [String: ConfigValue] = ["smoothing": .number(spikes.smoothing)]
      if let threshold = spikes.threshold { s["threshold"] = .number(threshold) }
      members["population_spikes"] = .object(s)
    }
    return .object(members)
  }
}

extension Configuration {
  /// The configuration of a network model built in code, validated exactly as a file would be.
  public init(network: NetworkModel) throws(ConfigurationError) { try self.init(document: network.configValue) }

  /// The configuration of a rate model built in code, validated exactly as a file would be.
  public init(rate: RateModelConfiguration) throws(ConfigurationError) { try self.init(document: rate.configValue) }
}
