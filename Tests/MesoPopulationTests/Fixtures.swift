import MesoCore
import MesoPopulation
import MicroNetwork
import NetworkCore

/// GIF population of Validation article: τ_m = 20 ms, t_ref = 4 ms, c = 10 Hz, u_r = 0.
func gifPopulation(
  _ name: String = "P", N: Int = 500, mu: Double = 12, threshold: Double = 10, deltaV: Double = 2,
  kernel: [ThresholdKernelComponent] = []
) -> Population {
  Population(
    name: name, N: N, tauM: 0.02, tRef: 0.004, mu: mu, vReset: 0, vTh: threshold, deltaV: deltaV, lambda0: 10,
    thresholdKernel: kernel)
}

/// A network on the grid Δt = 0.5 ms with bins of `bin` seconds.
func discreteNetwork(
  _ populations: [Population], connections: [Connection] = [], inputs: [ExternalInput] = [],
  duration: Double, bin: Double = 0.001, meso: MesoSettings = MesoSettings()
) throws -> DiscreteNetwork {
  try DiscreteNetwork(
    NetworkModel(
      simulation: SimulationSettings(dt: 0.0005, duration: duration, recordBin: bin), populations: populations,
      connections: connections, inputs: inputs, meso: meso))
}

/// Mean and standard error of the mean of a series from `batches` consecutive batch means
/// (batches much longer than the correlation time are nearly independent).
func batchMean(_ x: ArraySlice<Double>, batches: Int = 20) -> (mean: Double, standardError: Double) {
  let size = x.count / batches
  let means = (0..<batches).map { b in x.dropFirst(b * size).prefix(size).reduce(0, +) / Double(size) }
  let mean = means.reduce(0, +) / Double(batches)
  let variance = means.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(batches - 1)
  return (mean, (variance / Double(batches)).squareRoot())
}

/// One run of either engine.
func simulate(_ network: DiscreteNetwork, level: SimulationLevel, seed: UInt64) throws -> Recording {
  switch level {
  case .micro:
    var engine = try MicroscopicSimulator(network: network, seed: seed)
    return try engine.run(progress: nil)
  case .meso:
    var engine = try MesoscopicSimulator(network: network, seed: seed)
    return try engine.run(progress: nil)
  }
}
