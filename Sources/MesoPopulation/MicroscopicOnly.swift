import MesoCore

/// The mesoscopic engine refuses what only the microscopic engine simulates: long-term plasticity
/// (no population equations for weights that change per synapse) and given spike trains.
func refuseMicroscopicOnly(_ model: NetworkModel) throws(ParameterError) {
  for (c, connection) in model.connections.enumerated() {
    if let rule = connection.plasticity {
      throw ParameterError(
        path: "connections[\(c)].plasticity", value: "\"\(rule.kind.rawValue)\"",
        requirement: "be absent for the mesoscopic engine (no population equations exist for per-synapse long-term plasticity; use --level micro)")
    }
  }
  for (i, p) in model.populations.enumerated() {
    if case .spikeTrain = p.kind {
      throw ParameterError(
        path: "populations[\(i)].kind", value: "\"spike_train\"",
        requirement: "be gif or poisson for the mesoscopic engine (given spike trains have no population equation; use --level micro)")
    }
  }
}
