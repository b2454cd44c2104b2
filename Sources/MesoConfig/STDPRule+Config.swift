import MesoCore

extension STDPRule {
  /// Reads `connections[].plasticity` (keys in the ConfigurationReference article).
  init?(reading r: ObjectReader) {
    defer { r.finish() }
    guard let kind = Kind(rawValue: r.string("rule", choices: Kind.allCases.map(\.rawValue))) else { return nil }
    let pairing = Pairing(rawValue: r.string("pairing", default: Pairing.allToAll.rawValue, choices: Pairing.allCases.map(\.rawValue)))
    let d = STDPRule(kind: kind, wMax: 0)
    let record = r.object("record").map(WeightRecording.init(reading:)) ?? WeightRecording()
    let wInit = r.object("w_init").flatMap(WeightDistribution.init(reading:))
    let tauPlus = r.number("tau_plus", .time, default: d.tauPlus), tauMinus = r.number("tau_minus", .time, default: d.tauMinus)
    let wMax = r.number("w_max", .potential), wMin = r.number("w_min", .potential, default: 0)
    switch kind {
    case .pair:
      let mu = r.raw("mu").map { _ in r.number("mu") }
      self.init(
        kind: kind, pairing: pairing ?? .allToAll, tauPlus: tauPlus, tauMinus: tauMinus, lambda: r.number("lambda", default: d.lambda),
        alpha: r.number("alpha", default: d.alpha), muPlus: r.number("mu_plus", default: mu ?? d.muPlus),
        muMinus: r.number("mu_minus", default: mu ?? d.muMinus), wMax: wMax, wMin: wMin, record: record)
      self.wInit = wInit
    case .triplet:
      self.init(
        kind: kind, pairing: pairing ?? .allToAll, tauPlus: tauPlus, tauMinus: tauMinus, tauX: r.number("tau_x", .time, default: d.tauX),
        tauY: r.number("tau_y", .time, default: d.tauY), a2Plus: r.number("A2_plus", .potential, default: d.a2Plus),
        a3Plus: r.number("A3_plus", .potential, default: d.a3Plus), a2Minus: r.number("A2_minus", .potential, default: d.a2Minus),
        a3Minus: r.number("A3_minus", .potential, default: d.a3Minus), wMax: wMax, wMin: wMin, record: record)
      self.wInit = wInit
    }
  }

  /// `{rule, pairing, tau_plus, tau_minus, …, w_max, w_min, record}` with the rule's own keys.
  var configValue: ConfigValue {
    var members: [String: ConfigValue] = [
      "rule": .string(kind.rawValue), "pairing": .string(pairing.rawValue), "tau_plus": .number(tauPlus), "tau_minus": .number(tauMinus),
      "w_max": .number(wMax), "w_min": .number(wMin), "record": record.configValue,
    ]
    if let wInit { members["w_init"] = wInit.configValue }
    switch kind {
    case .pair:
      members.merge(["lambda": .number(lambda), "alpha": .number(alpha), "mu_plus": .number(muPlus), "mu_minus": .number(muMinus)]) { $1 }
    case .triplet:
      members.merge([
        "tau_x": .number(tauX), "tau_y": .number(tauY), "A2_plus": .number(a2Plus), "A3_plus": .number(a3Plus),
        "A2_minus": .number(a2Minus), "A3_minus": .number(a3Minus),
      ]) { $1 }
    }
    return .object(members)
  }
}

extension WeightDistribution {
  /// Reads `connections[].plasticity.w_init`: `{distribution: uniform, low, high}` or
  /// `{distribution: normal, mean, std}` (mV).
  init?(reading r: ObjectReader) {
    defer { r.finish() }
    switch r.string("distribution", choices: ["uniform", "normal"]) {
    case "uniform": self = .uniform(low: r.number("low", .potential), high: r.number("high", .potential))
    case "normal": self = .normal(mean: r.number("mean", .potential), std: r.number("std", .potential))
    default: return nil
    }
  }

  var configValue: ConfigValue {
    switch self {
    case .uniform(let low, let high): .object(["distribution": .string("uniform"), "low": .number(low), "high": .number(high)])
    case .normal(let mean, let std): .object(["distribution": .string("normal"), "mean": .number(mean), "std": .number(std)])
    }
  }
}

extension WeightRecording {
  /// Reads `connections[].plasticity.record`.
  init(reading r: ObjectReader) {
    defer { r.finish() }
    let d = WeightRecording()
    self.init(
      statistics: r.bool("statistics", default: d.statistics), histogramBins: r.integer("histogram_bins", default: d.histogramBins, minimum: 1),
      samples: r.integer("samples", default: d.samples, minimum: 0), final: r.bool("final", default: d.final),
      every: r.raw("every").map { _ in r.number("every", .time) })
  }

  var configValue: ConfigValue {
    var members: [String: ConfigValue] = [
      "statistics": .bool(statistics), "histogram_bins": .number(Double(histogramBins)), "samples": .number(Double(samples)),
      "final": .bool(final),
    ]
    if let every { members["every"] = .number(every) }
    return .object(members)
  }
}

extension ObjectReader {
  /// true or false; `default` when absent.
  func bool(_ key: String, default fallback: Bool) -> Bool {
    switch raw(key) {
    case nil: return fallback
    case .bool(let b)?: return b
    case let other?:
      diagnostics.report(keyPath(key), other.rendered, "be true or false")
      return fallback
    }
  }

  /// A `spike_train` population's `spike_times`: one list of times (s) per neuron.
  func spikeTimes(_ key: String) -> [[Double]] {
    guard let rows = list(key, required: true) else { return [] }
    return rows.map { numbers($0.value, at: $0.path, .time) }
  }
}
