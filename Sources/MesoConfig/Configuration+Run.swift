import MesoCore

extension Configuration {
  /// The master seed given in the file, if any.
  public var seed: UInt64? {
    switch model {
    case .network(let n): n.simulation.seed
    case .rate(let r): r.seed
    case .doubleWell(let d): d.seed
    case .plasticRateNetwork(let r): r.seed
    case .stdpMemory(let s): s.parameters.simulation.seed
    }
  }

  /// Unit of the time axis: s, or `tau` (neuronal time constants) for the dimensionless plastic network.
  public var timeUnit: String {
    switch model {
    case .plasticRateNetwork, .stdpMemory: return "tau"
    default: break
    }
    return "s"
  }

  /// Simulated time (s; neuronal time constants for the plastic network).
  public var simulatedTime: Double {
    switch model {
    case .network(let n): n.simulation.duration
    case .rate(let r): r.simulation.duration
    case .doubleWell: 0
    case .plasticRateNetwork(let r): r.simulation.duration
    case .stdpMemory(let s): Double(s.parameters.training.episodes) * s.parameters.training.T
    }
  }

  /// "network model (2 populations)", "rate model wilson_cowan".
  public var kindDescription: String {
    switch model {
    case .network(let n): "network model (\(n.populations.count) population\(n.populations.count == 1 ? "" : "s"))"
    case .doubleWell(let d): "double-well attractor network (\(d.networks.count) parameter set\(d.networks.count == 1 ? "" : "s"))"
    case .plasticRateNetwork(let r): "plastic rate network (N = \(r.parameters.N))"
    case .stdpMemory(let s): "STDP memory network (\(s.parameters.training.episodes) episodes)"
    case .rate: "rate model " + (document.member("model").flatMap { if case .string(let s) = $0 { s } else { nil } } ?? "")
    }
  }

  /// The resolved document with the effective master seed filled in (what output files store).
  public func resolvedDocument(seed: UInt64) -> ConfigValue { document.settingSeed(seed) }
}

extension ConfigValue {
  /// A master seed as a configuration stores it exactly: a number below 2^53, a decimal string above.
  public init(seed: UInt64) { self = seed < 1 << 53 ? .number(Double(seed)) : .string(String(seed)) }

  /// The document with `simulation.seed` set to `seed` (the mapping `simulation` created if absent).
  public func settingSeed(_ seed: UInt64) -> ConfigValue {
    guard case .object(var members) = self else { return self }
    var simulation: [String: ConfigValue] = [:]
    if case .object(let existing)? = members["simulation"] { simulation = existing }
    simulation["seed"] = ConfigValue(seed: seed)
    members["simulation"] = .object(simulation)
    return .object(members)
  }

  /// The member `key` of a mapping, or nil.
  public func member(_ key: String) -> ConfigValue? {
    if case .object(let m) = self { return m[key] }
    return nil
  }
}
