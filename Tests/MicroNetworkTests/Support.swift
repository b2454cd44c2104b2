import Foundation
import MesoCore
import MicroNetwork
import NetworkCore

/// A GIF population with the uncoupled-test defaults of the issue (μ = 12 mV, u_th = 10 mV,
/// ΔV = 2 mV, c = 10 Hz, τ_m = 20 ms, t_ref = 4 ms, u_r = 0).
func gif(
  _ name: String, N: Int, mu: Double = 12, tRef: Double = 0.004, vTh: Double = 10, deltaV: Double = 2,
  lambda0: Double = 10, tauM: Double = 0.02, kernel: [ThresholdKernelComponent] = []
) -> Population {
  Population(
    name: name, N: N, tauM: tauM, tRef: tRef, mu: mu, vReset: 0, vTh: vTh, deltaV: deltaV, lambda0: lambda0,
    thresholdKernel: kernel)
}

/// A network model on the grid dt = 0.5 ms unless told otherwise.
func model(
  _ populations: [Population], _ connections: [Connection] = [], inputs: [ExternalInput] = [], duration: Double,
  dt: Double = 0.0005, recordBin: Double? = nil, micro: MicroSettings = MicroSettings()
) -> NetworkModel {
  NetworkModel(
    simulation: SimulationSettings(dt: dt, duration: duration, seed: nil, recordBin: recordBin ?? dt),
    populations: populations, connections: connections, inputs: inputs, micro: micro)
}

/// Runs the microscopic engine.
func simulate(_ m: NetworkModel, seed: UInt64) throws -> Recording {
  var engine = try MicroscopicSimulator(model: m, seed: seed)
  return try engine.run(progress: nil)
}

/// Spike steps of every neuron (global ids) from the `spike_times` / `spike_ids` events.
func spikeSteps(_ r: Recording, neurons: Int, dt: Double) -> [[Int]] {
  var trains = Array(repeating: [Int](), count: neurons)
  let times = r["spike_times"]!.values, ids = r["spike_ids"]!.values
  for k in times.indices { trains[Int(ids[k])].append(Int((times[k] / dt).rounded())) }
  return trains
}

/// Mean and standard error of the mean.
func meanAndError(_ x: [Double]) -> (mean: Double, error: Double) {
  let n = Double(x.count)
  let mean = x.reduce(0, +) / n
  let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
  return (mean, (variance / n).squareRoot())
}

/// Upper quantile of the χ² distribution with `df` degrees of freedom at standard-normal quantile z
/// (Wilson–Hilferty; accurate to < 1 % for df ≥ 10).
func chiSquareQuantile(df: Int, z: Double) -> Double {
  let d = Double(df), a = 2 / (9 * d)
  return d * pow(1 - a + z * a.squareRoot(), 3)
}
