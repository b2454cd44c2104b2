import Foundation
import MesoConfig
import MesoCore
import MesoIO
import MesoPopulation
import MicroNetwork
import NetworkCore
import PlasticRateNetwork

/// Errors of running a configuration that are neither configuration nor numerical problems.
public struct UnsupportedRun: Error, CustomStringConvertible {
  /// What cannot be run, e.g. "a network configuration needs --level meso or --level micro".
  public var description: String

  /// An unsupported run described by `description`.
  public init(description: String) { self.description = description }
}

/// Simulates a validated configuration: a rate model by its integrator, a network model by the
/// engine of `level` (required for networks, ignored for rate models), refusing before any allocation a
/// run that needs more than `memoryLimit` (see `resources(_:level:)`). `progress` receives the fraction
/// simulated; `built`, when given, is called once the engine is built and before its first step
/// (`mesopop bench` times the two phases apart). Throws ``UnsupportedRun`` for a network without a level.
public func simulate(
  _ configuration: Configuration, level: SimulationLevel?, seed: UInt64, memoryLimit: MemoryLimit = .machine(),
  progress: ((Double) throws -> Void)? = nil, built: (() -> Void)? = nil
) throws -> Recording {
  switch configuration.model {
  case .rate(let rate):
    built?()
    return try rate.model.simulate(rate.simulation, seed: seed, memoryLimit: memoryLimit, progress: progress)
  case .doubleWell:
    throw UnsupportedRun(description: "a double_well_attractor configuration has no time series: `mesopop run` writes its capacity arrays")
  case .stdpMemory:
    throw UnsupportedRun(description: "an stdp_memory configuration has no time series: `mesopop run` writes its theory arrays")
  case .plasticRateNetwork(let plastic):
    // Parameters were validated when the configuration was read; J, A and the recording must fit.
    try resources(configuration, level: nil).check(against: memoryLimit)
    let network = PlasticNetwork(plastic.parameters, seed: seed)
    built?()
    return try network.run(plastic.simulation, progress: progress)
  case .network(let model):
    guard let level else {
      throw UnsupportedRun(description: "a network configuration needs --level meso or --level micro")
    }
    return try simulate(model: model, level: level, seed: seed, memoryLimit: memoryLimit, progress: progress, built: built)
  }
}

/// Simulates a network model built in code with the engine of `level`, from the master `seed`:
/// the same run as `mesopop run --level` on the configuration `NetworkModel.configValue`
/// describes, refusing a run that needs more than `memoryLimit`. Throws the model's first
/// `ParameterError` before anything is allocated, or a `NumericalFailure` with the time of a
/// numerical failure. `built` is called between the engine's construction and its first step.
public func simulate(
  model: NetworkModel, level: SimulationLevel, seed: UInt64, memoryLimit: MemoryLimit = .machine(),
  progress: ((Double) throws -> Void)? = nil, built: (() -> Void)? = nil
) throws -> Recording {
  let network = try DiscreteNetwork(model)
  switch level {
  case .meso:
    // Population equations of Schwalger, Deger & Gerstner (2017); <doc:PopulationEquations>.
    var engine = try MesoscopicSimulator(network: network, seed: seed, memoryLimit: memoryLimit)
    built?()
    return try engine.run(progress: progress)
  case .micro:
    // Every neuron and synapse (<doc:MicroscopicModel>); refuses, before allocating, a network it cannot build.
    var engine = try MicroscopicSimulator(network: network, seed: seed, memoryLimit: memoryLimit)
    built?()
    return try engine.run(progress: progress)
  }
}

/// The `meta` entry of every output file (a JSON object): resolved configuration, seed, level,
/// version, units of every array, wall time.
public struct OutputMeta {
  /// The JSON text stored as the `meta` array of the output.
  public var json: String

  /// Meta of a run of a configuration file (stores the resolved document with its seed).
  public init(
    configuration: Configuration, seed: UInt64, level: String, recording: Recording, wallTime: Double, cpuTime: Double? = nil
  ) {
    self.init(
      config: configuration.resolvedDocument(seed: seed), seed: seed, level: level, recording: recording, wallTime: wallTime,
      cpuTime: cpuTime, duration: configuration.simulatedTime, timeUnit: configuration.timeUnit)
  }

  /// Meta of any run; `config` describes the model (best a configuration, e.g. `NetworkModel.configValue`,
  /// so that `mesopop run` on it repeats the run); `cpuTime` (s) and `duration` (simulated, in
  /// `timeUnit`) are stored when given.
  public init(
    config: ConfigValue, seed: UInt64, level: String, recording: Recording, wallTime: Double, cpuTime: Double? = nil,
    duration: Double? = nil, timeUnit: String = "s"
  ) {
    var units: [String: ConfigValue] = ["t": .string(timeUnit)]
    for trace in recording.traces + recording.events + recording.records { units[trace.name] = .string(trace.unit) }
    var members: [String: ConfigValue] = [
      "config": config,
      "seed": ConfigValue(seed: seed),
      "level": .string(level),
      "mesopop_version": .string(mesoPopVersion),
      "units": .object(units),
      "wall_time_s": .number(wallTime),
      "created": .string(ISO8601DateFormatter().string(from: Date())),
    ]
    if let cpuTime { members["cpu_s"] = .number(cpuTime) }
    if let duration { members["duration_s"] = .number(duration) }
    json = ConfigValue.object(members).jsonString()
  }
}
