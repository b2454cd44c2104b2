import MesoCore

extension Configuration {
  /// The master seed given in the file, if any.
  public var seed: UInt64? {
    switch model {
    case .network(let n): n.simulation.seed
    case .rate(let r): r.seed
    case .plasticRateNetwork(let r): r.seed
    }
  }

  /// Unit of the time axis: s, or `tau` (neuronal time constants) for the dimensionless plastic network.
  public var timeUnit: String {
    if case .plasticRateNetwork = model { return "tau" }
    return "s"
  }

  /// Simulated time (s; neuronal time constants for the plastic network).
  public var simulatedTime: Double {
    switch model {
    case .network(let n): n.simulation.duration
    case .rate(let r): r.simulation.duration
    case .plasticRateNetwork(let r): r.simulation.duration
    }
  }

  /// "network model (2 populations)", "rate model wilson_cowan".
  public var kindDescription: String {
    switch model {
    case .network(let n): "network model (\(n.populations.count) population\(n.populations.count == 1 ? "" : "s"))"
    case .plasticRateNetwork(let r): "plastic rate network (N = \(r.parameters.N))"
    case .rate: "rate model " + (document.member("model").flatMap { if case .string(let s) = $0 { s } else { nil } } ?? "")
    }
  }

  /// The resolved document with the effective master seed filled in (what output files store).
  public func resolvedDocument(seed: UInt64) -> ConfigValue {
    var resolved = document
    try? ConfigDocument.apply(override: "simulation.seed=\(seed)", to: &resolved)
    return resolved
  }
}

extension ConfigValue {
  /// The member `key` of a mapping, or nil.
  public func member(_ key: String) -> ConfigValue? {
    if case .object(let m) = self { return m[key] }
    return nil
  }
}
