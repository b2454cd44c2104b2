import MesoCore
import MesoPopulation
import NetworkCore
import Testing

/// The mesoscopic engine has no population equations for LIF neurons: it refuses them, before
/// allocating anything, naming the key and saying why.
@Test func mesoscopicEngineRefusesLIFPopulations() throws {
  let gif = Population(name: "G", N: 10, tauM: 0.02, tRef: 0.002, mu: 12, vReset: 0, vTh: 10, deltaV: 2, lambda0: 10)
  for lif in [Population.lif(name: "L", N: 10), .lifCond(name: "L", N: 10)] {
    let network = try DiscreteNetwork(
      NetworkModel(simulation: SimulationSettings(dt: 0.001, duration: 0.1, recordBin: 0.001), populations: [gif, lif]))
    let error = try #require(throws: ParameterError.self) { try MesoscopicSimulator.resources(network) }
    #expect(error.path == "populations[1].neuron" && error.value == lif.neuronName)
    #expect(error.requirement.contains("population equations exist for escape-noise GIF neurons only"))
    #expect(throws: ParameterError.self) { try MesoscopicSimulator(network: network, seed: 1, memoryLimit: .machine()) }
  }
}
