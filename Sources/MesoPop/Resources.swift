import MesoConfig
import MesoCore
import MesoPopulation
import MicroNetwork
import NetworkCore

/// Everything a run of `configuration` would allocate, by key (`ResourceBudget`), with every check
/// that building its engine makes (counts of steps, bins and delays that fit, engine-only bounds),
/// without allocating anything. Rate models need no `level`; networks need one. `mesopop validate`
/// checks this budget against the same `MemoryLimit` as `mesopop run`, so both refuse the same runs.
public func resources(_ configuration: Configuration, level: SimulationLevel?) throws -> ResourceBudget {
  switch configuration.model {
  case .rate(let rate):
    return try rate.simulation.resources(dimension: rate.model.dimension)
  case .network(let model):
    guard let level else {
      throw UnsupportedRun(description: "a network configuration needs --level meso or --level micro")
    }
    let network = try DiscreteNetwork(model)
    switch level {
    case .meso: return try MesoscopicSimulator.resources(network)
    case .micro: return try MicroscopicSimulator.resources(network)
    }
  }
}
