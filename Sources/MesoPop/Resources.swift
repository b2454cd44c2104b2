import DoubleWellAttractor
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
  case .plasticRateNetwork(let plastic):
    // J and A (N × N doubles each) and the state vectors; the recorded traces are O(N) per sample.
    var budget = ResourceBudget()
    let N = plastic.parameters.N
    budget.add("J and A of \(N) × \(N) doubles", key: "parameters.N", count: plastic.parameters.memoryBytes ?? .max, bytesEach: 1)
    // Samples every record_interval (and t = 0): x of the recorded units, speed, PR_A, g, plastic.
    let settings = plastic.simulation
    let samples = try ResourceBudget.count(settings.duration / settings.recordInterval + 1, of: "samples", key: "simulation.duration", value: settings.duration)
    budget.addRecording(bins: samples, columns: settings.recordedUnits + 4)
    return budget
  case .stdpMemory:
    // The theory needs O(episodes) numbers; the network simulation budgets its own arrays.
    return ResourceBudget()
  case .doubleWell(let doubleWell):
    // The parameter sets of a sweep run one after another: the largest synaptic matrix and pattern
    // buffer count (none for theory only, `simulation.simulate: false`).
    guard doubleWell.simulate else { return ResourceBudget() }
    return doubleWell.networks.map { AttractorNetwork.resources($0, protocol: doubleWell.capacityProtocol(for: $0)) }
      .max { $0.totalBytes < $1.totalBytes } ?? ResourceBudget()
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
